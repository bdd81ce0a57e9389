// The data of bench:scale: synthetic sentence-embedding-like sets made from a seed (each child process
// regenerates its own rows instead of receiving 1.5 GB), the real sets from ../shared/data, where the
// exact ground truth is cached, and how a process reads its own peak memory.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  SyntheticEmbeddings,
  type SyntheticEmbeddingOptions,
} from '../core/common/data/syntheticEmbeddings.js';
import { sharedRows } from '../core/common/search/graphMemory.js';
import type { Matrix, Metric } from '../core/common/types.js';
import { loadDataset, loadQueries } from '../core/node/io/loadDataset.js';

/** A data set a child process can rebuild from plain JSON. */
export type SetSpec =
  | ({ kind: 'synthetic'; n: number; nq: number } & Required<Pick<SyntheticEmbeddingOptions, 'dim'>> &
      Omit<SyntheticEmbeddingOptions, 'dim'>)
  | { kind: 'wordnet' | 'fashion'; nq: number };

export const SHARED_DATA = resolve('../shared/data');

const REAL = {
  wordnet: {
    label: 'wordnet-use512 (OOD headword queries)',
    base: 'wordnet-use512/base.fvecs',
    queries: 'wordnet-use512/query_ood_lemma.fvecs',
  },
  fashion: {
    label: 'fashion-mnist',
    base: 'fashion-mnist/train-images-idx3-ubyte.gz',
    queries: 'fashion-mnist/t10k-images-idx3-ubyte.gz',
  },
} as const;

/** Whether a real set's files are there (the bench skips it with a note otherwise). */
export function realSetPresent(kind: 'wordnet' | 'fashion'): boolean {
  return existsSync(join(SHARED_DATA, REAL[kind].base)) && existsSync(join(SHARED_DATA, REAL[kind].queries));
}

export function setLabel(spec: SetSpec): string {
  return spec.kind === 'synthetic' ? `synthetic ${spec.dim}-d` : REAL[spec.kind].label;
}

/** A name that changes whenever the rows or the queries would (truth files are keyed by it). */
export function setKey(spec: SetSpec): string {
  if (spec.kind !== 'synthetic') return `${spec.kind}-nq${spec.nq}`;
  const { kind: _k, n, nq, ...opts } = spec;
  return `${new SyntheticEmbeddings(opts).key()}-n${n}-nq${nq}`;
}

/**
 * The base rows and the queries of a set. `shared` puts the rows in a SharedArrayBuffer (the engine's
 * worker threads read them without a copy); the native peers need an ordinary buffer. Synthetic rows
 * are written straight into one preallocated array.
 */
export async function loadSet(spec: SetSpec, shared: boolean): Promise<{ base: Matrix; queries: Matrix }> {
  if (spec.kind === 'synthetic') {
    const { kind: _k, n, nq, ...opts } = spec;
    const gen = new SyntheticEmbeddings(opts);
    const alloc = (rows: number) =>
      shared
        ? new Float32Array(new SharedArrayBuffer(rows * spec.dim * 4))
        : new Float32Array(rows * spec.dim);
    // The base as the loaders allocate it (resident: indexes search it in place).
    const base = shared ? sharedRows(n * spec.dim) : alloc(n);
    gen.fill(base, 'base', 0, n);
    const queries = alloc(nq);
    gen.fill(queries, 'queries', 0, nq);
    return { base: { data: base, n, dim: spec.dim }, queries: { data: queries, n: nq, dim: spec.dim } };
  }
  const files = REAL[spec.kind];
  const base = (await loadDataset(join(SHARED_DATA, files.base))).vectors;
  const all = await loadQueries(join(SHARED_DATA, files.queries), base);
  const nq = Math.min(spec.nq, all.n);
  const queries = { data: all.data.subarray(0, nq * all.dim), n: nq, dim: all.dim };
  if (shared) return { base, queries };
  return {
    base: { data: new Float32Array(base.data), n: base.n, dim: base.dim },
    queries: { data: new Float32Array(queries.data), n: nq, dim: all.dim },
  };
}

/** Where the exact k-NN of a set is cached (tmp/ is ignored by git). */
export function truthPath(spec: SetSpec, metric: Metric, k: number): string {
  return resolve('tmp', 'scale-truth', `${setKey(spec)}-${metric}-k${k}.ivecs`);
}

/** This process's resident-set high-water mark in bytes (Linux VmHWM; else Node's maxRSS). */
export function peakRssBytes(): number {
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** This process's resident set now, in bytes. */
export function rssBytes(): number {
  return process.memoryUsage.rss();
}
