// A local ONNX sentence-transformer run for real (onnxruntime-node, @huggingface/tokenizers) on a tiny
// model written by the test: its vectors must equal the model's arithmetic done here by hand, whatever
// the batch, the padding and the thread count; a broken folder is one line naming it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNpy } from '../../../../core/common/io/npy.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { runCli } from '../../../../core/node/cli/main.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';
import { readOnnxModelConfig } from '../../../../core/node/text/onnxModelConfig.js';
import { embedQueryText } from '../../../../core/node/text/queryEmbedder.js';
import { embedTexts } from '../../../../core/node/text/embedTexts.js';
import { resolveTextModel } from '../../../../core/node/text/textModel.js';
import { FIXTURE_TEXTS, writeTextFixture } from '../../../helpers/textFixture.js';
import {
  tinyReferenceEmbedding,
  writeTinyOnnxModel,
  type TinyOnnxModel,
} from '../../../helpers/tinyOnnxModel.js';

const dir = mkdtempSync(join(tmpdir(), 'vecscope-onnx-'));
process.env['XDG_CACHE_HOME'] = join(dir, 'cache');

const WORDS = 'the cat dog sat on a mat warm rain falls over city road car drives fast'.split(' ');
const TEXTS = [
  'The cat sat on the mat.',
  'a dog',
  'Rain falls over the city, and the car drives on the road fast',
  'zebra', // nothing of it is in the vocabulary: [CLS] [UNK] [SEP]
  'the warm cat and the warm dog sat on a warm mat in the rain over the city road',
];

/** The tokenizer's ids, worked out here: lower case, words and punctuation, [UNK] for the rest, cut to max. */
function referenceIds(m: TinyOnnxModel, text: string, max: number): number[] {
  const words = text.toLowerCase().match(/[a-z0-9]+|[^\sa-z0-9]/g) ?? [];
  const ids = [2, ...words.map((w) => m.vocab.get(w) ?? 1), 3];
  return ids.length > max ? [...ids.slice(0, max - 1), 3] : ids;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

test('a tiny ONNX sentence-transformer: vectors equal the hand-computed mean-pooled, normalised states', async () => {
  const m = writeTinyOnnxModel(join(dir, 'tiny'), WORDS, { hidden: 12, maxSeqLength: 10 });
  const spec = resolveTextModel(m.dir);
  assert.equal(spec.kind, 'onnx');
  assert.match(spec.id, /^onnx:.*tiny#[0-9a-f]{16}$/);
  assert.deepEqual(readOnnxModelConfig(m.dir), {
    modelPath: join(m.dir, 'onnx', 'model.onnx'),
    pooling: 'mean',
    normalize: true,
    maxLength: 10,
  });
  // Batches of 2 mix a short and a long text, so the short one is padded; two worker threads.
  const got = await embedTexts(TEXTS, spec, { threads: 2, batch: 2 });
  assert.equal(got.n, TEXTS.length);
  assert.equal(got.dim, 12);
  TEXTS.forEach((t, i) => {
    const want = tinyReferenceEmbedding(m, referenceIds(m, t, 10));
    const d = maxDiff(got.data.subarray(i * 12, (i + 1) * 12), want);
    assert.ok(d < 1e-5, `row ${i} ("${t}") differs by ${d}`);
  });
  // The last text is longer than 10 tokens: cut, keeping its closing [SEP].
  assert.ok(referenceIds(m, TEXTS[4]!, 1000).length > 10);
  // A query is embedded by the same model, alone (no padding), to the same vector.
  const q = await embedQueryText(TEXTS[1]!, spec.id, spec.dir);
  assert.ok(maxDiff(q, got.data.subarray(12, 24)) < 1e-5);
});

test("embed-text --model <onnx folder> writes the model's vectors and names the model in its report", async () => {
  const m = writeTinyOnnxModel(join(dir, 'cli-model'), WORDS, { hidden: 8, seed: 3 });
  const txt = join(dir, 'texts.txt');
  writeFileSync(txt, TEXTS.join('\n') + '\n');
  const out = join(dir, 'onnx.npy');
  let stdout = '';
  let stderr = '';
  const code = await runCli(['embed-text', txt, '--model', m.dir, '--out', out, '--json'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout) as { n: number; dim: number; model: string };
  assert.equal(report.n, TEXTS.length);
  assert.equal(report.dim, 8);
  assert.match(report.model, /^onnx:/);
  const npy = parseNpy(readFileSync(out), out).matrix;
  assert.equal(npy.n, TEXTS.length);
  assert.equal(npy.dim, 8);
  const want = tinyReferenceEmbedding(m, referenceIds(m, TEXTS[0]!, 128));
  assert.ok(maxDiff(npy.data.subarray(0, 8), want) < 1e-5);
});

test('pooling and normalisation follow the folder: CLS pooling without a Normalize module', async () => {
  const m = writeTinyOnnxModel(join(dir, 'cls'), WORDS, { hidden: 6 });
  writeFileSync(join(m.dir, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true }));
  writeFileSync(
    join(m.dir, 'modules.json'),
    JSON.stringify([{ type: 'sentence_transformers.models.Pooling' }]),
  );
  const got = await embedTexts(['a dog', 'the cat sat'], resolveTextModel(m.dir), { threads: 1 });
  // CLS pooling: both rows are the [CLS] token's state, unnormalised: tanh((w[CLS] + t0) · proj).
  const h = 6;
  const cls = new Float32Array(h);
  for (let j = 0; j < h; j++) {
    let s = 0;
    for (let i = 0; i < h; i++) s += (m.wordEmb[2 * h + i]! + m.typeEmb[i]!) * m.proj[i * h + j]!;
    cls[j] = Math.tanh(s);
  }
  assert.ok(maxDiff(got.data.subarray(0, h), cls) < 1e-5);
  assert.ok(maxDiff(got.data.subarray(h, 2 * h), cls) < 1e-5);
});

test('a broken ONNX folder is refused in one line that names it', async () => {
  const good = writeTinyOnnxModel(join(dir, 'good'), WORDS);
  const bad = join(dir, 'broken');
  mkdirSync(bad);
  writeFileSync(join(bad, 'model.onnx'), 'not a model');
  writeFileSync(join(bad, 'tokenizer.json'), readFileSync(join(good.dir, 'tokenizer.json')));
  writeFileSync(join(bad, 'tokenizer_config.json'), '{}');
  const spec = resolveTextModel(bad);
  await assert.rejects(
    () => embedTexts(['hello'], spec, { threads: 1 }),
    (e: Error) =>
      e.name === 'VecscopeError' &&
      /cannot load .*broken\/model\.onnx/.test(e.message) &&
      !e.message.includes('\n'),
  );
  writeFileSync(join(bad, 'modules.json'), '{oops');
  assert.throws(() => resolveTextModel(bad), /broken: modules\.json in the model folder is not valid JSON/);
});

test('compare: the same table of texts by USE-lite (A) and by an ONNX model (B) disagree; by one model, agree', async () => {
  const { tsv } = writeTextFixture(dir);
  const words = FIXTURE_TEXTS.flatMap((r) => r.text.toLowerCase().match(/[a-z]+/g) ?? []);
  const m = writeTinyOnnxModel(join(dir, 'compare-model'), words, { hidden: 32 });
  const run = async (extra: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['compare', tsv, tsv, '--labels', 'topic', '--json', ...extra], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    assert.equal(code, 0, stderr);
    return JSON.parse(stdout) as {
      n: number;
      meanJaccard: number;
      modelA: string;
      modelB: string;
      labels: { a: { knnAccuracy: number }; b: { knnAccuracy: number } };
    };
  };
  const two = await run(['--text-model-b', m.dir]);
  assert.equal(two.n, FIXTURE_TEXTS.length);
  assert.match(two.modelA, /^use-lite@/);
  assert.match(two.modelB, /^onnx:.*compare-model#/);
  assert.ok(two.meanJaccard > 0 && two.meanJaccard < 0.9, `mean Jaccard ${two.meanJaccard}`);
  // USE-lite knows the topics; a random bag of words knows them less well.
  assert.ok(two.labels.a.knnAccuracy > two.labels.b.knnAccuracy, JSON.stringify(two.labels));
  const one = await run([]);
  assert.equal(one.modelB, one.modelA);
  assert.equal(one.meanJaccard, 1);
});

test("the engine host: open and semantic search with the page's model folder or the host's default; a folder outside the roots is refused", async () => {
  const root = join(dir, 'host');
  mkdirSync(root);
  const m = writeTinyOnnxModel(join(root, 'model'), WORDS, { hidden: 8 });
  const txt = join(root, 'texts.txt');
  writeFileSync(txt, TEXTS.join('\n') + '\n');
  // `vecscope web --text-model`: the host's default model.
  const byDefault = new RpcClient(connectInProcess(new EngineHost({ openRoots: [root], textModel: m.dir })));
  const a = await byDefault.call('open', { source: txt }).result;
  assert.equal(a.dim, 8);
  assert.match(a.textSource!.model, /^onnx:/);
  assert.equal(a.textSource!.modelDir, m.dir);
  const hits = await byDefault.call('semanticSearch', { dataset: a.id, text: TEXTS[2]!, k: 1 }).result;
  assert.equal(hits.ids[0], 2, 'a text finds itself first');
  // The page names the model; the same file by the built-in model is another data set.
  const host = new RpcClient(connectInProcess(new EngineHost({ openRoots: [root] })));
  const b = await host.call('open', { source: txt, textModel: m.dir }).result;
  assert.match(b.textSource!.model, /^onnx:/);
  const outside = writeTinyOnnxModel(join(dir, 'outside-model'), WORDS);
  await assert.rejects(
    () => host.call('open', { source: txt, textModel: outside.dir }).result,
    /outside-model/,
  );
});
