import * as THREE from 'three';

export interface MapLabel {
  text: string;
  position: [number, number, number];
}

/** Text labels over the map (cluster names), as DOM elements placed where their position projects. */
export class MapLabels {
  private readonly layer: HTMLDivElement;
  private labels: MapLabel[] = [];
  private els: HTMLDivElement[] = [];

  constructor(container: HTMLElement) {
    this.layer = document.createElement('div');
    this.layer.className = 'map-labels';
    container.appendChild(this.layer);
  }

  set(labels: MapLabel[]): void {
    for (const el of this.els) el.remove();
    this.labels = labels;
    this.els = labels.map((l) => {
      const el = document.createElement('div');
      el.className = 'map-label';
      el.textContent = l.text;
      this.layer.appendChild(el);
      return el;
    });
  }

  /** Moves each label to where `camera` draws it on a width × height canvas; hides those off screen. */
  place(camera: THREE.Camera, dim: 2 | 3, width: number, height: number): void {
    if (this.els.length === 0) return;
    const v = new THREE.Vector3();
    this.labels.forEach((l, i) => {
      const el = this.els[i]!;
      v.set(l.position[0], l.position[1], dim === 3 ? l.position[2] : 0).project(camera);
      const visible = v.z < 1 && Math.abs(v.x) <= 1 && Math.abs(v.y) <= 1;
      el.style.display = visible ? '' : 'none';
      el.style.transform = `translate(${((v.x + 1) / 2) * width}px, ${((1 - v.y) / 2) * height}px) translate(-50%, -50%)`;
    });
  }

  dispose(): void {
    this.layer.remove();
  }
}
