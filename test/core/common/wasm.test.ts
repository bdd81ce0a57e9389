import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instantiateKernels, kernelsModule } from '../../../core/common/wasm/instantiate.js';

test('the SIMD kernels module instantiates once per realm and each instance owns its memory', () => {
  assert.equal(kernelsModule(), kernelsModule());
  const a = instantiateKernels();
  const b = instantiateKernels();
  assert.notEqual(a.exports['memory'], b.exports['memory']);
  const memory = a.exports['memory'] as WebAssembly.Memory;
  const heapBase = (a.exports['heapBase'] as () => number)();
  assert.ok(heapBase > 0 && heapBase < memory.buffer.byteLength);
});

test('a 1 × 1 dot tile computes a dot product', () => {
  const inst = instantiateKernels();
  const memory = inst.exports['memory'] as WebAssembly.Memory;
  const heapBase = (inst.exports['heapBase'] as () => number)();
  const tile = inst.exports['dotTileF32'] as (...args: number[]) => void;
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
