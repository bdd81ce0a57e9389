import { decodeBase64 } from './base64.js';
import { QUANT_WASM_BASE64 } from './quant.generated.js';

let cachedModule: WebAssembly.Module | undefined;

/** The compiled quantized-distance kernels (core/wasm/quant.ts), decoded once per realm. */
function quantModule(): WebAssembly.Module {
  cachedModule ??= new WebAssembly.Module(decodeBase64(QUANT_WASM_BASE64));
  return cachedModule;
}

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
}

/** A fresh instance with its own linear memory (one per scorer, so scorers never share a query slot). */
export function instantiateQuant(): QuantExports {
  const inst = new WebAssembly.Instance(quantModule(), {
    env: {
      abort: () => {
        throw new Error('wasm kernel aborted');
      },
    },
  });
  return inst.exports as unknown as QuantExports;
}
