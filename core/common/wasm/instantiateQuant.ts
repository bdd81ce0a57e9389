import { instantiateWasm } from './wasmModules.js';

/** The kernel exports, typed. Offsets are byte offsets into the instance's memory. */
export interface QuantExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  l2F32(q: number, x: number, n: number): number;
  dotF32(q: number, x: number, n: number): number;
  dotF16(q: number, x: number, n: number): number;
  l2F16(q: number, x: number, n: number): number;
  dotU8(q: number, c: number, n: number): number;
  dotU8I16(q: number, c: number, n: number): number;
  dotU4(q: number, c: number, n: number): number;
  l2U4Affine(q: number, c: number, n: number, scale: number, bias: number): number;
  l2U4U8(q: number, c: number, e: number, n: number, scale: number, fine: number, bias: number): number;
  adc(table: number, codes: number, m: number): number;
  hamming(a: number, b: number, nbytes: number): number;
  nearestL2(x: number, cents: number, k: number, d: number): number;
  rabitqDot(q: number, c: number, planeBytes: number, bits: number, queryBits: number): number;
}

/** A fresh instance with its own linear memory (one per scorer, so scorers never share a query slot). */
export function instantiateQuant(): QuantExports {
  return instantiateWasm<QuantExports>('quant');
}
