// The larger data sets in ../shared/data, for the *.data.test.ts files only (`npm run test:data`, which
// checks that the folder is there before it runs them). `npm test` never reads them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Matrix } from '../../core/common/types.js';
import { repoRoot } from '../../core/node/io/samples.js';

/** `<repository>/../shared/data`, resolved. scripts/run-tests.mjs --data checks the same folder. */
const sharedDataDir = path.resolve(repoRoot(), '..', 'shared', 'data');

/** A path inside ../shared/data. */
export function sharedData(...parts: string[]): string {
  return path.join(sharedDataDir, ...parts);
}

/**
 * n rows of mnist10k's base (784-d, u8 widened to float32) taken at an even stride, with their digit
 * labels. The file is sorted by digit, so a prefix would hold only zeros and ones.
 */
export function loadMnistSubset(n: number): { data: Matrix; labels: Uint8Array } {
  const dir = sharedData('mnist10k');
  const bytes = readFileSync(path.join(dir, 'base.bvecs'));
  const dim = bytes.readInt32LE(0);
  const total = bytes.length / (dim + 4);
  const all = readFileSync(path.join(dir, 'base_labels.u8'));
  const data = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor((i * total) / n);
    const o = r * (dim + 4) + 4;
    for (let j = 0; j < dim; j++) data[i * dim + j] = bytes[o + j]!;
    labels[i] = all[r]!;
  }
  return { data: { data, n, dim }, labels };
}

/** All 10,000 digits of mnist10k (the 9,000 base rows, then the 1,000 queries) with their labels. */
export function loadMnistAll(): { data: Matrix; labels: Uint8Array } {
  const dir = sharedData('mnist10k');
  const parts = [
    ['base.bvecs', 'base_labels.u8'],
    ['query.bvecs', 'query_labels.u8'],
  ].map(([vec, lab]) => ({
    bytes: readFileSync(path.join(dir, vec!)),
    labels: readFileSync(path.join(dir, lab!)),
  }));
  const dim = parts[0]!.bytes.readInt32LE(0);
  const n = parts.reduce((s, p) => s + p.bytes.length / (dim + 4), 0);
  const data = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  let i = 0;
  for (const p of parts) {
    const rows = p.bytes.length / (dim + 4);
    for (let r = 0; r < rows; r++, i++) {
      const o = r * (dim + 4) + 4;
      for (let j = 0; j < dim; j++) data[i * dim + j] = p.bytes[o + j]!;
      labels[i] = p.labels[r]!;
    }
  }
  return { data: { data, n, dim }, labels };
}
