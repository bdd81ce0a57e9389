import { readFile } from 'node:fs/promises';
import { VecscopeError } from '../../common/errors.js';
import { classCodes } from '../../common/metrics/neighbourLabels.js';
import type { MetadataColumn } from '../../common/types.js';

/**
 * Class labels for map metrics: a metadata column name (category codes, or numbers rounded), else a
 * file: `.u8` (one byte per row) or a 1-D / n × 1 `.npy` of integers. Returns n labels; negative ones
 * (HDBSCAN's −1, a missing value, a category named "noise" or "-1") mean no class (neighbourLabels.ts).
 */
export async function readLabelsArg(arg: string, metadata: MetadataColumn[], n: number): Promise<Int32Array> {
  const col = metadata.find((c) => c.name === arg);
  let labels: Int32Array;
  if (col) {
    if (col.type === 'category') labels = Int32Array.from(classCodes(col.codes, col.categories));
    else if (col.type === 'number') labels = Int32Array.from(col.values, (v) => Math.round(v));
    else {
      const codes = new Map<string, number>();
      labels = Int32Array.from(col.values, (v) => {
        if (!codes.has(v)) codes.set(v, codes.size);
        return codes.get(v)!;
      });
    }
  } else {
    let bytes: Buffer;
    try {
      bytes = await readFile(arg);
    } catch {
      throw new VecscopeError(`--labels: "${arg}" is neither a metadata column nor a readable file`);
    }
    labels = arg.endsWith('.npy') ? parseIntNpy(bytes, arg) : Int32Array.from(bytes);
  }
  if (labels.length !== n)
    throw new VecscopeError(`--labels holds ${labels.length} labels for ${n} vectors`, arg);
  return labels;
}

const DTYPES: Record<string, [number, (v: DataView, o: number) => number]> = {
  '|u1': [1, (v, o) => v.getUint8(o)],
  '|i1': [1, (v, o) => v.getInt8(o)],
  '<i2': [2, (v, o) => v.getInt16(o, true)],
  '<i4': [4, (v, o) => v.getInt32(o, true)],
  '<i8': [8, (v, o) => Number(v.getBigInt64(o, true))],
  '<u4': [4, (v, o) => v.getUint32(o, true)],
  '<f4': [4, (v, o) => Math.round(v.getFloat32(o, true))],
  '<f8': [8, (v, o) => Math.round(v.getFloat64(o, true))],
};

/** A 1-D (or n × 1) integer-valued .npy as int32. */
export function parseIntNpy(bytes: Uint8Array, file: string): Int32Array {
  if (bytes.length < 10 || bytes[0] !== 0x93) throw new VecscopeError('not a .npy file', file);
  const major = bytes[6]!;
  const hlen = major === 1 ? bytes[8]! | (bytes[9]! << 8) : bytes[8]! | (bytes[9]! << 8) | (bytes[10]! << 16);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + hlen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shape === undefined || /'fortran_order':\s*True/.test(header))
    throw new VecscopeError('unsupported .npy header', file);
  const dims = shape
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (dims.length === 0 || dims.length > 2 || (dims.length === 2 && dims[1] !== 1))
    throw new VecscopeError(`labels must be 1-D, got shape (${shape})`, file);
  const dt = DTYPES[descr];
  if (!dt) throw new VecscopeError(`unsupported label dtype ${descr}`, file);
  const n = dims[0]!;
  const off = start + hlen;
  if (bytes.length - off < n * dt[0]) throw new VecscopeError('truncated .npy', file);
  const view = new DataView(bytes.buffer, bytes.byteOffset + off, n * dt[0]);
  return Int32Array.from({ length: n }, (_, i) => dt[1](view, i * dt[0]));
}
