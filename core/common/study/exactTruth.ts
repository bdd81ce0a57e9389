import type { CodeMetric } from '../quantize/codec.js';
import { f32WasmScorer } from '../quantize/f32Codec.js';
import { CandidateBuffer } from '../search/candidateBuffer.js';
import { flatScan } from '../search/flatSearch.js';
import type { Matrix } from '../types.js';

/** Exact k-NN by a single-thread WASM scan (fallback when no parallel exact k-NN is injected).
 * Vectors must already be normalised for cosine (`ip` then). Returns nq × k ids, owned by the caller. */
export function exactTruth(base: Matrix, queries: Matrix, k: number, metric: CodeMetric): Int32Array {
  const codes = new Uint8Array(base.data.buffer, base.data.byteOffset, base.n * base.dim * 4);
  const scorer = f32WasmScorer({ n: base.n, dim: base.dim, codes }, metric);
  const buf = new CandidateBuffer(k);
  const out = new Int32Array(queries.n * k).fill(-1);
  for (let q = 0; q < queries.n; q++) {
    scorer.setQuery(queries.data, q * queries.dim);
    buf.reset(k);
    flatScan(scorer, base.n, buf);
    for (let i = 0; i < buf.size; i++) out[q * k + i] = buf.ids[i]!;
  }
  return out;
}
