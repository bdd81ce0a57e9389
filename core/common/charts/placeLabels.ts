export interface LabelCandidate {
  /** Marker centre in chart pixels. */
  x: number;
  y: number;
  text: string;
}

export interface PlacedLabel {
  text: string;
  /** Text anchor point (SVG `x`, baseline `y`). */
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Average advance of a sans-serif glyph relative to the font size: exact widths need a renderer,
 * and an overestimate only drops a label that would have fitted. */
const GLYPH_WIDTH = 0.6;
const GAP = 6;

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Labels for chart markers, placed greedily in the order given (callers put the points that matter
 * most, such as the Pareto frontier, first): right of the marker, else left, above or below; a label
 * that would leave the plot or cover another label or marker is dropped rather than drawn over them,
 * since the hover title still names every point.
 */
export function placeLabels(
  points: readonly LabelCandidate[],
  plot: Box,
  fontSize: number,
  blocked: readonly Box[] = [],
  markerRadius = 4,
): PlacedLabel[] {
  const taken: Box[] = points.map((p) => ({
    left: p.x - markerRadius,
    right: p.x + markerRadius,
    top: p.y - markerRadius,
    bottom: p.y + markerRadius,
  }));
  taken.push(...blocked);
  const out: PlacedLabel[] = [];
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || p.text === '') return;
    const w = p.text.length * fontSize * GLYPH_WIDTH;
    const h = fontSize;
    const tries: PlacedLabel[] = [
      { text: p.text, x: p.x + GAP, y: p.y + h / 3, anchor: 'start' },
      { text: p.text, x: p.x - GAP, y: p.y + h / 3, anchor: 'end' },
      { text: p.text, x: p.x + GAP / 2, y: p.y - GAP, anchor: 'start' },
      { text: p.text, x: p.x + GAP / 2, y: p.y + GAP + h, anchor: 'start' },
    ];
    for (const t of tries) {
      const left = t.anchor === 'start' ? t.x : t.x - w;
      const box = { left, right: left + w, top: t.y - h, bottom: t.y + h / 4 };
      if (box.left < plot.left || box.right > plot.right || box.top < plot.top || box.bottom > plot.bottom)
        continue;
      if (taken.some((b, j) => j !== i && overlaps(b, box))) continue;
      taken.push(box);
      out.push(t);
      return;
    }
  });
  return out;
}
