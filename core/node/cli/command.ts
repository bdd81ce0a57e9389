import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A live progress line for long work (set only when stderr is a terminal). */
  progress?: (stage: string, fraction: number, detail?: string) => void;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** One option's help: its argument as the usage writes it (empty for a switch), and what it does,
 * ending with its default where it has one. */
export type OptionHelp = readonly [arg: string, text: string];

/** One CLI subcommand. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Every option of `options`, in the order `--help` lists them. */
  help: Record<string, OptionHelp>;
  /** What `--help` prints after the options: a grammar, examples. */
  more?: string;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
