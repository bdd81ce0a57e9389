import { VecscopeError } from '../../common/errors.js';
import { imageShapeFromHeader, type ImageShape } from '../../common/images/imageShape.js';
import { isBinaryFormat } from '../../common/io/binaryLayout.js';
import { detectFormat, formatFromNameOrMagic, isGzip } from '../../common/io/detectFormat.js';
import type { ParsedVectors } from '../../common/io/parsedVectors.js';
import { parseVectorBytes } from '../../common/io/parseVectorBytes.js';
import { checkFinite, checkSameDim, checkZeroRows } from '../../common/io/validate.js';
import type { Dataset, Matrix, Metric } from '../../common/types.js';
import { takeColumnRows } from '../../common/data/takeColumnRows.js';
import { takeRows } from '../../common/data/takeRows.js';
import { readHdf5, type Hdf5Contents } from './hdf5.js';
import { isDbSource } from '../db/dbSource.js';
import { loadDbDataset } from '../db/loadDbDataset.js';
import type { DbReadOptions } from '../db/rowCollector.js';
import { toShared } from '../pool/toShared.js';
import { registerInputFile } from './inputRegistry.js';
import { findSidecar, loadMetadataFile, mergeColumns } from './metadataFile.js';
import { gunzipPieces } from './gunzipStream.js';
import { readTableVectorsIsolated } from './isolatedTableRead.js';
import { readBinaryFile, readGzipBinary } from './readBinary.js';
import { rowSample } from './rowSample.js';
import { readHead, readInputFile, statInput } from './readInput.js';
import { isSampleArg, resolveVectorArg } from './samples.js';
import { loadTextDataset } from '../text/textDataset.js';
import { hasProseColumn, hasTextColumn, isPlainTextName, isTextTableName } from '../text/textTable.js';

export interface LoadOptions {
  /** Row dimension of headerless raw float32 files. */
  dim?: number | undefined;
  /** A row-aligned metadata table (.tsv/.csv/.parquet/.jsonl); without it a sidecar `<stem>.tsv` is used. */
  metadata?: string | undefined;
  /** Load NaN/Inf values as they are instead of rejecting the file. */
  allowNonfinite?: boolean | undefined;
  /** The metric the data will be searched with; 'cos' rejects all-zero rows. */
  metric?: Metric | undefined;
  /** 'queries' reads the query set of files that hold both (ann-benchmarks hdf5 `test`). */
  role?: 'base' | 'queries' | undefined;
  /**
   * At most this many rows: a larger file gives a seeded uniform sample of its rows (in file order),
   * with its metadata rows. Binary files read only the sampled rows, so a file too large for memory opens.
   */
  maxRows?: number | undefined;
  /** A table of texts: the column to embed (absent: its only text column). */
  textColumn?: string | undefined;
  /** A table of texts: the model folder to embed with (absent: the built-in USE-lite). */
  textModel?: string | undefined;
  /** Cancels embedding a table of texts. */
  signal?: AbortSignal | undefined;
  /** Progress of embedding a table of texts, 0..1. */
  onTextProgress?: ((fraction: number) => void) | undefined;
  /** A database source's table and vector column, and its paged read's progress (`maxRows` samples it). */
  db?: Omit<DbReadOptions, 'seed' | 'limit'> | undefined;
}

/** Whether a table read as vectors is really a table of texts: prose beside at most one number column. */
function looksLikeTexts(parsed: ParsedVectors | Hdf5Contents): boolean {
  return parsed.matrix.dim === 1 && hasProseColumn(parsed.metadata ?? []);
}

/** Opens a table of texts (see loadTextDataset) as loadDataset's result. */
async function loadTexts(path: string, opts: LoadOptions): Promise<Dataset> {
  const { dataset } = await loadTextDataset(path, {
    textColumn: opts.textColumn,
    model: opts.textModel,
    signal: opts.signal,
    onProgress: opts.onTextProgress,
  });
  return dataset;
}

async function readVectors(
  path: string,
  file: string,
  opts: LoadOptions,
): Promise<{ format: string; parsed: ParsedVectors | Hdf5Contents; image?: ImageShape | undefined }> {
  const size = await statInput(path, file);
  if (size === 0) throw new VecscopeError('empty file (0 bytes)', file);
  const head = await readHead(path, 4096, file);
  if (!isGzip(head)) {
    const format = detectFormat(path, head, size, file);
    if (format === 'hdf5') return { format, parsed: await readHdf5(path, file, opts.role ?? 'base') };
    if (format === 'parquet')
      return { format, parsed: await readTableVectorsIsolated('parquet', { path }, file, size) };
    // Binary vectors are read in chunks into one float32 result: no 2 GiB limit, no second copy.
    if (isBinaryFormat(format))
      return {
        format,
        parsed: await readBinaryFile(path, file, format, size, opts),
        image: imageShapeFromHeader(format, head),
      };
    if (format === 'arrow')
      return { format, parsed: await readTableVectorsIsolated('arrow', { path }, file, size) };
    const bytes = await readInputFile(path, file);
    return { format, parsed: parseVectorBytes(bytes, file, format, { dim: opts.dim }) };
  }
  // Gzip: the first decompressed bytes pick the format; binary formats then stream, bounded by what
  // their header declares, and only the rest (text, tables) is gunzipped whole, under a size limit.
  const gzHead = await gunzipHead(path, file);
  if (gzHead.length === 0) throw new VecscopeError('empty file (0 bytes after gunzip)', file);
  const known = formatFromNameOrMagic(path, gzHead, file);
  if (known === 'hdf5') throw new VecscopeError('gzipped HDF5 is not supported; gunzip it first', file);
  if (known !== undefined && isBinaryFormat(known))
    return {
      format: known,
      parsed: await readGzipBinary(path, file, known, size, opts),
      image: imageShapeFromHeader(known, gzHead),
    };
  const bytes = await readInputFile(path, file);
  const format = detectFormat(path, bytes.subarray(0, 4096), bytes.length, file);
  if (format === 'hdf5') throw new VecscopeError('gzipped HDF5 is not supported; gunzip it first', file);
  if (format === 'parquet' || format === 'arrow')
    return { format, parsed: await readTableVectorsIsolated(format, { bytes }, file, bytes.length) };
  return { format, parsed: parseVectorBytes(bytes, file, format, { dim: opts.dim }) };
}

/** The first decompressed bytes of a gzip file (64 KB, fewer when it is shorter). */
async function gunzipHead(path: string, file: string): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let length = 0;
  for await (const piece of gunzipPieces(path, file)) {
    pieces.push(piece);
    length += piece.length;
    if (length >= 1 << 16) break;
  }
  const head = new Uint8Array(length);
  let at = 0;
  for (const p of pieces) {
    head.set(p, at);
    at += p.length;
  }
  return head;
}

/**
 * Loads a vector file (any supported format, optionally gzipped; "sample" means the built-in sample)
 * with its metadata, read-only; or a database table (core/node/db: PGlite, PostgreSQL, LanceDB). Rejects empty files, NaN/Inf values (unless allowNonfinite) and, under
 * cosine, all-zero rows, each with a one-line VecscopeError naming the file. The vectors (and queries)
 * live in SharedArrayBuffers so worker threads read them without copies; everything returned belongs
 * to the caller.
 */
export async function loadDataset(path: string, opts: LoadOptions = {}): Promise<Dataset> {
  if (isDbSource(path)) {
    const ds = await loadDbDataset(path, {
      ...opts.db,
      ...(opts.maxRows !== undefined ? { limit: opts.maxRows } : {}),
    });
    checkFinite(ds.vectors, ds.file, opts.allowNonfinite);
    if (opts.metric === 'cos') checkZeroRows(ds.vectors, ds.file);
    return ds;
  }
  const sample = isSampleArg(path);
  const resolved = resolveVectorArg(path);
  const file = resolved;
  // A table of texts with no vectors is embedded (cached in the user's cache folder).
  if (!sample && (opts.textColumn !== undefined || isPlainTextName(resolved)))
    return loadTexts(resolved, opts);
  let read: Awaited<ReturnType<typeof readVectors>>;
  try {
    read = await readVectors(resolved, file, opts);
  } catch (e) {
    if (!sample && e instanceof VecscopeError && isTextTableName(resolved) && (await hasTextColumn(resolved)))
      return loadTexts(resolved, opts);
    throw e;
  }
  if (!sample && looksLikeTexts(read.parsed)) return loadTexts(resolved, opts);
  const { format, parsed, image } = read;
  registerInputFile(resolved);
  let vectors = parsed.matrix;
  if (vectors.n === 0) throw new VecscopeError('no vectors (0 rows)', file);
  let metadata = parsed.metadata ?? [];
  // The rows kept, when the file has more than --max-rows: the binary reader read only those; any
  // other reader read the whole file, which is cut to the same seeded sample here.
  const total = parsed.totalRows ?? vectors.n;
  let sampled = parsed.sampledRows;
  if (!sampled) {
    sampled = rowSample(vectors.n, opts.maxRows);
    if (sampled) {
      vectors = takeRows(vectors, sampled);
      metadata = takeColumnRows(metadata, sampled);
    }
  }
  const metaPath = opts.metadata ?? findSidecar(resolved);
  if (metaPath !== undefined) {
    const extra = await loadMetadataFile(metaPath, total, file, opts.metadata === undefined);
    registerInputFile(metaPath);
    metadata = mergeColumns(metadata, sampled ? takeColumnRows(extra, sampled) : extra);
  }
  const hdf = parsed as Hdf5Contents;
  const metric = opts.metric ?? hdf.metric;
  checkFinite(vectors, file, opts.allowNonfinite);
  if (metric === 'cos') checkZeroRows(vectors, file);
  const ds: Dataset = {
    file: sample ? 'sample' : path,
    format,
    dtype: parsed.dtype,
    vectors: toShared(vectors),
    metadata,
  };
  if (image && image.height * image.width * image.channels === vectors.dim) ds.image = image;
  if (hdf.queries) {
    checkSameDim(hdf.queries, vectors, file);
    checkFinite(hdf.queries, `${file} (test)`, opts.allowNonfinite);
    ds.queries = toShared(hdf.queries);
  }
  // Shipped ground truth names rows of the whole file: of no use for a sample (exact truth is recomputed).
  if (hdf.groundTruth && !sampled) ds.groundTruth = hdf.groundTruth;
  if (sampled) ds.sampled = { rows: sampled, of: total };
  if (hdf.metric) ds.metric = hdf.metric;
  return ds;
}

/**
 * Loads a query set and checks it against the base: same dimension ("queries are 384-d but the base is
 * 512-d"), finite values, no all-zero rows under cosine. The returned matrix belongs to the caller.
 */
export async function loadQueries(path: string, base: Matrix, opts: LoadOptions = {}): Promise<Matrix> {
  const ds = await loadDataset(path, {
    ...opts,
    role: 'queries',
    dim: opts.dim ?? base.dim,
    maxRows: undefined,
  });
  checkSameDim(ds.vectors, base, path);
  return ds.vectors;
}
