import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildVamana } from '../../../../core/common/search/buildVamana.js';
import { createStudy } from '../../../../core/common/study/createStudy.js';
import { paretoFrontier } from '../../../../core/common/study/paretoFrontier.js';
import { runStudy } from '../../../../core/common/study/runStudy.js';
import type { GraphBuilder, ReductionFitter, StudyRow } from '../../../../core/common/study/studyTypes.js';
import { clusteredGaussian, splitRows, truncatingFitter } from '../../../helpers/fixtures.js';

const data = () => splitRows(clusteredGaussian(3_050, 32, 6, 5), 3_000);

/** A reduction fitter and a graph builder that count their calls. */
function counted() {
  const calls = { fits: 0, builds: 0 };
  const fitReduction: ReductionFitter = (...args) => {
    calls.fits++;
    return truncatingFitter(...args);
  };
  const buildGraph: GraphBuilder = (vectors, metric, opts) => {
    calls.builds++;
    return buildVamana(vectors, metric, opts);
  };
  return { calls, fitReduction, buildGraph };
}

/** A row without its timings (build seconds, q/s), which differ from run to run, and without the
 * stages it reused, which differ between a shared study and one per pipeline by design. */
const measured = (r: StudyRow) => {
  const { buildSeconds: _b, qps: _q, qpsSpread: _qs, qpsBatch: _qb, cachedStages: _c, ...rest } = r;
  return rest;
};

// Three pipelines sharing a reduction and a codec, two of them one graph (W and re-ranking are search
// settings): one study fits each shared stage once and gives the rows separate studies give.
test('createStudy keeps stages across runPipeline calls: same rows as one study per pipeline, shared graph built once', async () => {
  const { base, queries } = data();
  const pipelines = [
    'Trunc16,LVQ8,Vamana(R=16,L=40)|W=20',
    'Trunc16,LVQ8,Flat',
    'Trunc16,LVQ8,Vamana(R=16,L=40)|W=40,rerank=30',
  ];
  const one = counted();
  const study = createStudy({
    base,
    queries,
    k: 10,
    metric: 'l2',
    fitReduction: one.fitReduction,
    buildGraph: one.buildGraph,
  });
  assert.throws(() => study.result(), /no ground truth yet/);
  const stages: string[] = [];
  const streamed: StudyRow[] = [];
  const rows: StudyRow[] = [];
  for (const p of pipelines)
    rows.push(
      await study.runPipeline(p, {
        onProgress: (s) => {
          assert.ok(s.fraction >= 0 && s.fraction <= 1, `${s.fraction}`);
          stages.push(s.stage);
        },
        onRow: (r) => streamed.push(r),
      }),
    );
  assert.deepEqual(one.calls, { fits: 1, builds: 1 });
  // Each row names what it took from an earlier one.
  assert.deepEqual(
    rows.map((r) => r.cachedStages),
    [undefined, 'reduction,codes', 'reduction,codes,graph'],
  );
  assert.deepEqual(streamed, rows);
  assert.ok(stages.includes('ground truth') && stages.includes('graph'), stages.join(','));

  const apart = counted();
  for (let i = 0; i < pipelines.length; i++) {
    const alone = await runStudy({
      base,
      queries,
      k: 10,
      metric: 'l2',
      pipelines: [pipelines[i]!],
      fitReduction: apart.fitReduction,
      buildGraph: apart.buildGraph,
    });
    assert.deepEqual(measured(rows[i]!), measured(alone.rows[0]!), pipelines[i]);
  }
  assert.deepEqual(apart.calls, { fits: 3, builds: 2 });

  // A re-run of a finished pipeline builds nothing new and measures the same.
  const again = await study.runPipeline(pipelines[0]!);
  assert.equal(one.calls.builds, 1);
  assert.deepEqual(measured(again), measured(rows[0]!));

  const res = study.result();
  assert.equal(res.rows.length, 4);
  assert.equal(res.truthComputed, true);
  assert.equal(res.truth.nq, queries.n);
  const points = res.rows.map((r) => ({ key: r.pipeline, recall: r.recall }));
  assert.deepEqual(
    res.frontier.qps,
    paretoFrontier(
      points.map((p, i) => ({ ...p, value: res.rows[i]!.qps })),
      true,
    ),
  );
  assert.deepEqual(
    res.frontier.bytes,
    paretoFrontier(
      points.map((p, i) => ({ ...p, value: res.rows[i]!.primaryBytes })),
      false,
    ),
  );
  assert.ok(res.frontier.qps.length >= 1 && res.frontier.bytes.length >= 1);
  assert.ok(res.memory.indexes >= 2 && res.memory.wasmBytes > 0, JSON.stringify(res.memory));
});

test('runPipeline calls of one study may not overlap', async () => {
  const { base, queries } = data();
  const study = createStudy({ base, queries, k: 10, metric: 'ip' });
  const first = study.runPipeline('F32,Flat');
  await assert.rejects(study.runPipeline('SQ8,Flat'), /must not overlap/);
  assert.equal((await first).recall, 1);
  assert.equal(study.result().rows.length, 1);
});
