import type { Matrix } from '../types.js';
import { BinaryCodec } from './binaryCodec.js';
import type { Codec, CodeMetric, QuantizerKind } from './codec.js';
import { F16Codec } from './f16Codec.js';
import { F32Codec } from './f32Codec.js';
import { LvqCodec } from './lvqCodec.js';
import { OpqCodec } from './opqCodec.js';
import { PqCodec } from './pqCodec.js';
import { RabitqCodec } from './rabitqCodec.js';
import { Sq8Codec } from './sq8Codec.js';

/**
 * A quantizer as named in a pipeline: `m` is the number of sub-quantizers of PQ / OPQ, `bits` the bits
 * per dimension of RaBitQ (1 when absent: `RaBitQ`; 2 … 8: `RaBitQ<bits>`).
 */
export interface QuantizerSpec {
  kind: QuantizerKind;
  m?: number;
  bits?: number;
}

/** Trains the codec a pipeline names on the rows of `m` (the reduced vectors when there is a reduction). */
export function trainCodec(spec: QuantizerSpec, m: Matrix, metric: CodeMetric, seed: number): Codec {
  switch (spec.kind) {
    case 'F32':
      return F32Codec.train(m, metric);
    case 'F16':
      return F16Codec.train(m, metric);
    case 'SQ8':
      return Sq8Codec.train(m, metric);
    case 'LVQ8':
    case 'LVQ4':
    case 'LVQ4x8':
      return LvqCodec.train(spec.kind, m, metric);
    case 'PQ':
      return PqCodec.train(m, spec.m ?? 8, metric, { seed, maxTrain: 20000, iterations: 15 });
    case 'OPQ':
      return OpqCodec.train(m, spec.m ?? 8, metric, { seed, maxTrain: 20000 });
    case 'BIN':
      return BinaryCodec.train(m, metric);
    case 'RaBitQ':
      return RabitqCodec.train('RaBitQ', spec.bits ?? 1, m, metric, seed);
    case 'ABIN':
      return RabitqCodec.train('ABIN', 1, m, metric, seed);
  }
}
