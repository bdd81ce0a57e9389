import { open, readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { VecscopeError } from '../../common/errors.js';
import { isGzip } from '../../common/io/detectFormat.js';

function fsError(e: unknown, file: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new VecscopeError('file not found', file);
  if (code === 'EISDIR') return new VecscopeError('is a directory, not a file', file);
  if (code === 'EACCES' || code === 'EPERM') return new VecscopeError('permission denied', file);
  return e as Error;
}

/** Checks that `path` is a readable regular file; returns its size in bytes. */
export async function statInput(path: string, file = path): Promise<number> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new VecscopeError('is a directory, not a file', file);
    return s.size;
  } catch (e) {
    throw fsError(e, file);
  }
}

/** The first `length` bytes of a file (fewer when it is shorter), read without opening it for writing. */
export async function readHead(path: string, length = 4096, file = path): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = new Uint8Array(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    throw fsError(e, file);
  } finally {
    await handle?.close();
  }
}

/** Gunzips bytes that start with the gzip magic; other bytes pass through. */
export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new VecscopeError(`corrupt or truncated gzip data (${(e as Error).message})`, file);
  }
}

/**
 * Reads a whole input file (read-only), gunzipped when it is gzip data. The returned bytes belong to the
 * caller; they may sit at an offset inside a larger pooled buffer.
 */
export async function readInputFile(path: string, file = path): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path, { flag: 'r' });
  } catch (e) {
    throw fsError(e, file);
  }
  return maybeGunzip(bytes, file);
}
