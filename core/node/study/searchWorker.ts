// Worker side of batch QPS: binds a searcher to the pipeline's shared index in its own slot, waits at a barrier until
// every worker is ready, then times its share of the queries.
import { performance } from 'node:perf_hooks';
import { codecFromState } from '../../common/quantize/codecState.js';
import { GraphSearchIndex } from '../../common/search/graphSearchIndex.js';
import { PipelineSearcher } from '../../common/search/pipelineSearcher.js';
import { serveWorker } from '../pool/serveWorker.js';
import type { SearchTask } from './batchQps.js';

serveWorker((message) => {
  const t = message as SearchTask;
  const searcher = new PipelineSearcher(
    {
      codec: codecFromState(t.parts.codec),
      encoded: t.parts.encoded,
      ...(t.parts.secondary
        ? {
            secondary: { codec: codecFromState(t.parts.secondary.codec), encoded: t.parts.secondary.encoded },
          }
        : {}),
    },
    'wasm',
    {
      index: GraphSearchIndex.attach(t.index.memory, t.index.layout),
      ...(t.secondaryIndex
        ? { secondary: GraphSearchIndex.attach(t.secondaryIndex.memory, t.secondaryIndex.layout) }
        : {}),
      slot: t.slot,
    },
  );
  const out = new Int32Array(t.settings.k);
  const { primary, original } = t;
  // Warm up, then wait for the others so that the timed loops overlap.
  for (let q = t.range[0]; q < Math.min(t.range[1], t.range[0] + 10); q++)
    searcher.search(primary.data, q * primary.dim, original.data, q * original.dim, t.settings, out, 0);
  Atomics.add(t.barrier, 0, 1);
  while (Atomics.load(t.barrier, 0) < t.workers) Atomics.wait(t.barrier, 0, Atomics.load(t.barrier, 0), 50);
  const start = performance.timeOrigin + performance.now();
  const k = t.settings.k;
  for (let q = t.range[0]; q < t.range[1]; q++)
    searcher.search(primary.data, q * primary.dim, original.data, q * original.dim, t.settings, t.ids, q * k);
  const end = performance.timeOrigin + performance.now();
  return { result: { start, end } };
});
