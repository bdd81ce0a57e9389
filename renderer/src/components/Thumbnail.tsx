import { useEffect, useRef, useState } from 'react';
import { ThumbnailCache } from '../engine/thumbnailCache.js';
import { selectDataset } from '../store/selectors.js';
import { useApp, useAppContext } from './context.js';

let shared: ThumbnailCache | null = null;

/** The open data set's thumbnail cache, or null when it has no pictures. One cache per data set. */
export function useThumbnailCache(): ThumbnailCache | null {
  const { session } = useAppContext();
  const dataset = useApp(selectDataset);
  if (!dataset?.images) return null;
  if (shared?.datasetId !== dataset.id) {
    shared?.dispose();
    const id = dataset.id;
    shared = new ThumbnailCache(id, (rows) => session.fetchThumbnails(id, rows));
  }
  return shared;
}

/** Re-renders the caller whenever new thumbnails arrived. */
function useThumbnailUpdates(cache: ThumbnailCache | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => cache?.subscribe(() => setVersion((v) => v + 1)), [cache]);
  return version;
}

/** One row's picture, scaled to fit `size` CSS pixels with crisp pixels; its title says why there is none. */
export function Thumbnail({ row, size }: { row: number; size: number }) {
  const cache = useThumbnailCache();
  const version = useThumbnailUpdates(cache);
  const ref = useRef<HTMLCanvasElement>(null);
  const thumb = cache?.get(row);
  useEffect(() => {
    const el = ref.current;
    if (!el || thumb?.kind !== 'image') return;
    const src = thumb.canvas;
    el.width = src.width;
    el.height = src.height;
    el.getContext('2d')!.drawImage(src, 0, 0);
  }, [thumb, version]);
  if (!cache) return null;
  const state = thumb === undefined ? 'loading' : thumb.kind === 'image' ? 'ready' : 'none';
  const scale = thumb?.kind === 'image' ? size / Math.max(thumb.canvas.width, thumb.canvas.height) : 1;
  return (
    <canvas
      ref={ref}
      className="thumbnail"
      data-testid="thumbnail"
      data-row={row}
      data-state={state}
      title={thumb?.kind === 'none' ? thumb.reason : undefined}
      width={1}
      height={1}
      style={
        thumb?.kind === 'image'
          ? { width: thumb.canvas.width * scale, height: thumb.canvas.height * scale }
          : { width: size, height: size }
      }
    />
  );
}
