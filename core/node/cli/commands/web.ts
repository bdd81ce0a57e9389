import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VecscopeError } from '../../../common/errors.js';
import { defaultStaticDir, startWebServer } from '../../web/server.js';
import type { Command } from '../command.js';

/** `vecscope web [file]`: the app in a browser, served on 127.0.0.1 with a per-run token. */
export const web: Command = {
  name: 'web',
  summary: 'serve the app on 127.0.0.1 (with a random token in the URL) and open a data set',
  usage: 'vecscope web [file|sample] [--port N] [--json]',
  options: {
    port: { type: 'string' },
    'test-hooks': { type: 'boolean' },
  },
  help: {
    port: ['<N>', 'the port on 127.0.0.1 (default 0: a free one)'],
    'test-hooks': ['', 'enable test-only requests (for the end-to-end tests)'],
  },
  async run(args, io) {
    const port = args.values.port === undefined ? 0 : Number(args.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new VecscopeError('--port must be 0..65535');
    if (!existsSync(join(defaultStaticDir, 'index.html'))) {
      throw new VecscopeError('the renderer is not built: run "npm run build"');
    }
    const source = args.positionals[0] ?? 'sample';
    const server = await startWebServer({ port, source, testHooks: Boolean(args.values['test-hooks']) });
    if (args.values.json)
      io.stdout(`${JSON.stringify({ url: server.url, port: server.port, token: server.token })}\n`);
    else {
      io.stdout(`vecscope web: serving ${source} on 127.0.0.1 only\n`);
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
