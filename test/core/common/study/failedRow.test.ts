import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  studyRowsToCsv,
  studyRowsToJson,
  STUDY_CSV_COLUMNS,
} from '../../../../core/common/export/studyRows.js';
import { VecscopeError } from '../../../../core/common/errors.js';
import { parsePipeline } from '../../../../core/common/pipeline/parsePipeline.js';
import { protocol } from '../../../../core/common/rpc/protocol.js';
import { pipelineProblem, type PipelineContext } from '../../../../core/common/study/pipelineProblem.js';
import { runStudy } from '../../../../core/common/study/runStudy.js';
import { studyRowSummary, studyRowSummarySchema } from '../../../../core/common/study/studyRowFields.js';
import type { ReductionFitter } from '../../../../core/common/study/studyTypes.js';
import { wireRow } from '../../../../core/node/host/capabilities/study.js';
import { clusteredGaussian, splitRows, truncatingFitter } from '../../../helpers/fixtures.js';

const { base, queries } = splitRows(clusteredGaussian(1_230, 16, 4, 3), 1_200);

/** Keeps the first d coordinates, but fails for random projections as a fit can fail at run time. */
const fitReduction: ReductionFitter = (method, b, opts) => {
  if (method === 'gauss-rp') throw new VecscopeError('the projection fit ran out of luck');
  return truncatingFitter(method, b, opts);
};

test('a pipeline that cannot run, or fails while running, gets a row with its error and the sweep goes on', async () => {
  const pipelines = [
    'F32,Flat',
    'LeanVecOOD8,F32,Flat', // no learning queries: refused before fitting
    'PCA32,F32,Flat', // more dimensions than the data has
    'RP8,F32,Flat', // the fit throws at run time
    'SQ8,Vamana(R=8,L=20)', // the graph build throws an internal error
    'Trunc8,SQ8,Flat',
  ];
  const streamed: string[] = [];
  const res = await runStudy({
    base,
    queries,
    k: 5,
    metric: 'ip',
    pipelines,
    fitReduction,
    buildGraph: () => {
      throw new Error('worker died');
    },
    targetRecall: 0.9,
    onRow: (r) => streamed.push(r.pipeline),
  });
  assert.deepEqual(streamed, pipelines);
  assert.deepEqual(
    res.rows.map((r) => r.pipeline),
    pipelines,
  );
  const byName = new Map(res.rows.map((r) => [r.pipeline, r]));
  assert.equal(byName.get('F32,Flat')!.recall, 1);
  assert.equal(byName.get('F32,Flat')!.error, undefined);
  const trunc = byName.get('Trunc8,SQ8,Flat')!.recall;
  assert.ok(trunc > 0 && trunc < 1, `${trunc}`);
  assert.match(byName.get('LeanVecOOD8,F32,Flat')!.error!, /LeanVec-OOD needs learning queries/);
  assert.match(byName.get('PCA32,F32,Flat')!.error!, /cannot reduce 16-d vectors to 32/);
  assert.match(byName.get('RP8,F32,Flat')!.error!, /^the projection fit ran out of luck$/);
  assert.match(byName.get('SQ8,Vamana(R=8,L=20)')!.error!, /^internal error: worker died$/);
  for (const r of res.rows.filter((x) => x.error !== undefined)) {
    // Nothing was measured, and nothing pretends to be.
    for (const v of [r.recall, r.qps, r.bytesPerVector, r.decomposition.reduction])
      assert.ok(Number.isNaN(v));
    assert.equal(r.qpsBatch, null);
    assert.equal(r.perQueryRecall.length, 0);
    assert.equal(r.neighbourLoss.length, base.n);
    assert.ok(r.neighbourLoss.every((v) => Number.isNaN(v)));
    assert.ok(r.neighbourSeen.length === base.n && r.neighbourSeen.every((v) => v === 0));
    // The error names no CLI option: the app shows it as it is.
    assert.doesNotMatch(r.error!, /--/);
  }
  // Failed rows are on no frontier and get no calibration.
  for (const key of [...res.frontier.qps, ...res.frontier.bytes])
    assert.ok(['F32,Flat', 'Trunc8,SQ8,Flat'].includes(key), key);
  assert.deepEqual(
    res.calibration!.pipelines.map((c) => c.pipeline),
    ['F32,Flat', 'Trunc8,SQ8,Flat'],
  );

  // CSV: empty number cells and the error; JSON: null numbers and the error.
  const failed = byName.get('RP8,F32,Flat')!;
  const line = studyRowsToCsv([failed]).split('\r\n')[1]!;
  const columns: readonly string[] = STUDY_CSV_COLUMNS;
  const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!).slice(0, -1);
  assert.equal(cells.length, STUDY_CSV_COLUMNS.length);
  assert.equal(cells[0], '"RP8,F32,Flat"');
  assert.equal(STUDY_CSV_COLUMNS.at(-1), 'error', 'the error column comes after the earlier ones');
  assert.equal(cells.at(-1), 'the projection fit ran out of luck');
  for (const name of ['recall', 'qps', 'qpsBatch', 'lossReduction', 'rerankTraversal'])
    assert.equal(cells[columns.indexOf(name)], '', name);
  const json = (JSON.parse(studyRowsToJson([failed])) as Record<string, unknown>[])[0]!;
  assert.equal(json['recall'], null);
  assert.equal(json['error'], 'the projection fit ran out of luck');
  // Read back (the JSON's nulls) the row is the same failed row, and the wire carries it too.
  const back = studyRowSummarySchema.parse(json);
  assert.ok(Number.isNaN(back.recall) && back.error === failed.error);
  const wire = wireRow(failed);
  const viaJson = JSON.parse(
    JSON.stringify({ ...wire, perQueryRecall: 0, neighbourLoss: 0, neighbourSeen: 0, ids: 0 }),
  );
  const parsed = protocol.study.partial.parse({
    row: {
      ...viaJson,
      perQueryRecall: wire.perQueryRecall,
      neighbourLoss: wire.neighbourLoss,
      neighbourSeen: wire.neighbourSeen,
      ids: wire.ids,
    },
    nq: 30,
  });
  assert.ok(Number.isNaN(parsed.row.qps) && parsed.row.error === failed.error);
  // Only a row with an error may leave its numbers out.
  const measured = studyRowSummary(byName.get('F32,Flat')!);
  assert.throws(
    // qps as the host sends it (a timing of 0 s is infinite, which JSON cannot hold).
    () => studyRowSummarySchema.parse({ ...measured, qps: 1000, recall: null }),
    /recall: expected a finite number in a row without an error/,
  );
  assert.throws(
    () => protocol.study.partial.parse({ row: { ...wireRow(byName.get('F32,Flat')!), qps: NaN }, nq: 30 }),
    /row\.qps: expected a finite number/,
  );
});

test('pipelineProblem names what cannot run, in words of neither front-end', () => {
  const ctx: PipelineContext = { dim: 64, k: 10, metric: 'ip', learnQueries: true };
  const problem = (p: string, over: Partial<typeof ctx> = {}) =>
    pipelineProblem(parsePipeline(p), { ...ctx, ...over });
  assert.equal(problem('PCA32,LVQ8,Vamana|W=40,rerank=80'), undefined);
  assert.equal(problem('LeanVecOOD32,LVQ8,Flat'), undefined);
  assert.match(problem('LeanVecOOD32,LVQ8,Flat', { learnQueries: false })!, /needs learning queries/);
  assert.match(problem('LeanVecES32,F32,Flat', { metric: 'l2' })!, /LeanVec-ES models inner products.*PCA32/);
  assert.match(problem('PCA128,F32,Flat')!, /cannot reduce 64-d vectors to 128/);
  assert.match(problem('PCA16,PQ32,Flat')!, /PQ32 splits 16-d vectors into 32 parts; use at most PQ16/);
  assert.match(problem('F32,Flat|rerank=5')!, /rerank \(5\) must be at least k \(10\)/);
  assert.match(problem('F32,Vamana(a=0.9)')!, /a must be at least 1/);
  assert.match(problem('F32,Vamana(R=600)')!, /R must be at most 512/);
  assert.match(problem('F32,Vamana|W=5000')!, /at most 4096 candidates/);
  for (const p of ['LeanVecOOD32,LVQ8,Flat', 'PCA128,F32,Flat', 'F32,Flat|rerank=5'])
    assert.doesNotMatch(problem(p, { learnQueries: false, metric: 'l2' }) ?? '', /--/);
});
