import type { Matrix } from '../types.js';

const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');

/**
 * A fingerprint of a data set's vectors: the shape and two 32-bit multiplicative hashes over every
 * 32-bit word of the rows. A workspace stores it so that reopening a file whose content changed (same
 * name, other vectors) says so instead of showing results computed from the old content. Not a
 * cryptographic hash: it guards against edits, not against an adversary.
 */
export function vectorFingerprint(m: Matrix): string {
  const words = new Uint32Array(m.data.buffer, m.data.byteOffset, m.n * m.dim);
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `${m.n}x${m.dim}:${hex(a)}${hex(b)}`;
}
