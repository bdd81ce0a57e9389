// The built-in sample (sample/: 10,000 WordNet definitions, 512-d, with OOD and ID queries and exact ip
// ground truth), read synchronously for tests that need real embeddings on a bare clone.
import { readFileSync } from 'node:fs';
import { parseNpy } from '../../core/common/io/npy.js';
import type { Matrix } from '../../core/common/types.js';
import { samplePaths } from '../../core/node/io/samples.js';
import { readIvecs } from './vecsFiles.js';

let cachedBase: Matrix | undefined;
let cachedLabels: Uint8Array | undefined;

function readNpy(path: string): Matrix {
  return parseNpy(readFileSync(path), path).matrix;
}

/** The sample's 10,000 × 512 base (float16 widened to float32). */
export function sampleBase(): Matrix {
  cachedBase ??= readNpy(samplePaths().base);
  return cachedBase;
}

/** Each base row's WordNet lexical class (`lexname`, 45 classes) as a code in order of first appearance. */
function sampleLabels(): Uint8Array {
  if (cachedLabels) return cachedLabels;
  const lines = readFileSync(samplePaths().metadata, 'utf8').trimEnd().split('\n');
  const col = lines[0]!.split('\t').indexOf('lexname');
  const codes = new Map<string, number>();
  cachedLabels = Uint8Array.from(lines.slice(1), (line) => {
    const name = line.split('\t')[col]!;
    if (!codes.has(name)) codes.set(name, codes.size);
    return codes.get(name)!;
  });
  return cachedLabels;
}

/** The sample's queries: 'ood' (1,000 headwords) or 'id' (1,000 held-out definitions). */
export function sampleQueries(set: 'ood' | 'id'): Matrix {
  const s = samplePaths();
  return readNpy(set === 'ood' ? s.queryOod : s.queryId);
}

/** The shipped exact inner-product top-100 of a query set against the base. */
export function sampleTruth(set: 'ood' | 'id'): { ids: Int32Array; n: number; k: number } {
  const s = samplePaths();
  return readIvecs(set === 'ood' ? s.groundTruthOod : s.groundTruthId);
}

/**
 * n base rows taken at an even stride, with their lexical classes. The file starts with the 1,000 OOD
 * queries' own definitions, so a stride spreads the subset over the whole base.
 */
export function sampleSubset(n: number): { data: Matrix; labels: Uint8Array } {
  const base = sampleBase();
  const all = sampleLabels();
  const { dim } = base;
  const data = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor((i * base.n) / n);
    data.set(base.data.subarray(r * dim, (r + 1) * dim), i * dim);
    labels[i] = all[r]!;
  }
  return { data: { data, n, dim }, labels };
}
