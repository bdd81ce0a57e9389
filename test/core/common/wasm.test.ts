import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instantiateWasm, wasmModule } from '../../../core/common/wasm/wasmModules.js';

const instantiateKernels = () => instantiateWasm<Record<string, unknown>>('kernels');

test('the SIMD kernels module instantiates once per realm and each instance owns its memory', () => {
  assert.equal(wasmModule('kernels'), wasmModule('kernels'));
  assert.notEqual(wasmModule('kernels'), wasmModule('quant'));
  const a = instantiateKernels();
  const b = instantiateKernels();
  assert.notEqual(a['memory'], b['memory']);
  const memory = a['memory'] as WebAssembly.Memory;
  const heapBase = (a['heapBase'] as () => number)();
  assert.ok(heapBase > 0 && heapBase < memory.buffer.byteLength);
});

test('a 1 × 1 dot tile computes a dot product', () => {
  const inst = instantiateKernels();
  const memory = inst['memory'] as WebAssembly.Memory;
  const heapBase = (inst['heapBase'] as () => number)();
  const tile = inst['dotTileF32'] as (...args: number[]) => void;
  const n = 13;
  const base = (heapBase + 15) & ~15;
  const a = new Float32Array(memory.buffer, base, n);
  const b = new Float32Array(memory.buffer, base + 64, n);
  let expected = 0;
  for (let i = 0; i < n; i++) {
    a[i] = i + 1;
    b[i] = 0.5 * i;
    expected += (i + 1) * 0.5 * i;
  }
  tile(base, 1, base + 64, 1, n, base + 128, 1);
  assert.equal(new Float32Array(memory.buffer, base + 128, 1)[0], expected);
});
