// The one place that loads WebAssembly. To add a kernel: write core/wasm/<name>.ts (AssemblyScript;
// `npm run build:wasm` emits core/common/wasm/<name>.generated.ts), add its line to SOURCES, and call
// instantiateWasm('<name>') from a typed wrapper beside it.
import { decodeBase64 } from '../io/base64.js';
import { GRAPH_WASM_BASE64 } from './graph.generated.js';
import { KERNELS_WASM_BASE64 } from './kernels.generated.js';
import { LINALG_WASM_BASE64 } from './linalg.generated.js';
import { QUANT_WASM_BASE64 } from './quant.generated.js';
import { TSNEREPULSION_WASM_BASE64 } from './tsneRepulsion.generated.js';
import { UMAPSGD_WASM_BASE64 } from './umapSgd.generated.js';

const SOURCES = {
  kernels: KERNELS_WASM_BASE64,
  quant: QUANT_WASM_BASE64,
  graph: GRAPH_WASM_BASE64,
  linalg: LINALG_WASM_BASE64,
  tsneRepulsion: TSNEREPULSION_WASM_BASE64,
  umapSgd: UMAPSGD_WASM_BASE64,
} as const;

export type WasmModuleName = keyof typeof SOURCES;

const compiled = new Map<WasmModuleName, WebAssembly.Module>();

/** The compiled module, decoded once per realm (main thread or worker). */
export function wasmModule(name: WasmModuleName): WebAssembly.Module {
  let m = compiled.get(name);
  if (!m) compiled.set(name, (m = new WebAssembly.Module(decodeBase64(SOURCES[name]))));
  return m;
}

/**
 * A fresh instance with its own linear memory, or over an imported `memory` (the graph module's shared
 * memory, which every worker thread instantiates over). Returns its exports, typed by the caller.
 */
export function instantiateWasm<T>(name: WasmModuleName, memory?: WebAssembly.Memory): T {
  const env = {
    abort: () => {
      throw new Error(`wasm ${name} kernel aborted`);
    },
    ...(memory ? { memory } : {}),
  };
  return new WebAssembly.Instance(wasmModule(name), { env }).exports as T;
}

/** Grows `memory` (by whole 64 KiB pages) until byte offset `end` is addressable. */
export function ensureMemory(memory: WebAssembly.Memory, end: number): void {
  const have = memory.buffer.byteLength;
  if (end > have) memory.grow(Math.ceil((end - have) / 65536));
}

/**
 * Rounds up to 16 bytes (a SIMD lane group). Arithmetic, not `& ~15`: offsets pass 2^31 in memories
 * over 2 GiB, where bitwise operators wrap.
 */
export function align16(x: number): number {
  return Math.ceil(x / 16) * 16;
}
