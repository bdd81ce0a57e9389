import { open, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { VecscopeError } from '../../common/errors.js';
import { isGzip } from '../../common/io/detectFormat.js';
import { formatCount } from '../../common/io/format.js';

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

/**
 * The largest file read whole (Node's readFile stops at 2 GiB). Only text and table formats and
 * ground truth are read whole; binary vector files are read in chunks and have no such limit.
 */
const WHOLE_FILE_LIMIT = 2 ** 31 - 1;

/**
 * The most a gzip file read whole may decompress to. Text is parsed from memory, so this bounds the
 * memory a decompression bomb can take; binary vector formats stream instead and are bounded by the
 * size their header declares.
 */
const GUNZIP_WHOLE_LIMIT = Math.min(2 ** 30, constants.MAX_LENGTH);

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(0)} GiB`;
}

/** Gunzips bytes that start with the gzip magic (at most GUNZIP_WHOLE_LIMIT); other bytes pass through. */
function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: GUNZIP_WHOLE_LIMIT });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new VecscopeError(
        `gzip data decompresses to more than ${gib(GUNZIP_WHOLE_LIMIT)}, the limit for formats read whole (text, tables, ground truth); gunzip it first, or convert the vectors to .npy or .fbin, which have no such limit`,
        file,
      );
    throw new VecscopeError(`corrupt or truncated gzip data (${(e as Error).message})`, file);
  }
}

/**
 * Reads a whole input file (read-only), gunzipped when it is gzip data. The returned bytes belong to the
 * caller; they may sit at an offset inside a larger pooled buffer.
 */
export async function readInputFile(path: string, file = path): Promise<Uint8Array> {
  const size = await statInput(path, file);
  if (size > WHOLE_FILE_LIMIT)
    throw new VecscopeError(
      `${formatCount(size)} bytes is over the 2 GiB limit for files read whole (text, tables, ground truth); binary vectors (.npy, .fbin, .fvecs, ...) have no such limit`,
      file,
    );
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path, { flag: 'r' });
  } catch (e) {
    throw fsError(e, file);
  }
  return maybeGunzip(bytes, file);
}
