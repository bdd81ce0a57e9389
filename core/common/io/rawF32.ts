import { VecscopeError } from '../errors.js';
import { copyBytes } from './decode.js';
import { formatCount, truncatedMessage } from './format.js';
import type { ParsedVectors } from './parsedVectors.js';

/** Parses headerless little-endian float32 rows of a given dimension (`.f32`, `.bin`, `--dim`). */
export function parseRawF32(bytes: Uint8Array, file: string, dim: number | undefined): ParsedVectors {
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', file);
  if (dim === undefined)
    throw new VecscopeError(
      `raw float32 has no header: pass --dim (the file has ${formatCount(bytes.length)} bytes = ${formatCount(Math.floor(bytes.length / 4))} floats)`,
      file,
    );
  if (!Number.isInteger(dim) || dim <= 0)
    throw new VecscopeError(`--dim must be a positive integer, got ${dim}`, file);
  const rowBytes = dim * 4;
  if (bytes.length % rowBytes !== 0)
    throw new VecscopeError(truncatedMessage(bytes.length, dim, Math.floor(bytes.length / rowBytes)), file);
  const n = bytes.length / rowBytes;
  const copy = copyBytes(bytes);
  return { matrix: { data: new Float32Array(copy.buffer, 0, n * dim), n, dim }, dtype: 'f32' };
}
