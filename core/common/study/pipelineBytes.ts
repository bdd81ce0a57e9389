import type { Pipeline } from '../pipeline/pipeline.js';
import { planeBytes } from '../quantize/bitPlanes.js';
import { nibbleBytes } from '../quantize/nibbles.js';
import type { QuantizerSpec } from '../quantize/trainCodec.js';

/**
 * Bytes per vector of a quantizer's primary codes at `dim` dimensions, without training it: the
 * codecs' own `codeBytes` (F32 4·d, F16 2·d, SQ8 d, LVQ d or ⌈d/2⌉ plus its two fp16 factors, PQ m,
 * BIN ⌈d/8⌉, RaBitQ B bit planes of d padded to 64 plus two f32 factors). A recommendation prunes by
 * budget with it before anything runs; a test checks it against trained codecs.
 */
export function codeBytesOf(q: QuantizerSpec, dim: number): number {
  switch (q.kind) {
    case 'F32':
      return 4 * dim;
    case 'F16':
      return 2 * dim;
    case 'SQ8':
      return dim;
    case 'LVQ8':
      return dim + 4;
    case 'LVQ4':
    case 'LVQ4x8':
      return nibbleBytes(dim) + 4;
    case 'PQ':
    case 'OPQ':
      return q.m ?? 8;
    case 'BIN':
      return Math.ceil(dim / 8);
    case 'RaBitQ':
      return (q.bits ?? 1) * planeBytes(Math.max(64, Math.ceil(dim / 64) * 64)) + 8;
    case 'ABIN':
      return planeBytes(dim) + 8;
  }
}

/**
 * What a pipeline keeps per vector, known before it runs: the primary codes searched in RAM, and the
 * graph's adjacency (R neighbour ids of 4 bytes; 0 for a flat scan).
 */
export function pipelineBytes(p: Pipeline, dim: number): { primary: number; graph: number } {
  return {
    primary: codeBytesOf(p.quantizer, p.reduction ? p.reduction.dim : dim),
    graph: p.index.kind === 'Vamana' ? p.index.R * 4 : 0,
  };
}
