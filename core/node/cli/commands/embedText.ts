import { availableParallelism } from 'node:os';
import { VecscopeError } from '../../../common/errors.js';
import { expandHome } from '../../io/expandHome.js';
import { writeNpy } from '../../io/write.js';
import { loadTextDataset } from '../../text/textDataset.js';
import { DEFAULT_TEXT_MODEL } from '../../text/textModel.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command } from '../command.js';
import { parsePositiveInt } from '../loadOptions.js';

export const embedTextCommand: Command = {
  name: 'embed-text',
  summary:
    'embed a table of texts offline (Universal Sentence Encoder lite, or a local ONNX sentence-transformer) and write the vectors as .npy',
  usage:
    'vecscope embed-text <file> [--text-column <name>] --out <vectors.npy> [--model <dir>] [--threads <t>] [--json]',
  options: {
    'text-column': { type: 'string' },
    out: { type: 'string' },
    model: { type: 'string' },
    threads: { type: 'string' },
  },
  help: {
    'text-column': [
      '<name>',
      'the column to embed (default: the only text column; a .txt file holds one text a line)',
    ],
    out: ['<vectors.npy>', 'where the vectors go, row i embedding row i of the file (required)'],
    model: [
      '<dir>',
      `a model folder: an ONNX sentence-transformer (model.onnx or onnx/model.onnx, tokenizer.json, tokenizer_config.json; its 1_Pooling and modules.json say how it pools and whether it normalises), or a USE-lite copy (model.json, vocab.json) (default: the built-in ${DEFAULT_TEXT_MODEL})`,
    ],
    threads: ['<t>', `worker threads, each with its own model (default: the cores, at most 4)`],
  },
  more:
    'Reads .txt (one text a line), .csv, .tsv, .jsonl or .parquet, each optionally gzipped. Nothing is downloaded.\n' +
    'Vectors are cached by (file content, column, model) in $XDG_CACHE_HOME/vecscope/text-embeddings\n' +
    '(default ~/.cache), never beside the file; a second run on the same file reads the cache.\n',
  async run(args, io) {
    const file = args.positionals[0];
    if (file === undefined)
      throw new VecscopeError('a file of texts is required (vecscope embed-text <file> --out <vectors.npy>)');
    const out = args.values['out'];
    if (typeof out !== 'string') throw new VecscopeError('--out <vectors.npy> is required');
    const threads =
      parsePositiveInt('threads', args.values['threads']) ?? Math.min(4, availableParallelism());
    const path = expandHome(file);
    const outPath = expandHome(out);
    checkOutputs([['--out', outPath]], [['the text file', path]]);
    const model = args.values['model'];
    const column = args.values['text-column'];
    const t0 = performance.now();
    const { dataset, cached } = await loadTextDataset(path, {
      textColumn: typeof column === 'string' ? column : undefined,
      model: typeof model === 'string' ? model : undefined,
      threads,
      onProgress: (f, done, total) => io.progress?.('embedding texts', f, `${done} / ${total}`),
    });
    const seconds = (performance.now() - t0) / 1000;
    const { n, dim, data } = dataset.vectors;
    await writeNpy(outPath, data, [n, dim]);
    const src = dataset.textSource!;
    const report = { n, dim, model: src.modelId, seconds, out: outPath, column: src.column, cached };
    if (args.values['json'] === true) io.stdout(JSON.stringify(report) + '\n');
    else
      io.stdout(
        `${n} texts of column "${src.column}" → ${n} × ${dim} (${src.modelId}) in ${seconds.toFixed(1)} s` +
          `${cached ? ' (from the cache)' : ` (${(n / seconds).toFixed(0)} texts/s)`}; wrote ${outPath}\n`,
      );
    return 0;
  },
};
