import type { MetadataColumn } from '../types.js';

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|bmp)$/i;

/**
 * The first text (or category) column whose values name image files (.png, .jpg, .gif, .webp, .bmp):
 * at least 80% of the first 200 non-empty cells, so one stray file name in a notes column does not count.
 */
export function findImagePathColumn(columns: readonly MetadataColumn[]): string | undefined {
  for (const c of columns) {
    if (c.type === 'number') continue;
    let seen = 0;
    let images = 0;
    const n = c.type === 'text' ? c.values.length : c.codes.length;
    for (let i = 0; i < n && seen < 200; i++) {
      const v = c.type === 'text' ? c.values[i]! : (c.categories[c.codes[i]!] ?? '');
      if (v.trim() === '') continue;
      seen++;
      if (IMAGE_EXT.test(v.trim())) images++;
    }
    if (seen > 0 && images >= 0.8 * seen) return c.name;
  }
  return undefined;
}

/** The MIME type of an image file's bytes by their signature, or undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const at = (i: number, ...sig: number[]) => sig.every((b, j) => bytes[i + j] === b);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  if (at(0, 0x42, 0x4d)) return 'image/bmp';
  return undefined;
}
