// The child process of isolatedTableRead.ts: parses one Parquet or Arrow file and writes the result to
// stdout, one JSON line and then the float32 rows. A file that crashes or hangs a parser takes down
// only this process.
import { readFile } from 'node:fs/promises';
import { VecscopeError } from '../../common/errors.js';
import { encodeBase64 } from '../../common/io/base64.js';
import type { ParsedVectors } from '../../common/io/parsedVectors.js';
import type { MetadataColumn } from '../../common/types.js';
import { parseArrowVectors } from './arrow.js';
import { readParquetMetadata, readParquetVectors } from './parquet.js';

type Kind = 'parquet' | 'arrow' | 'parquet-metadata';

async function stdinBytes(): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const p of process.stdin) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

const bytesOf = (a: Float64Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Metadata columns as JSON: typed arrays as base64 (NaN survives, which JSON numbers would not). */
function packColumns(cols: MetadataColumn[]): unknown[] {
  return cols.map((c) => {
    switch (c.type) {
      case 'number':
        return { name: c.name, type: c.type, values: encodeBase64(bytesOf(c.values)) };
      case 'category':
        return {
          name: c.name,
          type: c.type,
          codes: encodeBase64(bytesOf(c.codes)),
          categories: c.categories,
        };
      case 'text':
        return { name: c.name, type: c.type, values: c.values };
    }
  });
}

function write(data: Uint8Array): Promise<void> {
  return new Promise((ok, fail) => process.stdout.write(data, (e) => (e ? fail(e) : ok())));
}

async function main(): Promise<void> {
  const [kind, source, file] = process.argv.slice(2) as [Kind, string, string];
  try {
    const input = source === '-' ? await stdinBytes() : undefined;
    const ab = input
      ? (input.buffer.slice(input.byteOffset, input.byteOffset + input.length) as ArrayBuffer)
      : undefined;
    if (kind === 'parquet-metadata') {
      const cols = await readParquetMetadata(ab ?? source, file);
      await write(Buffer.from(JSON.stringify({ metadata: packColumns(cols) }) + '\n'));
      return;
    }
    const parsed: ParsedVectors =
      kind === 'parquet'
        ? await readParquetVectors(ab ?? source, file)
        : parseArrowVectors(input ?? (await readFile(source)), file);
    const { matrix } = parsed;
    const head = {
      n: matrix.n,
      dim: matrix.dim,
      dtype: parsed.dtype,
      metadata: packColumns(parsed.metadata ?? []),
    };
    await write(Buffer.from(JSON.stringify(head) + '\n'));
    await write(new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength));
  } catch (e) {
    // A VecscopeError is the user's one line; anything else is the parser failing on this file.
    const message =
      e instanceof VecscopeError
        ? e.message
        : `${file}: not a readable ${kind === 'arrow' ? 'Arrow' : 'Parquet'} file (${(e as Error).message.split('\n')[0]})`;
    await write(Buffer.from(JSON.stringify({ error: message }) + '\n'));
  }
}

void main();
