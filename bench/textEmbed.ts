// npm run bench:text — offline text embedding speed on this machine: texts/s of the built-in USE-lite
// and of an ONNX encoder of all-MiniLM-L6-v2's shape (random weights, bench/miniLmShapedModel.ts) run by
// onnxruntime-node, each on 1 and on all worker threads, on WordNet definitions (../shared/data) or,
// without them, seeded synthetic sentences. Each run starts its workers cold (the model load counts).
// No peer runs here: sentence-transformers (PyTorch) is not installable on these machines.
// Env: VECSCOPE_BENCH_N (texts, default 1000).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { embedTexts } from '../core/node/text/embedTexts.js';
import { resolveTextModel, type TextModelSpec } from '../core/node/text/textModel.js';
import { MINILM_L6, writeEncoderModel } from './miniLmShapedModel.js';
import { timed, writeReport, type Table } from './report.js';

const N = Number(process.env['VECSCOPE_BENCH_N'] ?? 1000);
const log = (s: string) => process.stderr.write(s + '\n');

function texts(): { texts: string[]; source: string } {
  const tsv = resolve('../shared/data/wordnet-use512/base.tsv');
  if (existsSync(tsv)) {
    const lines = readFileSync(tsv, 'utf8').trimEnd().split('\n');
    const col = lines[0]!.split('\t').indexOf('definition');
    return {
      texts: lines.slice(1, N + 1).map((l) => l.split('\t')[col]!),
      source: `WordNet definitions (wordnet-use512/base.tsv, first ${N})`,
    };
  }
  const words =
    'the a of and to in is on for with an river stone light city music garden winter old small'.split(' ');
  let s = 1;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  return {
    texts: Array.from({ length: N }, () =>
      Array.from(
        { length: 6 + Math.floor(next() * 14) },
        () => words[Math.floor(next() * words.length)],
      ).join(' '),
    ),
    source: `seeded synthetic sentences (6–19 words; ../shared/data absent)`,
  };
}

async function main(): Promise<void> {
  const { texts: all, source } = texts();
  const dir = mkdtempSync(join(tmpdir(), 'vecscope-bench-text-'));
  try {
    const words = all.flatMap((t) => t.toLowerCase().match(/[a-z0-9]+|[^\sa-z0-9]/g) ?? []);
    log(`writing a MiniLM-L6-shaped ONNX encoder over ${new Set(words).size} words…`);
    writeEncoderModel(join(dir, 'minilm-shaped'), words, MINILM_L6);
    const models: [string, TextModelSpec][] = [
      ['USE-lite (TF.js, built in)', resolveTextModel()],
      ['MiniLM-L6-shaped ONNX (onnxruntime-node)', resolveTextModel(join(dir, 'minilm-shaped'))],
    ];
    const threadCounts = [...new Set([1, Math.min(4, availableParallelism())])];
    const rows: (string | number)[][] = [];
    const runs: unknown[] = [];
    for (const [name, spec] of models)
      for (const threads of threadCounts) {
        // A fresh cache each run: every text is embedded, none read back.
        process.env['XDG_CACHE_HOME'] = join(dir, `cache-${runs.length}`);
        const [m, seconds] = await timed(() => embedTexts(all, spec, { threads, batch: 32 }));
        const tps = all.length / seconds;
        log(
          `${name}, ${threads} thread(s): ${all.length} texts in ${seconds.toFixed(1)} s (${tps.toFixed(0)} texts/s)`,
        );
        rows.push([name, threads, m.dim, seconds, tps]);
        runs.push({ model: name, threads, dim: m.dim, n: all.length, seconds, textsPerSecond: tps });
      }
    const tables: Table[] = [
      {
        title: `Texts per second (${all.length} texts, batches of 32, model load included)`,
        headers: ['model', 'worker threads', 'dim', 'seconds', 'texts/s'],
        rows,
      },
    ];
    const notes = [
      `Texts: ${source}; mean ${(words.length / all.length).toFixed(1)} words a text.`,
      "The ONNX encoder has all-MiniLM-L6-v2's shape and arithmetic (6 layers, 384-d, 12 heads, 1,536-d feed-forward, GELU, mean pooling, normalised) with seeded random weights: its speed is the real model's, its vectors are not. A real model folder runs the same code (`vecscope embed-text --model <dir>`).",
      `Its vocabulary holds every word of these texts whole, so it sees ${((words.length + 2 * all.length) / all.length).toFixed(1)} tokens a text ([CLS] and [SEP] included); the real model's WordPiece vocabulary splits rarer words, so it sees somewhat more and runs somewhat slower on the same texts.`,
      'One onnxruntime intra-op thread per worker; each worker loads its own copy of the model.',
      'No peer: sentence-transformers (PyTorch) cannot be installed on this machine (no PyPI).',
    ];
    writeReport('textEmbed', 'Offline text embedding speed', tables, notes, { source, runs });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
