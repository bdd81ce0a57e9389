import type { WireMetadataColumn } from '../../../core/common/rpc/protocol.js';
import type { ColorBy } from '../store/state.js';
import {
  integerCategoryCodes,
  numericCategories,
  type NumericScale,
} from '../../../core/common/metadata/integerCategories.js';

/** Tableau-20-like categorical palette, chosen to stay apart on a dark background. */
export const PALETTE: readonly [number, number, number][] = [
  [78, 121, 167],
  [242, 142, 43],
  [225, 87, 89],
  [118, 183, 178],
  [89, 161, 79],
  [237, 201, 72],
  [176, 122, 161],
  [255, 157, 167],
  [156, 117, 95],
  [186, 176, 172],
  [160, 203, 232],
  [255, 190, 125],
  [140, 209, 125],
  [182, 153, 45],
  [134, 188, 182],
  [255, 121, 121],
  [212, 166, 200],
  [210, 179, 158],
  [121, 112, 110],
  [241, 206, 99],
];
const NEUTRAL: [number, number, number] = [140, 170, 210];
const NOISE: [number, number, number] = [90, 90, 90];
/** Viridis, sampled at 9 stops and interpolated linearly. */
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f].map(Math.round) as [
    number,
    number,
    number,
  ];
}

export type Legend =
  | { kind: 'none' }
  | {
      kind: 'categories';
      title: string;
      items: { label: string; color: string; count: number }[];
      more: number;
    }
  | { kind: 'scale'; title: string; min: number; max: number; stops: string[] };

export interface Coloring {
  /** n × 3 RGB bytes. */
  colors: Uint8Array;
  legend: Legend;
}

const css = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

function categorical(
  n: number,
  codes: Int32Array,
  names: string[],
  title: string,
  noiseLabel?: string,
): Coloring {
  const colors = new Uint8Array(n * 3);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const code = codes[i]!;
    counts.set(code, (counts.get(code) ?? 0) + 1);
    const c = code < 0 ? NOISE : PALETTE[code % PALETTE.length]!;
    colors[i * 3] = c[0];
    colors[i * 3 + 1] = c[1];
    colors[i * 3 + 2] = c[2];
  }
  const order = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const shown = order.slice(0, 20);
  return {
    colors,
    legend: {
      kind: 'categories',
      title,
      items: shown.map(([code, count]) => ({
        label: code < 0 ? (noiseLabel ?? '(none)') : (names[code] ?? `#${code}`),
        color: css(code < 0 ? NOISE : PALETTE[code % PALETTE.length]!),
        count,
      })),
      more: order.length - shown.length,
    },
  };
}

/** Per-point colours and the matching legend for a colouring choice. Returns new arrays. */
export function computeColoring(
  n: number,
  colorBy: ColorBy,
  columns: WireMetadataColumn[],
  clusters: { labels: Int32Array; names: string[] } | null,
  numericScale: Record<string, NumericScale> = {},
): Coloring {
  if (colorBy.kind === 'cluster' && clusters && clusters.labels.length === n) {
    return categorical(n, clusters.labels, clusters.names, 'cluster', 'noise');
  }
  const col = colorBy.kind === 'column' ? columns.find((c) => c.name === colorBy.name) : undefined;
  if (col?.type === 'category' && col.codes.length === n)
    return categorical(n, col.codes, col.categories, col.name);
  if (col?.type === 'number' && col.values.length === n) {
    // Integer labels with few values (digits 0–9) are classes: a ramp would imply an order.
    const cats = numericCategories(col.values, numericScale[col.name]);
    if (cats) {
      const { codes, names } = integerCategoryCodes(col.values, cats);
      return categorical(n, codes, names, col.name);
    }
    let min = Infinity;
    let max = -Infinity;
    for (const v of col.values) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!(max > min)) max = min + 1;
    const colors = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      const c = viridis((col.values[i]! - min) / (max - min));
      colors.set(c, i * 3);
    }
    return {
      colors,
      legend: {
        kind: 'scale',
        title: col.name,
        min,
        max,
        stops: [0, 0.25, 0.5, 0.75, 1].map((t) => css(viridis(t))),
      },
    };
  }
  const colors = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) colors.set(NEUTRAL, i * 3);
  return { colors, legend: { kind: 'none' } };
}

/** Point flags for the shader: how each point is drawn. */
export const FLAG = { normal: 0, dimmed: 1, match: 2, neighbour: 3, focus: 4, hover: 5, hidden: 6 } as const;

/**
 * Flags from the current highlights: when anything is highlighted (selection, search matches,
 * focus and its neighbours) the rest is dimmed; with a filter (its allowed rows) every other row is
 * hidden, whatever else it is. Returns a new n-byte array.
 */
export function computeFlags(
  n: number,
  h: {
    selection: Int32Array | null;
    matches: Int32Array | null;
    focus: { row: number; ids: Int32Array } | null;
    filter?: Int32Array | null;
  },
): Uint8Array {
  const flags = new Uint8Array(n);
  const any = h.selection !== null || h.matches !== null || h.focus !== null;
  if (any) highlight(flags, n, h);
  if (h.filter) {
    const keep = new Uint8Array(n);
    for (const r of h.filter) if (r >= 0 && r < n) keep[r] = 1;
    for (let i = 0; i < n; i++) if (!keep[i]) flags[i] = FLAG.hidden;
  }
  return flags;
}

function highlight(
  flags: Uint8Array,
  n: number,
  h: {
    selection: Int32Array | null;
    matches: Int32Array | null;
    focus: { row: number; ids: Int32Array } | null;
  },
): void {
  flags.fill(FLAG.dimmed);
  const mark = (rows: Int32Array | null, f: number) => {
    if (rows) for (const r of rows) if (r >= 0 && r < n) flags[r] = f;
  };
  mark(h.selection, FLAG.match);
  mark(h.matches, FLAG.match);
  if (h.focus) {
    mark(h.focus.ids, FLAG.neighbour);
    if (h.focus.row < n) flags[h.focus.row] = FLAG.focus;
  }
}

/** Centroid of each label's points in a layout, for drawing cluster names on the map. */
export function labelCentroids(
  positions: Float32Array,
  dim: number,
  labels: Int32Array,
  names: string[],
): { text: string; position: [number, number, number]; count: number }[] {
  const sums = new Map<number, [number, number, number, number]>();
  const n = Math.min(labels.length, Math.floor(positions.length / dim));
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    if (l < 0) continue;
    let s = sums.get(l);
    if (!s) sums.set(l, (s = [0, 0, 0, 0]));
    s[0] += positions[i * dim]!;
    s[1] += positions[i * dim + 1]!;
    s[2] += dim > 2 ? positions[i * dim + 2]! : 0;
    s[3]++;
  }
  return [...sums.entries()].map(([l, s]) => ({
    text: names[l] ?? `cluster ${l}`,
    position: [s[0] / s[3], s[1] / s[3], s[2] / s[3]],
    count: s[3],
  }));
}
