import { useEffect, useRef, useState } from 'react';
import type { MapScene } from '../scene/MapScene.js';
import { useThumbnailCache } from './Thumbnail.js';

/** Most thumbnails drawn at once: past this many points in view the map is not "zoomed in" enough. */
const MAP_THUMBNAIL_LIMIT = 400;
/** Side of a thumbnail on the map, in CSS pixels. */
const SIDE = 36;

/**
 * With the switch on, draws each point in view as its picture once the view holds at most
 * MAP_THUMBNAIL_LIMIT points (zoomed in), on a 2-D canvas over the map that follows every view change.
 * Points stay pickable: the canvas lets the pointer through.
 */
export function ThumbnailOverlay({ scene }: { scene: MapScene | null }) {
  const cache = useThumbnailCache();
  const [on, setOn] = useState(false);
  const [inView, setInView] = useState<number | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!on || !cache || !scene || !canvas) return;
    const draw = () => {
      const parent = canvas.parentElement!.getBoundingClientRect();
      const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
      canvas.width = Math.max(1, Math.floor(parent.width * ratio));
      canvas.height = Math.max(1, Math.floor(parent.height * ratio));
      const ctx = canvas.getContext('2d')!;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.imageSmoothingEnabled = false;
      const screen = scene.screenPositions();
      const visible: number[] = [];
      for (let i = 0; i < screen.length / 2; i++) {
        const x = screen[i * 2]!;
        const y = screen[i * 2 + 1]!;
        if (x >= -SIDE && y >= -SIDE && x <= parent.width + SIDE && y <= parent.height + SIDE) {
          visible.push(i);
          if (visible.length > MAP_THUMBNAIL_LIMIT) break;
        }
      }
      setInView(visible.length);
      let drawn = 0;
      if (visible.length <= MAP_THUMBNAIL_LIMIT)
        for (const i of visible) {
          const t = cache.get(i);
          if (t?.kind !== 'image') continue;
          const s = SIDE / Math.max(t.canvas.width, t.canvas.height);
          const w = t.canvas.width * s;
          const h = t.canvas.height * s;
          ctx.drawImage(t.canvas, screen[i * 2]! - w / 2, screen[i * 2 + 1]! - h / 2, w, h);
          drawn++;
        }
      canvas.dataset.drawn = String(drawn);
    };
    draw();
    const offView = scene.on('view', draw);
    const offCache = cache.subscribe(draw);
    return () => {
      offView();
      offCache();
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
      canvas.dataset.drawn = '0';
    };
  }, [on, cache, scene]);

  if (!cache) return null;
  return (
    <>
      <canvas ref={canvasRef} className="map-thumbnails" data-testid="map-thumbnails" data-drawn="0" />
      <label className="map-thumbs-toggle" title="draw the points in view as their pictures once zoomed in">
        <input
          type="checkbox"
          data-testid="map-thumbnails-toggle"
          checked={on}
          onChange={(e) => setOn(e.target.checked)}
        />{' '}
        thumbnails when zoomed in
        {on && inView !== null && inView > MAP_THUMBNAIL_LIMIT && (
          <span className="note" data-testid="map-thumbnails-note">
            {' '}
            (zoom in: more than {MAP_THUMBNAIL_LIMIT} points in view)
          </span>
        )}
      </label>
    </>
  );
}
