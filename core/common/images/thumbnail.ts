import type { ImageShape } from './imageShape.js';

/** A small picture as RGBA bytes, row-major, 4 bytes per pixel. */
export interface Thumbnail {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** The value range mapped to 0..255: raw bytes as they are, other data by its own extremes. */
export interface PixelRange {
  lo: number;
  hi: number;
}

/**
 * The range that maps a data set's pixel values to bytes: 0..255 when every value already is a byte
 * (u8 images), 0..1 for data scaled to the unit interval, else the data's own minimum and maximum.
 */
export function pixelRange(data: Float32Array): PixelRange {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return { lo: 0, hi: 255 };
  if (lo >= 0 && hi <= 1) return { lo: 0, hi: 1 };
  if (lo >= 0 && hi <= 255) return { lo: 0, hi: 255 };
  return { lo, hi };
}

/**
 * One row's pixels as an RGBA thumbnail no larger than `maxSide` on either side. A larger image is
 * shrunk by averaging the source pixels that fall in each target pixel (box filter), so thin strokes
 * fade instead of vanishing as they would under point sampling; a smaller one keeps its size (the
 * renderer scales it up with crisp pixels).
 */
export function rowThumbnail(
  row: Float32Array,
  shape: ImageShape,
  range: PixelRange,
  maxSide: number,
): Thumbnail {
  const { height: h, width: w, channels: c } = shape;
  const scale = Math.min(1, maxSide / Math.max(h, w));
  const tw = Math.max(1, Math.round(w * scale));
  const th = Math.max(1, Math.round(h * scale));
  const rgba = new Uint8Array(tw * th * 4);
  const k = 255 / (range.hi - range.lo);
  const sum = new Float64Array(4);
  for (let ty = 0; ty < th; ty++) {
    const y0 = Math.floor((ty * h) / th);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * h) / th));
    for (let tx = 0; tx < tw; tx++) {
      const x0 = Math.floor((tx * w) / tw);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * w) / tw));
      sum.fill(0);
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const at = (y * w + x) * c;
          for (let ch = 0; ch < c; ch++) sum[ch]! += row[at + ch]!;
        }
      const count = (y1 - y0) * (x1 - x0);
      const byte = (v: number) => Math.max(0, Math.min(255, Math.round((v / count - range.lo) * k)));
      const o = (ty * tw + tx) * 4;
      if (c === 1) {
        const g = byte(sum[0]!);
        rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
        rgba[o + 3] = 255;
      } else {
        rgba[o] = byte(sum[0]!);
        rgba[o + 1] = byte(sum[1]!);
        rgba[o + 2] = byte(sum[2]!);
        rgba[o + 3] = c === 4 ? byte(sum[3]!) : 255;
      }
    }
  }
  return { width: tw, height: th, rgba };
}
