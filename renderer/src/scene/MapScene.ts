import * as THREE from 'three';
import type { Tool } from '../store/state.js';
import { FRAGMENT, VERTEX } from './pointShaders.js';
import { rowsInPolygon } from './polygon.js';
import { nearestOnScreen, projectToScreen } from './screenProjection.js';

interface MapLabel {
  text: string;
  position: [number, number, number];
}

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
}

export interface SceneEvents {
  hover: number | null;
  click: number | null;
  select: Int32Array;
  /** The camera, the canvas size or the layout moved: every point's new screen position (see screenPositions). */
  view: Float32Array;
}

type Listener<K extends keyof SceneEvents> = (value: SceneEvents[K]) => void;

const TRANSITION_MS = 700;
const CLICK_SLOP_PX = 4;

/**
 * The map: every point in one draw call (one BufferGeometry, a custom shader). Layout changes
 * animate on the GPU by mixing two position attributes. React drives it through setProps; it reports
 * hover, click and box/lasso selection as events. Picking projects points on the CPU (no extra
 * render pass), cached until the camera or the layout changes.
 */
export class MapScene {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera2d = new THREE.OrthographicCamera(-1, 1, 1, -1, -10, 10);
  private readonly camera3d = new THREE.PerspectiveCamera(50, 1, 0.01, 100);
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.ShaderMaterial;
  private readonly points: THREE.Points;
  private readonly overlay: SVGSVGElement;
  private readonly labelLayer: HTMLDivElement;
  private readonly resizeObserver: ResizeObserver;
  private readonly listeners: { [K in keyof SceneEvents]: Listener<K>[] } = {
    hover: [],
    click: [],
    select: [],
    view: [],
  };
  /** The view moved since the last 'view' event (set wherever the screen-position cache is dropped). */
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
  };
  private n = 0;
  private to: Float32Array = new Float32Array(0);
  private from: Float32Array = new Float32Array(0);
  private anim: { start: number } | null = null;
  private view = { cx: 0, cy: 0, halfHeight: 1 };
  private orbit = { theta: 0.8, phi: 1.1, radius: 3, target: new THREE.Vector3() };
  private width = 1;
  private height = 1;
  private screen: Float32Array | null = null;
  private frameRequested = false;
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
  private labelEls: HTMLDivElement[] = [];
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

    this.overlay = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.overlay.setAttribute('class', 'map-overlay');
    container.appendChild(this.overlay);
    this.labelLayer = document.createElement('div');
    this.labelLayer.className = 'map-labels';
    container.appendChild(this.labelLayer);

    this.material = new THREE.ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      transparent: true,
      depthTest: true,
      depthWrite: true,
      uniforms: {
        uT: { value: 1 },
        uSize: { value: 4 },
        uOpacity: { value: 0.85 },
        uPixelRatio: { value: this.renderer.getPixelRatio() },
        uFlat: { value: 1 },
      },
    });
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.scene.add(this.points);

    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointermove', this.onPointerMove);
    canvas.addEventListener('pointerup', this.onPointerUp);
    canvas.addEventListener('pointerleave', this.onPointerLeave);
    canvas.addEventListener('wheel', this.onWheel, { passive: false });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
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
    if (next.positions !== undefined && (next.positions !== prev.positions || p.dim !== prev.dim)) {
      this.setPositions(p.positions, p.dim, prev.positions !== null);
    } else if (next.dim !== undefined && next.dim !== prev.dim) {
      this.setPositions(p.positions, p.dim, true);
    }
    if (
      p.colors !== prev.colors ||
      p.flags !== prev.flags ||
      this.n !== (this.geometry.getAttribute('rgb')?.count ?? 0)
    ) {
      this.updateStyleAttributes();
    }
    this.material.uniforms.uSize!.value = p.pointSize;
    this.material.uniforms.uOpacity!.value = p.opacity;
    this.material.uniforms.uFlat!.value = p.dim === 2 ? 1 : 0;
    if (p.labels !== prev.labels) this.rebuildLabels();
    if (p.tool !== prev.tool) this.renderer.domElement.dataset.tool = p.tool;
    this.requestRender();
  }

  private setPositions(positions: Float32Array | null, dim: 2 | 3, animate: boolean): void {
    const n = positions ? Math.floor(positions.length / dim) : 0;
    const to = new Float32Array(n * 3);
    if (positions) {
      for (let i = 0; i < n; i++) {
        to[i * 3] = positions[i * dim]!;
        to[i * 3 + 1] = positions[i * dim + 1]!;
        to[i * 3 + 2] = dim === 3 ? positions[i * dim + 2]! : 0;
      }
    }
    const first = this.n === 0 || n !== this.n;
    let from: Float32Array;
    if (!first && animate) {
      // Start from wherever the points are drawn now (mid-transition included).
      const t = this.currentT();
      from = new Float32Array(n * 3);
      for (let i = 0; i < from.length; i++) from[i] = this.from[i]! + (this.to[i]! - this.from[i]!) * t;
      this.anim = { start: performance.now() };
      this.material.uniforms.uT!.value = 0;
    } else {
      from = to;
      this.anim = null;
      this.material.uniforms.uT!.value = 1;
    }
    this.n = n;
    this.to = to;
    this.from = from;
    this.geometry.setAttribute('position', new THREE.BufferAttribute(to, 3));
    this.geometry.setAttribute('fromPos', new THREE.BufferAttribute(from, 3));
    this.geometry.setDrawRange(0, n);
    if (first) this.fitView();
    this.invalidateView();
  }

  private updateStyleAttributes(): void {
    const n = this.n;
    const colors =
      this.props.colors && this.props.colors.length === n * 3
        ? this.props.colors
        : new Uint8Array(n * 3).fill(160);
    const flags = this.props.flags && this.props.flags.length === n ? this.props.flags : new Uint8Array(n);
    this.geometry.setAttribute('rgb', new THREE.BufferAttribute(colors, 3, true));
    this.geometry.setAttribute('flag', new THREE.BufferAttribute(flags, 1, false));
  }

  private currentT(): number {
    if (!this.anim) return 1;
    const t = (performance.now() - this.anim.start) / TRANSITION_MS;
    return t >= 1 ? 1 : t * t * (3 - 2 * t);
  }

  /** Frames the whole layout. */
  fitView(): void {
    if (this.n === 0) return;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let maxR = 0;
    for (let i = 0; i < this.n; i++) {
      const x = this.to[i * 3]!;
      const y = this.to[i * 3 + 1]!;
      const z = this.to[i * 3 + 2]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      maxR = Math.max(maxR, Math.hypot(x, y, z));
    }
    const aspect = this.width / this.height;
    this.view = {
      cx: (minX + maxX) / 2,
      cy: (minY + maxY) / 2,
      halfHeight: Math.max((maxY - minY) / 2, (maxX - minX) / 2 / aspect, 1e-6) * 1.08,
    };
    this.orbit.radius = Math.max(maxR, 1e-3) * 2.6;
    this.orbit.target.set(0, 0, 0);
    this.invalidateView();
    this.requestRender();
  }

  private get camera(): THREE.Camera {
    return this.props.dim === 3 ? this.camera3d : this.camera2d;
  }

  private updateCameras(): void {
    const aspect = this.width / this.height;
    const { cx, cy, halfHeight } = this.view;
    Object.assign(this.camera2d, {
      left: cx - halfHeight * aspect,
      right: cx + halfHeight * aspect,
      top: cy + halfHeight,
      bottom: cy - halfHeight,
    });
    this.camera2d.position.set(0, 0, 5);
    this.camera2d.updateProjectionMatrix();
    this.camera2d.updateMatrixWorld();
    const o = this.orbit;
    this.camera3d.aspect = aspect;
    this.camera3d.position.set(
      o.target.x + o.radius * Math.sin(o.phi) * Math.cos(o.theta),
      o.target.y + o.radius * Math.cos(o.phi),
      o.target.z + o.radius * Math.sin(o.phi) * Math.sin(o.theta),
    );
    this.camera3d.lookAt(o.target);
    this.camera3d.updateProjectionMatrix();
    this.camera3d.updateMatrixWorld();
  }

  private resize(): void {
    const r = this.container.getBoundingClientRect();
    this.width = Math.max(1, Math.floor(r.width));
    this.height = Math.max(1, Math.floor(r.height));
    this.renderer.setSize(this.width, this.height, true);
    this.overlay.setAttribute('width', String(this.width));
    this.overlay.setAttribute('height', String(this.height));
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
    const t = this.currentT();
    this.material.uniforms.uT!.value = t;
    if (this.anim && t >= 1) this.anim = null;
    this.updateCameras();
    this.renderer.render(this.scene, this.camera);
    this.frames++;
    this.placeLabels();
    if (this.viewMoved && this.listeners.view.length > 0) {
      this.viewMoved = false;
      this.emit('view', this.screenPositions());
    }
    if (this.anim) this.requestRender();
    if (this.hoverPending && !this.anim) {
      const { x, y } = this.hoverPending;
      this.hoverPending = null;
      const row = this.pick(x, y);
      if (row !== this.lastHover) {
        this.lastHover = row;
        this.emit('hover', row);
      }
    }
  }

  private invalidateView(): void {
    this.screen = null;
    this.viewMoved = true;
  }

  /** Screen coordinates (CSS pixels from the canvas's top-left) of every point; NaN when behind the camera. */
  screenPositions(): Float32Array {
    if (this.screen) return this.screen;
    this.updateCameras();
    const cam = this.camera;
    const m = new THREE.Matrix4().multiplyMatrices(cam.projectionMatrix, cam.matrixWorldInverse).elements;
    this.screen = projectToScreen(this.to, this.n, m, this.width, this.height);
    return this.screen;
  }

  /** Where a row is drawn (CSS pixels relative to the canvas), or null when it is not on screen. */
  projectRow(row: number): { x: number; y: number } | null {
    const s = this.screenPositions();
    const x = s[row * 2];
    const y = s[row * 2 + 1];
    if (x === undefined || y === undefined || !(x >= 0 && x <= this.width && y >= 0 && y <= this.height))
      return null;
    return { x, y };
  }

  /** The row drawn nearest to a screen position, within the point's radius plus a few pixels. */
  pick(x: number, y: number): number | null {
    if (this.n === 0) return null;
    const radius = Math.max(5, this.props.pointSize / 2 + 3);
    return nearestOnScreen(this.screenPositions(), this.n, x, y, radius, this.props.flags);
  }

  private rebuildLabels(): void {
    for (const el of this.labelEls) el.remove();
    this.labelEls = this.props.labels.map((l) => {
      const el = document.createElement('div');
      el.className = 'map-label';
      el.textContent = l.text;
      this.labelLayer.appendChild(el);
      return el;
    });
  }

  private placeLabels(): void {
    if (this.labelEls.length === 0) return;
    const cam = this.camera;
    const v = new THREE.Vector3();
    this.props.labels.forEach((l, i) => {
      const el = this.labelEls[i]!;
      v.set(l.position[0], l.position[1], this.props.dim === 3 ? l.position[2] : 0).project(cam);
      const visible = v.z < 1 && Math.abs(v.x) <= 1 && Math.abs(v.y) <= 1;
      el.style.display = visible ? '' : 'none';
      el.style.transform = `translate(${((v.x + 1) / 2) * this.width}px, ${((1 - v.y) / 2) * this.height}px) translate(-50%, -50%)`;
    });
  }

  // ---- interaction ----

  private local(e: PointerEvent | WheelEvent): { x: number; y: number } {
    const r = this.renderer.domElement.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private onPointerDown = (e: PointerEvent) => {
    const { x, y } = this.local(e);
    this.renderer.domElement.setPointerCapture(e.pointerId);
    this.drag = { x, y, lastX: x, lastY: y, moved: false, poly: [x, y], button: e.button };
  };

  private onPointerMove = (e: PointerEvent) => {
    const { x, y } = this.local(e);
    const d = this.drag;
    if (!d) {
      this.hoverPending = { x, y };
      this.requestRender();
      return;
    }
    if (Math.hypot(x - d.x, y - d.y) > CLICK_SLOP_PX) d.moved = true;
    if (!d.moved) return;
    const dx = x - d.lastX;
    const dy = y - d.lastY;
    d.lastX = x;
    d.lastY = y;
    const tool = this.props.tool;
    if (tool === 'pan' || d.button !== 0) {
      if (this.props.dim === 3 && !e.shiftKey && d.button === 0) {
        this.orbit.theta += dx * 0.008;
        this.orbit.phi = Math.min(Math.PI - 0.05, Math.max(0.05, this.orbit.phi - dy * 0.008));
      } else if (this.props.dim === 3) {
        const k = (this.orbit.radius * 0.9) / this.height;
        const right = new THREE.Vector3().setFromMatrixColumn(this.camera3d.matrixWorld, 0);
        const up = new THREE.Vector3().setFromMatrixColumn(this.camera3d.matrixWorld, 1);
        this.orbit.target.addScaledVector(right, -dx * k).addScaledVector(up, dy * k);
      } else {
        const k = (2 * this.view.halfHeight) / this.height;
        this.view.cx -= dx * k;
        this.view.cy += dy * k;
      }
      this.invalidateView();
      this.requestRender();
    } else {
      if (tool === 'lasso') d.poly.push(x, y);
      else d.poly = [d.x, d.y, x, d.y, x, y, d.x, y];
      this.drawSelectionShape(d.poly);
    }
  };

  private onPointerUp = (e: PointerEvent) => {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    const { x, y } = this.local(e);
    if (!d.moved) {
      this.emit('click', this.pick(x, y));
      return;
    }
    if (this.props.tool !== 'pan' && d.button === 0) {
      this.drawSelectionShape(null);
      if (d.poly.length >= 6) this.emit('select', this.selectPolygon(d.poly));
    }
  };

  private onPointerLeave = () => {
    this.hoverPending = null;
    if (this.lastHover !== null) {
      this.lastHover = null;
      this.emit('hover', null);
    }
  };

  private onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const factor = Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.0015)));
    if (this.props.dim === 3) {
      this.orbit.radius = Math.min(100, Math.max(0.02, this.orbit.radius * factor));
    } else {
      // Zoom around the cursor: the world point under it stays put.
      const { x, y } = this.local(e);
      const aspect = this.width / this.height;
      const wx = this.view.cx + (x / this.width - 0.5) * 2 * this.view.halfHeight * aspect;
      const wy = this.view.cy - (y / this.height - 0.5) * 2 * this.view.halfHeight;
      this.view.halfHeight = Math.min(1e3, Math.max(1e-5, this.view.halfHeight * factor));
      this.view.cx = wx - (x / this.width - 0.5) * 2 * this.view.halfHeight * aspect;
      this.view.cy = wy + (y / this.height - 0.5) * 2 * this.view.halfHeight;
    }
    this.invalidateView();
    this.requestRender();
  };

  /** Rows inside a screen-space polygon (flat [x0, y0, ...] in CSS pixels). */
  selectPolygon(poly: number[]): Int32Array {
    return rowsInPolygon(this.screenPositions(), poly);
  }

  private drawSelectionShape(poly: number[] | null): void {
    this.overlay.replaceChildren();
    if (!poly) return;
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'polygon');
    el.setAttribute('points', poly.join(' '));
    el.setAttribute('class', 'selection-shape');
    this.overlay.appendChild(el);
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
      this.orbit.theta += 0.01;
      this.view.cx += this.view.halfHeight * 0.001 * (i % 2 === 0 ? 1 : -1);
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
    this.geometry.dispose();
    this.material.dispose();
    this.renderer.dispose();
    this.renderer.domElement.remove();
    this.overlay.remove();
    this.labelLayer.remove();
  }
}
