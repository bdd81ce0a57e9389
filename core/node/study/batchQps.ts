import { availableParallelism } from 'node:os';
import { codecToState, type CodecState } from '../../common/quantize/codecState.js';
import type { EncodedVectors } from '../../common/quantize/codec.js';
import {
  MAX_SEARCH_SLOTS,
  searchIndexFor,
  type GraphSearchLayout,
} from '../../common/search/graphSearchIndex.js';
import type { SearchParts, SearchSettings } from '../../common/search/pipelineSearcher.js';
import type { BatchQps } from '../../common/study/studyTypes.js';
import type { Matrix } from '../../common/types.js';
import { toShared } from '../pool/toShared.js';
import { WorkerPool } from '../pool/workerPool.js';

/** One worker's share of a batch-QPS run (plain data, structured-cloned). */
export interface SearchTask {
  parts: {
    codec: CodecState;
    encoded: EncodedVectors;
    secondary?: { codec: CodecState; encoded: EncodedVectors };
  };
  /** The main thread's WebAssembly indexes (primary codes, re-ranking codes); worker w uses slot w + 1. */
  index: { memory: WebAssembly.Memory; layout: GraphSearchLayout };
  secondaryIndex?: { memory: WebAssembly.Memory; layout: GraphSearchLayout };
  slot: number;
  primary: Matrix;
  original: Matrix;
  settings: SearchSettings;
  range: [number, number];
  barrier: Int32Array;
  workers: number;
  /** Where each worker writes its queries' ids (nq × k, shared). */
  ids: Int32Array;
}

/**
 * Searches every query across worker threads, for the ids and the batch throughput: every worker binds a searcher to the pipeline's shared
 * WebAssembly index (and re-ranking codes), waits at a barrier, then runs its contiguous share of the queries
 * single-threaded; QPS = queries / (last end − first start). Each call starts and ends its own pool.
 */
export function createBatchQps(threads: number = availableParallelism()): BatchQps {
  return async (parts: SearchParts, primary: Matrix, original: Matrix, settings: SearchSettings) => {
    const workers = Math.max(1, Math.min(threads, primary.n, MAX_SEARCH_SLOTS - 1));
    const pool = new WorkerPool(new URL('./searchWorker.js', import.meta.url), workers);
    try {
      // Codes and graph are not sent: workers search the shared WebAssembly index in their own slots.
      const index = searchIndexFor(parts.codec, parts.encoded, parts.graph);
      const noCodes = { n: parts.encoded.n, dim: parts.encoded.dim, codes: new Uint8Array(0) };
      // RaBitQ's per-row factors (8 bytes a row) go along: its error bound sizes the re-ranking.
      const { scale, bias } = parts.encoded;
      const factors = parts.codec.rerankDepth && scale && bias ? { scale, bias } : {};
      const shared: SearchTask['parts'] = {
        codec: codecToState(parts.codec),
        encoded: { ...noCodes, ...factors },
      };
      const secondaryIndex = parts.secondary
        ? searchIndexFor(parts.secondary.codec, parts.secondary.encoded)
        : undefined;
      if (parts.secondary)
        shared.secondary = {
          codec: codecToState(parts.secondary.codec),
          encoded: { ...noCodes, dim: parts.secondary.encoded.dim },
        };
      index.ensureSlots(workers + 1);
      secondaryIndex?.ensureSlots(workers + 1);
      const p = toShared(primary);
      const o = toShared(original);
      const barrier = new Int32Array(new SharedArrayBuffer(4));
      const ids = new Int32Array(new SharedArrayBuffer(primary.n * settings.k * 4));
      const nq = primary.n;
      const runs: Promise<{ start: number; end: number }>[] = [];
      for (let w = 0; w < workers; w++) {
        const range: [number, number] = [
          Math.floor((w * nq) / workers),
          Math.floor(((w + 1) * nq) / workers),
        ];
        const task: SearchTask = {
          parts: shared,
          index: { memory: index.memory, layout: index.layout },
          ...(secondaryIndex
            ? { secondaryIndex: { memory: secondaryIndex.memory, layout: secondaryIndex.layout } }
            : {}),
          slot: w + 1,
          primary: p,
          original: o,
          settings,
          range,
          barrier,
          workers,
          ids,
        };
        runs.push(pool.run(task));
      }
      const times = await Promise.all(runs);
      const wall = (Math.max(...times.map((t) => t.end)) - Math.min(...times.map((t) => t.start))) / 1000;
      return { qps: wall > 0 ? nq / wall : Infinity, ids: Int32Array.from(ids) };
    } finally {
      await pool.close();
    }
  };
}
