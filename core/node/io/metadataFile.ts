import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import { parseMetadataTable } from '../../common/io/delimited.js';
import { baseNameOf, extensionOf } from '../../common/io/detectFormat.js';
import { formatCount } from '../../common/io/format.js';
import { looksLikeIdx } from '../../common/io/idx.js';
import {
  labelColumn,
  parseI32Labels,
  parseNpyColumn,
  parseTextLabels,
  parseU8Labels,
} from '../../common/io/labelColumn.js';
import { buildMetadataColumns, columnLength, type MetadataCell } from '../../common/io/metadataColumns.js';
import { decodeText } from '../../common/io/textLines.js';
import type { MetadataColumn } from '../../common/types.js';
import { readParquetMetadataIsolated } from './isolatedTableRead.js';
import { readInputFile, statInput } from './readInput.js';
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

/** Reads a JSON Lines table (one object per line) as typed columns. */
export function parseJsonlMetadata(bytes: Uint8Array, file: string): MetadataColumn[] {
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

/** The column name a one-column file gives: its stem (`labels.u8` → "labels"). */
function stemOf(path: string): string {
  const base = baseNameOf(path);
  const ext = extensionOf(path);
  return (ext ? base.slice(0, -ext.length) : base) || 'label';
}

/**
 * Reads a metadata table row-aligned with `n` vectors from `vectorFile`: .tsv/.csv (header row), .parquet,
 * .jsonl, or a one-column file named after its stem: `.u8` / `.i32` (raw or IDX), a 1-D `.npy`, `.txt`
 * (one value per line); an IDX labels file without those extensions (MNIST's `*-idx1-ubyte`) is the
 * column "label". Any of them may be gzipped.
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
  if (ext === '.parquet') columns = await readParquetMetadataIsolated(path, await statInput(path));
  else {
    const bytes = await readInputFile(path);
    if (bytes.length === 0) throw new VecscopeError('empty metadata file (0 bytes)', path);
    if (ext === '.tsv' || ext === '.tab') columns = parseMetadataTable(bytes, path, '\t', n);
    else if (ext === '.csv') columns = parseMetadataTable(bytes, path, ',', n);
    else if (ext === '.jsonl' || ext === '.ndjson') columns = parseJsonlMetadata(bytes, path);
    else if (ext === '.u8') columns = [labelColumn(stemOf(path), parseU8Labels(bytes, path))];
    else if (ext === '.i32') columns = [labelColumn(stemOf(path), parseI32Labels(bytes, path))];
    else if (ext === '.npy') columns = [labelColumn(stemOf(path), parseNpyColumn(bytes, path))];
    else if (/idx1-u?byte$/i.test(baseNameOf(path)) || looksLikeIdx(bytes))
      columns = [labelColumn('label', parseU8Labels(bytes, path))];
    else if (ext === '.txt' || ext === '') columns = [parseTextLabels(bytes, stemOf(path))];
    else
      throw new VecscopeError(
        `unknown metadata format "${ext}" (use .tsv, .csv, .parquet, .jsonl, or one value per row: .u8, .i32, .npy, .txt)`,
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

/** A data set's columns with `extra` added; a column of the same name is replaced by extra's. */
export function mergeColumns(own: MetadataColumn[], extra: MetadataColumn[]): MetadataColumn[] {
  const names = new Set(extra.map((c) => c.name));
  return [...own.filter((c) => !names.has(c.name)), ...extra];
}
