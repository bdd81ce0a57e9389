import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { VecscopeError } from '../../common/errors.js';
import { decodeBase64 } from '../../common/io/base64.js';
import type { ParsedVectors } from '../../common/io/parsedVectors.js';
import type { MetadataColumn, StorageDtype } from '../../common/types.js';
import { parseArrowVectors } from './arrow.js';
import { readParquetMetadata, readParquetVectors } from './parquet.js';
import { readInputFile } from './readInput.js';

const CHILD = fileURLToPath(new URL('./tableReaderChild.js', import.meta.url));

/**
 * How long a parser may take per megabyte of input before the file counts as corrupt (a mutated Arrow
 * file can spin apache-arrow forever), on top of a floor for start-up.
 */
const MS_PER_MB = 400;
/** The floor; VECSCOPE_READER_TIMEOUT_MS sets another (tests of corrupt files use a short one). */
const MIN_TIMEOUT_MS = 8_000;

type Source = { path: string } | { bytes: Uint8Array };

const kindName = (kind: string) => (kind === 'arrow' ? 'Arrow' : 'Parquet');

/**
 * Electron's engine host cannot start a plain Node child (its fuses turn RunAsNode off), so there the
 * parsers run in-process as before; everywhere else (CLI, web mode, tests) they run in a child.
 */
const inProcess = () => process.versions['electron'] !== undefined;

function unpackColumns(cols: unknown[]): MetadataColumn[] {
  return (cols as Record<string, unknown>[]).map((c) => {
    const name = c['name'] as string;
    switch (c['type']) {
      case 'number':
        return { name, type: 'number', values: new Float64Array(decodeBase64(c['values'] as string).buffer) };
      case 'category':
        return {
          name,
          type: 'category',
          codes: new Int32Array(decodeBase64(c['codes'] as string).buffer),
          categories: c['categories'] as string[],
        };
      default:
        return { name, type: 'text', values: c['values'] as string[] };
    }
  });
}

/** Runs the child on one file; resolves to its JSON head and the bytes after it. */
function runChild(
  kind: 'parquet' | 'arrow' | 'parquet-metadata',
  source: Source,
  file: string,
  sizeBytes: number,
): Promise<{ head: Record<string, unknown>; rest: Buffer }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [CHILD, kind, 'path' in source ? source.path : '-', file], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    const floor = Number(process.env['VECSCOPE_READER_TIMEOUT_MS']) || MIN_TIMEOUT_MS;
    const timeoutMs = Math.max(floor, (sizeBytes / 2 ** 20) * MS_PER_MB);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.stdin.on('error', () => undefined);
    if ('bytes' in source) child.stdin.end(source.bytes);
    else child.stdin.end();
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(new VecscopeError(`could not start the ${kindName(kind)} reader (${e.message})`, file));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const all = Buffer.concat(out);
      const nl = all.indexOf(0x0a);
      if (nl >= 0) {
        try {
          const head = JSON.parse(all.subarray(0, nl).toString('utf8')) as Record<string, unknown>;
          if (typeof head['error'] === 'string') return fail(new VecscopeError(head['error'], file));
          if (code === 0) return ok({ head, rest: all.subarray(nl + 1) });
        } catch {
          // fall through: the child died mid-line
        }
      }
      if (signal === 'SIGKILL')
        return fail(
          new VecscopeError(
            `the ${kindName(kind)} reader did not finish in ${Math.round(timeoutMs / 1000)} s; the file is likely corrupt`,
            file,
          ),
        );
      const why = signal ?? `exit code ${code}`;
      const detail = /heap out of memory|invalid size|invalid array length/i.exec(err)?.[0];
      fail(
        new VecscopeError(
          `the ${kindName(kind)} reader crashed on this file (${why}${detail ? `: ${detail}` : ''}); the file is likely corrupt`,
          file,
        ),
      );
    });
  });
}

/**
 * Reads a Parquet or Arrow vector file in a child process: a corrupt file can make these parsers abort
 * the whole process (hyparquet building an array past V8's limit) or spin forever (apache-arrow), and
 * either must cost the user one line, not the app.
 */
export async function readTableVectorsIsolated(
  kind: 'parquet' | 'arrow',
  source: Source,
  file: string,
  sizeBytes: number,
): Promise<ParsedVectors> {
  if (inProcess()) {
    if (kind === 'arrow')
      return parseArrowVectors(
        'bytes' in source ? source.bytes : await readInputFile(source.path, file),
        file,
      );
    if ('bytes' in source) {
      const b = source.bytes;
      return readParquetVectors(b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer, file);
    }
    return readParquetVectors(source.path, file);
  }
  const { head, rest } = await runChild(kind, source, file, sizeBytes);
  const n = head['n'] as number;
  const dim = head['dim'] as number;
  if (rest.length !== n * dim * 4)
    throw new VecscopeError(
      `the ${kindName(kind)} reader returned ${rest.length} bytes for ${n} × ${dim}`,
      file,
    );
  const data = new Float32Array(n * dim);
  new Uint8Array(data.buffer).set(rest);
  return {
    matrix: { data, n, dim },
    dtype: head['dtype'] as StorageDtype,
    metadata: unpackColumns(head['metadata'] as unknown[]),
  };
}

/** A Parquet metadata table, read in a child process for the same reason. */
export async function readParquetMetadataIsolated(
  path: string,
  sizeBytes: number,
): Promise<MetadataColumn[]> {
  if (inProcess()) return readParquetMetadata(path, path);
  const { head } = await runChild('parquet-metadata', { path }, path, sizeBytes);
  return unpackColumns(head['metadata'] as unknown[]);
}
