import assert from 'node:assert/strict';
import { VecscopeError } from '../../../../core/common/errors.js';
import { rng } from '../../../helpers/fixtures.js';

/** Asserts that `fn` throws a one-line VecscopeError naming `file` and matching `pattern`. */
export function assertUserError(fn: () => unknown, file: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VecscopeError, `expected a VecscopeError, got ${String(e)}`);
    assert.ok(!e.message.includes('\n'), `message spans lines: ${e.message}`);
    assert.ok(e.message.includes(file), `message does not name ${file}: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

/** Async variant of assertUserError. */
export async function assertUserErrorAsync(
  fn: () => Promise<unknown>,
  file: string,
  pattern: RegExp,
): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(
      e instanceof VecscopeError,
      `expected a VecscopeError, got ${String((e as Error)?.stack ?? e)}`,
    );
    assert.ok(!e.message.includes('\n'), `message spans lines: ${e.message}`);
    assert.ok(e.message.includes(file), `message does not name ${file}: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

/** n × dim values in [-1, 1), exactly representable as float32. */
export function randomMatrix(n: number, dim: number, seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n * dim }, () => r() * 2 - 1);
}

/** Builds .npy bytes by hand (any descr, any payload), as NumPy lays them out. */
export function npyBytes(descr: string, shape: number[], payload: Uint8Array, fortran = false): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + h.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, h.length, true);
  out.set(h, 10);
  out.set(payload, 10 + h.length);
  return out;
}

export function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
