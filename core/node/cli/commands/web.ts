import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { VecscopeError } from '../../../common/errors.js';
import { parseWorkspace } from '../../../common/workspace/workspaceFile.js';
import { expandHome } from '../../io/expandHome.js';
import { resolveTextModel } from '../../text/textModel.js';
import { defaultStaticDir, startWebServer } from '../../web/server.js';
import type { Command } from '../command.js';
import { loadOptionsHelp, parsePositiveInt } from '../loadOptions.js';

/** `vecscope web [file]`: the app in a browser, served on 127.0.0.1 with a per-run token. */
export const web: Command = {
  name: 'web',
  summary: 'serve the app on 127.0.0.1 (with a random token in the URL) and open a data set',
  usage:
    'vecscope web [<file|folder>…|sample] [--metadata <file>] [--workspace <file.vecscope.json>] [--max-rows <n>] [--text-model <dir>] [--port N] [--json]',
  options: {
    port: { type: 'string' },
    metadata: { type: 'string' },
    workspace: { type: 'string' },
    'max-rows': { type: 'string' },
    'text-model': { type: 'string' },
    'test-hooks': { type: 'boolean' },
  },
  help: {
    port: ['<N>', 'the port on 127.0.0.1 (default 0: a free one)'],
    metadata: [
      '<file>',
      'metadata for the first file, one row per vector: .tsv/.csv/.parquet/.jsonl with a header, or one value per row (.u8, .i32, .npy, .txt); the page may open it too',
    ],
    workspace: [
      '<file>',
      'a saved workspace (Save workspace in the app): its data set, view, maps, clusters, selection and lab open as saved; its data file (and metadata file) may be opened from the page',
    ],
    'max-rows': loadOptionsHelp['max-rows'],
    'text-model': [
      '<dir>',
      'tables of texts the page opens are embedded with this model folder (an ONNX sentence-transformer or a USE-lite copy) unless the page names another; the page may read it (default: the built-in use-lite)',
    ],
    'test-hooks': ['', 'enable test-only requests (for the end-to-end tests)'],
  },
  async run(args, io) {
    const port = args.values.port === undefined ? 0 : Number(args.values.port);
    const maxRows = parsePositiveInt('max-rows', args.values['max-rows']);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new VecscopeError('--port must be 0..65535');
    if (!existsSync(join(defaultStaticDir, 'index.html'))) {
      throw new VecscopeError('the renderer is not built: run "npm run build"');
    }
    // Every file or folder named may be opened from the page; the first file is opened at once. `~`
    // is expanded here too, for quoted or `--opt=~/x` arguments the shell left alone.
    const named = args.positionals.map((p) =>
      p === 'sample' || p.startsWith('synthetic:') ? p : expandHome(p),
    );
    for (const p of named)
      if (p !== 'sample' && !p.startsWith('synthetic:') && !existsSync(p))
        throw new VecscopeError('no such file or folder', p);
    const source =
      named.find((p) => p === 'sample' || p.startsWith('synthetic:') || statSync(p).isFile()) ?? 'sample';
    const openRoots = named
      .filter((p) => p !== 'sample' && !p.startsWith('synthetic:'))
      .map((p) => resolve(p));
    const metaArg = args.values.metadata;
    let metadata: string | undefined;
    if (typeof metaArg === 'string') {
      metadata = resolve(expandHome(metaArg));
      if (!existsSync(metadata) || !statSync(metadata).isFile())
        throw new VecscopeError('--metadata: no such file', metadata);
      openRoots.push(metadata);
    }
    const modelArg = args.values['text-model'];
    let textModel: string | undefined;
    if (typeof modelArg === 'string') {
      // Checked now: a wrong folder is one line here rather than a banner at the first table of texts.
      textModel = resolveTextModel(modelArg).dir;
      if (textModel !== undefined) openRoots.push(textModel);
    }
    const wsArg = args.values.workspace;
    let workspace: string | undefined;
    if (typeof wsArg === 'string') {
      const wsPath = resolve(expandHome(wsArg));
      let text: string;
      try {
        text = await readFile(wsPath, 'utf8');
      } catch {
        throw new VecscopeError('--workspace: no such file', wsPath);
      }
      // Checked here, so a bad file is one line now rather than a banner in the page later.
      const ws = parseWorkspace(text, wsPath);
      const qf = ws.lab.queryFile;
      for (const p of [ws.dataset.source, ws.dataset.metadata, ws.dataset.textModel, qf?.path, qf?.learnPath])
        if (p !== undefined && p !== 'sample' && !p.startsWith('synthetic:')) openRoots.push(resolve(p));
      workspace = text;
    }
    const server = await startWebServer({
      port,
      source: source === 'sample' || source.startsWith('synthetic:') ? source : resolve(source),
      openRoots,
      ...(metadata ? { metadata } : {}),
      ...(workspace ? { workspace } : {}),
      ...(maxRows !== undefined ? { maxRows } : {}),
      ...(textModel !== undefined ? { textModel } : {}),
      testHooks: Boolean(args.values['test-hooks']),
    });
    if (args.values.json)
      io.stdout(`${JSON.stringify({ url: server.url, port: server.port, token: server.token })}\n`);
    else {
      io.stdout(
        `vecscope web: serving ${source}${metadata ? ` with metadata ${metadata}` : ''} on 127.0.0.1 only\n`,
      );
      io.stdout(
        openRoots.length > 0
          ? `the page may open: ${openRoots.join(', ')} (and the built-in sample); relative paths typed there start in ${process.cwd()}\n`
          : 'the page may open only the built-in sample (name files or folders to allow more)\n',
      );
      io.stdout(`open ${server.url}\n(press Ctrl+C to stop)\n`);
    }
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await server.close();
    return 0;
  },
};
