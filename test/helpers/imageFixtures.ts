/**
 * An IDX file of n grey h × w images (MNIST's layout: magic 0x00000803, big-endian sizes, u8 pixels).
 * Image i is a bright bar in column i mod w on black, so a thumbnail can be checked pixel by pixel.
 */
export function idxBars(n: number, h: number, w: number): { bytes: Uint8Array; pixels: Uint8Array } {
  const pixels = new Uint8Array(n * h * w);
  for (let i = 0; i < n; i++)
    for (let y = 0; y < h; y++) pixels[i * h * w + y * w + (i % w)] = 200 + (i % 50);
  const bytes = new Uint8Array(16 + pixels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x00000803, false);
  view.setUint32(4, n, false);
  view.setUint32(8, h, false);
  view.setUint32(12, w, false);
  bytes.set(pixels, 16);
  return { bytes, pixels };
}
