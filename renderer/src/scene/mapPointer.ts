import type { Tool } from '../store/state.js';

const CLICK_SLOP_PX = 4;

/** What the pointer input asks of the map it drives (MapScene). */
export interface PointerHost {
  tool(): Tool;
  /** Pans the view by a drag of (dx, dy) CSS pixels; `rotate` (a left drag without shift) orbits in 3-D. */
  dragView(dx: number, dy: number, rotate: boolean): void;
  /** Zooms by `factor` (> 1 out) around the cursor at (x, y). */
  zoomView(factor: number, x: number, y: number): void;
  /** Asks for a frame: a pending hover is resolved in it (resolveHover). */
  requestRender(): void;
  drawShape(poly: number[] | null): void;
  pick(x: number, y: number): number | null;
  selectPolygon(poly: number[]): Int32Array;
  hover(row: number | null): void;
  click(row: number | null): void;
  select(rows: Int32Array): void;
}

/**
 * The map's pointer and wheel input: a drag pans or orbits (the pan tool, or any button but the left),
 * or draws a box or lasso selection; a click without moving picks a point; hovering picks once per
 * drawn frame, not per pointer event.
 */
export class MapPointer {
  private drag: {
    x: number;
    y: number;
    lastX: number;
    lastY: number;
    moved: boolean;
    poly: number[];
    button: number;
  } | null = null;
  private hoverPending: { x: number; y: number } | null = null;
  private lastHover: number | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly host: PointerHost,
  ) {
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointermove', this.onPointerMove);
    canvas.addEventListener('pointerup', this.onPointerUp);
    canvas.addEventListener('pointerleave', this.onPointerLeave);
    canvas.addEventListener('wheel', this.onWheel, { passive: false });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  }

  /** Picks the row under the last pointer position, if it moved, and reports a changed hover. */
  resolveHover(): void {
    if (!this.hoverPending) return;
    const { x, y } = this.hoverPending;
    this.hoverPending = null;
    const row = this.host.pick(x, y);
    if (row !== this.lastHover) {
      this.lastHover = row;
      this.host.hover(row);
    }
  }

  private local(e: PointerEvent | WheelEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private onPointerDown = (e: PointerEvent) => {
    const { x, y } = this.local(e);
    this.canvas.setPointerCapture(e.pointerId);
    this.drag = { x, y, lastX: x, lastY: y, moved: false, poly: [x, y], button: e.button };
  };

  private onPointerMove = (e: PointerEvent) => {
    const { x, y } = this.local(e);
    const d = this.drag;
    if (!d) {
      this.hoverPending = { x, y };
      this.host.requestRender();
      return;
    }
    if (Math.hypot(x - d.x, y - d.y) > CLICK_SLOP_PX) d.moved = true;
    if (!d.moved) return;
    const dx = x - d.lastX;
    const dy = y - d.lastY;
    d.lastX = x;
    d.lastY = y;
    const tool = this.host.tool();
    if (tool === 'pan' || d.button !== 0) {
      this.host.dragView(dx, dy, !e.shiftKey && d.button === 0);
    } else {
      if (tool === 'lasso') d.poly.push(x, y);
      else d.poly = [d.x, d.y, x, d.y, x, y, d.x, y];
      this.host.drawShape(d.poly);
    }
  };

  private onPointerUp = (e: PointerEvent) => {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    const { x, y } = this.local(e);
    if (!d.moved) {
      this.host.click(this.host.pick(x, y));
      return;
    }
    if (this.host.tool() !== 'pan' && d.button === 0) {
      this.host.drawShape(null);
      if (d.poly.length >= 6) this.host.select(this.host.selectPolygon(d.poly));
    }
  };

  private onPointerLeave = () => {
    this.hoverPending = null;
    if (this.lastHover !== null) {
      this.lastHover = null;
      this.host.hover(null);
    }
  };

  private onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const factor = Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.0015)));
    const { x, y } = this.local(e);
    this.host.zoomView(factor, x, y);
  };
}
