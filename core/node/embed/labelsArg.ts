import { readFile } from 'node:fs/promises';
import { VecscopeError } from '../../common/errors.js';
import { classCodes } from '../../common/metrics/neighbourLabels.js';
import { parseNpyColumn, parseU8Labels } from '../../common/io/labelColumn.js';
import type { MetadataColumn } from '../../common/types.js';

/**
 * Class labels for map metrics: a metadata column name (category codes, or numbers rounded), else a
 * file: `.u8` (one byte per row, or IDX labels) or a 1-D / n × 1 `.npy` of integers. Returns n labels;
 * negative ones (HDBSCAN's −1, a missing value, a category named "noise" or "-1") mean no class
 * (neighbourLabels.ts).
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
    labels = arg.endsWith('.npy') ? parseIntNpy(bytes, arg) : Int32Array.from(parseU8Labels(bytes, arg));
  }
  if (labels.length !== n)
    throw new VecscopeError(`--labels holds ${labels.length} labels for ${n} vectors`, arg);
  return labels;
}

/** A 1-D (or n × 1) numeric .npy as int32 (floats rounded). */
export function parseIntNpy(bytes: Uint8Array, file: string): Int32Array {
  return Int32Array.from(parseNpyColumn(bytes, file), (v) => Math.round(v));
}
