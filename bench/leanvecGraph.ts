// LeanVec-OOD with a graph (issue 11, item 7): does the graph, built over the data-side projection B·x
// while queries arrive as A·q, cost `LeanVecOOD64,LVQ8,Vamana|W=40,rerank=100` its flat-scan lead over
// `PCA64,...` on wordnet-use512's out-of-distribution queries? (Measured: no; see the README.)
// The traversal always scores with the LeanVec-OOD codes (queries through A, data through B); only the
// vectors the graph is BUILT from change between rows, so the table isolates the graph. Builds:
//   - the engine's builder (core/wasm/graph.ts: squared L2 on MIPS-augmented rows, progressive alpha 1.2);
//   - a plain-TS prototype of the same insertion/prune loop with either rule (the augmented-L2 rule, or
//     the older −<x,y> with alpha 0.95), which can also insert each row with a different query vector
//     than the one it stores (A·x searched against stored B·x), which the engine builder cannot.
// Also: flat baselines, rerank depth, W = 100, and the geometry of the two projections (norm spread,
// data-data neighbourhoods kept). Writes bench/results/leanvecGraph.{md,json}.
// Env: VECSCOPE_WORDNET (folder), VECSCOPE_BENCH_N (rows, default 20000), VECSCOPE_LVG_OLD=0 skips
// the old-rule prototype builds (the slowest part).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Codec, EncodedVectors } from '../core/common/quantize/codec.js';
import { F32Codec } from '../core/common/quantize/f32Codec.js';
import { LvqCodec } from '../core/common/quantize/lvqCodec.js';
import { fitReduction } from '../core/common/reduce/fitReduction.js';
import { reduceData, reduceQueries } from '../core/common/reduce/reduction.js';
import { splitQueries } from '../core/common/reduce/splitQueries.js';
import { buildVamana, medoidOf } from '../core/common/search/buildVamana.js';
import {
  PipelineSearcher,
  type SearchParts,
  type SearchSettings,
} from '../core/common/search/pipelineSearcher.js';
import type { VamanaGraph } from '../core/common/search/vamanaGraph.js';
import { exactTruth } from '../core/common/study/exactTruth.js';
import { Rng } from '../core/common/random.js';
import type { Matrix } from '../core/common/types.js';
import { loadDataset, loadQueries } from '../core/node/io/loadDataset.js';

const K = 10;
const DIM = 64;
const R = 32;
const L = 100;
const DIR = process.env['VECSCOPE_WORDNET'] ?? resolve('../shared/data/wordnet-use512');
const N = Number(process.env['VECSCOPE_BENCH_N'] ?? 20_000);
const OLD = process.env['VECSCOPE_LVG_OLD'] !== '0';

const log = (s: string) => process.stderr.write(s + '\n');

function head(m: Matrix, n: number): Matrix {
  const c = Math.min(n, m.n);
  return { data: m.data.slice(0, c * m.dim), n: c, dim: m.dim };
}

// ---------------------------------------------------------------------------------------------
// Prototype builder (plain TS, single thread, one pass in a seeded order; same shape as the engine's:
// greedy search from the medoid with window L, pool = everything expanded + current neighbours,
// RobustPrune to R, reverse edges kept up to 1.3·R, then re-pruned from the target's side).

type Rule = 'l2aug' | 'negip';

/**
 * `stored` are the rows the graph links; `insert` the vector each row searches with when it is inserted
 * (default: its stored row). Search order from an insertion vector u: −<u, s_j> (under MIPS augmentation
 * the query (u, 0) ranks by exactly that). Pruning compares stored rows with each other: under `l2aug`
 * by ‖s_i‖² + ‖s_j‖² − 2<s_i,s_j> + (a_i − a_j)², a = sqrt(M² − ‖s‖²), alpha ≥ 1; under `negip` by
 * −<s_i, s_j> with alpha ≤ 1 (the engine's rule before the WebAssembly builder).
 */
function protoBuild(
  stored: Matrix,
  rule: Rule,
  alpha: number,
  insert: Matrix = stored,
  seed = 1,
): VamanaGraph {
  const { n, dim, data } = stored;
  const idata = insert.data;
  const idim = insert.dim;
  if (idim !== dim) throw new Error('insert and stored must share the dimension');
  const norm2 = new Float64Array(n);
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += data[i * dim + j]! ** 2;
    norm2[i] = s;
    if (s > m2) m2 = s;
  }
  const aug = norm2.map((s) => Math.sqrt(Math.max(m2 - s, 0)));
  const dot = (a: Float32Array, ao: number, b: number) => {
    let s = 0;
    const bo = b * dim;
    for (let j = 0; j < dim; j++) s += a[ao + j]! * data[bo + j]!;
    return s;
  };
  const pair = (i: number, j: number) => {
    const ip = dot(data, i * dim, j);
    return rule === 'l2aug' ? norm2[i]! + norm2[j]! - 2 * ip + (aug[i]! - aug[j]!) ** 2 : -ip;
  };
  const slack = Math.ceil(1.3 * R);
  const adj = new Int32Array(n * slack).fill(-1);
  const deg = new Int32Array(n);
  const medoid = medoidOf(stored);
  const visited = new Int32Array(n).fill(-1);
  // Window buffer, sorted by distance.
  const bIds = new Int32Array(L + 1);
  const bD = new Float64Array(L + 1);
  const bExp = new Uint8Array(L + 1);
  const poolIds: number[] = [];
  const poolD: number[] = [];

  const prune = (p: number, ids: number[], ds: number[], out: Int32Array): number => {
    const ord = ids.map((_, i) => i).sort((a, b) => ds[a]! - ds[b]! || ids[a]! - ids[b]!);
    const cand: number[] = [];
    const cd: number[] = [];
    const seen = new Set<number>();
    for (const o of ord) {
      const id = ids[o]!;
      if (id === p || seen.has(id)) continue;
      seen.add(id);
      cand.push(id);
      cd.push(ds[o]!);
      if (cand.length >= 750) break;
    }
    const alive = new Uint8Array(cand.length).fill(1);
    let kept = 0;
    for (let i = 0; i < cand.length && kept < R; i++) {
      if (!alive[i]) continue;
      const star = cand[i]!;
      out[kept++] = star;
      for (let t = i + 1; t < cand.length; t++) {
        if (!alive[t]) continue;
        // Both rules: drop p' when p* covers it, alpha·d(p*, p') ≤ d(p, p').
        if (alpha * pair(star, cand[t]!) <= cd[t]!) alive[t] = 0;
      }
    }
    return kept;
  };

  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const mi = order.indexOf(medoid);
  order[mi] = order[0]!;
  order[0] = medoid;
  const sel = new Int32Array(slack);
  for (let step = 0; step < n; step++) {
    const p = order[step]!;
    // Greedy search with p's insertion vector.
    let size = 1;
    bIds[0] = medoid;
    bD[0] = -dot(idata, p * idim, medoid);
    bExp[0] = 0;
    visited[medoid] = step;
    poolIds.length = 0;
    poolD.length = 0;
    for (;;) {
      let c = -1;
      for (let i = 0; i < size; i++)
        if (!bExp[i]) {
          c = i;
          break;
        }
      if (c < 0) break;
      bExp[c] = 1;
      const u = bIds[c]!;
      poolIds.push(u);
      poolD.push(0);
      for (let e = 0; e < deg[u]!; e++) {
        const v = adj[u * slack + e]!;
        if (visited[v] === step) continue;
        visited[v] = step;
        const d = -dot(idata, p * idim, v);
        if (size === L && d >= bD[L - 1]!) continue;
        let at = size < L ? size++ : L - 1;
        while (at > 0 && bD[at - 1]! > d) {
          bIds[at] = bIds[at - 1]!;
          bD[at] = bD[at - 1]!;
          bExp[at] = bExp[at - 1]!;
          at--;
        }
        bIds[at] = v;
        bD[at] = d;
        bExp[at] = 0;
      }
    }
    for (let e = 0; e < deg[p]!; e++) poolIds.push(adj[p * slack + e]!);
    // The pool is ranked from p by the prune metric (stored geometry), as the alpha rule needs.
    for (let i = 0; i < poolIds.length; i++) poolD[i] = pair(p, poolIds[i]!);
    const kept = prune(p, poolIds, poolD, sel);
    adj.fill(-1, p * slack, (p + 1) * slack);
    adj.set(sel.subarray(0, kept), p * slack);
    deg[p] = kept;
    const fwd = sel.slice(0, kept);
    for (const j of fwd) {
      let has = false;
      for (let x = 0; x < deg[j]!; x++) if (adj[j * slack + x] === p) has = true;
      if (has) continue;
      if (deg[j]! < slack) {
        adj[j * slack + deg[j]!] = p;
        deg[j]!++;
        continue;
      }
      // Full list: prune j's neighbours plus p back to R, from j's side.
      const ids = [p, ...Array.from(adj.subarray(j * slack, j * slack + deg[j]!))];
      const kj = prune(
        j,
        ids,
        ids.map((v) => pair(j, v)),
        sel,
      );
      adj.fill(-1, j * slack, (j + 1) * slack);
      adj.set(sel.subarray(0, kj), j * slack);
      deg[j] = kj;
    }
    if (step % 5000 === 4999) log(`    proto ${step + 1}/${n}`);
  }
  const out = new Int32Array(n * R).fill(-1);
  const tmp = new Int32Array(slack);
  for (let j = 0; j < n; j++) {
    if (deg[j]! > R) {
      const ids = Array.from(adj.subarray(j * slack, j * slack + deg[j]!));
      const kj = prune(
        j,
        ids,
        ids.map((v) => pair(j, v)),
        tmp,
      );
      out.set(tmp.subarray(0, kj), j * R);
    } else out.set(adj.subarray(j * slack, j * slack + deg[j]!), j * R);
  }
  return { n, R, adjacency: out, medoid };
}

// ---------------------------------------------------------------------------------------------
// Measurements.

/** Nodes no edge points to, and nodes reachable from the entry point (a graph's navigability floor). */
function reach(g: VamanaGraph): { noInEdge: number; reachable: number } {
  const indeg = new Int32Array(g.n);
  for (const v of g.adjacency) if (v >= 0) indeg[v]!++;
  let noInEdge = 0;
  for (let i = 0; i < g.n; i++) if (indeg[i] === 0 && i !== g.medoid) noInEdge++;
  const seen = new Uint8Array(g.n);
  const stack = [g.medoid];
  seen[g.medoid] = 1;
  let reachable = 1;
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let e = 0; e < g.R; e++) {
      const v = g.adjacency[u * g.R + e]!;
      if (v >= 0 && !seen[v]) {
        seen[v] = 1;
        reachable++;
        stack.push(v);
      }
    }
  }
  return { noInEdge, reachable: reachable / g.n };
}

/** Coefficient of variation of the row norms. */
function normSpread(m: Matrix): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < m.n; i++) {
    let t = 0;
    for (let j = 0; j < m.dim; j++) t += m.data[i * m.dim + j]! ** 2;
    const r = Math.sqrt(t);
    s += r;
    s2 += r * r;
  }
  const mean = s / m.n;
  return Math.sqrt(Math.max(s2 / m.n - mean * mean, 0)) / mean;
}

/**
 * Share of each sampled row's 10 nearest rows (augmented-L2 order, i.e. what the build links) in `m`
 * that are also among its 10 nearest by inner product in the original space: how much of the data-data
 * geometry the graph is built on survives the projection.
 */
function dataNeighboursKept(orig: Matrix, m: Matrix, sample: Int32Array): number {
  const top = (x: Matrix, i: number, aug: boolean) => {
    const n2 = new Float64Array(x.n);
    let m2 = 0;
    for (let r = 0; r < x.n; r++) {
      let t = 0;
      for (let j = 0; j < x.dim; j++) t += x.data[r * x.dim + j]! ** 2;
      n2[r] = t;
      if (t > m2) m2 = t;
    }
    const scores = new Float64Array(x.n);
    for (let r = 0; r < x.n; r++) {
      let ip = 0;
      for (let j = 0; j < x.dim; j++) ip += x.data[i * x.dim + j]! * x.data[r * x.dim + j]!;
      const ai = Math.sqrt(m2 - n2[i]!);
      const ar = Math.sqrt(m2 - n2[r]!);
      scores[r] = aug ? n2[i]! + n2[r]! - 2 * ip + (ai - ar) ** 2 : -ip;
    }
    scores[i] = Infinity;
    return new Set(
      Array.from(scores.keys())
        .sort((a, b) => scores[a]! - scores[b]!)
        .slice(0, 10),
    );
  };
  let kept = 0;
  for (const i of sample) {
    const a = top(orig, i, false);
    for (const r of top(m, i, true)) if (a.has(r)) kept++;
  }
  return kept / (10 * sample.length);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const ds = await loadDataset(join(DIR, 'base.fvecs'));
  const base = head(ds.vectors, N);
  const allQ = await loadQueries(join(DIR, 'query_ood_lemma.fvecs'), base);
  const { learn, evaluate: queries } = splitQueries(allQ, 1);
  log(`base ${base.n} × ${base.dim}, learn ${learn.n}, eval ${queries.n} OOD queries`);
  const truth = exactTruth(base, queries, K, 'ip');
  const truthSets = Array.from({ length: queries.n }, (_, q) => new Set(truth.subarray(q * K, q * K + K)));
  const recallOf = (ids: Int32Array) => {
    let hit = 0;
    for (let q = 0; q < queries.n; q++)
      for (let i = 0; i < K; i++) if (truthSets[q]!.has(ids[q * K + i]!)) hit++;
    return hit / (queries.n * K);
  };

  const ts = performance.now();
  const pca = fitReduction('pca', base, { dim: DIM, metric: 'ip', seed: 1 }).reduction;
  const ood = fitReduction('leanvec-ood', base, {
    dim: DIM,
    metric: 'ip',
    seed: 1,
    learnQueries: learn,
  }).reduction;
  log(`fits ${((performance.now() - ts) / 1000).toFixed(1)} s`);
  const pcaX = reduceData(pca, base);
  const pcaQ = reduceQueries(pca, queries);
  const oodBX = reduceData(ood, base); // B·x: what LeanVec-OOD stores
  const oodAX = reduceQueries(ood, base); // A·x: the data seen through the query-side matrix
  const oodQ = reduceQueries(ood, queries); // A·q
  const lvq = (m: Matrix) => {
    const c = LvqCodec.train('LVQ8', m, 'ip');
    return { codec: c as Codec, encoded: c.encode(m) };
  };
  const pcaCodes = lvq(pcaX);
  const oodCodes = lvq(oodBX);
  const f32 = F32Codec.train(base, 'ip');
  const secondary = { codec: f32 as Codec, encoded: f32.encode(base) };

  const run = (
    codes: { codec: Codec; encoded: EncodedVectors },
    q: Matrix,
    graph: VamanaGraph | undefined,
    s: SearchSettings,
  ) => {
    const parts: SearchParts = {
      ...codes,
      ...(graph ? { graph } : {}),
      ...(s.rerank > 0 ? { secondary } : {}),
    };
    const searcher = new PipelineSearcher(parts);
    const ids = new Int32Array(queries.n * K);
    for (let i = 0; i < Math.min(20, q.n); i++)
      searcher.search(q.data, i * q.dim, queries.data, i * queries.dim, s, ids, i * K);
    let evals = 0;
    const t = performance.now();
    for (let i = 0; i < q.n; i++) {
      searcher.search(q.data, i * q.dim, queries.data, i * queries.dim, s, ids, i * K);
      evals += searcher.evaluations;
    }
    const sec = (performance.now() - t) / 1000;
    return { recall: recallOf(ids), qps: q.n / sec, evaluations: evals / q.n };
  };
  const flat = (w: 'pca' | 'ood', rerank: number) =>
    run(w === 'pca' ? pcaCodes : oodCodes, w === 'pca' ? pcaQ : oodQ, undefined, { k: K, W: K, rerank });

  const flatRows = {
    'PCA64,LVQ8,Flat': flat('pca', 0).recall,
    'PCA64,LVQ8,Flat|rerank=100': flat('pca', 100).recall,
    'LeanVecOOD64,LVQ8,Flat': flat('ood', 0).recall,
    'LeanVecOOD64,LVQ8,Flat|rerank=100': flat('ood', 100).recall,
  };
  log(JSON.stringify(flatRows));

  interface GraphRow {
    rule: string;
    builtFrom: string;
    traversal: string;
    seconds: number;
    noInEdge: number;
    reachable: number;
    w40: number;
    w40rerank100: number;
    w100rerank100: number;
    qpsW40rerank100: number;
    evaluations: number;
  }
  const rows: GraphRow[] = [];
  const measure = (
    rule: string,
    builtFrom: string,
    g: VamanaGraph,
    seconds: number,
    w: 'pca' | 'ood' = 'ood',
  ) => {
    const codes = w === 'pca' ? pcaCodes : oodCodes;
    const q = w === 'pca' ? pcaQ : oodQ;
    const a = run(codes, q, g, { k: K, W: 40, rerank: 0 });
    const b = run(codes, q, g, { k: K, W: 40, rerank: 100 });
    const c = run(codes, q, g, { k: K, W: 100, rerank: 100 });
    const row: GraphRow = {
      rule,
      builtFrom,
      traversal: w === 'pca' ? 'PCA64 LVQ8' : 'LeanVecOOD64 LVQ8 (A·q vs B·x)',
      seconds,
      ...reach(g),
      w40: a.recall,
      w40rerank100: b.recall,
      w100rerank100: c.recall,
      qpsW40rerank100: b.qps,
      evaluations: b.evaluations,
    };
    rows.push(row);
    log(`  ${rule} | ${builtFrom} | ${row.traversal}: ${JSON.stringify(row)}`);
  };
  const timed = <T>(f: () => T): [T, number] => {
    const t = performance.now();
    const v = f();
    return [v, (performance.now() - t) / 1000];
  };
  const engine = (m: Matrix) => timed(() => buildVamana(m, 'ip', { R, L, alpha: 1.2, seed: 1 }));
  const NEW = 'engine: aug-L2, α 1.2';
  const oodDecoded = oodCodes.codec.decodePrimary(oodCodes.encoded);
  const pcaDecoded = pcaCodes.codec.decodePrimary(pcaCodes.encoded);

  const [gB, sB] = engine(oodDecoded);
  measure(NEW, 'B·x (LVQ8, today)', gB, sB);
  const [gP, sP] = engine(pcaDecoded);
  measure(NEW, 'PCA64·x (LVQ8)', gP, sP, 'pca');
  measure(NEW, 'PCA64·x (LVQ8)', gP, sP);
  const [gX, sX] = engine(base);
  measure(NEW, 'x (original 512-d)', gX, sX);
  const [gA, sA] = engine(oodAX);
  measure(NEW, 'A·x', gA, sA);

  const PN = 'proto: aug-L2, α 1.2';
  const PO = 'proto: −<x,y>, α 0.95';
  let g = timed(() => protoBuild(oodDecoded, 'l2aug', 1.2));
  measure(PN, 'B·x (LVQ8)', ...g);
  g = timed(() => protoBuild(oodDecoded, 'l2aug', 1.2, oodAX));
  measure(PN, 'insert A·x, store B·x', ...g);
  if (OLD) {
    g = timed(() => protoBuild(oodDecoded, 'negip', 0.95));
    measure(PO, 'B·x (LVQ8, the issue)', ...g);
    g = timed(() => protoBuild(pcaDecoded, 'negip', 0.95));
    measure(PO, 'PCA64·x (LVQ8)', ...g, 'pca');
    measure(PO, 'PCA64·x (LVQ8)', ...g);
    g = timed(() => protoBuild(oodDecoded, 'negip', 0.95, oodAX));
    measure(PO, 'insert A·x, store B·x', ...g);
  }

  // Geometry of what the graph is built from.
  const rng = new Rng(7);
  const sample = Int32Array.from({ length: 200 }, () => rng.int(base.n));
  const geometry = {
    normCv: {
      original: normSpread(base),
      pca: normSpread(pcaX),
      oodB: normSpread(oodBX),
      oodA: normSpread(oodAX),
    },
    dataNeighboursKept: {
      pca: dataNeighboursKept(base, pcaX, sample),
      oodB: dataNeighboursKept(base, oodBX, sample),
      oodA: dataNeighboursKept(base, oodAX, sample),
    },
  };
  log(JSON.stringify(geometry));

  const pct = (x: number) => x.toFixed(3);
  const md = [
    '# LeanVec-OOD with a graph (wordnet-use512, OOD lemma queries)',
    '',
    `${base.n} × ${base.dim}, ip, k = ${K}; ${learn.n} queries learn LeanVec-OOD, the other ${queries.n} evaluate it.`,
    `d = ${DIM}, LVQ8 primary, F32 re-ranking, Vamana R = ${R}, L = ${L}. Single thread, shared machine: q/s are noisy.`,
    '',
    '| flat | recall@10 |',
    '|---|---|',
    ...Object.entries(flatRows).map(([k, v]) => `| \`${k}\` | ${pct(v)} |`),
    '',
    '| build rule | graph built from | traversal | build s | no in-edge | reachable | W=40 | W=40, rerank=100 | W=100, rerank=100 | q/s (W=40, rr=100) | evals |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.rule} | ${r.builtFrom} | ${r.traversal} | ${r.seconds.toFixed(1)} | ${r.noInEdge} | ${pct(r.reachable)} | ${pct(r.w40)} | ${pct(r.w40rerank100)} | ${pct(r.w100rerank100)} | ${r.qpsW40rerank100.toFixed(0)} | ${r.evaluations.toFixed(0)} |`,
    ),
    '',
    `Row-norm coefficient of variation: original ${pct(geometry.normCv.original)}, PCA64 ${pct(geometry.normCv.pca)}, LeanVec-OOD B·x ${pct(geometry.normCv.oodB)}, A·x ${pct(geometry.normCv.oodA)}.`,
    `Data-data 10-NN kept (augmented-L2 neighbours in the projection among the original ip neighbours, 200 rows): PCA64 ${pct(geometry.dataNeighboursKept.pca)}, B·x ${pct(geometry.dataNeighboursKept.oodB)}, A·x ${pct(geometry.dataNeighboursKept.oodA)}.`,
    '',
    `Total ${((performance.now() - t0) / 1000).toFixed(0)} s.`,
    '',
  ].join('\n');
  const dir = resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'leanvecGraph.md'), md);
  writeFileSync(
    join(dir, 'leanvecGraph.json'),
    JSON.stringify({ flat: flatRows, graphs: rows, geometry }, null, 2),
  );
  process.stdout.write(md);
}

await main();
