import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectGarbage } from '../../../../core/node/memory/collectGarbage.js';

// What a study relies on between stages: a dropped WebAssembly memory is returned to the system by the
// time collectGarbage resolves (V8 alone may keep it resident for a whole graph build).
test('collectGarbage returns a dropped WebAssembly memory to the system', async () => {
  const bytes = 128 * 2 ** 20;
  const held = touchAndDrop(bytes);
  await collectGarbage();
  const after = rss();
  assert.ok(
    held - after > bytes / 2,
    `RSS ${held >> 20} MB → ${after >> 20} MB after collecting ${bytes >> 20} MB`,
  );
});

const rss = () => process.memoryUsage().rss;

// In a function of its own: an async test's suspended frame could still hold the memory.
function touchAndDrop(bytes: number): number {
  const memory = new WebAssembly.Memory({ initial: bytes / 65536, maximum: 65536, shared: true });
  new Uint8Array(memory.buffer).fill(7);
  return rss();
}
