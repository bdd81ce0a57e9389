import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientMessage, MAP_PARAM_RANGES, protocol } from '../../../../core/common/rpc/protocol.js';
import {
  array,
  f32,
  number,
  object,
  oneOf,
  optional,
  range,
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

test('range() accepts values inside its bounds and names the range when refusing', () => {
  const r = range(2, 200, { int: true });
  assert.equal(r.parse(2), 2);
  assert.equal(r.parse(200), 200);
  assert.throws(() => r.parse(1, 'n'), /^RpcValidationError: n: expected an integer in 2\.\.200, got 1$/);
  assert.throws(() => r.parse(201, 'n'), /n: expected an integer in 2\.\.200, got 201/);
  assert.throws(() => r.parse(10.5, 'n'), /n: expected an integer in 2\.\.200, got 10\.5/);
  assert.throws(() => r.parse('10', 'n'), /n: expected an integer in 2\.\.200, got string/);
  assert.throws(() => r.parse(Infinity, 'n'), /n: expected an integer in 2\.\.200, got number/);
  const f = range(0, 10);
  assert.equal(f.parse(0), 0);
  assert.equal(f.parse(0.25), 0.25);
  assert.throws(() => f.parse(-0.01, 'd'), /d: expected a number in 0\.\.10, got -0\.01/);
});

test('layout requests take map settings in range and refuse others with a clear error', () => {
  const base = { dataset: 'ds1', method: 'umap', dim: 2 } as const;
  assert.deepEqual(protocol.layout.params.parse(base), base);
  const full = { ...base, neighbors: 10, minDist: 0, perplexity: 45.5, epochs: 200 };
  assert.deepEqual(protocol.layout.params.parse(full), full);
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ neighbors: 1 }, /^neighbors: expected an integer in 2\.\.200, got 1$/],
    [{ neighbors: 201 }, /^neighbors: expected an integer in 2\.\.200, got 201$/],
    [{ neighbors: 12.5 }, /^neighbors: expected an integer in 2\.\.200, got 12\.5$/],
    [{ minDist: -0.1 }, /^minDist: expected a number in 0\.\.10, got -0\.1$/],
    [{ minDist: 10.5 }, /^minDist: expected a number in 0\.\.10, got 10\.5$/],
    [{ minDist: null }, /^minDist: expected a number in 0\.\.10, got null$/],
    [{ perplexity: 1.5 }, /^perplexity: expected a number in 2\.\.200, got 1\.5$/],
    [{ perplexity: 'auto' }, /^perplexity: expected a number in 2\.\.200, got string$/],
    [{ epochs: 9 }, /^epochs: expected an integer in 10\.\.5000, got 9$/],
    [{ epochs: 5001 }, /^epochs: expected an integer in 10\.\.5000, got 5001$/],
    [{ nNeighbors: 15 }, /^nNeighbors: unexpected field$/],
  ];
  for (const [extra, message] of bad) {
    assert.throws(
      () => protocol.layout.params.parse({ ...base, ...extra }),
      (e: unknown) => e instanceof RpcValidationError && message.test(e.message),
      JSON.stringify(extra),
    );
  }
  // Every limit the UI enforces is the one the engine checks.
  for (const [name, r] of Object.entries(MAP_PARAM_RANGES)) {
    assert.doesNotThrow(() => protocol.layout.params.parse({ ...base, [name]: r.min }));
    assert.doesNotThrow(() => protocol.layout.params.parse({ ...base, [name]: r.max }));
  }
});
