import { looksLikeIdx } from '../io/idx.js';
import { parseNpyHeader } from '../io/npy.js';

/** The shape of each row when the vectors are images: height × width pixels of `channels` values. */
export interface ImageShape {
  height: number;
  width: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA (channel last). */
  channels: 1 | 3 | 4;
}

/** Images larger than this on a side are not treated as thumbnails (no one shows a 4096-pixel image per row). */
const MAX_SIDE = 1024;

/** Row axes (after the first, row, axis) that read as an image: (h, w) or (h, w, c) with c = 1, 3 or 4. */
export function imageShapeFromAxes(axes: readonly number[]): ImageShape | undefined {
  if (axes.length !== 2 && axes.length !== 3) return undefined;
  const [height, width] = axes as [number, number];
  const c = axes.length === 3 ? axes[2]! : 1;
  if (c !== 1 && c !== 3 && c !== 4) return undefined;
  if (height < 2 || width < 2 || height > MAX_SIDE || width > MAX_SIDE) return undefined;
  return { height, width, channels: c };
}

/**
 * The image shape a vector file's header declares, or undefined when its rows are not images. Only
 * formats that keep the array's axes can say so: IDX (MNIST: n × 28 × 28) and .npy of rank 3 or 4;
 * every other format stores flat rows, and 784 numbers are not assumed to be a picture.
 */
export function imageShapeFromHeader(format: string, head: Uint8Array): ImageShape | undefined {
  if (format === 'idx') {
    if (!looksLikeIdx(head)) return undefined;
    const rank = head[3]!;
    if (head.length < 4 + 4 * rank) return undefined;
    const view = new DataView(head.buffer, head.byteOffset, head.length);
    const axes: number[] = [];
    for (let i = 1; i < rank; i++) axes.push(view.getUint32(4 + 4 * i, false));
    return imageShapeFromAxes(axes);
  }
  if (format === 'npy') {
    try {
      const h = parseNpyHeader(head, 'npy');
      return h.fortranOrder ? undefined : imageShapeFromAxes(h.shape.slice(1));
    } catch {
      // A header longer than the bytes read, or one the loader will refuse in its own words.
      return undefined;
    }
  }
  return undefined;
}
