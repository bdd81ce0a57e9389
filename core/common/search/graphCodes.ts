import type { BinaryCodec } from '../quantize/binaryCodec.js';
import type { Codec, EncodedVectors } from '../quantize/codec.js';
import type { LvqCodec } from '../quantize/lvqCodec.js';
import type { OpqCodec } from '../quantize/opqCodec.js';
import type { PqCodec } from '../quantize/pqCodec.js';
import { queryI16Bytes } from '../quantize/queryI16.js';
import type { RabitqCodec } from '../quantize/rabitqCodec.js';
import type { Sq8Codec } from '../quantize/sq8Codec.js';

/** The code kinds core/wasm/graph.ts scores (its constants F32 … BIN). */
export const GRAPH_KIND = { F32: 0, F16: 1, SQ8: 2, LVQ8: 3, LVQ4: 4, PQ: 5, BIN: 6, RABITQ: 7 } as const;

/** How core/wasm/graph.ts reads one codec's codes: the arrays to lay out and how to prepare a query. */
export interface GraphCodes {
  kind: number;
  ip: boolean;
  n: number;
  dim: number;
  rowBytes: number;
  codes: Uint8Array;
  /** LVQ's per-row step and bias; RaBitQ's multiplier and centred code sum (rabitqCodec.ts rowTerms). */
  scale?: Float32Array;
  bias?: Float32Array;
  /** SQ8's and LVQ8's per-row ‖x̂‖² terms of the l2 distance (the codecs' rowNorms); RaBitQ's ‖o − c‖². */
  norms?: Float32Array;
  /** LVQ4x8's second level. */
  refine?: Uint8Array;
  /** PQ sub-spaces, BIN bytes per row, or RaBitQ's code bits | query bits << 8. */
  m: number;
  /** Bytes of a prepared query (floats, a PQ table, or sign bits). */
  queryBytes: number;
}

/** Writes a prepared query into the memory it was bound to; returns the three per-query constants. */
export type QueryPreparer = (q: Float32Array, offset: number) => readonly [number, number, number];

/** The layout of `v` for the graph module. The arrays are `v`'s own (the caller copies them in). */
export function graphCodesOf(codec: Codec, v: EncodedVectors): GraphCodes {
  const base = { ip: codec.metric === 'ip', n: v.n, dim: v.dim, codes: v.codes, m: 0 };
  const dim = v.dim;
  // Float queries, or the 16-bit integer ones of SQ8 / LVQ8 (queryI16.ts).
  const qBytes = Math.max(dim * 4, queryI16Bytes(dim));
  switch (codec.kind) {
    case 'F32':
      return { ...base, kind: GRAPH_KIND.F32, rowBytes: dim * 4, queryBytes: dim * 4 };
    case 'F16':
      return { ...base, kind: GRAPH_KIND.F16, rowBytes: dim * 2, queryBytes: dim * 4 };
    case 'SQ8':
      return {
        ...base,
        kind: GRAPH_KIND.SQ8,
        rowBytes: dim,
        ...(codec.metric === 'l2' ? { norms: (codec as Sq8Codec).rowNorms(v) } : {}),
        queryBytes: qBytes,
      };
    case 'LVQ8':
    case 'LVQ4':
    case 'LVQ4x8':
      return {
        ...base,
        kind: codec.kind === 'LVQ8' ? GRAPH_KIND.LVQ8 : GRAPH_KIND.LVQ4,
        rowBytes: (codec as LvqCodec).codeBytes - 4,
        scale: v.scale!,
        bias: v.bias!,
        ...(v.refine ? { refine: v.refine } : {}),
        ...(codec.kind === 'LVQ8' && codec.metric === 'l2' ? { norms: (codec as LvqCodec).rowNorms(v) } : {}),
        queryBytes: qBytes,
      };
    case 'PQ':
    case 'OPQ': {
      const m = codec.kind === 'PQ' ? (codec as PqCodec).m : (codec as OpqCodec).pq.m;
      return { ...base, kind: GRAPH_KIND.PQ, rowBytes: m, m, queryBytes: m * 256 * 4 };
    }
    case 'BIN':
      return {
        ...base,
        kind: GRAPH_KIND.BIN,
        rowBytes: codec.codeBytes,
        m: codec.codeBytes,
        queryBytes: codec.codeBytes,
      };
    case 'RaBitQ':
    case 'ABIN': {
      const rq = codec as RabitqCodec;
      const rows = rq.rowTerms(v);
      return {
        ...base,
        kind: GRAPH_KIND.RABITQ,
        rowBytes: rq.rowBytes,
        scale: rows.mult,
        bias: rows.midSum,
        ...(codec.metric === 'l2' ? { norms: rows.norm2 } : {}),
        m: rq.bits | (rq.queryBits << 8),
        queryBytes: rq.queryBits * rq.planeBytes,
      };
    }
  }
}

/**
 * A preparer writing into `out` (queryBytes long): the same query transform as the codec's own scorer
 * (core/common/quantize/*Codec.ts), so distances in the graph module equal the scorer's.
 */
export function graphQueryPreparer(codec: Codec, out: Uint8Array): QueryPreparer {
  const dim = codec.dim;
  const none = [0, 0, 1] as const;
  const f32 = () => new Float32Array(out.buffer, out.byteOffset, dim);
  const i16 = () => new Int16Array(out.buffer, out.byteOffset, queryI16Bytes(dim) / 2);
  switch (codec.kind) {
    case 'F32':
    case 'F16': {
      const q = f32();
      return (src, offset) => {
        q.set(src.subarray(offset, offset + dim));
        return none;
      };
    }
    case 'SQ8': {
      const sq8 = codec as Sq8Codec;
      const q16 = i16();
      const scratch = new Float32Array(dim);
      return (src, offset) => sq8.prepareQuery(src, offset, q16, scratch);
    }
    case 'LVQ8': {
      const lvq = codec as LvqCodec;
      const q16 = i16();
      const scratch = new Float64Array(dim);
      return (src, offset) => lvq.prepareQueryI16(src, offset, q16, scratch);
    }
    case 'LVQ4':
    case 'LVQ4x8': {
      // ip: <q, mean> + Δ·<q, c> + b·Σq;  l2: Σ (q − mean − b − Δ·c)².
      const { mean } = codec as LvqCodec;
      const q = f32();
      const ip = codec.metric === 'ip';
      return (src, offset) => {
        let qMean = 0;
        let qSum = 0;
        for (let j = 0; j < dim; j++) {
          const x = src[offset + j]!;
          if (ip) {
            q[j] = x;
            qMean += x * mean[j]!;
            qSum += x;
          } else q[j] = x - mean[j]!;
        }
        return [qMean, qSum, 1];
      };
    }
    case 'PQ': {
      const pq = codec as PqCodec;
      const table = new Float32Array(out.buffer, out.byteOffset, pq.m * 256);
      return (src, offset) => {
        pq.fillTable(src, offset, table);
        return none;
      };
    }
    case 'OPQ': {
      const opq = codec as OpqCodec;
      const table = new Float32Array(out.buffer, out.byteOffset, opq.pq.m * 256);
      const qr = new Float32Array(dim);
      const P = opq.rotation;
      return (src, offset) => {
        qr.fill(0);
        for (let a = 0; a < dim; a++) {
          const x = src[offset + a]!;
          if (x === 0) continue;
          for (let b = 0; b < dim; b++) qr[b]! += x * P[a * dim + b]!;
        }
        opq.pq.fillTable(qr, 0, table);
        return none;
      };
    }
    case 'BIN': {
      const bin = codec as BinaryCodec;
      const row = new Float32Array(dim);
      const bits = new Uint8Array(out.buffer, out.byteOffset, bin.codeBytes);
      return (src, offset) => {
        row.set(src.subarray(offset, offset + dim));
        bin.bitsOf(row, 0, bits, 0);
        return none;
      };
    }
    case 'RaBitQ':
    case 'ABIN': {
      const rq = codec as RabitqCodec;
      const q = rq.query(new Uint8Array(out.buffer, out.byteOffset, rq.queryBits * rq.planeBytes));
      return (src, offset) => {
        q.prepare(src, offset);
        return [q.c0, q.delta, q.offset];
      };
    }
  }
}
