import type { Result } from '../../../core/common/rpc/protocol.js';
import { THUMBNAIL_BATCH } from '../../../core/common/rpc/thumbnailsProtocol.js';

/** A row's picture, ready to draw (a canvas, so drawImage and getImageData both work), or why there is none. */
export type Thumb = { kind: 'image'; canvas: HTMLCanvasElement } | { kind: 'none'; reason: string };

type Fetch = (rows: Int32Array) => Promise<Result<'thumbnails'> | undefined>;

/** Decoded thumbnails kept per data set; the least recently used go first. */
const KEEP = 3000;
/** Longest side of a decoded image file (the engine sends image files as they are). */
const FILE_SIDE = 96;

/**
 * The open data set's thumbnails for the hover card, the selection table and the map: asks the engine
 * in batches (the rows wanted within one task, at most THUMBNAIL_BATCH a call), decodes each answer
 * into a small canvas once, and tells subscribers when new ones arrived.
 */
export class ThumbnailCache {
  private readonly thumbs = new Map<number, Thumb>();
  private readonly wanted = new Set<number>();
  private readonly inFlight = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private disposed = false;

  constructor(
    readonly datasetId: string,
    private readonly fetch: Fetch,
  ) {}

  /** The row's thumbnail if it is here; otherwise asks for it (once) and returns undefined. */
  get(row: number): Thumb | undefined {
    const t = this.thumbs.get(row);
    if (t) {
      this.thumbs.delete(row);
      this.thumbs.set(row, t);
      return t;
    }
    if (!this.inFlight.has(row)) this.wanted.add(row);
    if (!this.scheduled && this.wanted.size > 0) {
      this.scheduled = true;
      setTimeout(() => void this.flush(), 0);
    }
    return undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    while (this.wanted.size > 0 && !this.disposed) {
      const rows = [...this.wanted].slice(0, THUMBNAIL_BATCH);
      for (const r of rows) {
        this.wanted.delete(r);
        this.inFlight.add(r);
      }
      const answer = await this.fetch(Int32Array.from(rows));
      for (const r of rows) this.inFlight.delete(r);
      if (this.disposed) return;
      if (!answer) {
        for (const r of rows) this.put(r, { kind: 'none', reason: 'the engine did not answer' });
      } else {
        for (const item of answer.items) {
          // Over the engine's byte budget for one call: asked again when next wanted.
          if (item.kind === 'later') continue;
          this.put(item.row, await decode(item));
        }
      }
      for (const l of this.listeners) l();
    }
  }

  private put(row: number, t: Thumb): void {
    this.thumbs.set(row, t);
    if (this.thumbs.size > KEEP) this.thumbs.delete(this.thumbs.keys().next().value!);
  }
}

async function decode(
  item: Exclude<Result<'thumbnails'>['items'][number], { kind: 'later' }>,
): Promise<Thumb> {
  if (item.kind === 'none') return { kind: 'none', reason: item.reason };
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  if (item.kind === 'pixels') {
    canvas.width = item.width;
    canvas.height = item.height;
    const image = ctx.createImageData(item.width, item.height);
    image.data.set(item.rgba);
    ctx.putImageData(image, 0, 0);
    return { kind: 'image', canvas };
  }
  // Decoding a Blob is not a fetch, so the page's strict CSP does not stand in the way.
  try {
    const bitmap = await createImageBitmap(new Blob([item.bytes.slice()], { type: item.mime }));
    const scale = Math.min(1, FILE_SIDE / Math.max(bitmap.width, bitmap.height));
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return { kind: 'image', canvas };
  } catch {
    return { kind: 'none', reason: `row ${item.row}: the ${item.mime} file cannot be decoded` };
  }
}
