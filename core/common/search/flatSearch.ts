import type { Scorer } from '../quantize/codec.js';
import type { CandidateBuffer } from './candidateBuffer.js';

/** Scans all n codes with a scorer whose query is set, keeping the best `buffer.capacity`. */
export function flatScan(scorer: Scorer, n: number, buffer: CandidateBuffer): void {
  for (let i = 0; i < n; i++) {
    const d = scorer.distance(i);
    if (buffer.accepts(d)) buffer.insert(i, d);
  }
}
