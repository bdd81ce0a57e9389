import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeMessage, encodeMessage } from '../../../core/common/rpc/codec.js';
import { protocol } from '../../../core/common/rpc/protocol.js';
import { runStudy } from '../../../core/common/study/runStudy.js';
import { parseStudyResult, REPORT_OUTPUTS } from '../../../core/node/cli/commands/report.js';
import { resultJson } from '../../../core/node/cli/commands/study.js';
import { wireRow } from '../../../core/node/host/capabilities/study.js';
import { chartFile } from '../../../renderer/src/lab/chartFile.js';
import { clusteredGaussian } from '../../helpers/fixtures.js';

test("the app's chart SVG export and vecscope report write the same bytes for one study result", async () => {
  const all = clusteredGaussian(840, 16, 5, 4);
  const res = await runStudy({
    base: { data: all.data.subarray(0, 800 * 16), n: 800, dim: 16 },
    queries: { data: all.data.subarray(800 * 16), n: 40, dim: 16 },
    k: 10,
    metric: 'l2',
    pipelines: ['F32,Flat', 'SQ8,Flat', 'BIN,Flat', 'LVQ8,Vamana(R=16,L=40)|W=20,rerank=20'],
    // As the host and the CLI time it (Date.now could time a pass as 0 ms on this little data).
    clock: () => performance.now(),
  });

  // The app: rows go through the host's wire form, the frame codec and the protocol's validation, into
  // the lab's study state, from which the export button writes its file.
  const frame = decodeMessage(
    encodeMessage({
      k: res.k,
      n: res.n,
      nq: res.nq,
      metric: res.metric,
      rows: res.rows.map(wireRow),
      frontier: res.frontier,
    }),
  );
  const wire = protocol.study.result.parse(frame);
  // The CLI: `vecscope study --out` writes the result as JSON, `vecscope report` reads it back.
  const report = parseStudyResult(JSON.stringify(resultJson(res)) + '\n', 'res.json');

  for (const axis of ['qps', 'bytes'] as const) {
    const app = chartFile({ rows: wire.rows, k: wire.k }, axis).svg;
    const cli = REPORT_OUTPUTS[`svg-${axis}`](report);
    assert.equal(app, cli, `recall vs ${axis}`);
    // Not two empty documents: one marker per pipeline, and the frontier.
    assert.equal((app.match(/<circle /g) ?? []).length, 4);
    assert.match(app, /<polyline [^>]*stroke-dasharray/);
  }
});
