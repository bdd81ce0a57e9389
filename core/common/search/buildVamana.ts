import { CancelledError } from '../errors.js';
import type { CodeMetric } from '../quantize/codec.js';
import { createRng } from '../quantize/rng.js';
import type { Matrix } from '../types.js';
import { VamanaBuildCore, medoidOf, type VamanaBuildShared } from './vamanaBuildCore.js';
import type { VamanaGraph } from './vamanaGraph.js';

export { medoidOf };

export interface VamanaBuildOptions {
  /** Maximum out-degree (default 32). */
  R?: number;
  /** Build window (default 100). */
  L?: number;
  /** Pruning factor of the second pass (default 1.2 for l2, 0.95 for ip). */
  alpha?: number;
  seed?: number;
  /** Largest candidate pool per prune (SVS: 750). */
  maxPool?: number;
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
}

/**
 * Runs the two phases of a batch on some threads (core/node provides one over worker threads). The
 * executor reads and writes the shared state it was prepared with.
 */
export interface VamanaBuildExecutor {
  /** Threads it runs on; batches hold 16 nodes per thread. */
  readonly threads: number;
  /** Allocates an Int32Array the threads can all see (a SharedArrayBuffer for workers). */
  int32(length: number): Int32Array;
  prepare(shared: VamanaBuildShared): Promise<void>;
  forward(count: number, alpha: number): Promise<void>;
  reverse(count: number, alpha: number, limit: number): Promise<void>;
}

/**
 * Builds a Vamana graph (ALGORITHMS.md §3.1) over the rows of `vectors` (the decoded primary vectors:
 * reduced and/or quantized), single-threaded: two passes over a seeded random order, the first
 * pruning with alpha 1 and the second with `alpha`; each node searches the graph from the medoid with
 * window L, prunes its visited nodes (and current neighbours) with RobustPrune to at most R
 * neighbours and adds reverse edges. As in DiskANN a list may grow to 1.3·R through reverse edges
 * before it is pruned back to R; lists still longer than R at the end are pruned once more.
 * Distances: squared L2, or negative inner product, for which the same rule α·d(p*, p') ≤ d(p, p')
 * with α < 1 is the similarity rule α·<p*, p'> ≥ <p, p'>. The graph belongs to the caller.
 */
export function buildVamana(vectors: Matrix, metric: CodeMetric, opts: VamanaBuildOptions = {}): VamanaGraph {
  const run = setup(vectors, metric, opts, (len) => new Int32Array(len), 1);
  if (!run.shared) return run.empty!;
  const core = new VamanaBuildCore(run.shared);
  const sync = {
    forward: (count: number, a: number) => core.forward(0, count, a),
    reverse: (count: number, a: number, limit: number) => core.reverse(0, count, a, limit),
  };
  for (const step of run.steps()) {
    if (step.kind === 'forward') sync.forward(step.count, step.alpha);
    else sync.reverse(step.count, step.alpha, step.limit);
  }
  return run.result();
}

/**
 * The same build in batches of 16 nodes per thread run by `executor` (multi-threaded); nodes of one
 * batch do not see each other's edges until the batch is applied, so the graph differs slightly from
 * the single-threaded one.
 */
export async function buildVamanaParallel(
  vectors: Matrix,
  metric: CodeMetric,
  executor: VamanaBuildExecutor,
  opts: VamanaBuildOptions = {},
): Promise<VamanaGraph> {
  const run = setup(vectors, metric, opts, (len) => executor.int32(len), 16 * executor.threads);
  if (!run.shared) return run.empty!;
  await executor.prepare(run.shared);
  for (const step of run.steps()) {
    if (step.kind === 'forward') await executor.forward(step.count, step.alpha);
    else await executor.reverse(step.count, step.alpha, step.limit);
  }
  return run.result();
}

type Step =
  | { kind: 'forward'; count: number; alpha: number }
  | { kind: 'reverse'; count: number; alpha: number; limit: number };

function setup(
  vectors: Matrix,
  metric: CodeMetric,
  opts: VamanaBuildOptions,
  int32: (length: number) => Int32Array,
  batchSize: number,
): {
  shared?: VamanaBuildShared;
  empty?: VamanaGraph;
  steps: () => Generator<Step>;
  result: () => VamanaGraph;
} {
  const n = vectors.n;
  const R = opts.R ?? 32;
  const L = Math.max(opts.L ?? 100, 1);
  const alpha = opts.alpha ?? (metric === 'l2' ? 1.2 : 0.95);
  const slack = Math.max(R, Math.ceil(1.3 * R));
  const medoid = medoidOf(vectors);
  if (n <= 1) {
    const empty = { n, R, adjacency: new Int32Array(n * R).fill(-1), medoid };
    return { empty, steps: function* () {}, result: () => empty };
  }
  const B = Math.max(1, Math.min(batchSize, n));
  const adjacency = int32(n * slack).fill(-1);
  const shared: VamanaBuildShared = {
    vectors,
    metric,
    R,
    L,
    slack,
    maxPool: opts.maxPool ?? 750,
    medoid,
    adjacency,
    degree: int32(n),
    batch: int32(B),
    lists: int32(B * slack),
    listDeg: int32(B),
    targets: int32(Math.max(n, B * slack)),
    incomingStart: int32(Math.max(n, B * slack) + 1),
    incoming: int32(B * slack),
  };
  const rand = createRng(opts.seed ?? 1);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  // Reverse-edge grouping: counts per target, in first-seen order.
  const slotOf = new Int32Array(n).fill(-1);
  const fill = new Int32Array(Math.max(n, B * slack));
  function* steps(): Generator<Step> {
    const passes = [1, alpha];
    const total = passes.length * n;
    let done = 0;
    for (const a of passes) {
      for (let start = 0; start < n; start += B) {
        if (opts.isCancelled?.()) throw new CancelledError();
        if (start % Math.max(B, 256) < B) opts.onProgress?.(done / total);
        const count = Math.min(B, n - start);
        shared.batch.set(order.subarray(start, start + count));
        yield { kind: 'forward', count, alpha: a };
        // Apply the forward lists, then group reverse edges by target.
        let nt = 0;
        for (let i = 0; i < count; i++) {
          const p = shared.batch[i]!;
          const deg = shared.listDeg[i]!;
          shared.adjacency.set(shared.lists.subarray(i * slack, (i + 1) * slack), p * slack);
          shared.degree[p] = deg;
          for (let e = 0; e < deg; e++) {
            const j = shared.lists[i * slack + e]!;
            if (slotOf[j] === -1) {
              slotOf[j] = nt;
              shared.targets[nt] = j;
              fill[nt] = 0;
              nt++;
            }
            fill[slotOf[j]!]!++;
          }
        }
        shared.incomingStart[0] = 0;
        for (let t = 0; t < nt; t++) shared.incomingStart[t + 1] = shared.incomingStart[t]! + fill[t]!;
        for (let t = 0; t < nt; t++) fill[t] = shared.incomingStart[t]!;
        for (let i = 0; i < count; i++) {
          const p = shared.batch[i]!;
          for (let e = 0; e < shared.listDeg[i]!; e++) {
            const j = shared.lists[i * slack + e]!;
            shared.incoming[fill[slotOf[j]!]!++] = p;
          }
        }
        for (let t = 0; t < nt; t++) slotOf[shared.targets[t]!] = -1;
        if (nt > 0) yield { kind: 'reverse', count: nt, alpha: a, limit: slack };
        done += count;
      }
    }
    // Final: every list longer than R is pruned to R.
    let nt = 0;
    for (let j = 0; j < n; j++) if (shared.degree[j]! > R) shared.targets[nt++] = j;
    shared.incomingStart.fill(0, 0, nt + 1);
    if (nt > 0) yield { kind: 'reverse', count: nt, alpha, limit: R };
    opts.onProgress?.(1);
  }
  const result = (): VamanaGraph => {
    const out = new Int32Array(n * R);
    for (let j = 0; j < n; j++) out.set(shared.adjacency.subarray(j * slack, j * slack + R), j * R);
    return { n, R, adjacency: out, medoid };
  };
  return { shared, steps, result };
}
