/** How a sentence-transformer turns its token states into one vector (its 1_Pooling/config.json). */
export type TokenPooling = 'mean' | 'cls' | 'max';

/**
 * Pools a batch of token states (batch × seq × hidden, row-major) into batch × hidden sentence vectors,
 * counting only the tokens whose mask is 1, so padding a short text to the batch's length never
 * changes its vector; `normalize` scales each to unit length (a model with a Normalize module).
 */
export function poolTokens(
  states: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  seq: number,
  hidden: number,
  pooling: TokenPooling,
  normalize: boolean,
): Float32Array {
  if (states.length !== batch * seq * hidden || mask.length !== batch * seq)
    throw new Error(`token states of ${states.length} values do not match ${batch}×${seq}×${hidden}`);
  const out = new Float32Array(batch * hidden);
  const acc = new Float64Array(hidden);
  for (let b = 0; b < batch; b++) {
    acc.fill(pooling === 'max' ? -Infinity : 0);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (Number(mask[b * seq + t]) === 0) continue;
      const base = (b * seq + t) * hidden;
      if (pooling === 'cls') {
        for (let j = 0; j < hidden; j++) acc[j] = states[base + j]!;
        count = 1;
        break;
      }
      for (let j = 0; j < hidden; j++)
        acc[j] = pooling === 'max' ? Math.max(acc[j]!, states[base + j]!) : acc[j]! + states[base + j]!;
      count++;
    }
    if (count === 0) acc.fill(0);
    else if (pooling === 'mean') for (let j = 0; j < hidden; j++) acc[j]! /= count;
    let scale = 1;
    if (normalize) {
      let s = 0;
      for (let j = 0; j < hidden; j++) s += acc[j]! * acc[j]!;
      scale = s > 0 ? 1 / Math.sqrt(s) : 1;
    }
    for (let j = 0; j < hidden; j++) out[b * hidden + j] = acc[j]! * scale;
  }
  return out;
}
