import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import { encodeNpy } from '../../common/io/npy.js';
import { encodeIvecs } from '../../common/io/texmexVecs.js';
import { isInputFile, sameFile } from './inputRegistry.js';

/**
 * Writes bytes to `path` through a temporary file in the same folder and a rename, so a reader never
 * sees half a file. Refuses to replace a file any loader read (or one listed in `protect`).
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  opts: { protect?: readonly string[] } = {},
): Promise<void> {
  if (isInputFile(path) || (opts.protect ?? []).some((p) => sameFile(p, path)))
    throw new VecscopeError('refusing to overwrite an input file; choose another output path', path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VecscopeError('cannot write: the folder does not exist', path);
    if (code === 'EACCES' || code === 'EPERM')
      throw new VecscopeError('cannot write: permission denied', path);
    throw e;
  }
}

/** Writes n × k ids as .ivecs. */
export async function writeIvecs(path: string, ids: Int32Array, n: number, k: number): Promise<void> {
  await writeFileAtomic(path, encodeIvecs(ids, n, k));
}

/** Writes a float32 or int32 array of the given shape as .npy. */
export async function writeNpy(
  path: string,
  data: Float32Array | Int32Array,
  shape: number[],
): Promise<void> {
  await writeFileAtomic(path, encodeNpy(data, shape));
}
