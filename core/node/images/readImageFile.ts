import { open } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { sniffImageType } from '../../common/images/imagePathColumn.js';
import { isUnderRoots, real } from '../host/openRoots.js';

/** An image file larger than this is not sent as a thumbnail (the renderer shrinks what it gets). */
export const MAX_IMAGE_FILE_BYTES = 4 << 20;

export type ImageFileResult = { ok: true; mime: string; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * Reads the image a metadata cell names, for a thumbnail. A relative path resolves against the data
 * set's folder. The file must lie (by real path, so a symlink cannot lead out) inside that folder or
 * one of `roots`: a metadata cell is data, and data must not make the engine serve arbitrary files.
 * Refuses files over MAX_IMAGE_FILE_BYTES and bytes that are not PNG, JPEG, GIF, WebP or BMP.
 */
export async function readImageFile(
  cell: string,
  datasetFile: string,
  roots: readonly string[],
): Promise<ImageFileResult> {
  const name = cell.trim();
  if (name === '') return { ok: false, reason: 'no image path' };
  const base = dirname(real(datasetFile));
  const path = real(isAbsolute(name) ? name : resolve(base, name));
  if (!isUnderRoots(path, [base, ...roots]))
    return { ok: false, reason: `${name}: outside the data set's folder` };
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return { ok: false, reason: `${name}: cannot be read` };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: `${name}: not a file` };
    if (st.size > MAX_IMAGE_FILE_BYTES)
      return { ok: false, reason: `${name}: larger than ${MAX_IMAGE_FILE_BYTES >> 20} MB` };
    const bytes = new Uint8Array(st.size);
    const { bytesRead } = await handle.read(bytes, 0, st.size, 0);
    const data = bytes.subarray(0, bytesRead);
    const mime = sniffImageType(data);
    if (!mime) return { ok: false, reason: `${name}: not a PNG, JPEG, GIF, WebP or BMP image` };
    return { ok: true, mime, bytes: data };
  } finally {
    await handle.close();
  }
}
