import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientMessage, protocol } from '../../../../core/common/rpc/protocol.js';
import {
  array,
  f32,
  number,
  object,
  oneOf,
  optional,
  RpcValidationError,
  string,
} from '../../../../core/common/rpc/schema.js';

test('object schemas check types, ranges, and reject unknown fields', () => {
  const s = object({
    a: number({ int: true, min: 0 }),
    b: optional(string()),
    c: oneOf(['x', 'y'] as const),
    d: f32(),
  });
  const ok = s.parse({ a: 3, c: 'y', d: new Float32Array(2) });
  assert.equal(ok.a, 3);
  assert.equal(ok.b, undefined);
  assert.throws(() => s.parse({ a: -1, c: 'x', d: new Float32Array(1) }), /a: -1 < 0/);
  assert.throws(() => s.parse({ a: 1.5, c: 'x', d: new Float32Array(1) }), /a: expected integer/);
  assert.throws(() => s.parse({ a: 1, c: 'z', d: new Float32Array(1) }), /c: expected one of x, y/);
  assert.throws(() => s.parse({ a: 1, c: 'x', d: [1, 2] }), /d: expected Float32Array, got array/);
  assert.throws(() => s.parse({ a: 1, c: 'x', d: new Float32Array(1), evil: 1 }), /evil: unexpected field/);
  assert.throws(() => array(number()).parse([1, 'a']), /\[1\]: expected finite number/);
  assert.throws(() => number().parse(NaN), RpcValidationError);
});

test('the protocol validates method params and envelopes', () => {
  assert.throws(() => clientMessage.parse({ t: 'call', id: 1, method: 'rm -rf', params: {} }), /method/);
  assert.throws(() => clientMessage.parse({ t: 'bogus', id: 1 }), /t: expected one of call, cancel/);
  const call = clientMessage.parse({
    t: 'call',
    id: 1,
    method: 'knn',
    params: { dataset: 'ds1', row: 2, k: 5 },
  });
  assert.equal(call.t, 'call');
  assert.throws(() => protocol.knn.params.parse({ dataset: 'ds1', row: 2, k: 0 }), /k: 0 < 1/);
  assert.throws(() => protocol.layout.params.parse({ dataset: 'ds1', method: 'mds', dim: 2 }), /method/);
});
