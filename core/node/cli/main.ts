import { parseArgs } from 'node:util';
import { VecscopeError } from '../../common/errors.js';
import { closestName } from './closestOption.js';
import type { CliIo, Command, OptionHelp } from './command.js';
import { commands } from './commands/index.js';

let lastProgress = 0;
let stageStart = { stage: '', at: 0 };
const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  ...(process.stderr.isTTY
    ? {
        progress: (stage: string, fraction: number, detail?: string): void => {
          const now = Date.now();
          if (stage !== stageStart.stage) stageStart = { stage, at: now };
          if (fraction < 1 && now - lastProgress < 200) return;
          lastProgress = now;
          const f = Math.min(1, Math.max(0, fraction));
          const pct = Math.round(f * 100);
          const bar = '#'.repeat(Math.round(pct / 5)).padEnd(20, '.');
          const elapsed = (now - stageStart.at) / 1000;
          const eta =
            f > 0.01 && f < 1 && elapsed > 2 ? `  ETA ${formatSeconds((elapsed * (1 - f)) / f)}` : '';
          process.stderr.write(
            `\r\x1b[2K${stage.padEnd(28)} [${bar}] ${String(pct).padStart(3)}%${eta}${detail ? `  ${detail}` : ''}`,
          );
          if (fraction >= 1) process.stderr.write('\n');
        },
      }
    : {}),
};

function formatSeconds(s: number): string {
  if (s < 90) return `${Math.ceil(s)} s`;
  const m = Math.floor(s / 60);
  return m < 90 ? `${m} min ${Math.round(s - 60 * m)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'vecscope: a lab for embedding vectors',
    '',
    'usage: vecscope <command> [options]   (a vector file left out, or "sample", means the built-in sample)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "vecscope <command> --help" for its options. Add --debug to see stack traces.',
    '',
  ].join('\n');
}

/** The options every command takes besides its own. */
const COMMON_HELP: Record<string, OptionHelp> = {
  json: ['', 'print exactly one JSON object on stdout'],
  debug: ['', 'print a stack trace with an error'],
  help: ['', 'this help'],
};

/** A command's `--help`: its usage, every option with its argument and default, then its notes. */
function commandHelp(command: Command): string {
  const entries = Object.entries({ ...command.help, ...COMMON_HELP }).map(
    ([name, [arg, text]]) => [`--${name}${arg ? ` ${arg}` : ''}`, text] as const,
  );
  const width = Math.min(30, Math.max(...entries.map(([flag]) => flag.length)));
  const lines = entries.map(([flag, text]) =>
    flag.length > width ? `  ${flag}\n  ${' '.repeat(width)}  ${text}` : `  ${flag.padEnd(width)}  ${text}`,
  );
  return [
    `usage: ${command.usage}`,
    '',
    `${command.summary}.`,
    '',
    'options:',
    ...lines,
    ...(command.more ? ['', command.more.trimEnd()] : []),
    '',
  ].join('\n');
}

/** "did you mean" for a mistyped option, from Node's parseArgs error. */
function unknownOption(command: Command, message: string): string | undefined {
  const m = /^Unknown option '(-{1,2})([^'=]+)/.exec(message);
  if (!m) return undefined;
  const names = [...Object.keys(command.options), ...Object.keys(COMMON_HELP)];
  const near = closestName(m[2]!, names);
  return `unknown option ${m[1]}${m[2]}${near ? `; did you mean --${near}?` : ''} (vecscope ${command.name} --help lists the options)`;
}

/** Runs the CLI on argv (without node and script) and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const near = closestName(
      name,
      commands.map((c) => c.name),
    );
    io.stderr(
      `vecscope: unknown command "${name}"${near ? `; did you mean "${near}"?` : ''} (try vecscope --help)\n`,
    );
    return 2;
  }
  const debug = rest.includes('--debug');
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(commandHelp(command));
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...command.options, debug: { type: 'boolean' }, json: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      const first = (e as Error).message.split('\n')[0]!;
      io.stderr(
        `vecscope ${name}: ${unknownOption(command, first) ?? `${first} (usage: ${command.usage})`}\n`,
      );
      return 2;
    }
    return await command.run(parsed as Parameters<typeof command.run>[0], io);
  } catch (e) {
    const err = e as Error;
    if (debug) io.stderr(`${err.stack ?? err.message}\n`);
    else if (err instanceof VecscopeError) io.stderr(`vecscope ${name}: ${err.message}\n`);
    else io.stderr(`vecscope ${name}: internal error: ${err.message.split('\n')[0]} (rerun with --debug)\n`);
    return 1;
  }
}
