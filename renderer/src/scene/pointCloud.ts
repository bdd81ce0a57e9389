import * as THREE from 'three';
import { FRAGMENT, VERTEX } from './pointShaders.js';

const TRANSITION_MS = 700;

/**
 * Every point of the map in one draw call (one BufferGeometry, a custom shader). A layout change
 * animates on the GPU by mixing two position attributes ('fromPos' to 'position').
 */
export class PointCloud {
  readonly object: THREE.Points;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.ShaderMaterial;
  private count = 0;
  private to: Float32Array = new Float32Array(0);
  private from: Float32Array = new Float32Array(0);
  private anim: { start: number } | null = null;

  constructor(pixelRatio: number) {
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
        uPixelRatio: { value: pixelRatio },
        uFlat: { value: 1 },
      },
    });
    this.object = new THREE.Points(this.geometry, this.material);
    this.object.frustumCulled = false;
  }

  /** How many points are drawn. */
  get n(): number {
    return this.count;
  }

  /** Where the points end up (xyz rows; z = 0 for a 2-D layout). */
  get target(): Float32Array {
    return this.to;
  }

  /**
   * Sets the layout (n × dim); with `animate`, the points move there from wherever they are drawn now.
   * Returns true when the point count changed (a new data set: nothing to animate from).
   */
  setPositions(positions: Float32Array | null, dim: 2 | 3, animate: boolean): boolean {
    const n = positions ? Math.floor(positions.length / dim) : 0;
    const to = new Float32Array(n * 3);
    if (positions) {
      for (let i = 0; i < n; i++) {
        to[i * 3] = positions[i * dim]!;
        to[i * 3 + 1] = positions[i * dim + 1]!;
        to[i * 3 + 2] = dim === 3 ? positions[i * dim + 2]! : 0;
      }
    }
    const first = this.count === 0 || n !== this.count;
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
    this.count = n;
    this.to = to;
    this.from = from;
    this.geometry.setAttribute('position', new THREE.BufferAttribute(to, 3));
    this.geometry.setAttribute('fromPos', new THREE.BufferAttribute(from, 3));
    this.geometry.setDrawRange(0, n);
    return first;
  }

  /** Whether the colour and flag attributes were made for another point count. */
  styleStale(): boolean {
    return this.count !== (this.geometry.getAttribute('rgb')?.count ?? 0);
  }

  /** n × 3 RGB bytes and n flag bytes (see FLAG in colors.ts); a wrong length draws grey, unflagged. */
  setStyle(colors: Uint8Array | null, flags: Uint8Array | null): void {
    const n = this.count;
    const rgb = colors && colors.length === n * 3 ? colors : new Uint8Array(n * 3).fill(160);
    const flag = flags && flags.length === n ? flags : new Uint8Array(n);
    this.geometry.setAttribute('rgb', new THREE.BufferAttribute(rgb, 3, true));
    this.geometry.setAttribute('flag', new THREE.BufferAttribute(flag, 1, false));
  }

  setLook(pointSize: number, opacity: number, dim: 2 | 3): void {
    this.material.uniforms.uSize!.value = pointSize;
    this.material.uniforms.uOpacity!.value = opacity;
    this.material.uniforms.uFlat!.value = dim === 2 ? 1 : 0;
  }

  /** Advances the layout transition to now; true while it still runs (another frame is wanted). */
  tick(): boolean {
    const t = this.currentT();
    this.material.uniforms.uT!.value = t;
    if (this.anim && t >= 1) this.anim = null;
    return this.anim !== null;
  }

  private currentT(): number {
    if (!this.anim) return 1;
    const t = (performance.now() - this.anim.start) / TRANSITION_MS;
    return t >= 1 ? 1 : t * t * (3 - 2 * t);
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
