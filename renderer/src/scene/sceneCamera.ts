import * as THREE from 'three';

/**
 * The map's two cameras and their state: a 2-D orthographic view (centre and half height, in layout
 * units) and a 3-D orbit (angles, radius, target). Pure camera math, no DOM: MapScene turns pointer
 * and wheel events into pan, orbit and zoom calls.
 */
export class SceneCamera {
  readonly camera2d = new THREE.OrthographicCamera(-1, 1, 1, -1, -10, 10);
  readonly camera3d = new THREE.PerspectiveCamera(50, 1, 0.01, 100);
  private view = { cx: 0, cy: 0, halfHeight: 1 };
  private readonly orbit = { theta: 0.8, phi: 1.1, radius: 3, target: new THREE.Vector3() };

  /** The camera a `dim`-D layout is drawn with. */
  active(dim: 2 | 3): THREE.Camera {
    return dim === 3 ? this.camera3d : this.camera2d;
  }

  /** Frames n points (xyz rows of `to`) on a canvas of the given aspect ratio. */
  fit(to: Float32Array, n: number, aspect: number): void {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let maxR = 0;
    for (let i = 0; i < n; i++) {
      const x = to[i * 3]!;
      const y = to[i * 3 + 1]!;
      const z = to[i * 3 + 2]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      maxR = Math.max(maxR, Math.hypot(x, y, z));
    }
    this.view = {
      cx: (minX + maxX) / 2,
      cy: (minY + maxY) / 2,
      halfHeight: Math.max((maxY - minY) / 2, (maxX - minX) / 2 / aspect, 1e-6) * 1.08,
    };
    this.orbit.radius = Math.max(maxR, 1e-3) * 2.6;
    this.orbit.target.set(0, 0, 0);
  }

  /** Brings both cameras' matrices up to date for a canvas of width × height CSS pixels. */
  update(width: number, height: number): void {
    const aspect = width / height;
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

  /**
   * A drag of (dx, dy) CSS pixels on a canvas `height` pixels high: orbits the 3-D view when `rotate`,
   * else moves the 3-D target or the 2-D centre with the pointer.
   */
  drag(dx: number, dy: number, dim: 2 | 3, height: number, rotate: boolean): void {
    if (dim === 3 && rotate) {
      this.orbit.theta += dx * 0.008;
      this.orbit.phi = Math.min(Math.PI - 0.05, Math.max(0.05, this.orbit.phi - dy * 0.008));
    } else if (dim === 3) {
      const k = (this.orbit.radius * 0.9) / height;
      const right = new THREE.Vector3().setFromMatrixColumn(this.camera3d.matrixWorld, 0);
      const up = new THREE.Vector3().setFromMatrixColumn(this.camera3d.matrixWorld, 1);
      this.orbit.target.addScaledVector(right, -dx * k).addScaledVector(up, dy * k);
    } else {
      const k = (2 * this.view.halfHeight) / height;
      this.view.cx -= dx * k;
      this.view.cy += dy * k;
    }
  }

  /** Zooms by `factor` (> 1 out); in 2-D around the cursor at (x, y), whose world point stays put. */
  zoom(factor: number, dim: 2 | 3, x: number, y: number, width: number, height: number): void {
    if (dim === 3) {
      this.orbit.radius = Math.min(100, Math.max(0.02, this.orbit.radius * factor));
      return;
    }
    const aspect = width / height;
    const v = this.view;
    const wx = v.cx + (x / width - 0.5) * 2 * v.halfHeight * aspect;
    const wy = v.cy - (y / height - 0.5) * 2 * v.halfHeight;
    v.halfHeight = Math.min(1e3, Math.max(1e-5, v.halfHeight * factor));
    v.cx = wx - (x / width - 0.5) * 2 * v.halfHeight * aspect;
    v.cy = wy + (y / height - 0.5) * 2 * v.halfHeight;
  }

  /** Benchmark: the i-th small camera move (turns the orbit, shifts the 2-D view back and forth). */
  nudge(i: number): void {
    this.orbit.theta += 0.01;
    this.view.cx += this.view.halfHeight * 0.001 * (i % 2 === 0 ? 1 : -1);
  }
}
