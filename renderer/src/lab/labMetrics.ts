import type { Coloring } from '../scene/colors.js';
import type { StudyResults } from './labState.js';

const NEVER: [number, number, number] = [58, 62, 70];
/** Blue (kept) → yellow → red (lost): bright at both ends, so it reads on the dark map. */
const LOSS_STOPS: readonly [number, number, number][] = [
  [70, 140, 230],
  [240, 205, 70],
  [230, 65, 55],
];

function lossColor(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (LOSS_STOPS.length - 1);
  const i = Math.min(LOSS_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = LOSS_STOPS[i]!;
  const b = LOSS_STOPS[i + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as [number, number, number];
}

/**
 * Map colours from a pipeline's per-point neighbour loss: blue at 0 (every query that had the
 * point as a true neighbour found it) to 1 (none did); points that were nobody's true neighbour are
 * dim grey.
 */
export function lossColoring(loss: Float32Array, title: string): Coloring {
  const n = loss.length;
  const colors = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const v = loss[i]!;
    const c = Number.isNaN(v) ? NEVER : lossColor(v);
    colors[i * 3] = c[0];
    colors[i * 3 + 1] = c[1];
    colors[i * 3 + 2] = c[2];
  }
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => {
    const c = lossColor(t);
    return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
  });
  return { colors, legend: { kind: 'scale', title, min: 0, max: 1, stops } };
}

export interface GroupRecall {
  label: string;
  /** Base points of the group that were somebody's true neighbour. */
  points: number;
  /** (query, true neighbour) pairs whose neighbour is in the group. */
  pairs: number;
  /** The share of those pairs the pipeline found. */
  recall: number;
}

/**
 * Recall broken down by a grouping of the base points (clusters, a category column): for each group,
 * the share of (query, true neighbour) pairs with the neighbour in the group that the pipeline found,
 * i.e. 1 − Σ missed / Σ seen over its points. The overall recall@k is the same share over all pairs, so
 * it is the pair-weighted mean of the groups' recalls and lies between the lowest and the highest (an
 * unweighted mean of per-point losses, as before, need not). Groups no query reaches are left out;
 * sorted worst first.
 */
export function recallByGroup(
  loss: Float32Array,
  seen: Int32Array,
  codes: Int32Array,
  names: readonly string[],
): GroupRecall[] {
  const missed = new Float64Array(names.length);
  const pairs = new Float64Array(names.length);
  const count = new Int32Array(names.length);
  for (let i = 0; i < loss.length; i++) {
    const v = loss[i]!;
    const w = seen[i] ?? 0;
    const g = codes[i]!;
    if (Number.isNaN(v) || w <= 0 || g < 0 || g >= names.length) continue;
    // loss = missed / seen per point, so loss × seen restores the point's missed pairs.
    missed[g] = missed[g]! + v * w;
    pairs[g] = pairs[g]! + w;
    count[g] = count[g]! + 1;
  }
  const out: GroupRecall[] = [];
  for (let g = 0; g < names.length; g++)
    if (pairs[g]! > 0)
      out.push({ label: names[g]!, points: count[g]!, pairs: pairs[g]!, recall: 1 - missed[g]! / pairs[g]! });
  return out.sort((a, b) => a.recall - b.recall || b.points - a.points);
}

export interface MemoryEstimate {
  vectors: number;
  secondary: number;
  graph: number;
  total: number;
}

/** RAM at production size: bytes per vector × count for the searched codes, the re-ranking vectors
 * and the graph edges (R × 4 bytes for Vamana). */
export function memoryAtScale(
  row: { primaryBytes: number; secondaryBytes: number; graphBytes: number },
  count: number,
): MemoryEstimate {
  const vectors = row.primaryBytes * count;
  const secondary = row.secondaryBytes * count;
  const graph = row.graphBytes * count;
  return { vectors, secondary, graph, total: vectors + secondary + graph };
}

export function formatBytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = b;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[u]}`;
}

/**
 * Where a query sits on the map: the mean of its exact neighbours' screen positions (the map has no
 * coordinates for points it was not computed from; for a linear 2-D map this equals projecting the mean
 * of the neighbours' layout positions). NaN when none of them is on screen.
 */
export function queryScreenPositions(
  screen: Float32Array,
  neighbours: Int32Array,
  nq: number,
  k: number,
): Float32Array {
  const out = new Float32Array(nq * 2);
  for (let q = 0; q < nq; q++) {
    let x = 0;
    let y = 0;
    let c = 0;
    for (let j = 0; j < k; j++) {
      const id = neighbours[q * k + j]!;
      const px = screen[id * 2];
      const py = screen[id * 2 + 1];
      if (id < 0 || px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py))
        continue;
      x += px;
      y += py;
      c++;
    }
    out[q * 2] = c ? x / c : NaN;
    out[q * 2 + 1] = c ? y / c : NaN;
  }
  return out;
}

/**
 * Groups the rows of a number column into `bins` quantile bins (about equally many rows each), so
 * recall can be broken down by it like by a category column. NaN values get code −1 (left out).
 */
export function quantileBins(values: Float64Array, bins = 5): { codes: Int32Array; names: string[] } {
  const finite = Array.from(values)
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  const codes = new Int32Array(values.length).fill(-1);
  if (finite.length === 0) return { codes, names: [] };
  const lo = finite[0]!;
  // Edges strictly increasing and above the minimum, so no bin is empty.
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const e = finite[Math.floor((b * finite.length) / bins)]!;
    if (e > (edges[edges.length - 1] ?? lo)) edges.push(e);
  }
  const hi = finite[finite.length - 1]!;
  const bounds = [lo, ...edges, hi];
  const fmt = (v: number) =>
    Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(1) : +v.toPrecision(3);
  const names = bounds.slice(0, -1).map((b, i) => `${fmt(b)} – ${fmt(bounds[i + 1]!)}`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    let g = 0;
    while (g < edges.length && v >= edges[g]!) g++;
    codes[i] = g;
  }
  return { codes, names };
}

/** Above this spread (range of the timed passes over their median) a row's q/s is flagged as noisy. */
const NOISY_SPREAD = 0.2;

/** Why this study's q/s should not be trusted as an idle machine's, or null. */
export function timingWarning(study: Pick<StudyResults, 'busy' | 'rows'>): string | null {
  if (study.busy) return study.busy;
  const worst = Math.max(0, ...study.rows.filter((r) => r.error === undefined).map((r) => r.qpsSpread));
  return worst > NOISY_SPREAD
    ? `q/s varied by up to ${Math.round(worst * 100)} % between timed passes: the machine may be busy`
    : null;
}
