import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, Index, type Table, type VectorQuery } from '@lancedb/lancedb';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import type { LanceConfig } from '../../common/export/toLanceConfig.js';
import type { Matrix } from '../../common/types.js';
import type { EngineRun } from './verifyTypes.js';

function lanceIndex(c: LanceConfig): Index | undefined {
  const x = c.index;
  if (!x) return undefined;
  const distanceType = c.distanceType;
  switch (x.type) {
    case 'IVF_PQ':
      return Index.ivfPq({
        distanceType,
        numPartitions: x.numPartitions,
        numSubVectors: x.numSubVectors ?? 8,
        numBits: 8,
      });
    case 'IVF_RQ':
      return Index.ivfRq({ distanceType, numPartitions: x.numPartitions, numBits: x.numBits ?? 1 });
    case 'IVF_HNSW_SQ':
      return Index.hnswSq({
        distanceType,
        numPartitions: x.numPartitions,
        m: x.m ?? 16,
        efConstruction: x.efConstruction ?? 100,
      });
    case 'IVF_HNSW_PQ':
      return Index.hnswPq({
        distanceType,
        numPartitions: x.numPartitions,
        numSubVectors: x.numSubVectors ?? 8,
        m: x.m ?? 16,
        efConstruction: x.efConstruction ?? 100,
      });
  }
}

function lanceError(what: string, e: unknown): VecscopeError {
  const m = e instanceof Error ? e.message : String(e);
  return new VecscopeError(`LanceDB: ${what} failed (${(m.split('\n')[0] ?? m).slice(0, 300)})`);
}

/**
 * Builds the LanceDB configuration in a scratch dataset under the system's temporary folder (removed
 * afterwards) and runs the queries there; the user's datasets are never opened for writing.
 */
export async function runLance(
  base: Matrix,
  queries: Matrix,
  c: LanceConfig,
  o: {
    k: number;
    signal?: AbortSignal | undefined;
    onProgress?: ((f: number, stage: string) => void) | undefined;
  },
): Promise<EngineRun> {
  const check = () => {
    if (o.signal?.aborted) throw new CancelledError();
  };
  const dir = await mkdtemp(join(tmpdir(), 'vecscope-lance-'));
  const scratch = `a scratch LanceDB dataset in ${dir} (removed afterwards)`;
  const db = await connect(dir);
  let tbl: Table | undefined;
  try {
    const t0 = performance.now();
    const d = base.dim;
    const BATCH = 5000;
    for (let s = 0; s < base.n; s += BATCH) {
      check();
      const e = Math.min(base.n, s + BATCH);
      const rows = [];
      for (let i = s; i < e; i++)
        rows.push({ id: i, vector: Array.from(base.data.subarray(i * d, (i + 1) * d)) });
      try {
        if (!tbl) tbl = await db.createTable('scratch', rows);
        else await tbl.add(rows);
      } catch (err) {
        throw lanceError('loading the vectors', err);
      }
      o.onProgress?.((0.4 * e) / base.n, `loading ${e} of ${base.n} vectors`);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const index = lanceIndex(c);
    if (index) {
      o.onProgress?.(0.4, `building ${c.index!.type}`);
      try {
        await tbl!.createIndex('vector', { config: index });
      } catch (err) {
        throw lanceError(`building ${c.index!.type}`, err);
      }
    }
    const buildSeconds = (performance.now() - t1) / 1000;
    const ids = new Int32Array(queries.n * o.k).fill(-1);
    const ms = new Float64Array(queries.n);
    const search = (q: number): VectorQuery => {
      let s = tbl!
        .vectorSearch(queries.data.subarray(q * d, (q + 1) * d))
        .distanceType(c.distanceType)
        .limit(o.k)
        .select(['id', '_distance']);
      if (!c.index) s = s.bypassVectorIndex();
      if (c.search.nprobes !== undefined) s = s.nprobes(c.search.nprobes);
      if (c.search.ef !== undefined) s = s.ef(c.search.ef);
      if (c.search.refineFactor !== undefined) s = s.refineFactor(c.search.refineFactor);
      return s;
    };
    for (let q = 0; q < Math.min(10, queries.n); q++) await search(q).toArray();
    for (let q = 0; q < queries.n; q++) {
      if (q % 50 === 0) {
        check();
        o.onProgress?.(0.5 + (0.5 * q) / queries.n, `querying ${q} of ${queries.n}`);
      }
      const t = performance.now();
      let rows: { id: number }[];
      try {
        rows = (await search(q).toArray()) as { id: number }[];
      } catch (err) {
        throw lanceError(`query ${q}`, err);
      }
      ms[q] = performance.now() - t;
      rows.slice(0, o.k).forEach((r, j) => (ids[q * o.k + j] = Number(r.id)));
    }
    return { ids, ms, loadSeconds, buildSeconds, scratch };
  } finally {
    tbl?.close();
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
