import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instantiateKernels } from '../../../core/common/wasm/instantiate.js';

test('the SIMD kernels module instantiates and computes a dot product', () => {
  const inst = instantiateKernels();
  const memory = inst.exports['memory'] as WebAssembly.Memory;
  const heapBase = (inst.exports['heapBase'] as () => number)();
  const dot = inst.exports['dotF32'] as (a: number, b: number, n: number) => number;
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
  assert.equal(dot(base, base + 64, n), expected);
});
