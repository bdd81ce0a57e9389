import * as THREE from 'three';
import type { Tool } from '../store/state.js';
import { FLAG } from './colors.js';
import { MapLabels, type MapLabel } from './mapLabels.js';
import { MapPointer } from './mapPointer.js';
import { PointCloud } from './pointCloud.js';
import { PointPicker } from './pointPicker.js';
import { SceneCamera } from './sceneCamera.js';
import { projectToScreen } from './screenProjection.js';
import { SelectionShape } from './selectionShape.js';

export interface SceneProps {
  /** n × dim layout (dim 2 or 3); null = nothing to draw. */
  positions: Float32Array | null;
  dim: 2 | 3;
  /** n × 3 RGB bytes. */
  colors: Uint8Array | null;
  /** n bytes, see FLAG in colors.ts. */
  flags: Uint8Array | null;
  pointSize: number;
  opacity: number;
  tool: Tool;
  labels: MapLabel[];
  /** Names the layout the positions belong to (method, dim, parameters): a new key frames the new
   * layout; new positions under the same key (a layout still optimising) keep the user's view. */
  layoutKey: string;
}

export interface SceneEvents {
  hover: number | null;
  click: number | null;
  select: Int32Array;
  /** The camera, the canvas size or the layout moved (once per drawn frame at most): listeners read what
   * they need, screenPositions() for every point or projectRow() for one. */
  view: undefined;
}

type Listener<K extends keyof SceneEvents> = (value: SceneEvents[K]) => void;

/**
 * The map. React drives it through setProps; it reports hover, click and box/lasso selection as
 * events, and 'view' when the camera, the canvas size or the layout moved. Its parts live in their own
 * modules: the points in one draw call with GPU layout transitions (pointCloud.ts), the cameras
 * (sceneCamera.ts), pointer input (mapPointer.ts), picking (pointPicker.ts), the selection shape
 * (selectionShape.ts) and the labels (mapLabels.ts).
 */
export class MapScene {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly cameras = new SceneCamera();
  private readonly cloud: PointCloud;
  private readonly shape: SelectionShape;
  private readonly labels: MapLabels;
  private readonly picker = new PointPicker(() => this.project());
  private readonly resizeObserver: ResizeObserver;
  private readonly pointer: MapPointer;
  private readonly listeners: { [K in keyof SceneEvents]: Listener<K>[] } = {
    hover: [],
    click: [],
    select: [],
    view: [],
  };
  /** The view moved since the last 'view' event (set wherever the picker's screen positions are dropped). */
  private viewMoved = true;

  private props: SceneProps = {
    positions: null,
    dim: 2,
    colors: null,
    flags: null,
    pointSize: 4,
    opacity: 0.85,
    tool: 'pan',
    labels: [],
    layoutKey: '',
  };
  /** The view frames the layout as fitView left it: a resize frames it again. Cleared by a pan or zoom. */
  private framed = true;
  private width = 1;
  private height = 1;
  private frameRequested = false;
  private disposed = false;
  /** Frames drawn so far (tests and the benchmark wait on it). */
  frames = 0;

  constructor(private readonly container: HTMLElement) {
    this.renderer = new THREE.WebGLRenderer({ antialias: false, alpha: false, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, globalThis.devicePixelRatio || 1));
    this.renderer.setClearColor(0x121418, 1);
    const canvas = this.renderer.domElement;
    canvas.className = 'map-canvas';
    canvas.tabIndex = 0;
    container.appendChild(canvas);

    this.shape = new SelectionShape(container);
    this.labels = new MapLabels(container);

    this.cloud = new PointCloud(this.renderer.getPixelRatio());
    this.scene.add(this.cloud.object);

    this.pointer = new MapPointer(canvas, {
      tool: () => this.props.tool,
      dragView: (dx, dy, rotate) => {
        this.framed = false;
        this.cameras.drag(dx, dy, this.props.dim, this.height, rotate);
        this.invalidateView();
        this.requestRender();
      },
      zoomView: (factor, x, y) => {
        this.framed = false;
        this.cameras.zoom(factor, this.props.dim, x, y, this.width, this.height);
        this.invalidateView();
        this.requestRender();
      },
      requestRender: () => this.requestRender(),
      drawShape: (poly) => this.shape.draw(poly),
      pick: (x, y) => this.pick(x, y),
      selectPolygon: (poly) => this.selectPolygon(poly),
      hover: (row) => this.emit('hover', row),
      click: (row) => this.emit('click', row),
      select: (rows) => this.emit('select', rows),
    });
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
  }

  on<K extends keyof SceneEvents>(event: K, listener: Listener<K>): () => void {
    (this.listeners[event] as Listener<K>[]).push(listener);
    return () => {
      const list = this.listeners[event] as Listener<K>[];
      list.splice(list.indexOf(listener), 1);
    };
  }

  private emit<K extends keyof SceneEvents>(event: K, value: SceneEvents[K]): void {
    for (const l of this.listeners[event] as Listener<K>[]) l(value);
  }

  setProps(next: Partial<SceneProps>): void {
    const prev = this.props;
    this.props = { ...prev, ...next };
    const p = this.props;
    const newLayout = p.layoutKey !== prev.layoutKey;
    if (next.positions !== undefined && (next.positions !== prev.positions || p.dim !== prev.dim)) {
      this.setPositions(p.positions, p.dim, prev.positions !== null, newLayout);
    } else if (next.dim !== undefined && next.dim !== prev.dim) {
      this.setPositions(p.positions, p.dim, true, true);
    }
    if (p.colors !== prev.colors || p.flags !== prev.flags || this.cloud.styleStale()) {
      this.cloud.setStyle(p.colors, p.flags);
    }
    this.cloud.setLook(p.pointSize, p.opacity, p.dim);
    if (p.labels !== prev.labels) this.labels.set(p.labels);
    if (p.tool !== prev.tool) this.renderer.domElement.dataset.tool = p.tool;
    this.requestRender();
  }

  private setPositions(
    positions: Float32Array | null,
    dim: 2 | 3,
    animate: boolean,
    newLayout: boolean,
  ): void {
    // A layout of other extents (UMAP after PCA) would open off screen or as a speck in the old view.
    if (this.cloud.setPositions(positions, dim, animate) || newLayout) this.fitView();
    this.invalidateView();
  }

  /** Frames the whole layout; the view then follows canvas resizes until the user pans or zooms. */
  fitView(): void {
    if (this.n === 0) return;
    this.framed = true;
    this.cameras.fit(this.cloud.target, this.n, this.width / this.height);
    this.invalidateView();
    this.requestRender();
  }

  private get n(): number {
    return this.cloud.n;
  }

  private get camera(): THREE.Camera {
    return this.cameras.active(this.props.dim);
  }

  private resize(): void {
    const r = this.container.getBoundingClientRect();
    this.width = Math.max(1, Math.floor(r.width));
    this.height = Math.max(1, Math.floor(r.height));
    this.renderer.setSize(this.width, this.height, true);
    this.shape.resize(this.width, this.height);
    // The lab opening, closing or resizing changes the canvas: a framed layout stays framed.
    if (this.framed && this.n > 0) this.cameras.fit(this.cloud.target, this.n, this.width / this.height);
    this.invalidateView();
    this.requestRender();
  }

  requestRender(): void {
    if (this.frameRequested || this.disposed) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.render();
    });
  }

  render(): void {
    if (this.disposed) return;
    const animating = this.cloud.tick();
    this.cameras.update(this.width, this.height);
    this.renderer.render(this.scene, this.camera);
    this.frames++;
    this.labels.place(this.camera, this.props.dim, this.width, this.height);
    if (this.viewMoved && this.listeners.view.length > 0) {
      this.viewMoved = false;
      this.emit('view', undefined);
    }
    if (animating) this.requestRender();
    else this.pointer.resolveHover();
  }

  private invalidateView(): void {
    this.picker.invalidate();
    this.viewMoved = true;
  }

  /** Every point's screen position under the current camera (the picker caches it per view). */
  private project(): Float32Array {
    return projectToScreen(this.cloud.target, this.n, this.viewProjection(), this.width, this.height);
  }

  /** The current camera's view-projection matrix (column-major). */
  private viewProjection(): number[] {
    this.cameras.update(this.width, this.height);
    const cam = this.camera;
    return new THREE.Matrix4().multiplyMatrices(cam.projectionMatrix, cam.matrixWorldInverse).elements;
  }

  /** Screen coordinates (CSS pixels from the canvas's top-left) of every point; NaN when behind the camera. */
  screenPositions(): Float32Array {
    return this.picker.screenPositions();
  }

  /** Where a row is drawn (CSS pixels relative to the canvas), or null when it is not on screen. Projects
   * that row alone unless the picker holds every point's position for this view. */
  projectRow(row: number): { x: number; y: number } | null {
    if (row < 0 || row >= this.n) return null;
    const one = () =>
      projectToScreen(
        this.cloud.target.subarray(row * 3, row * 3 + 3),
        1,
        this.viewProjection(),
        this.width,
        this.height,
      );
    return this.picker.projectRow(row, this.width, this.height, one);
  }

  /** The row drawn nearest to a screen position, within the point's radius plus a few pixels. */
  pick(x: number, y: number): number | null {
    const radius = Math.max(5, this.props.pointSize / 2 + 3);
    return this.picker.pick(x, y, this.n, radius, this.props.flags);
  }

  /** Rows inside a screen-space polygon (flat [x0, y0, ...] in CSS pixels). */
  selectPolygon(poly: number[]): Int32Array {
    const rows = this.picker.inPolygon(poly);
    const flags = this.props.flags;
    // Rows the filter hides are not on screen, so a box or lasso does not take them.
    return flags && flags.length === this.n ? rows.filter((r) => flags[r] !== FLAG.hidden) : rows;
  }

  /**
   * Benchmark: draws `count` frames while nudging the camera, waiting for the GPU after each
   * (a 1-pixel read), and returns each frame's time in ms.
   */
  measureFrames(count: number): number[] {
    const gl = this.renderer.getContext();
    const px = new Uint8Array(4);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      this.cameras.nudge(i);
      this.invalidateView();
      this.render();
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      times.push(performance.now() - t0);
    }
    return times;
  }

  dispose(): void {
    this.disposed = true;
    this.resizeObserver.disconnect();
    this.cloud.dispose();
    this.renderer.dispose();
    this.renderer.domElement.remove();
    this.shape.dispose();
    this.labels.dispose();
  }
}
