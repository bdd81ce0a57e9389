import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import { parseMetadataTable } from '../../common/io/delimited.js';
import { baseNameOf, extensionOf } from '../../common/io/detectFormat.js';
import { formatCount } from '../../common/io/format.js';
import { looksLikeIdx, parseIdx } from '../../common/io/idx.js';
import { buildMetadataColumns, columnLength, type MetadataCell } from '../../common/io/metadataColumns.js';
import { decodeText } from '../../common/io/textLines.js';
import type { MetadataColumn } from '../../common/types.js';
import { readParquetMetadata } from './parquet.js';
import { readInputFile } from './readInput.js';
import { toMetadataCell } from './tableCells.js';

/** The sidecar `<stem>.tsv` beside a vector file, if there is one (never the vector file itself). */
export function findSidecar(vectorPath: string): string | undefined {
  const base = baseNameOf(vectorPath);
  const ext = extensionOf(vectorPath);
  const stem = ext ? base.slice(0, -ext.length) : base;
  const candidate = join(dirname(vectorPath), `${stem}.tsv`);
  if (resolve(candidate) === resolve(vectorPath) || basename(vectorPath) === `${stem}.tsv`) return undefined;
  return existsSync(candidate) ? candidate : undefined;
}

function parseJsonlMetadata(bytes: Uint8Array, file: string): MetadataColumn[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const objs: Record<string, unknown>[] = [];
  decodeText(bytes)
    .split(/\r?\n/)
    .forEach((l, i) => {
      if (l.trim().length === 0) return;
      let v: unknown;
      try {
        v = JSON.parse(l);
      } catch {
        throw new VecscopeError(`line ${i + 1} is not valid JSON`, file);
      }
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new VecscopeError(`line ${i + 1}: expected a JSON object`, file);
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o))
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      objs.push(o);
    });
  return buildMetadataColumns(
    names,
    objs.map((o) => names.map((k): MetadataCell => toMetadataCell(o[k]))),
  );
}

/** IDX label files (MNIST) are class ids: a category column named "label". */
function idxLabels(bytes: Uint8Array, file: string): MetadataColumn[] {
  const { matrix } = parseIdx(bytes, file);
  if (matrix.dim !== 1)
    throw new VecscopeError(`an IDX metadata file must be 1-D labels, not ${matrix.dim}-d rows`, file);
  const cats = [...new Set(matrix.data)].sort((a, b) => a - b);
  const codeOf = new Map(cats.map((c, i) => [c, i]));
  const codes = Int32Array.from(matrix.data, (x) => codeOf.get(x)!);
  return [{ name: 'label', type: 'category', codes, categories: cats.map(String) }];
}

/**
 * Reads a metadata table row-aligned with `n` vectors from `vectorFile`: .tsv/.csv (header row), .parquet,
 * .jsonl, an IDX labels file, or .txt (one value per line, column "label"); any of them may be gzipped.
 * A row-count mismatch is an error naming both files (`sidecar` adds how to avoid an automatic pick-up).
 */
export async function loadMetadataFile(
  path: string,
  n: number,
  vectorFile: string,
  sidecar = false,
): Promise<MetadataColumn[]> {
  const ext = extensionOf(path);
  let columns: MetadataColumn[];
  if (ext === '.parquet') columns = await readParquetMetadata(path, path);
  else {
    const bytes = await readInputFile(path);
    if (bytes.length === 0) throw new VecscopeError('empty metadata file (0 bytes)', path);
    if (ext === '.tsv' || ext === '.tab') columns = parseMetadataTable(bytes, path, '\t', n);
    else if (ext === '.csv') columns = parseMetadataTable(bytes, path, ',', n);
    else if (ext === '.jsonl' || ext === '.ndjson') columns = parseJsonlMetadata(bytes, path);
    else if (/idx1-u?byte$/i.test(baseNameOf(path)) || looksLikeIdx(bytes)) columns = idxLabels(bytes, path);
    else if (ext === '.txt' || ext === '')
      columns = buildMetadataColumns(
        ['label'],
        decodeText(bytes)
          .replace(/\r?\n$/, '')
          .split(/\r?\n/)
          .map((l) => [l]),
      );
    else
      throw new VecscopeError(
        `unknown metadata format "${ext}" (use .tsv, .csv, .parquet, .jsonl or .txt)`,
        path,
      );
  }
  const rows = columns.length > 0 ? columnLength(columns[0]!) : 0;
  if (rows !== n)
    throw new VecscopeError(
      `${path} has ${formatCount(rows)} metadata rows but ${vectorFile} has ${formatCount(n)} vectors${sidecar ? ' (this sidecar was picked up by its name; rename it or pass --metadata)' : ''}`,
      path,
    );
  return columns;
}
