// Worker side of the multi-threaded Vamana build: an instance of core/wasm/graph.ts over the build's
// shared memory, bound to the scratch slot this worker claims once per build.
import { bindBuild, type VamanaBuildLayout } from '../../common/search/buildVamana.js';
import { instantiateGraph, type GraphExports } from '../../common/wasm/instantiateGraph.js';
import { serveWorker } from '../pool/serveWorker.js';

export interface VamanaBuildTask {
  buildId: number;
  memory: WebAssembly.Memory;
  layout: VamanaBuildLayout;
  /** Slot counter shared by the build's workers (each claims one scratch slot). */
  slots: Int32Array;
  phase: 'forward' | 'reverse';
  from: number;
  to: number;
  alpha: number;
  limit: number;
}

let current: { id: number; g: GraphExports } | undefined;

serveWorker((message) => {
  const t = message as VamanaBuildTask;
  if (current?.id !== t.buildId) {
    const slot = Atomics.add(t.slots, 0, 1);
    if (slot >= t.layout.scratch.length) throw new Error('more build workers than scratch slots');
    const g = instantiateGraph(t.memory);
    bindBuild(g, t.layout, slot);
    current = { id: t.buildId, g };
  }
  if (t.phase === 'forward') current.g.forward(t.from, t.to, t.alpha);
  else current.g.reverse(t.from, t.to, t.alpha, t.limit);
  return { result: null };
});
