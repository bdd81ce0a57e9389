import assert from 'node:assert/strict';
import { test } from 'node:test';
import { f16ToF32, f32ToF16, f32ToF16Bits } from '../../../../core/common/io/f16.js';

test('every half value survives f16 -> f32 -> f16 (NaNs stay NaN)', () => {
  const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
  const f = f16ToF32(all);
  const back = f32ToF16(f);
  for (let h = 0; h < 65536; h++) {
    if (Number.isNaN(f[h]!)) assert.ok(Number.isNaN(f16ToF32(Uint16Array.of(back[h]!))[0]!));
    else assert.equal(back[h], h, `half 0x${h.toString(16)}`);
  }
});

test('known halves decode to their values', () => {
  const f = f16ToF32(Uint16Array.of(0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0x7c00, 0xfc00, 0x8000));
  assert.deepEqual([...f.subarray(0, 2)], [1, -2]);
  assert.ok(Math.abs(f[2]! - 1 / 3) < 1e-3);
  assert.equal(f[3], 65504);
  assert.equal(f[4], 2 ** -24);
  assert.equal(f[5], Infinity);
  assert.equal(f[6], -Infinity);
  assert.ok(Object.is(f[7], -0));
});

test('f32 -> f16 rounds to nearest with ties to even, overflows to Inf, underflows to 0', () => {
  assert.equal(f32ToF16Bits(1 + 2 ** -11), 0x3c00); // tie, even mantissa stays
  assert.equal(f32ToF16Bits(1 + 3 * 2 ** -11), 0x3c02); // tie, odd mantissa rounds up
  assert.equal(f32ToF16Bits(1 + 2 ** -11 + 2 ** -20), 0x3c01);
  assert.equal(f32ToF16Bits(65519), 0x7bff);
  assert.equal(f32ToF16Bits(65520), 0x7c00);
  assert.equal(f32ToF16Bits(2 ** -26), 0);
  assert.equal(f32ToF16Bits(3 * 2 ** -26), 0x0001);
  assert.ok(Number.isNaN(f16ToF32(Uint16Array.of(f32ToF16Bits(NaN)))[0]!));
});
