import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeMessage, encodeMessage } from '../../../../core/common/rpc/codec.js';
import { RpcValidationError } from '../../../../core/common/rpc/schema.js';

test('codec round-trips typed arrays as binary, not JSON numbers', () => {
  const big = new Float32Array(100_000).map((_, i) => i * 0.5);
  const msg = {
    t: 'result',
    id: 7,
    value: { a: big, b: Int32Array.of(-1, 2, 3), c: 'x', d: [1, { e: Float64Array.of(Math.PI) }] },
  };
  const frame = encodeMessage(msg);
  // 400 kB of floats as JSON would be far larger than the raw bytes plus a small header.
  assert.ok(frame.byteLength < big.byteLength + 1024, `frame is ${frame.byteLength} bytes`);
  const out = decodeMessage(frame) as typeof msg;
  assert.ok(out.value.a instanceof Float32Array);
  assert.deepEqual(out.value.a, big);
  assert.deepEqual(out.value.b, Int32Array.of(-1, 2, 3));
  assert.equal(out.value.c, 'x');
  assert.deepEqual((out.value.d[1] as { e: Float64Array }).e, Float64Array.of(Math.PI));
});

test('codec keeps unaligned sub-array views intact', () => {
  const base = new Uint8Array(17).map((_, i) => i);
  const view = new Uint8Array(base.buffer, 3, 5);
  const f = new Float32Array(new ArrayBuffer(64), 4, 3).fill(2.5);
  const out = decodeMessage(encodeMessage({ view, f })) as { view: Uint8Array; f: Float32Array };
  assert.deepEqual(Array.from(out.view), [3, 4, 5, 6, 7]);
  assert.deepEqual(Array.from(out.f), [2.5, 2.5, 2.5]);
});

test('codec rejects malformed frames', () => {
  assert.throws(() => decodeMessage(new ArrayBuffer(4)), RpcValidationError);
  assert.throws(() => decodeMessage(new Uint8Array(16).buffer), RpcValidationError);
  const frame = encodeMessage({ a: new Float32Array(4) });
  // Truncate the array bytes: the reference then points outside the frame.
  assert.throws(() => decodeMessage(frame.slice(0, frame.byteLength - 8)), /outside the frame/);
  // Garbage header.
  const bad = new Uint8Array(frame.slice(0));
  bad[9] = 0xff;
  assert.throws(() => decodeMessage(bad.buffer), RpcValidationError);
});
