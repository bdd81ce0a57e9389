import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeMetric } from '../../../../core/common/quantize/codec.js';
import { trainCodec } from '../../../../core/common/quantize/trainCodec.js';
import { buildVamana } from '../../../../core/common/search/buildVamana.js';
import { CandidateBuffer } from '../../../../core/common/search/candidateBuffer.js';
import { flatScan } from '../../../../core/common/search/flatSearch.js';
import { GraphSlotSearcher, searchIndexFor } from '../../../../core/common/search/graphSearchIndex.js';
import { GreedySearcher } from '../../../../core/common/search/greedySearch.js';
import type { Matrix } from '../../../../core/common/types.js';
import { clusteredGaussian, everyQuantizer } from '../../../helpers/fixtures.js';

const SPECS = everyQuantizer(8);

// The WebAssembly traversal (core/wasm/graph.ts) against the TypeScript one (greedySearch.ts) driven by
// each codec's own scorer: the same candidates, the same distances to the bit, the same evaluation count.
for (const metric of ['l2', 'ip'] as CodeMetric[])
  test(`WebAssembly graph search and flat scan equal the TypeScript reference for every codec (${metric})`, () => {
    const dim = 40;
    const all = clusteredGaussian(2_060, dim, 6, 11);
    const base: Matrix = { data: all.data.subarray(0, 2_000 * dim), n: 2_000, dim };
    const queries: Matrix = { data: all.data.subarray(2_000 * dim), n: 60, dim };
    for (const spec of SPECS) {
      const codec = trainCodec(spec, base, metric, 3);
      const encoded = codec.encode(base);
      const graph = buildVamana(codec.decodePrimary(encoded), metric, { R: 16, L: 40, seed: 2 });
      const wasm = new GraphSlotSearcher(searchIndexFor(codec, encoded, graph), codec, 0);
      const flatWasm = new GraphSlotSearcher(searchIndexFor(codec, encoded), codec, 0);
      const scorer = codec.scorer(encoded, 'wasm');
      const ref = new GreedySearcher(graph, scorer);
      const flatRef = new CandidateBuffer(16);
      let compared = 0;
      for (let q = 0; q < queries.n; q++) {
        const W = 8 + (q % 5) * 10;
        const cap = q % 3 === 0 ? W + 20 : W;
        scorer.setQuery(queries.data, q * dim);
        ref.search(W, cap);
        wasm.setQuery(queries.data, q * dim);
        const size = wasm.run(W, cap);
        assert.equal(size, ref.buffer.size, `${spec.kind} q${q}: buffer size`);
        assert.equal(wasm.evaluations, ref.evaluations, `${spec.kind} q${q}: evaluations`);
        for (let i = 0; i < size; i++) {
          assert.equal(wasm.ids[i], ref.buffer.ids[i], `${spec.kind} q${q}: id at ${i}`);
          assert.equal(wasm.dists[i], ref.buffer.dists[i], `${spec.kind} q${q}: distance at ${i}`);
          compared++;
        }
        if (codec.refineBytes > 0) {
          wasm.refineBuffer(size);
          for (let i = 0; i < size; i++) ref.buffer.dists[i] = scorer.refined(ref.buffer.ids[i]!);
          ref.buffer.sortPrefix(size);
          for (let i = 0; i < size; i++)
            assert.equal(wasm.ids[i], ref.buffer.ids[i], `${spec.kind}: refined`);
        }
        flatRef.reset(25);
        flatScan(scorer, base.n, flatRef);
        flatWasm.setQuery(queries.data, q * dim);
        assert.equal(flatWasm.run(0, 25), 25);
        for (let i = 0; i < 25; i++) {
          assert.equal(flatWasm.ids[i], flatRef.ids[i], `${spec.kind} q${q}: flat id at ${i}`);
          assert.equal(flatWasm.dists[i], flatRef.dists[i], `${spec.kind} q${q}: flat distance at ${i}`);
        }
      }
      assert.ok(compared > queries.n * 8, `${spec.kind}: compared ${compared}`);
    }
  });
