import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** How long V8's background threads take to unmap a collected WebAssembly memory (measured: ~20 ms). */
const RELEASE_MS = 100;

/**
 * A full garbage collection, then a pause while the freed memory is unmapped. A study drops
 * WebAssembly memories of hundreds of megabytes (a graph build's working set, reduced rows once coded)
 * that V8's heap heuristics barely see: without a collection they stay resident through the next
 * stage, which is what set a large study's peak. `--expose-gc` set at run time installs `gc` only in
 * contexts made afterwards, hence the new context.
 */
export async function collectGarbage(): Promise<void> {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  await sleep(RELEASE_MS);
}
