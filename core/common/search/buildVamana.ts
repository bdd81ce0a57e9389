import { CancelledError, VecscopeError } from '../errors.js';
import type { CodeMetric } from '../quantize/codec.js';
import { createRng } from '../random.js';
import type { Matrix } from '../types.js';
import { instantiateGraph, type GraphExports } from '../wasm/instantiateGraph.js';
import { GraphMemory } from './graphMemory.js';
import { asRowSource, forEachBlock, type RowSource } from './rowSource.js';
import type { VamanaGraph } from './vamanaGraph.js';

export interface VamanaBuildOptions {
  /** Maximum out-degree (default 32). */
  R?: number;
  /** Build window (default 100). */
  L?: number;
  /** Pruning factor (default 1.2; at least 1: the build prunes by squared L2, see buildVamana). */
  alpha?: number;
  seed?: number;
  /** Largest candidate pool per prune (DiskANN and SVS: 750). */
  maxPool?: number;
  /** Insertion passes over the data: 1 (DiskANN's build, default) or 2 (the paper's α = 1 then α). */
  passes?: number;
  /**
   * What the build compares: `int8` (default) a centred 8-bit copy of the rows with a per-row scale, as
   * SVS builds over LVQ codes (a quarter of the memory traffic; recall within noise of `f32`, tested),
   * or the f32 rows themselves.
   */
  precision?: 'int8' | 'f32';
  /**
   * The memory of the codes the graph will be searched with (residentHome of them): the final
   * adjacency is written there, where their index uses it in place (a graph built for a large set
   * is then held once, with no copy on the JavaScript heap). Absent: a plain array.
   */
  home?: GraphMemory;
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
}

/** Where a build keeps everything in its WebAssembly memory (byte offsets), shared by its threads. */
export interface VamanaBuildLayout {
  n: number;
  dim: number;
  vectors: number;
  aug: number;
  int8Row: number;
  int8Scale: number;
  int8Norm: number;
  adj: number;
  deg: number;
  slack: number;
  R: number;
  L: number;
  maxPool: number;
  medoid: number;
  batch: number;
  lists: number;
  listDeg: number;
  targets: number;
  inStart: number;
  incoming: number;
  /** Per thread: visited stamps, candidate buffer, expanded record, prune pool, selection. */
  scratch: {
    visited: number;
    genAt: number;
    ids: number;
    dists: number;
    flags: number;
    cap: number;
    expIds: number;
    expDists: number;
    expCap: number;
    pIds: number;
    pDists: number;
    pOcc: number;
    pCap: number;
    sel: number;
    nbIds: number;
    nbDists: number;
  }[];
}

/**
 * Runs the two phases of each batch on its threads (core/node/study/parallelVamana.ts runs them on
 * worker threads over the same shared memory; thread t uses `layout.scratch[t]`).
 */
export interface VamanaBuildExecutor {
  readonly threads: number;
  prepare(memory: WebAssembly.Memory, layout: VamanaBuildLayout): Promise<void>;
  forward(count: number, alpha: number): Promise<void>;
  reverse(count: number, alpha: number, limit: number): Promise<void>;
}

/** Points an instance of core/wasm/graph.ts at a build, as thread `t`. */
export function bindBuild(g: GraphExports, l: VamanaBuildLayout, t: number): void {
  const s = l.scratch[t]!;
  g.setBuild(
    l.n,
    l.dim,
    l.vectors,
    l.aug,
    l.int8Row,
    l.int8Scale,
    l.int8Norm,
    l.adj,
    l.deg,
    l.slack,
    l.R,
    l.L,
    l.maxPool,
    l.medoid,
    l.batch,
    l.lists,
    l.listDeg,
    l.targets,
    l.inStart,
    l.incoming,
  );
  g.setScratch(0, s.visited, s.genAt, s.ids, s.dists, s.flags, s.cap, s.nbIds, s.nbDists);
  g.setBuildScratch(s.expIds, s.expDists, s.expCap, s.pIds, s.pDists, s.pOcc, s.pCap, s.sel);
}

/**
 * Builds a Vamana graph (ALGORITHMS.md §3.1) over the rows of `vectors` (the decoded primary vectors,
 * a matrix or a RowSource that decodes them a block at a time: the build keeps only its own copy),
 * on this thread, entirely in WebAssembly (core/wasm/graph.ts): nodes are inserted in a seeded random
 * order in batches (sizes double from 1 up to 1 % of n, as ParlayANN does, so the first nodes see a
 * graph); each node of a batch searches the graph from the medoid with window L and is pruned to R
 * neighbours by RobustPrune with DiskANN's progressive alpha; then reverse edges are merged, a list
 * growing to 1.3·R before it is pruned back to R.
 *
 * Distances are squared L2. Under `ip` the rows are first lifted to (x, sqrt(M² − ‖x‖²)), M the
 * largest norm, where L2 order from a query (q, 0) is inner-product order: the graph is a proper L2
 * graph with alpha ≥ 1 (an alpha rule on negative inner products gives no long edges between
 * clusters, which is what made the old build's recall fall with n).
 */
export function buildVamana(
  vectors: Matrix | RowSource,
  metric: CodeMetric,
  opts: VamanaBuildOptions = {},
): VamanaGraph {
  const plan = planBuild(vectors, metric, opts, 1);
  if (plan.trivial) return plan.trivial;
  const g = instantiateGraph(plan.memory);
  bindBuild(g, plan.layout, 0);
  for (const step of plan.steps()) {
    if (step.kind === 'forward') g.forward(0, step.count, step.alpha);
    else g.reverse(0, step.count, step.alpha, step.limit);
  }
  return plan.result();
}

/** The same build with each batch split over `executor`'s threads. */
export async function buildVamanaParallel(
  vectors: Matrix | RowSource,
  metric: CodeMetric,
  executor: VamanaBuildExecutor,
  opts: VamanaBuildOptions = {},
): Promise<VamanaGraph> {
  const plan = planBuild(vectors, metric, opts, executor.threads);
  if (plan.trivial) return plan.trivial;
  await executor.prepare(plan.memory, plan.layout);
  for (const step of plan.steps()) {
    if (step.kind === 'forward') await executor.forward(step.count, step.alpha);
    else await executor.reverse(step.count, step.alpha, step.limit);
  }
  return plan.result();
}

type Step =
  | { kind: 'forward'; count: number; alpha: number }
  | { kind: 'reverse'; count: number; alpha: number; limit: number };

interface BuildPlan {
  trivial?: VamanaGraph;
  memory: WebAssembly.Memory;
  layout: VamanaBuildLayout;
  steps: () => Generator<Step>;
  result: () => VamanaGraph;
}

function planBuild(
  input: Matrix | RowSource,
  metric: CodeMetric,
  opts: VamanaBuildOptions,
  threads: number,
): BuildPlan {
  const vectors = asRowSource(input);
  const { n, dim } = vectors;
  const R = opts.R ?? 32;
  const L = Math.max(opts.L ?? 100, R, 1);
  const alpha = opts.alpha ?? 1.2;
  if (!(alpha >= 1))
    throw new VecscopeError(`Vamana alpha must be at least 1 (got ${alpha}); the build prunes by squared L2`);
  const passes = opts.passes ?? 1;
  const slack = Math.max(R, Math.ceil(1.3 * R));
  const maxPool = opts.maxPool ?? 750;
  const mean = columnMean(vectors);
  const medoid = medoidOf(vectors, mean);
  if (n <= 1) {
    const trivial = { n, R, adjacency: new Int32Array(n * R).fill(-1), medoid };
    return {
      trivial,
      memory: undefined as unknown as WebAssembly.Memory,
      layout: undefined as unknown as VamanaBuildLayout,
      steps: function* () {},
      result: () => trivial,
    };
  }
  const maxBatch = Math.max(1, Math.min(n, Math.max(64 * threads, Math.ceil(n / 100))));
  const int8Row = (opts.precision ?? 'int8') === 'int8' ? Math.ceil(dim / 16) * 16 : 0;
  const mem = new GraphMemory();
  const at = {
    vectors: mem.reserve(int8Row > 0 ? n * int8Row : n * dim * 4),
    int8Scale: int8Row > 0 ? mem.reserve(n * 4) : 0,
    int8Norm: int8Row > 0 ? mem.reserve(n * 4) : 0,
    aug: metric === 'ip' ? mem.reserve(n * 4) : 0,
    adj: mem.reserve(n * slack * 4),
    deg: mem.reserve(n * 4),
    batch: mem.reserve(maxBatch * 4),
    lists: mem.reserve(maxBatch * slack * 4),
    listDeg: mem.reserve(maxBatch * 4),
    targets: mem.reserve(Math.max(n, maxBatch * slack) * 4),
    inStart: mem.reserve((Math.max(n, maxBatch * slack) + 1) * 4),
    incoming: mem.reserve(maxBatch * slack * 4),
  };
  const expCap = 8 * L;
  const pCap = maxPool + 2 * slack;
  const scratch = Array.from({ length: threads }, () => ({
    visited: mem.reserve(n * 4),
    genAt: mem.reserve(4),
    ids: mem.reserve(L * 4),
    dists: mem.reserve(L * 8),
    flags: mem.reserve(L * 16),
    cap: L,
    expIds: mem.reserve(expCap * 4),
    expDists: mem.reserve(expCap * 8),
    expCap,
    pIds: mem.reserve(pCap * 4),
    pDists: mem.reserve(pCap * 8),
    pOcc: mem.reserve(pCap * 8),
    pCap,
    sel: mem.reserve(slack * 4),
    nbIds: mem.reserve(slack * 4),
    nbDists: mem.reserve(slack * 8),
  }));
  const memory = mem.commit();
  // One pass over the rows fills the compared copy (int8 or f32) and, under ip, the lift.
  const codes = int8Row > 0 ? new Int8Array(memory.buffer, at.vectors, n * int8Row) : undefined;
  const scale = int8Row > 0 ? mem.f32(at.int8Scale, n) : undefined;
  const norm = int8Row > 0 ? mem.f32(at.int8Norm, n) : undefined;
  const f32 = int8Row > 0 ? undefined : mem.f32(at.vectors, n * dim);
  const aug = metric === 'ip' ? mem.f32(at.aug, n) : undefined;
  let m2 = 0;
  forEachBlock(vectors, (block, start, count) => {
    if (codes) quantizeRows(block, start, count, dim, mean, int8Row, codes, scale!, norm!);
    else f32!.set(block, start * dim);
    if (aug)
      for (let r = 0; r < count; r++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += block[r * dim + j]! ** 2;
        aug[start + r] = s;
        if (s > m2) m2 = s;
      }
  });
  if (aug) for (let i = 0; i < n; i++) aug[i] = Math.sqrt(Math.max(m2 - aug[i]!, 0));
  const layout: VamanaBuildLayout = { n, dim, int8Row, slack, R, L, maxPool, medoid, ...at, scratch };
  const adjacency = mem.i32(at.adj, n * slack).fill(-1);
  const degree = mem.i32(at.deg, n);
  const batch = mem.i32(at.batch, maxBatch);
  const lists = mem.i32(at.lists, maxBatch * slack);
  const listDeg = mem.i32(at.listDeg, maxBatch);
  const targets = mem.i32(at.targets, Math.max(n, maxBatch * slack));
  const inStart = mem.i32(at.inStart, Math.max(n, maxBatch * slack) + 1);
  const incoming = mem.i32(at.incoming, maxBatch * slack);

  const rng = createRng(opts.seed ?? 1);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  // The medoid goes first, so the first batch searches from a node that is in the graph.
  const mi = order.indexOf(medoid);
  order[mi] = order[0]!;
  order[0] = medoid;

  // Reverse-edge grouping: counts per target, in first-seen order.
  const slotOf = new Int32Array(n).fill(-1);
  const fill = new Int32Array(Math.max(n, maxBatch * slack));
  function* steps(): Generator<Step> {
    const passAlphas = passes >= 2 ? [1, alpha] : [alpha];
    const total = passAlphas.length * n;
    let done = 0;
    let lastReport = -1;
    for (const a of passAlphas) {
      let size = 1;
      for (let start = 0; start < n;) {
        if (opts.isCancelled?.()) throw new CancelledError();
        if (done - lastReport >= n / 200 || lastReport < 0) {
          opts.onProgress?.(done / total);
          lastReport = done;
        }
        const count = Math.min(size, n - start);
        batch.set(order.subarray(start, start + count));
        yield { kind: 'forward', count, alpha: a };
        // Apply the forward lists, then group reverse edges by target.
        let nt = 0;
        for (let i = 0; i < count; i++) {
          const p = batch[i]!;
          const deg = listDeg[i]!;
          adjacency.set(lists.subarray(i * slack, (i + 1) * slack), p * slack);
          degree[p] = deg;
          for (let e = 0; e < deg; e++) {
            const j = lists[i * slack + e]!;
            if (slotOf[j] === -1) {
              slotOf[j] = nt;
              targets[nt] = j;
              fill[nt] = 0;
              nt++;
            }
            fill[slotOf[j]!]!++;
          }
        }
        inStart[0] = 0;
        for (let t = 0; t < nt; t++) inStart[t + 1] = inStart[t]! + fill[t]!;
        for (let t = 0; t < nt; t++) fill[t] = inStart[t]!;
        for (let i = 0; i < count; i++) {
          const p = batch[i]!;
          for (let e = 0; e < listDeg[i]!; e++) {
            const j = lists[i * slack + e]!;
            incoming[fill[slotOf[j]!]!++] = p;
          }
        }
        for (let t = 0; t < nt; t++) slotOf[targets[t]!] = -1;
        if (nt > 0) yield { kind: 'reverse', count: nt, alpha: a, limit: slack };
        done += count;
        start += count;
        size = Math.min(maxBatch, size * 2);
      }
    }
    // Final: every list longer than R is pruned to R.
    let nt = 0;
    for (let j = 0; j < n; j++) if (degree[j]! > R) targets[nt++] = j;
    inStart.fill(0, 0, nt + 1);
    if (nt > 0) yield { kind: 'reverse', count: nt, alpha, limit: R };
    opts.onProgress?.(1);
  }
  const result = (): VamanaGraph => {
    // Row j moves from j·slack to j·R (R ≤ slack), never over a row not yet moved.
    for (let j = 1; j < n; j++) adjacency.copyWithin(j * R, j * slack, j * slack + R);
    const home = opts.home;
    const out = home ? home.i32(home.reserve(n * R * 4), n * R) : new Int32Array(n * R);
    out.set(adjacency.subarray(0, n * R));
    return { n, R, adjacency: out, medoid };
  };
  return { memory, layout, steps, result };
}

/**
 * Centres rows [start, start + count) (the block `rows`) on the mean and stores each as s·c with c in
 * [−127, 127] (s = max |x − μ| / 127), zero padded to `row` bytes, with ‖s·c‖² beside it: the 8-bit
 * copy the build compares.
 */
function quantizeRows(
  rows: Float32Array,
  start: number,
  count: number,
  dim: number,
  mean: Float64Array,
  row: number,
  codes: Int8Array,
  scale: Float32Array,
  norm: Float32Array,
): void {
  const r = new Float64Array(dim);
  for (let k = 0; k < count; k++) {
    const i = start + k;
    let big = 0;
    for (let j = 0; j < dim; j++) {
      const v = rows[k * dim + j]! - mean[j]!;
      r[j] = v;
      if (Math.abs(v) > big) big = Math.abs(v);
    }
    const s = big > 0 ? big / 127 : 1;
    let sq = 0;
    for (let j = 0; j < dim; j++) {
      const c = Math.round(r[j]! / s);
      codes[i * row + j] = c;
      sq += c * c;
    }
    scale[i] = s;
    norm[i] = s * s * sq;
  }
}

/** The row closest in L2 to the component-wise mean (SVS's entry point). */
export function medoidOf(m: Matrix | RowSource, mean: Float64Array = columnMean(m)): number {
  const src = asRowSource(m);
  const { dim } = src;
  let best = Infinity;
  let arg = 0;
  forEachBlock(src, (block, start, count) => {
    for (let r = 0; r < count; r++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (block[r * dim + j]! - mean[j]!) ** 2;
      if (s < best) {
        best = s;
        arg = start + r;
      }
    }
  });
  return arg;
}

/** The component-wise mean of the rows (float64); the build's entry point and int8 copy share it. */
function columnMean(m: Matrix | RowSource): Float64Array {
  const src = asRowSource(m);
  const { n, dim } = src;
  const mean = new Float64Array(dim);
  forEachBlock(src, (block, _start, count) => {
    for (let r = 0; r < count; r++) for (let j = 0; j < dim; j++) mean[j]! += block[r * dim + j]!;
  });
  for (let j = 0; j < dim; j++) mean[j]! /= Math.max(n, 1);
  return mean;
}
