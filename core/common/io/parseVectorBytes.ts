import { VecscopeError } from '../errors.js';
import { parseBigAnnBin } from './bigAnnBin.js';
import { parseDelimitedVectors } from './delimited.js';
import type { VectorFormat } from './detectFormat.js';
import { parseIdx } from './idx.js';
import { parseJsonl } from './jsonl.js';
import { parseNpy } from './npy.js';
import type { ParsedVectors } from './parsedVectors.js';
import { parseRawF32 } from './rawF32.js';
import { parseTexmexVecs } from './texmexVecs.js';

/**
 * Parses the bytes of a vector file in one of the formats that need no library (everything except
 * hdf5, parquet and arrow, which core/node reads). `dim` is needed for raw float32 only.
 */
export function parseVectorBytes(
  bytes: Uint8Array,
  file: string,
  format: VectorFormat,
  opts: { dim?: number | undefined } = {},
): ParsedVectors {
  switch (format) {
    case 'npy':
      return parseNpy(bytes, file);
    case 'fvecs':
    case 'ivecs':
    case 'bvecs':
      return parseTexmexVecs(bytes, file, format);
    case 'fbin':
      return parseBigAnnBin(bytes, file, 'f32');
    case 'ibin':
      return parseBigAnnBin(bytes, file, 'i32');
    case 'u8bin':
      return parseBigAnnBin(bytes, file, 'u8');
    case 'i8bin':
      return parseBigAnnBin(bytes, file, 'i8');
    case 'idx':
      return parseIdx(bytes, file);
    case 'csv':
      return parseDelimitedVectors(bytes, file, ',');
    case 'tsv':
      return parseDelimitedVectors(bytes, file, '\t');
    case 'jsonl':
      return parseJsonl(bytes, file);
    case 'raw-f32':
      return parseRawF32(bytes, file, opts.dim);
    case 'hdf5':
    case 'parquet':
    case 'arrow':
      throw new VecscopeError(`${format} is read by core/node, not from bytes here`, file);
  }
}
