import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantizeQueryI16, queryI16Bytes } from '../../../../core/common/quantize/queryI16.js';
import { gaussianMatrix } from '../../../helpers/fixtures.js';

test('16-bit queries: integer dot within 0.5/λ per code unit, no lane can overflow', () => {
  for (const dim of [5, 64, 384, 1536]) {
    const q = gaussianMatrix(1, dim, dim);
    const out = new Int16Array(queryI16Bytes(dim) / 2);
    const inv = quantizeQueryI16(q.data, 0, dim, out);
    assert.equal(out.length % 16, 0);
    for (let j = dim; j < out.length; j++) assert.equal(out[j], 0);
    const lanes = new Float64Array(8);
    for (let j = 0; j < dim; j++) {
      assert.ok(Math.abs(out[j]! * inv - q.data[j]!) <= 0.5 * inv + 1e-12, `dim ${dim} j ${j}`);
      lanes[(j & 15) >> 1]! += Math.abs(out[j]!) * 255;
    }
    for (const l of lanes) assert.ok(l < 2 ** 31, `lane sum ${l}`);
    // The scale uses the 16-bit range: the largest |q16| is near 16383 or a lane is near 2^31.
    const top = Math.max(...Array.from(out, (v) => Math.abs(v)));
    assert.ok(top > 16000 || Math.max(...lanes) > 0.97 * 2 ** 31, `top ${top}`);
  }
  const zero = new Int16Array(16);
  assert.equal(quantizeQueryI16(new Float32Array(16), 0, 16, zero), 1);
});
