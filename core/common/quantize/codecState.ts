import { BinaryCodec } from './binaryCodec.js';
import type { Codec, CodeMetric } from './codec.js';
import { F16Codec } from './f16Codec.js';
import { F32Codec } from './f32Codec.js';
import { LvqCodec, type LvqKind } from './lvqCodec.js';
import { OpqCodec } from './opqCodec.js';
import { PqCodec } from './pqCodec.js';
import { RabitqCodec, type RabitqKind } from './rabitqCodec.js';
import { Sq8Codec } from './sq8Codec.js';

type PqState = {
  kind: 'PQ';
  dim: number;
  m: number;
  ksub: number;
  metric: CodeMetric;
  centroids: Float32Array;
};

/** A trained codec as plain data (typed arrays and numbers), for structured cloning to workers. */
export type CodecState =
  | { kind: 'F32' | 'F16'; dim: number; metric: CodeMetric }
  | { kind: 'SQ8'; metric: CodeMetric; vmin: Float32Array; step: Float32Array }
  | { kind: LvqKind; metric: CodeMetric; mean: Float32Array }
  | PqState
  | { kind: 'OPQ'; rotation: Float32Array; pq: PqState }
  | { kind: 'BIN'; metric: CodeMetric; mean: Float32Array; spread: Float32Array }
  | {
      kind: RabitqKind;
      bits: number;
      metric: CodeMetric;
      centroid: Float32Array;
      rotation: Float32Array | undefined;
    };

function pqState(c: PqCodec): PqState {
  return { kind: 'PQ', dim: c.dim, m: c.m, ksub: c.ksub, metric: c.metric, centroids: c.centroids };
}

/** The codec's state; shares (does not copy) its arrays. */
export function codecToState(c: Codec): CodecState {
  if (c instanceof F32Codec || c instanceof F16Codec) return { kind: c.kind, dim: c.dim, metric: c.metric };
  if (c instanceof Sq8Codec) return { kind: 'SQ8', metric: c.metric, vmin: c.vmin, step: c.step };
  if (c instanceof LvqCodec) return { kind: c.kind, metric: c.metric, mean: c.mean };
  if (c instanceof PqCodec) return pqState(c);
  if (c instanceof OpqCodec) return { kind: 'OPQ', rotation: c.rotation, pq: pqState(c.pq) };
  if (c instanceof BinaryCodec) return { kind: 'BIN', metric: c.metric, mean: c.mean, spread: c.spread };
  if (c instanceof RabitqCodec)
    return { kind: c.kind, bits: c.bits, metric: c.metric, centroid: c.centroid, rotation: c.rotation };
  throw new Error(`codecToState: unknown codec ${c.kind}`);
}

/** Rebuilds a codec from its state (the arrays are used as they are). */
export function codecFromState(s: CodecState): Codec {
  switch (s.kind) {
    case 'F32':
      return new F32Codec(s.dim, s.metric);
    case 'F16':
      return new F16Codec(s.dim, s.metric);
    case 'SQ8':
      return new Sq8Codec(s.metric, s.vmin, s.step);
    case 'LVQ8':
    case 'LVQ4':
    case 'LVQ4x8':
      return new LvqCodec(s.kind, s.metric, s.mean);
    case 'PQ':
      return new PqCodec(s.dim, s.m, s.ksub, s.metric, s.centroids);
    case 'OPQ':
      return new OpqCodec(s.rotation, codecFromState(s.pq) as PqCodec);
    case 'BIN':
      return new BinaryCodec(s.metric, s.mean, s.spread);
    case 'RaBitQ':
    case 'ABIN':
      return new RabitqCodec(s.kind, s.bits, s.metric, s.centroid, s.rotation);
  }
}
