import { resolve } from 'node:path';
import type { Matrix } from '../core/common/types.js';
import { loadDataset } from '../core/node/io/loadDataset.js';

/** The first `n` Fashion-MNIST training images (784-d) and their class labels, through the engine's IDX loader. */
export async function loadFashionTrain(n = Infinity): Promise<{ data: Matrix; labels: Uint8Array }> {
  const dir = resolve('../shared/data/fashion-mnist');
  const images = (await loadDataset(`${dir}/train-images-idx3-ubyte.gz`)).vectors;
  const classes = (await loadDataset(`${dir}/train-labels-idx1-ubyte.gz`)).vectors;
  const rows = Math.min(n, images.n);
  return {
    data: { data: images.data.subarray(0, rows * images.dim), n: rows, dim: images.dim },
    labels: Uint8Array.from(classes.data.subarray(0, rows)),
  };
}
