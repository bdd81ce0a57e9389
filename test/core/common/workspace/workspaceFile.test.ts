import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBase64, encodeBase64, isBase64 } from '../../../../core/common/io/base64.js';
import { createStudy } from '../../../../core/common/study/createStudy.js';
import { vectorFingerprint } from '../../../../core/common/workspace/fingerprint.js';
import {
  WORKSPACE_VERSION,
  parseWorkspace,
  workspaceToJson,
  type Workspace,
} from '../../../../core/common/workspace/workspaceFile.js';
import { wireRow } from '../../../../core/node/host/capabilities/study.js';
import { clusteredGaussian, randomMatrix, splitRows } from '../../../helpers/fixtures.js';

test('base64 encodes and decodes every length and byte value', () => {
  for (let n = 0; n < 40; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
    const text = encodeBase64(bytes);
    assert.ok(isBase64(text), text);
    assert.deepEqual(decodeBase64(text), bytes);
  }
  assert.equal(encodeBase64(new TextEncoder().encode('Man')), 'TWFu');
  assert.equal(encodeBase64(new TextEncoder().encode('Ma')), 'TWE=');
  assert.equal(encodeBase64(new TextEncoder().encode('M')), 'TQ==');
  assert.ok(!isBase64('TWF'), 'cut short');
  assert.ok(!isBase64('TW*u'), 'a stray character');
});

test('the fingerprint names the shape and changes with any value of the rows', () => {
  const m = randomMatrix(300, 16, 3);
  const f = vectorFingerprint(m);
  assert.match(f, /^300x16:[0-9a-f]{16}$/);
  assert.equal(vectorFingerprint({ ...m, data: m.data.slice() }), f, 'same rows, same fingerprint');
  for (const at of [0, 1234, m.data.length - 1]) {
    const d = m.data.slice();
    d[at] = d[at]! + 1e-6;
    assert.notEqual(vectorFingerprint({ ...m, data: d }), f, `value ${at}`);
  }
  // Two rows swapped: same values, other file.
  const d = m.data.slice();
  d.set(m.data.subarray(16, 32), 0);
  d.set(m.data.subarray(0, 16), 16);
  assert.notEqual(vectorFingerprint({ ...m, data: d }), f);
});

async function sampleWorkspace(): Promise<Workspace> {
  const { base, queries } = splitRows(clusteredGaussian(620, 8, 3, 4), 600);
  const study = createStudy({ base, queries, k: 5, metric: 'l2' });
  const rows = [await study.runPipeline('F32,Flat'), await study.runPipeline('SQ8,Flat')].map(wireRow);
  return {
    vecscope: 'workspace',
    version: WORKSPACE_VERSION,
    savedAt: '2026-12-05T18:00:00.000Z',
    dataset: { source: '/data/x.npy', n: 600, dim: 8, fingerprint: vectorFingerprint(base) },
    view: {
      layoutMethod: 'umap',
      layoutDim: 2,
      mapParams: { neighbors: 15, minDist: 0.1, perplexity: 30 },
      colorBy: { kind: 'column', name: 'label' },
      numericScale: { digit: 'categorical' },
      pointSize: 5,
      opacity: 0.7,
      searchText: 'cat, "dog"',
      selection: Int32Array.of(3, 5, 599),
    },
    layouts: [
      { method: 'pca', dim: 2, params: '', positions: Float32Array.from({ length: 1200 }, (_, i) => i / 7) },
      { method: 'umap', dim: 2, params: 'n15:d0.1', positions: new Float32Array(1200).fill(-2.5) },
    ],
    clusters: {
      method: 'kmeans',
      space: 'pca32',
      labels: Int32Array.from({ length: 600 }, (_, i) => i % 3),
      names: ['a b', 'c', 'd'],
    },
    lab: {
      open: true,
      sweepText: 'F32,Flat\nSQ8,Flat',
      k: 5,
      querySet: 'base',
      maxQueries: 20,
      metric: 'l2',
      selected: 'SQ8,Flat',
      study: {
        querySet: 'base',
        maxQueries: 20,
        k: 5,
        nq: 20,
        rows,
        frontier: { qps: ['F32,Flat'], bytes: ['SQ8,Flat'] },
      },
    },
  };
}

test('a workspace survives its file: every field, typed arrays bit for bit, study rows included', async () => {
  const ws = await sampleWorkspace();
  const text = workspaceToJson(ws);
  assert.ok(!text.includes('Float32Array'), 'arrays are base64, not JSON objects of indices');
  const back = parseWorkspace(text, 'w.vecscope.json');
  assert.deepEqual(back, ws);
  assert.ok(back.lab.study!.rows[1]!.neighbourLoss instanceof Float32Array);
  assert.ok(back.view.selection instanceof Int32Array);
});

/** The parsed file, edited by hand as a user or a bug would, at any path. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mutations reach into arbitrary JSON
type Json = Record<string, any>;

test('a bad workspace file is refused in one line naming the file and the problem', async () => {
  const ws = await sampleWorkspace();
  const raw = JSON.parse(workspaceToJson(ws)) as Json;
  const bad = (mutate: (o: Json) => void, want: RegExp) => {
    const o = structuredClone(raw);
    mutate(o);
    assert.throws(
      () => parseWorkspace(JSON.stringify(o), 'w.vecscope.json'),
      (e: Error) =>
        want.test(e.message) && e.message.includes('w.vecscope.json') && !e.message.includes('\n'),
      String(want),
    );
  };
  assert.throws(() => parseWorkspace('{"vecscope": "workspace", ', 'w.json'), /w\.json.*not valid JSON/);
  assert.throws(() => parseWorkspace('{"rows": []}', 'r.json'), /not a vecscope workspace/);
  bad((o) => (o['version'] = 2), /workspace version 2; this vecscope reads version 1/);
  bad((o) => (o['view'].selection.$i32 = 'AAAA*AAA'), /view\.selection: expected base64 array data/);
  bad((o) => (o['view'].selection.$i32 = 'AAAAAAA='), /cut short/);
  bad(
    (o) => (o['view'].selection = { $i32: encodeBase64(new Uint8Array(Int32Array.of(600).buffer)) }),
    /selection: a row out of range/,
  );
  bad((o) => (o['clusters'].labels = { $i32: 'AAAAAA==' }), /clusters: 1 labels for 600 rows/);
  bad((o) => (o['layouts'][0].positions = { $f32: 'AAAAAA==' }), /a pca map of 0\.5 points for 600 rows/);
  bad((o) => (o['view'].layoutMethod = 'mds'), /view\.layoutMethod/);
  bad((o) => (o['lab'].study.rows[0].recall = 'high'), /lab\.study\.rows\[0\]/);
  bad((o) => (o['extra'] = 1), /extra: unexpected field/);
});
