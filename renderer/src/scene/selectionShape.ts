/** The SVG layer over the map where a box or lasso selection is drawn while the pointer drags it. */
export class SelectionShape {
  private readonly overlay: SVGSVGElement;

  constructor(container: HTMLElement) {
    this.overlay = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.overlay.setAttribute('class', 'map-overlay');
    container.appendChild(this.overlay);
  }

  resize(width: number, height: number): void {
    this.overlay.setAttribute('width', String(width));
    this.overlay.setAttribute('height', String(height));
  }

  /** Draws the polygon (flat [x0, y0, ...] in CSS pixels), or clears it with null. */
  draw(poly: number[] | null): void {
    this.overlay.replaceChildren();
    if (!poly) return;
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'polygon');
    el.setAttribute('points', poly.join(' '));
    el.setAttribute('class', 'selection-shape');
    this.overlay.appendChild(el);
  }

  dispose(): void {
    this.overlay.remove();
  }
}
