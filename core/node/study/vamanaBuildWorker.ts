// Worker side of the multi-threaded Vamana build: one VamanaBuildCore per build, over the shared state.
import { VamanaBuildCore, type VamanaBuildShared } from '../../common/search/vamanaBuildCore.js';
import { serveWorker } from '../pool/serveWorker.js';

export interface VamanaBuildTask {
  buildId: number;
  shared: VamanaBuildShared;
  phase: 'forward' | 'reverse';
  from: number;
  to: number;
  alpha: number;
  limit: number;
}

let current: { id: number; core: VamanaBuildCore } | undefined;

serveWorker((message) => {
  const t = message as VamanaBuildTask;
  if (current?.id !== t.buildId) current = { id: t.buildId, core: new VamanaBuildCore(t.shared) };
  if (t.phase === 'forward') current.core.forward(t.from, t.to, t.alpha);
  else current.core.reverse(t.from, t.to, t.alpha, t.limit);
  return { result: null };
});
