// Fixtures of the database tests: seeded tables in PGlite and LanceDB, and a hash of a folder's files
// (to show that reading and verifying leave the user's database exactly as it was).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../../core/common/types.js';
import { bruteKnn, recallAt } from './fixtures.js';

/** The text form pgvector reads: `[x,y,…]`. */
export function vectorLiteral(m: Matrix, i: number): string {
  return `[${Array.from(m.data.subarray(i * m.dim, (i + 1) * m.dim)).join(',')}]`;
}

/** A label and a score per row, the metadata the tables carry beside the vectors. */
export function rowMeta(i: number): { label: string; score: number } {
  return { label: `c${i % 5}`, score: i * 0.25 };
}

/** sha1 of every file under a folder, by relative path. */
export function folderHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p, `${rel}${e.name}/`);
      else if (e.isFile()) out.set(rel + e.name, createHash('sha1').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir, '');
  return out;
}

/** recall@k of returned ids (nq × k, −1 padded) against a brute-force search, recomputed from scratch. */
export function recallFromIds(
  ids: readonly number[] | Int32Array,
  base: Matrix,
  queries: Matrix,
  k: number,
  metric: 'l2' | 'ip',
): number {
  const truth = bruteKnn(base, queries, k, metric);
  return recallAt(Int32Array.from(ids), truth, queries.n, k);
}
