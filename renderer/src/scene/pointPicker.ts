import { rowsInPolygon } from './polygon.js';
import { nearestOnScreen } from './screenProjection.js';

/**
 * Picking on the CPU: every point's screen position, projected once per view by `project` and kept
 * until `invalidate` (the camera, the canvas size or the layout moved), then searched for hover,
 * click and box/lasso selection.
 */
export class PointPicker {
  private screen: Float32Array | null = null;

  constructor(private readonly project: () => Float32Array) {}

  invalidate(): void {
    this.screen = null;
  }

  /** Screen coordinates (CSS pixels from the canvas's top-left) of every point; NaN when behind the camera. */
  screenPositions(): Float32Array {
    this.screen ??= this.project();
    return this.screen;
  }

  /**
   * Where a row is drawn on a width × height canvas, or null when it is not on screen: from the cached
   * positions when there are some, else from `projectOne` (that row's [x, y]) without projecting them all.
   */
  projectRow(
    row: number,
    width: number,
    height: number,
    projectOne: () => Float32Array,
  ): { x: number; y: number } | null {
    const s = this.screen;
    const [x, y] = s ? [s[row * 2], s[row * 2 + 1]] : projectOne();
    if (x === undefined || y === undefined || !(x >= 0 && x <= width && y >= 0 && y <= height)) return null;
    return { x, y };
  }

  /** The row of n drawn nearest to (x, y), within `radius` pixels; rows flagged hidden are skipped. */
  pick(x: number, y: number, n: number, radius: number, flags: Uint8Array | null): number | null {
    if (n === 0) return null;
    return nearestOnScreen(this.screenPositions(), n, x, y, radius, flags);
  }

  /** Rows inside a screen-space polygon (flat [x0, y0, ...] in CSS pixels). */
  inPolygon(poly: number[]): Int32Array {
    return rowsInPolygon(this.screenPositions(), poly);
  }
}
