import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNpy } from '../../../../core/common/io/npy.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { parseIntNpy } from '../../../../core/node/embed/labelsArg.js';
import { plantedBlobs, seeded } from '../../../helpers/mapsData.js';
import { tempDir } from '../io/fixtures.js';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const dir = tempDir();
// Four well-separated 16-d blobs with a text column naming each blob's topic.
const sizes = [120, 100, 90, 90];
const { data, labels } = plantedBlobs(sizes, 16, 0.6, 0, seeded(21));
const topics = ['apple pear fruit', 'river lake water', 'violin cello music', 'granite basalt rock'];
const file = join(dir, 'blobs.npy');
writeFileSync(file, encodeNpy(data.data, [data.n, 16]));
writeFileSync(
  join(dir, 'blobs.tsv'),
  'topic\ttext\n' + Array.from(labels, (l, i) => `t${l}\t${topics[l]!} item${i}`).join('\n'),
);
writeFileSync(join(dir, 'labels.u8'), Uint8Array.from(labels));

test('embed --json writes n × dim float32 coordinates and the documented quality fields', async () => {
  for (const [method, dim] of [
    ['umap', '2'],
    ['tsne', '3'],
    ['pca', '2'],
  ] as const) {
    const out = join(dir, `${method}.npy`);
    const r = await cli([
      'embed',
      file,
      '--method',
      method,
      '--dim',
      dim,
      '--labels',
      join(dir, 'labels.u8'),
      '--epochs',
      '150',
      '--out',
      out,
      '--json',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim().split('\n').length, 1);
    const j = JSON.parse(r.out) as Record<string, number | string>;
    for (const key of [
      'method',
      'dim',
      'seconds',
      'trustworthiness10',
      'trustworthiness15',
      'continuity10',
      'continuity15',
      'knnPreservation10',
      'neighbourhoodHit10',
      'knnAccuracy10',
    ])
      assert.ok(key in j, `${method}: ${key}`);
    assert.equal(j['method'], method);
    const coords = parseNpy(readFileSync(out), out).matrix;
    assert.equal(coords.n, data.n);
    assert.equal(coords.dim, Number(dim));
    // Separated blobs stay separated in every map.
    assert.ok((j['neighbourhoodHit10'] as number) > 0.95, `${method}: ${j['neighbourhoodHit10']}`);
  }
  const bad = await cli(['embed', file, '--method', 'mds', '--out', join(dir, 'x.npy')]);
  assert.equal(bad.code, 1);
  assert.equal(bad.err.trim().split('\n').length, 1);
});

test('embed --fit-sample fits UMAP on a sample and places the rest; --init picks the start', async () => {
  const out = join(dir, 'sampled.npy');
  const r = await cli([
    'embed',
    file,
    '--fit-sample',
    '150',
    '--labels',
    join(dir, 'labels.u8'),
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as Record<string, number | string>;
  assert.equal(j['strategy'], 'sample-then-place');
  assert.equal(j['fitted'], 150);
  assert.equal(parseNpy(readFileSync(out), out).matrix.n, data.n);
  // The placed rows land in their own blob.
  assert.ok((j['neighbourhoodHit10'] as number) > 0.95, String(j['neighbourhoodHit10']));
  // The blobs' k-NN graph falls apart into its four blobs: the spectral start lays each out by itself.
  assert.equal(j['init'], 'spectral');

  const full = await cli(['embed', file, '--init', 'random', '--epochs', '100', '--out', out, '--json']);
  const jf = JSON.parse(full.out) as Record<string, number | string>;
  assert.equal(jf['strategy'], 'full');
  assert.equal(jf['fitted'], data.n);
  assert.equal(jf['init'], 'random');
  // A headerless raw float32 file: its row length is --raw-dim, the map's dimension --dim.
  const raw = join(dir, 'blobs.f32');
  writeFileSync(raw, data.data);
  const r3 = await cli([
    'embed',
    raw,
    '--raw-dim',
    '16',
    '--dim',
    '3',
    '--method',
    'pca',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r3.code, 0, r3.err);
  assert.equal(parseNpy(readFileSync(out), out).matrix.dim, 3);
  assert.equal(parseNpy(readFileSync(out), out).matrix.n, data.n);
  for (const bad of [
    ['--init', 'spectral', '--method', 'tsne'],
    ['--init', 'mds'],
    ['--fit-sample', 'some'],
  ]) {
    const e = await cli(['embed', file, ...bad, '--out', out]);
    assert.equal(e.code, 1, bad.join(' '));
    assert.equal(e.err.trim().split('\n').length, 1);
  }
});

test('embed --queries places new points into the UMAP map next to their own blob, full fit or sampled', async () => {
  // Queries: every 20th row with a little noise; each should land among its blob's points.
  const rows = Array.from({ length: Math.floor(data.n / 20) }, (_, t) => t * 20);
  const q = new Float32Array(rows.length * 16);
  const rand = seeded(5);
  rows.forEach((r, t) => {
    for (let j = 0; j < 16; j++) q[t * 16 + j] = data.data[r * 16 + j]! + 0.1 * (rand() - 0.5);
  });
  const qFile = join(dir, 'queries.npy');
  writeFileSync(qFile, encodeNpy(q, [rows.length, 16]));
  for (const extra of [[], ['--fit-sample', '200']]) {
    const out = join(dir, 'map.npy');
    const qOut = join(dir, 'q-map.npy');
    const r = await cli([
      'embed',
      file,
      ...extra,
      '--queries',
      qFile,
      '--queries-out',
      qOut,
      '--out',
      out,
      '--json',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, number | string>;
    assert.equal(j['queries'], rows.length);
    const map = parseNpy(readFileSync(out), out).matrix;
    const placed = parseNpy(readFileSync(qOut), qOut).matrix;
    assert.equal(placed.n, rows.length);
    assert.equal(placed.dim, 2);
    let right = 0;
    rows.forEach((r, t) => {
      let best = -1;
      let bd = Infinity;
      for (let i = 0; i < map.n; i++) {
        const d =
          (map.data[2 * i]! - placed.data[2 * t]!) ** 2 +
          (map.data[2 * i + 1]! - placed.data[2 * t + 1]!) ** 2;
        if (d < bd) [bd, best] = [d, i];
      }
      if (labels[best] === labels[r]) right++;
    });
    assert.equal(right, rows.length, `${extra.join(' ')}: ${right}/${rows.length}`);
  }
  const wrongDim = join(dir, 'q8.npy');
  writeFileSync(wrongDim, encodeNpy(new Float32Array(8 * 3), [3, 8]));
  const e = await cli([
    'embed',
    file,
    '--queries',
    wrongDim,
    '--queries-out',
    join(dir, 'x.npy'),
    '--out',
    join(dir, 'y.npy'),
  ]);
  assert.equal(e.code, 1);
  assert.match(e.err, /q8\.npy: queries have 8 dimensions, the vectors 16/);
  const pca = await cli([
    'embed',
    file,
    '--method',
    'pca',
    '--queries',
    qFile,
    '--queries-out',
    join(dir, 'x.npy'),
    '--out',
    join(dir, 'y.npy'),
  ]);
  assert.equal(pca.code, 1);
  assert.match(pca.err, /needs --method umap/);
});

test('cluster --json: k-means on vectors and HDBSCAN on a map give labelled clusters', async () => {
  const out = join(dir, 'km.npy');
  const r = await cli([
    'cluster',
    file,
    '--method',
    'kmeans',
    '--k',
    '4',
    '--text-column',
    'text',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as {
    clusters: { id: number; size: number; label: string; medoid: number }[];
    noise: number;
    silhouette: number;
  };
  assert.equal(j.clusters.length, 4);
  assert.equal(j.noise, 0);
  assert.ok(j.silhouette > 0.5);
  const got = parseIntNpy(readFileSync(out), out);
  assert.equal(got.length, data.n);
  // Each cluster's label names its blob's topic words.
  for (const c of j.clusters) {
    const topic = topics[labels[c.medoid]!]!.split(' ');
    assert.ok(topic.includes(c.label.split(', ')[0]!), c.label);
  }
  const coords = join(dir, 'umap.npy');
  const h = await cli([
    'cluster',
    file,
    '--method',
    'hdbscan',
    '--min-size',
    '20',
    '--coords',
    coords,
    '--out',
    join(dir, 'hd.npy'),
    '--json',
  ]);
  assert.equal(h.code, 0, h.err);
  const hj = JSON.parse(h.out) as { clusters: unknown[]; noise: number };
  assert.equal(hj.clusters.length, 4);
  const missing = await cli(['cluster', file, '--text-column', 'nope', '--out', join(dir, 'y.npy')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no text column "nope"/);
});
