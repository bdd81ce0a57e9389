// A minimal TEXMEX reader for tests (the real loaders live elsewhere): .fvecs / .bvecs / .ivecs hold,
// per row, an int32 dim followed by dim float32 / uint8 / int32 values.
import { readFileSync } from 'node:fs';
import type { Matrix } from '../../core/common/types.js';

function rows(path: string, bytesPer: number, maxRows: number): { buf: Buffer; n: number; dim: number } {
  const buf = readFileSync(path);
  const dim = buf.readInt32LE(0);
  const n = Math.min(maxRows, buf.length / (4 + dim * bytesPer));
  return { buf, n, dim };
}

/** Reads .fvecs (f32) or .bvecs (u8, widened to f32), at most maxRows rows. */
export function readVecs(path: string, maxRows = Infinity): Matrix {
  const bytesPer = path.endsWith('.bvecs') ? 1 : 4;
  const { buf, n, dim } = rows(path, bytesPer, maxRows);
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const o = i * (4 + dim * bytesPer) + 4;
    for (let j = 0; j < dim; j++)
      data[i * dim + j] = bytesPer === 1 ? buf[o + j]! : buf.readFloatLE(o + 4 * j);
  }
  return { data, n, dim };
}

/** Reads .ivecs rows (e.g. ground-truth ids), at most maxRows rows. */
export function readIvecs(path: string, maxRows = Infinity): { ids: Int32Array; n: number; k: number } {
  const { buf, n, dim } = rows(path, 4, maxRows);
  const ids = new Int32Array(n * dim);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dim; j++) ids[i * dim + j] = buf.readInt32LE(i * (4 + dim * 4) + 4 + 4 * j);
  return { ids, n, k: dim };
}
