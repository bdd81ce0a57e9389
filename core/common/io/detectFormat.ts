import { VecscopeError } from '../errors.js';
import { looksLikeIdx } from './idx.js';
import { hasNpyMagic } from './npy.js';

/** Every vector format vecscope reads. */
export type VectorFormat =
  | 'npy'
  | 'fvecs'
  | 'ivecs'
  | 'bvecs'
  | 'fbin'
  | 'ibin'
  | 'u8bin'
  | 'i8bin'
  | 'idx'
  | 'hdf5'
  | 'parquet'
  | 'arrow'
  | 'csv'
  | 'tsv'
  | 'jsonl'
  | 'raw-f32';

const BY_EXTENSION: Record<string, VectorFormat> = {
  '.npy': 'npy',
  '.fvecs': 'fvecs',
  '.ivecs': 'ivecs',
  '.bvecs': 'bvecs',
  '.fbin': 'fbin',
  '.ibin': 'ibin',
  '.u8bin': 'u8bin',
  '.i8bin': 'i8bin',
  '.idx': 'idx',
  '.hdf5': 'hdf5',
  '.h5': 'hdf5',
  '.parquet': 'parquet',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.f32': 'raw-f32',
  '.bin': 'raw-f32',
  '.raw': 'raw-f32',
};

/** The file types the error for an unknown format lists. */
const SUPPORTED_EXTENSIONS =
  '.npy, .fvecs/.ivecs/.bvecs, .fbin/.ibin/.u8bin, IDX (*-idx3-ubyte), .hdf5, .parquet, .arrow, .csv/.tsv, .jsonl, raw .f32/.bin with --dim, each optionally .gz';

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return magic.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** True for gzip data (magic 1f 8b). */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** Recognises the formats that carry a magic number. */
function sniffMagic(head: Uint8Array): VectorFormat | undefined {
  if (hasNpyMagic(head)) return 'npy';
  if (startsWith(head, HDF5_MAGIC)) return 'hdf5';
  if (startsWith(head, ascii('PAR1'))) return 'parquet';
  if (startsWith(head, ascii('ARROW1'))) return 'arrow';
  if (startsWith(head, [0xff, 0xff, 0xff, 0xff]) && head.length >= 8) return 'arrow'; // IPC stream
  return undefined;
}

/** The file name without directories and without a trailing .gz. */
export function baseNameOf(name: string): string {
  return (name.split(/[\\/]/).pop() ?? name).replace(/\.gz$/i, '');
}

/** The lower-case extension ("" when none) of a file name, ignoring a trailing .gz. */
export function extensionOf(name: string): string {
  const base = baseNameOf(name);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function sniffContent(head: Uint8Array, size: number): VectorFormat | undefined {
  const magic = sniffMagic(head);
  if (magic) return magic;
  if (looksLikeIdx(head)) return 'idx';
  if (head.length >= 8) {
    const view = new DataView(head.buffer, head.byteOffset, head.length);
    const d = view.getInt32(0, true);
    if (d > 0 && d <= 1 << 20) {
      if (size % (4 + 4 * d) === 0) return 'fvecs';
      if (size % (4 + d) === 0) return 'bvecs';
    }
    const n = view.getUint32(0, true);
    const dim = view.getUint32(4, true);
    if (dim > 0 && 8 + n * dim * 4 === size) return 'fbin';
    if (dim > 0 && 8 + n * dim === size) return 'u8bin';
  }
  let text = '';
  for (let i = 0; i < Math.min(head.length, 512); i++) text += String.fromCharCode(head[i]!);
  if (!/^[\x09\x0a\x0d\x20-\x7e\x80-\xff]*$/.test(text)) return undefined;
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) return 'jsonl';
  const firstLine = t.split(/\r?\n/)[0] ?? '';
  if (firstLine.includes('\t')) return 'tsv';
  if (firstLine.includes(',')) return 'csv';
  return undefined;
}

/**
 * The format that the name or a magic number settles without knowing the file's size (undefined when
 * only the content can tell): lets a gzip stream be routed after decompressing its first bytes.
 */
export function formatFromNameOrMagic(name: string, head: Uint8Array, file = name): VectorFormat | undefined {
  const ext = extensionOf(name);
  if (/idx\d-u?byte$/i.test(baseNameOf(name))) return 'idx';
  const magic = sniffMagic(head);
  if (magic) return magic;
  const byExt = BY_EXTENSION[ext];
  if (byExt === 'npy' || byExt === 'hdf5' || byExt === 'parquet' || byExt === 'arrow')
    throw new VecscopeError(`not a valid ${ext} file (its magic number is missing)`, file);
  return byExt;
}

/**
 * Picks the format of a vector file from its name and first bytes (`head`, at least 64 bytes when the
 * file has them; already gunzipped for .gz files) and its total size. The extension decides, except
 * that a magic number wins over it; a file without a known extension is recognised by content.
 */
export function detectFormat(name: string, head: Uint8Array, size: number, file = name): VectorFormat {
  if (size === 0) throw new VecscopeError('empty file (0 bytes)', file);
  const known = formatFromNameOrMagic(name, head, file);
  if (known) return known;
  const ext = extensionOf(name);
  const sniffed = sniffContent(head, size);
  if (sniffed) return sniffed;
  throw new VecscopeError(
    `unknown format${ext ? ` (extension "${ext}")` : ''}; supported: ${SUPPORTED_EXTENSIONS}`,
    file,
  );
}
