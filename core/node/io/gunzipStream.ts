import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { VecscopeError } from '../../common/errors.js';

/**
 * The decompressed bytes of a gzip file, piece by piece, read through a read-only stream. Nothing is
 * held beyond the current piece, so a caller that stops early (a header that lies, a bomb) never pays
 * for the rest; breaking out of the loop closes the file.
 */
export async function* gunzipPieces(path: string, file: string): AsyncGenerator<Uint8Array> {
  const source = createReadStream(path, { flags: 'r', highWaterMark: 1 << 20 });
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  try {
    for await (const piece of gunzip) yield piece as Uint8Array;
  } catch (e) {
    if (e instanceof VecscopeError) throw e;
    throw new VecscopeError(`corrupt or truncated gzip data (${(e as Error).message})`, file);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}
