import { decodeBase64 } from './base64.js';
import { KERNELS_WASM_BASE64 } from './kernels.generated.js';

let cachedModule: WebAssembly.Module | undefined;

/** The compiled kernels module, decoded once per realm (main thread or worker). */
export function kernelsModule(): WebAssembly.Module {
  cachedModule ??= new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64));
  return cachedModule;
}

/** A fresh instance with its own linear memory; each worker owns one. */
export function instantiateKernels(): WebAssembly.Instance {
  return new WebAssembly.Instance(kernelsModule(), {
    env: {
      abort: () => {
        throw new Error('wasm kernel aborted');
      },
    },
  });
}
