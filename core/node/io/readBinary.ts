import { open, type FileHandle } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { VecscopeError } from '../../common/errors.js';
import {
  binaryLayout,
  headerLength,
  promisedSize,
  type BinaryFormat,
  type BinaryLayout,
} from '../../common/io/binaryLayout.js';
import { DTYPE_BYTES, formatCount } from '../../common/io/format.js';
import { rowSample } from './rowSample.js';
import { sharedRows } from '../../common/search/graphMemory.js';
import type { ParsedVectors } from '../../common/io/parsedVectors.js';
import { RowDecoder } from '../../common/io/rowDecoder.js';
import { gunzipPieces } from './gunzipStream.js';

/** Bytes read per call: large enough for full disk speed, small next to the float32 result. */
const CHUNK = 32 << 20;

/** The longest typed array V8 allows on 64-bit Node 20 (elements, not bytes). */
const MAX_ELEMENTS = 2 ** 32;

/** A .npy header longer than this is corrupt (NumPy writes a few hundred bytes). */
const MAX_HEADER = 16 << 20;

/** deflate cannot expand data by more than about 1032:1; a header promising more is a lie. */
const MAX_DEFLATE_RATIO = 1032;

function gb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/**
 * The float32 result, allocated once and shared (worker threads read it without a copy, and the
 * WebAssembly search indexes adopt it: core/common/search/graphMemory.ts sharedRows). Sizes that
 * cannot be held are refused with one line naming the file, before anything large is allocated.
 */
function allocateRows(n: number, dim: number, file: string, canSample = true): Float32Array {
  const count = n * dim;
  // What would fit: one array, and at most half the machine's memory (the rest is for the work).
  const fits = Math.floor(Math.min(MAX_ELEMENTS, totalmem() / 8) / dim);
  const advice = canSample
    ? `; open a seeded sample of the rows with --max-rows ${formatCount(fits).replace(/,/g, '')} or fewer`
    : '; gunzip it first, then open a sample of the rows with --max-rows';
  if (count > MAX_ELEMENTS)
    throw new VecscopeError(
      `${formatCount(n)} × ${dim} = ${formatCount(count)} values exceed the ${formatCount(MAX_ELEMENTS)} (2^32) one float32 array can hold${advice}`,
      file,
    );
  const bytes = count * 4;
  if (bytes > totalmem())
    throw new VecscopeError(
      `${formatCount(n)} × ${dim} vectors need ${gb(bytes)} as float32, more than this machine's ${gb(totalmem())} of memory${advice}`,
      file,
    );
  // Resident: a study's float32 index searches these rows in place rather than a copy of them.
  return sharedRows(count);
}

async function readAt(handle: FileHandle, length: number, position: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** True when the stored bytes are the float32 result already, so they can be read straight into it. */
function isPlainF32(l: BinaryLayout): boolean {
  return l.dtype === 'f32' && l.littleEndian && l.rowPrefix === 0 && !l.fortranOrder;
}

/**
 * Reads a binary vector file of `size` bytes in chunks: the header from the first bytes (a bad one is
 * rejected before any data is read), then the data converted chunk by chunk into the one float32
 * result. Peak memory is the result plus one chunk; little-endian float32 data is read straight into
 * the result, with no chunk at all.
 */
export async function readBinaryFile(
  path: string,
  file: string,
  format: BinaryFormat,
  size: number,
  opts: { dim?: number | undefined; maxRows?: number | undefined } = {},
): Promise<ParsedVectors> {
  const handle = await open(path, 'r');
  try {
    let head = await readAt(handle, Math.min(size, 1 << 16), 0);
    const need = headerLength(format, head);
    if (need !== undefined && need > head.length && need <= Math.min(size, MAX_HEADER))
      head = await readAt(handle, need, 0);
    const layout = binaryLayout(format, head, size, file, opts);
    if (opts.maxRows !== undefined && layout.n > opts.maxRows) {
      if (layout.fortranOrder)
        throw new VecscopeError(
          '--max-rows: a Fortran-ordered .npy stores columns, not rows, so a sample of rows cannot be read from it; save it in C order',
          file,
        );
      const rows = rowSample(layout.n, opts.maxRows)!;
      const sampled = allocateRows(rows.length, layout.dim, file);
      await readRows(handle, layout, rows, sampled, file);
      return {
        matrix: { data: sampled, n: rows.length, dim: layout.dim },
        dtype: layout.dtype,
        sampledRows: rows,
        totalRows: layout.n,
      };
    }
    const data = allocateRows(layout.n, layout.dim, file);
    const end = size;
    let pos = layout.dataOffset;
    if (isPlainF32(layout)) {
      // The rows may start past the front of their buffer (a resident array follows a reserved page).
      const target = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      for (let at = 0; pos < end;) {
        const { bytesRead } = await handle.read(target, at, Math.min(CHUNK, end - pos), pos);
        if (bytesRead === 0) throw new VecscopeError('the file got shorter while it was read', file);
        at += bytesRead;
        pos += bytesRead;
      }
    } else {
      const decoder = new RowDecoder(layout, data, file);
      const buf = new Uint8Array(Math.min(CHUNK, Math.max(end - pos, 1)));
      while (pos < end) {
        const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, end - pos), pos);
        if (bytesRead === 0) throw new VecscopeError('the file got shorter while it was read', file);
        decoder.push(buf.subarray(0, bytesRead));
        pos += bytesRead;
      }
    }
    return { matrix: { data, n: layout.n, dim: layout.dim }, dtype: layout.dtype };
  } finally {
    await handle.close();
  }
}

/**
 * Reads rows `rows` (ascending) of a row-major file into `out`. Nearby rows are read in one call of
 * up to CHUNK bytes; a gap wider than GAP_BYTES is skipped with a new read, so a small sample of a
 * large file reads little more than its own rows and a dense one streams at full disk speed.
 */
async function readRows(
  handle: FileHandle,
  layout: BinaryLayout,
  rows: Int32Array,
  out: Float32Array,
  file: string,
): Promise<void> {
  const rowBytes = layout.rowPrefix + layout.dim * DTYPE_BYTES[layout.dtype];
  const maxSpan = Math.max(1, Math.floor(CHUNK / rowBytes));
  const maxGap = Math.max(1, Math.floor(GAP_BYTES / rowBytes));
  for (let k = 0; k < rows.length;) {
    const first = rows[k]!;
    let e = k + 1;
    while (e < rows.length && rows[e]! - first < maxSpan && rows[e]! - rows[e - 1]! <= maxGap) e++;
    const span = rows[e - 1]! - first + 1;
    const bytes = await readAt(handle, span * rowBytes, layout.dataOffset + first * rowBytes);
    if (bytes.length < span * rowBytes)
      throw new VecscopeError('the file got shorter while it was read', file);
    for (let j = k; j < e; j++) {
      const at = (rows[j]! - first) * rowBytes;
      // One decoder a row: it checks a TEXMEX row's own dimension prefix as a whole-file read does.
      new RowDecoder({ ...layout, n: 1 }, out.subarray(j * layout.dim, (j + 1) * layout.dim), file).push(
        bytes.subarray(at, at + rowBytes),
      );
    }
    k = e;
  }
}

/** Skipping more than this between two sampled rows is cheaper as a new read than as bytes read. */
const GAP_BYTES = 256 << 10;

/**
 * Reads a gzipped binary vector file as a stream. Formats whose header counts the rows are decoded in
 * one pass that stops at the first byte beyond what the header promises (and a header promising more
 * than deflate can expand `compressedSize` to is refused at once), so a decompression bomb costs no
 * more than the matrix its header declares. TEXMEX and raw float32 carry no count: a first pass
 * counts the decompressed bytes (bounded by the machine's memory) without keeping them, a second
 * decodes. `head` is the first decompressed bytes, already read to pick the format.
 */
export async function readGzipBinary(
  path: string,
  file: string,
  format: BinaryFormat,
  compressedSize: number,
  opts: { dim?: number | undefined } = {},
): Promise<ParsedVectors> {
  const promised = await withHead(path, file, format, (head) => promisedSize(format, head, file));
  let total: number;
  if (promised !== undefined) {
    if (promised > compressedSize * MAX_DEFLATE_RATIO)
      throw new VecscopeError(
        `corrupt: the header promises ${formatCount(promised)} bytes, more than ${formatCount(compressedSize)} bytes of gzip can hold`,
        file,
      );
    total = promised;
  } else {
    total = await countGunzipped(path, file);
  }
  let head: Uint8Array = new Uint8Array(0);
  let decoder: RowDecoder | undefined;
  let layout: BinaryLayout | undefined;
  let data: Float32Array | undefined;
  let header: Uint8Array = new Uint8Array(0);
  let seen = 0;
  for await (const piece of gunzipPieces(path, file)) {
    seen += piece.length;
    if (!decoder) {
      head = concat(head, piece);
      const need = headerLength(format, head);
      if (need === undefined || head.length < need) {
        if (head.length > MAX_HEADER)
          throw new VecscopeError('corrupt: the header is cut off or too long', file);
        continue;
      }
      layout = binaryLayout(format, head, total, file, opts);
      data = allocateRows(layout.n, layout.dim, file, false);
      decoder = new RowDecoder(layout, data, file);
      header = head.subarray(0, layout.dataOffset);
      if (head.length > layout.dataOffset) decoder.push(head.subarray(layout.dataOffset));
    } else {
      decoder.push(piece);
    }
  }
  if (!decoder || !layout || !data) {
    // The whole stream was shorter than its header: let the layout say how.
    binaryLayout(format, head, Math.max(seen, 1), file, opts);
    throw new VecscopeError('truncated: the header is cut off', file);
  }
  if (!decoder.complete) {
    // Fewer bytes than promised: the layout check at the real size gives the "truncated" line.
    binaryLayout(
      format,
      header.length > 0 ? header : head,
      layout.dataOffset + decoder.bytesTaken,
      file,
      opts,
    );
    throw new VecscopeError(
      `truncated: ${formatCount(layout.dataOffset + decoder.bytesTaken)} bytes after gunzip, the header promises ${formatCount(total)}`,
      file,
    );
  }
  return { matrix: { data, n: layout.n, dim: layout.dim }, dtype: layout.dtype };
}

/** Runs `fn` on the first decompressed bytes once they hold the header (or the stream ends). */
async function withHead<T>(
  path: string,
  file: string,
  format: BinaryFormat,
  fn: (head: Uint8Array) => T,
): Promise<T> {
  let head: Uint8Array = new Uint8Array(0);
  for await (const piece of gunzipPieces(path, file)) {
    head = concat(head, piece);
    const need = headerLength(format, head);
    if (need !== undefined && head.length >= need) break;
    if (head.length > MAX_HEADER) break;
  }
  return fn(head);
}

/** Decompressed size of a gzip file, counted without keeping the bytes; bounded by the memory. */
async function countGunzipped(path: string, file: string): Promise<number> {
  const limit = totalmem();
  let total = 0;
  for await (const piece of gunzipPieces(path, file)) {
    total += piece.length;
    if (total > limit)
      throw new VecscopeError(
        `gzip data decompresses to more than this machine's ${gb(limit)} of memory`,
        file,
      );
  }
  return total;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
