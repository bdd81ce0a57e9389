import { createRng, sampleIndices } from '../random.js';
import type { Matrix } from '../types.js';
import { defaultKernels } from '../kernels/kernels.js';
import { rowNorms, squaredL2Rows } from './squaredL2Rows.js';
import { neighbourLabelScore } from './neighbourLabels.js';

/** Fills out[t·n + j] with a distance (any monotone one) from row rows[t] to row j of the original space. */
type DistanceRows = (rows: Int32Array, out: Float32Array) => void;

export interface MapQualityOptions {
  /** Neighbourhood sizes (default [10, 15]); each must be below n/2. */
  ks?: number[];
  /** Points evaluated; default all when n ≤ 20,000, else 2,000 sampled (the sums are rescaled). */
  sample?: number;
  seed?: number;
  /** Class labels (row-aligned) for neighbourhood hit and k-NN accuracy; negative = no class (noise). */
  labels?: ArrayLike<number>;
  /** Original-space distances; default squared Euclidean with the WASM kernels. */
  originalDistances?: DistanceRows;
}

export interface MapQuality {
  n: number;
  /** How many points the averages are over (n, or the sample). */
  evaluated: number;
  ks: number[];
  /** Keyed by k. */
  trustworthiness: Record<number, number>;
  continuity: Record<number, number>;
  knnPreservation: Record<number, number>;
  neighbourhoodHit?: Record<number, number>;
  knnAccuracy?: Record<number, number>;
}

/** Squared Euclidean distances from listed rows to all rows with the WASM SIMD kernels. */
function wasmDistanceRows(m: Matrix): DistanceRows {
  const kern = defaultKernels();
  return (rows, out) => {
    const q = new Float32Array(rows.length * m.dim);
    for (let t = 0; t < rows.length; t++)
      q.set(m.data.subarray(rows[t]! * m.dim, (rows[t]! + 1) * m.dim), t * m.dim);
    kern.l2Batch(q, rows.length, m.data, m.n, m.dim, out.subarray(0, rows.length * m.n));
  };
}

/** Indices of the k smallest values of d (ties to the lower index), best first. */
function topK(d: Float32Array, k: number, outIds: Int32Array): void {
  const hv = new Float64Array(k).fill(Infinity);
  const hi = new Int32Array(k).fill(-1);
  let size = 0;
  for (let j = 0; j < d.length; j++) {
    const v = d[j]!;
    if (size === k && v >= hv[k - 1]!) continue;
    let p = size < k ? size++ : k - 1;
    while (p > 0 && hv[p - 1]! > v) {
      hv[p] = hv[p - 1]!;
      hi[p] = hi[p - 1]!;
      p--;
    }
    hv[p] = v;
    hi[p] = j;
  }
  outIds.set(hi);
}

/**
 * For each of the (few) `targets`, how many entries of `row` are strictly smaller: the 0-based rank a
 * full sort plus binary search would give, in one pass of O(n log m) instead of O(n log n).
 */
function countBelow(row: Float32Array, targets: Float64Array, out: Float64Array): void {
  const m = targets.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => targets[a]! - targets[b]!);
  const sorted = Float64Array.from(order, (i) => targets[i]!);
  const hist = new Float64Array(m + 1);
  for (let x = 0; x < row.length; x++) {
    const v = row[x]!;
    // First p with sorted[p] > v: v is below every target from p on.
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! > v) hi = mid;
      else lo = mid + 1;
    }
    hist[lo]!++;
  }
  let acc = 0;
  for (let p = 0; p < m; p++) {
    acc += hist[p]!;
    out[order[p]!] = acc;
  }
}

/**
 * Quality of a map against its original vectors, from exact ranks in both spaces: trustworthiness and
 * continuity (Venna & Kaski; sklearn's normalisation), k-NN preservation (recall of the map's k-NN
 * against the original's), and with labels the neighbourhood hit and leave-one-out k-NN accuracy in the
 * map, over the evaluated points that have a class (noise is no class: neighbourLabels.ts; NaN when none has). A rank is 1 + the number of other points strictly closer (ties count in the point's favour).
 * Cost O(s·n·(D + log k)) for s evaluated points.
 */
export function mapQuality(original: Matrix, map: Matrix, opts: MapQualityOptions = {}): MapQuality {
  const n = original.n;
  if (map.n !== n) throw new Error('map and original must have the same number of rows');
  const ks = opts.ks ?? [10, 15];
  const kMax = Math.max(...ks);
  if (2 * kMax >= n) throw new Error(`k = ${kMax} needs more than ${2 * kMax} points`);
  const sample = opts.sample ?? (n <= 20000 ? n : 2000);
  const rows = sampleIndices(n, Math.min(sample, n), createRng(opts.seed ?? 1));
  const s = rows.length;
  const labels = opts.labels;
  const origDist: DistanceRows = opts.originalDistances ?? wasmDistanceRows(original);

  const tSum = new Float64Array(ks.length);
  const cSum = new Float64Array(ks.length);
  const pSum = new Float64Array(ks.length);
  const hSum = new Float64Array(ks.length);
  const aSum = new Float64Array(ks.length);
  const block = Math.max(1, Math.min(64, Math.floor(4_000_000 / n)));
  const dO = new Float32Array(block * n);
  const dM = new Float32Array(n);
  const valsO = new Float64Array(kMax);
  const valsM = new Float64Array(kMax);
  const rankO = new Float64Array(kMax);
  const rankM = new Float64Array(kMax);
  const topO = new Int32Array(kMax);
  const topM = new Int32Array(kMax);
  const inTopO = new Uint8Array(n);
  const votes = new Map<number, number>();
  const mapNorms = rowNorms(map);
  // Evaluated points with a class: the label figures average over these only (neighbourLabels.ts).
  let labelled = 0;

  for (let b0 = 0; b0 < s; b0 += block) {
    const br = rows.subarray(b0, Math.min(s, b0 + block));
    origDist(br, dO);
    for (let t = 0; t < br.length; t++) {
      const i = br[t]!;
      const rowO = dO.subarray(t * n, (t + 1) * n);
      rowO[i] = Infinity;
      squaredL2Rows(map, Int32Array.of(i), dM, mapNorms);
      dM[i] = Infinity;
      topK(rowO, kMax, topO);
      topK(dM, kMax, topM);
      // Original-space ranks of the map's neighbours, map ranks of the original neighbours.
      for (let r = 0; r < kMax; r++) {
        valsO[r] = rowO[topM[r]!]!;
        valsM[r] = dM[topO[r]!]!;
      }
      countBelow(rowO, valsO, rankO);
      countBelow(dM, valsM, rankM);
      for (let q = 0; q < ks.length; q++) {
        const k = ks[q]!;
        let tPen = 0;
        let cPen = 0;
        for (let r = 0; r < k; r++) inTopO[topO[r]!] = 1;
        let common = 0;
        for (let r = 0; r < k; r++) {
          const j = topM[r]!;
          if (inTopO[j]) common++;
          else {
            const rank = rankO[r]! + 1;
            if (rank > k) tPen += rank - k;
          }
        }
        for (let r = 0; r < k; r++) inTopO[topO[r]!] = 0;
        for (let r = 0; r < k; r++) {
          const rank = rankM[r]! + 1;
          if (rank > k) cPen += rank - k;
        }
        tSum[q]! += tPen;
        cSum[q]! += cPen;
        pSum[q]! += common / k;
        const scored = labels ? neighbourLabelScore(topM, 0, k, labels[i]!, labels, votes) : null;
        if (scored) {
          hSum[q]! += scored.hit;
          if (scored.correct) aSum[q]!++;
          if (q === 0) labelled++;
        }
      }
    }
  }
  const rec = (f: (q: number) => number): Record<number, number> =>
    Object.fromEntries(ks.map((k, q) => [k, f(q)]));
  const norm = (k: number): number => 2 / (n * k * (2 * n - 3 * k - 1));
  const scale = n / s;
  const result: MapQuality = {
    n,
    evaluated: s,
    ks,
    trustworthiness: rec((q) => 1 - norm(ks[q]!) * tSum[q]! * scale),
    continuity: rec((q) => 1 - norm(ks[q]!) * cSum[q]! * scale),
    knnPreservation: rec((q) => pSum[q]! / s),
  };
  if (labels) {
    result.neighbourhoodHit = rec((q) => (labelled > 0 ? hSum[q]! / labelled : NaN));
    result.knnAccuracy = rec((q) => (labelled > 0 ? aSum[q]! / labelled : NaN));
  }
  return result;
}

/** The figures at k = 10 and 15 a report shows (the CLI's JSON, the app's faithfulness panel). */
export interface MapQualityFigures {
  evaluated: number;
  trustworthiness10: number;
  trustworthiness15: number;
  continuity10: number;
  continuity15: number;
  knnPreservation10: number;
  neighbourhoodHit10?: number;
  knnAccuracy10?: number;
}

/** Flattens a mapQuality result computed with ks including 10 and 15. */
export function mapQualityFigures(q: MapQuality): MapQualityFigures {
  return {
    evaluated: q.evaluated,
    trustworthiness10: q.trustworthiness[10]!,
    trustworthiness15: q.trustworthiness[15]!,
    continuity10: q.continuity[10]!,
    continuity15: q.continuity[15]!,
    knnPreservation10: q.knnPreservation[10]!,
    ...(q.neighbourhoodHit ? { neighbourhoodHit10: q.neighbourhoodHit[10]! } : {}),
    ...(q.knnAccuracy ? { knnAccuracy10: q.knnAccuracy[10]! } : {}),
  };
}
