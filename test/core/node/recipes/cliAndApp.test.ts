import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy, parseNpy } from '../../../../core/common/io/npy.js';
import { normalizeLayout } from '../../../../core/common/layout/normalizeLayout.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { parseIntNpy } from '../../../../core/node/embed/labelsArg.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { plantedBlobs, seeded } from '../../../helpers/mapsData.js';
import { tempDir } from '../io/fixtures.js';

async function cli(argv: string[]): Promise<Record<string, unknown>> {
  let out = '';
  let err = '';
  const code = await runCli([...argv, '--json'], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  assert.equal(code, 0, err);
  return JSON.parse(out) as Record<string, unknown>;
}

const bytes = (a: Float32Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

// 80-d blobs (above both clusterings' PCA dimensions, so the pre-reduction runs) of uneven sizes,
// not unit-norm (both sides use l2), with a text column for the cluster names.
const dir = tempDir('vecscope-recipes-');
const { data, labels } = plantedBlobs([200, 150, 130, 120], 80, 2, 0, seeded(12));
const file = join(dir, 'blobs.npy');
writeFileSync(file, encodeNpy(data.data, [data.n, 80]));
const topics = ['apple pear fruit', 'river lake water', 'violin cello music', 'granite basalt rock'];
writeFileSync(
  join(dir, 'blobs.tsv'),
  'topic\ttext\n' + Array.from(labels, (l, i) => `t${l}\t${topics[l]!} item${i}`).join('\n'),
);
const labelsFile = join(dir, 'labels.npy');
writeFileSync(labelsFile, encodeNpy(labels, [data.n]));

const host = new RpcClient(connectInProcess(new EngineHost()));
const opened = host.call('open', { source: file }).result;

test('vecscope embed and the app give bit-identical maps and the same quality figures with default settings', async () => {
  const { id, n } = await opened;
  assert.equal(n, data.n);
  for (const [method, extra] of [
    ['pca', []],
    ['umap', []],
    ['tsne', ['--epochs', '250']],
  ] as const) {
    const out = join(dir, `${method}.npy`);
    const report = await cli([
      'embed',
      file,
      '--method',
      method,
      '--labels',
      labelsFile,
      ...extra,
      '--out',
      out,
    ]);
    const cliCoords = parseNpy(readFileSync(out), out).matrix.data as Float32Array;
    const app = await host.call('layout', {
      dataset: id,
      method,
      dim: 2,
      ...(method === 'tsne' ? { epochs: 250 } : {}),
    }).result;
    // The app shows every map centred and scaled; the CLI writes the method's own coordinates.
    const normalised = normalizeLayout(Float32Array.from(cliCoords), 2);
    assert.equal(app.positions.length, n * 2);
    assert.ok(normalised.some((v) => v !== 0));
    assert.ok(bytes(app.positions).equals(bytes(normalised)), `${method}: the maps differ`);

    // The faithfulness panel on the CLI's map gives the figures `vecscope embed` printed.
    const q = await host.call('mapQuality', {
      dataset: id,
      dim: 2,
      positions: Float32Array.from(cliCoords),
      labels: Int32Array.from(labels),
    }).result;
    for (const key of [
      'trustworthiness10',
      'trustworthiness15',
      'continuity10',
      'continuity15',
      'knnPreservation10',
      'neighbourhoodHit10',
      'knnAccuracy10',
    ] as const)
      assert.equal(q[key], report[key], `${method}: ${key}`);
    assert.equal(q.evaluated, report['qualitySample']);
  }
});

test('vecscope cluster and the app give the same labels and names with default settings', async () => {
  const { id } = await opened;
  for (const method of ['kmeans', 'hdbscan'] as const) {
    const out = join(dir, `${method}-labels.npy`);
    const report = (await cli(['cluster', file, '--method', method, '--out', out])) as {
      space: string;
      clusters: { id: number; label: string }[];
    };
    const cliLabels = parseIntNpy(readFileSync(out), out);
    const app = await host.call('cluster', { dataset: id, method }).result;
    assert.ok(new Set(app.labels).size > 1, `${method}: one cluster`);
    assert.ok(bytes(app.labels).equals(bytes(Int32Array.from(cliLabels))), `${method}: the labels differ`);
    // HDBSCAN on these 80-d rows defaults to a UMAP-5 space (CLUSTER_DEFAULTS.space).
    assert.equal(report.space, method === 'kmeans' ? 'pca64' : 'umap5');
    assert.equal(app.space, report.space);
    for (const c of report.clusters) assert.equal(app.names[c.id], c.label, `${method}: cluster ${c.id}`);
  }
});

test('vecscope cluster and the app give the same labels and names with the same chosen options', async () => {
  const { id } = await opened;
  const cases = [
    {
      argv: ['--method', 'kmeans', '--k', '6', '--space', 'umap', '--space-dim', '6'],
      params: { method: 'kmeans', k: 6, space: 'umap', spaceDim: 6 },
      space: 'umap6',
    },
    {
      argv: ['--method', 'hdbscan', '--min-size', '25', '--min-samples', '5', '--space', 'original'],
      params: { method: 'hdbscan', minClusterSize: 25, minSamples: 5, space: 'original' },
      space: 'pca32',
    },
    {
      argv: ['--method', 'hdbscan', '--min-size', '40', '--space-dim', '8'],
      params: { method: 'hdbscan', minClusterSize: 40, spaceDim: 8 },
      space: 'umap8',
    },
  ] as const;
  for (const c of cases) {
    const out = join(dir, 'options-labels.npy');
    const report = (await cli(['cluster', file, ...c.argv, '--out', out])) as {
      space: string;
      clusters: { id: number; label: string }[];
    };
    const cliLabels = parseIntNpy(readFileSync(out), out);
    const app = await host.call('cluster', { dataset: id, ...c.params }).result;
    const what = c.argv.join(' ');
    assert.equal(report.space, c.space, what);
    assert.equal(app.space, c.space, what);
    if (c.params.method === 'kmeans') assert.equal(new Set(app.labels).size, 6, what);
    assert.ok(new Set(app.labels).size > 1, `${what}: one cluster`);
    assert.ok(bytes(app.labels).equals(bytes(Int32Array.from(cliLabels))), `${what}: the labels differ`);
    for (const cl of report.clusters) assert.equal(app.names[cl.id], cl.label, `${what}: cluster ${cl.id}`);
  }
  // The layout space: a map's coordinates, from a file in the CLI and as positions in the app.
  const coords = Float32Array.from({ length: data.n * 2 }, (_, t) => data.data[(t >> 1) * 80 + (t & 1)]!);
  const coordsFile = join(dir, 'coords.npy');
  writeFileSync(coordsFile, encodeNpy(coords, [data.n, 2]));
  const out = join(dir, 'layout-labels.npy');
  const report = (await cli([
    'cluster',
    file,
    '--method',
    'kmeans',
    '--k',
    '4',
    '--coords',
    coordsFile,
    '--out',
    out,
  ])) as {
    space: string;
  };
  const app = await host.call('cluster', {
    dataset: id,
    method: 'kmeans',
    k: 4,
    space: 'layout',
    positions: coords,
    positionsDim: 2,
  }).result;
  assert.equal(report.space, 'map');
  assert.equal(app.space, 'map');
  assert.ok(bytes(app.labels).equals(bytes(Int32Array.from(parseIntNpy(readFileSync(out), out)))));
  // The engine refuses what the schema bounds.
  await assert.rejects(host.call('cluster', { dataset: id, method: 'hdbscan', spaceDim: 11 }).result);
  await assert.rejects(host.call('cluster', { dataset: id, method: 'hdbscan', minClusterSize: 1 }).result);
  await assert.rejects(
    host.call('cluster', { dataset: id, method: 'kmeans', space: 'layout', positions: coords.subarray(1) })
      .result,
  );
});

test('vecscope idim and the data set panel of the app give the same intrinsic dimension estimates', async () => {
  const { id } = await opened;
  const app = await host.call('analyze', { dataset: id }).result;
  const cliReport = await cli(['idim', file]);
  assert.ok(app.intrinsic);
  for (const key of ['twoNN', 'mle', 'pca90', 'pca95', 'participationRatio', 'sampleSize'] as const)
    assert.equal(cliReport[key], app.intrinsic[key], key);
  // The spectrum is shares of the whole variance, largest first.
  assert.ok(app.spectrum.length > 0 && app.spectrum.length <= 64);
  for (let i = 1; i < app.spectrum.length; i++) assert.ok(app.spectrum[i]! <= app.spectrum[i - 1]! + 1e-7);
  assert.ok(app.spectrum.reduce((s, v) => s + v, 0) <= 1 + 1e-5);
});
