import { readFileSync } from 'node:fs';
import type { Matrix } from '../../core/common/types.js';

// Private TEXMEX readers for the tests (the app's loaders live in core/node/io).

/** Reads an .fvecs file, optionally only its first maxRows rows. */
export function readFvecs(path: string, maxRows = Infinity): Matrix {
  const buf = readFileSync(path);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dim = dv.getInt32(0, true);
  const n = Math.min(buf.byteLength / (4 * (dim + 1)), maxRows);
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dim; j++) data[i * dim + j] = dv.getFloat32(4 * (i * (dim + 1) + 1 + j), true);
  return { data, n, dim };
}

/** Reads an .ivecs file as rows of ids. */
export function readIvecs(path: string): { ids: Int32Array; n: number; k: number } {
  const buf = readFileSync(path);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const k = dv.getInt32(0, true);
  const n = buf.byteLength / (4 * (k + 1));
  const ids = new Int32Array(n * k);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) ids[i * k + j] = dv.getInt32(4 * (i * (k + 1) + 1 + j), true);
  return { ids, n, k };
}
