import type { Scale } from './scale.js';
import { extent, makeScale } from './scale.js';
import type { Tick } from './ticks.js';
import { linearTicks, logTicks } from './ticks.js';
import { placeLabels, type PlacedLabel } from './placeLabels.js';

interface ChartAxis {
  label: string;
  log?: boolean;
  /** Fixed [min, max]; computed from the data when absent. */
  domain?: [number, number];
}

interface ChartSeries {
  name: string;
  color: string;
  points: ReadonlyArray<{ x: number; y: number; label?: string }>;
  /** Join the points with a line (a Pareto frontier) instead of drawing markers. */
  line?: boolean;
  /** Draw the line dashed. */
  dashed?: boolean;
  /** Vertical whiskers (confidence intervals) at x from low to high; `label` names the point's row. */
  whiskers?: ReadonlyArray<{ x: number; low: number; high: number; label?: string }>;
  /** Horizontal spans at y from x `from` to `to` (storage beyond a marker's x); `label` names the row. */
  spans?: ReadonlyArray<{ y: number; from: number; to: number; label?: string }>;
  /** Write each marker's label beside it where it fits (placeLabels). */
  labelPoints?: boolean;
}

export interface ChartSpec {
  width: number;
  height: number;
  title?: string;
  x: ChartAxis;
  y: ChartAxis;
  series: readonly ChartSeries[];
  background?: string;
}

export interface ChartLayout {
  plot: { left: number; top: number; right: number; bottom: number };
  x: Scale;
  y: Scale;
  xTicks: Tick[];
  yTicks: Tick[];
}

const MARGIN = { left: 56, right: 16, top: 28, bottom: 44 };
/** Point labels in an exported chart: a size smaller than the axes', to fit more of them. */
const LABEL_FONT = 9;

/**
 * Plot area, scales and ticks of a chart. The app draws and hit-tests with the same layout the SVG
 * export uses, so a point under the mouse is the point in the exported file.
 */
export function chartLayout(spec: ChartSpec): ChartLayout {
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: Math.max(MARGIN.left + 1, spec.width - MARGIN.right),
    bottom: Math.max(MARGIN.top + 1, spec.height - MARGIN.bottom),
  };
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of spec.series) {
    for (const p of s.points) {
      xs.push(p.x);
      ys.push(p.y);
    }
    for (const w of s.whiskers ?? []) ys.push(w.low, w.high);
    for (const sp of s.spans ?? []) xs.push(sp.from, sp.to);
  }
  const xd = spec.x.domain ?? extent(xs, spec.x.log);
  const yd = spec.y.domain ?? extent(ys, spec.y.log);
  const x = makeScale(xd, [plot.left, plot.right], spec.x.log);
  const y = makeScale(yd, [plot.bottom, plot.top], spec.y.log);
  const ticks = (d: [number, number], log?: boolean) =>
    log ? logTicks(d[0], d[1]) : linearTicks(d[0], d[1], 5);
  return { plot, x, y, xTicks: ticks(xd, spec.x.log), yTicks: ticks(yd, spec.y.log) };
}

/** Escapes text for XML content and attribute values. */
function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]!};`,
  );
}

const f = (v: number) => String(Math.round(v * 100) / 100);

/** Where chartToSvg draws the legend: the plot's top right corner, one line per series. */
function legendBox(spec: ChartSpec, L: ChartLayout) {
  return {
    left: L.plot.right - 122,
    right: L.plot.right,
    top: L.plot.top,
    bottom: L.plot.top + 14 + spec.series.length * 14,
  };
}

/**
 * The marker labels of a chart: the points of every series with `labelPoints`, those that also lie on
 * a line series (the frontier) placed first, so they are the ones kept where labels crowd.
 */
export function chartPointLabels(spec: ChartSpec, L: ChartLayout, fontSize: number): PlacedLabel[] {
  const onLine = new Set<string>();
  for (const s of spec.series) if (s.line) for (const p of s.points) if (p.label) onLine.add(p.label);
  const cands = spec.series
    .filter((s) => s.labelPoints && !s.line)
    .flatMap((s) => s.points)
    .filter((p) => p.label)
    .map((p) => ({ x: L.x.map(p.x), y: L.y.map(p.y), text: p.label!, first: onLine.has(p.label!) }));
  const ordered = [...cands.filter((c) => c.first), ...cands.filter((c) => !c.first)];
  return placeLabels(ordered, L.plot, fontSize, [legendBox(spec, L)]);
}

/**
 * A standalone SVG document of the chart: axes with ticks and labels, each series as markers (with a
 * <title> for tooltips) or a polyline, confidence whiskers, and a legend. Points that do not map to a
 * finite position (≤ 0 on a log axis) are left out.
 */
export function chartToSvg(spec: ChartSpec): string {
  const L = chartLayout(spec);
  const { plot } = L;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${spec.width}" height="${spec.height}" viewBox="0 0 ${spec.width} ${spec.height}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<rect width="100%" height="100%" fill="${escapeXml(spec.background ?? '#ffffff')}"/>`);
  if (spec.title)
    out.push(
      `<text x="${f(spec.width / 2)}" y="16" text-anchor="middle" font-size="13">${escapeXml(spec.title)}</text>`,
    );
  out.push('<g class="grid" stroke="#e5e5e5">');
  for (const t of L.xTicks) {
    const px = L.x.map(t.value);
    if (Number.isFinite(px))
      out.push(
        `<line x1="${f(px)}" y1="${f(plot.top)}" x2="${f(px)}" y2="${f(plot.bottom)}"${t.major ? '' : ' stroke-dasharray="2,3"'}/>`,
      );
  }
  for (const t of L.yTicks) {
    const py = L.y.map(t.value);
    if (Number.isFinite(py))
      out.push(
        `<line x1="${f(plot.left)}" y1="${f(py)}" x2="${f(plot.right)}" y2="${f(py)}"${t.major ? '' : ' stroke-dasharray="2,3"'}/>`,
      );
  }
  out.push('</g>');
  out.push(
    `<rect class="frame" x="${f(plot.left)}" y="${f(plot.top)}" width="${f(plot.right - plot.left)}" height="${f(plot.bottom - plot.top)}" fill="none" stroke="#444"/>`,
  );
  out.push('<g class="ticks" fill="#333">');
  for (const t of L.xTicks)
    if (t.label)
      out.push(
        `<text x="${f(L.x.map(t.value))}" y="${f(plot.bottom + 14)}" text-anchor="middle">${escapeXml(t.label)}</text>`,
      );
  for (const t of L.yTicks)
    if (t.label)
      out.push(
        `<text x="${f(plot.left - 4)}" y="${f(L.y.map(t.value) + 4)}" text-anchor="end">${escapeXml(t.label)}</text>`,
      );
  out.push('</g>');
  out.push(
    `<text class="xlabel" x="${f((plot.left + plot.right) / 2)}" y="${f(spec.height - 8)}" text-anchor="middle">${escapeXml(spec.x.label)}</text>`,
  );
  out.push(
    `<text class="ylabel" transform="translate(14 ${f((plot.top + plot.bottom) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(spec.y.label)}</text>`,
  );
  const ok = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y);
  spec.series.forEach((s, si) => {
    const color = escapeXml(s.color);
    out.push(`<g class="series" data-name="${escapeXml(s.name)}">`);
    for (const w of s.whiskers ?? []) {
      const x = L.x.map(w.x);
      const y0 = L.y.map(w.low);
      const y1 = L.y.map(w.high);
      if (ok(x, y0) && Number.isFinite(y1))
        out.push(
          `<line class="whisker" x1="${f(x)}" y1="${f(y0)}" x2="${f(x)}" y2="${f(y1)}" stroke="${color}" stroke-opacity="0.6"/>`,
        );
    }
    for (const sp of s.spans ?? []) {
      const x0 = L.x.map(sp.from);
      const x1 = L.x.map(sp.to);
      const y = L.y.map(sp.y);
      if (ok(x0, y) && Number.isFinite(x1))
        out.push(
          `<g class="span"><line x1="${f(x0)}" y1="${f(y)}" x2="${f(x1)}" y2="${f(y)}" stroke="${color}" stroke-dasharray="1,2"/><line x1="${f(x1)}" y1="${f(y - 3)}" x2="${f(x1)}" y2="${f(y + 3)}" stroke="${color}"/>${sp.label ? `<title>${escapeXml(sp.label)}</title>` : ''}</g>`,
        );
    }
    const mapped = s.points
      .map((p) => ({ x: L.x.map(p.x), y: L.y.map(p.y), label: p.label }))
      .filter((p) => ok(p.x, p.y));
    if (s.line) {
      if (mapped.length > 0)
        out.push(
          `<polyline fill="none" stroke="${color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="4,3"' : ''} points="${mapped.map((p) => `${f(p.x)},${f(p.y)}`).join(' ')}"/>`,
        );
    } else {
      for (const p of mapped)
        out.push(
          `<circle cx="${f(p.x)}" cy="${f(p.y)}" r="3.5" fill="${color}">${p.label ? `<title>${escapeXml(p.label)}</title>` : ''}</circle>`,
        );
    }
    const ly = plot.top + 12 + si * 14;
    out.push(
      `<rect x="${f(plot.right - 120)}" y="${f(ly - 8)}" width="8" height="8" fill="${color}"/><text x="${f(plot.right - 108)}" y="${f(ly)}">${escapeXml(s.name)}</text>`,
    );
    out.push('</g>');
  });
  const labels = chartPointLabels(spec, L, LABEL_FONT);
  if (labels.length > 0) {
    out.push(`<g class="point-labels" fill="#333" font-size="${LABEL_FONT}">`);
    for (const l of labels)
      out.push(
        `<text x="${f(l.x)}" y="${f(l.y)}"${l.anchor === 'end' ? ' text-anchor="end"' : ''}>${escapeXml(l.text)}</text>`,
      );
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
