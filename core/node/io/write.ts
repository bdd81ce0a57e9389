import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
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
  pending(tmp, true);
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
  } finally {
    pending(tmp, false);
  }
}

// Temporary files being written now. Ctrl+C (or a SIGTERM) mid-write would otherwise leave a hidden
// `.tmp` beside the user's output: while any is pending, the signal removes them before the process
// ends as the signal would have ended it.
const inFlight = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function pending(tmp: string, add: boolean): void {
  if (add) {
    if (inFlight.size === 0) for (const sig of SIGNALS) process.on(sig, removeAndExit);
    inFlight.add(tmp);
  } else {
    inFlight.delete(tmp);
    if (inFlight.size === 0) for (const sig of SIGNALS) process.off(sig, removeAndExit);
  }
}

function removeAndExit(signal: NodeJS.Signals): void {
  for (const tmp of inFlight) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already renamed into place, or never created.
    }
  }
  inFlight.clear();
  for (const sig of SIGNALS) process.off(sig, removeAndExit);
  // Another listener (the web server's shutdown) handles the signal itself; else end as it would have.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
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
