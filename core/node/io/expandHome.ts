import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `~` and `~/…` as the home directory. Shells do this for bare arguments, but not for `--opt=~/x`,
 * quoted arguments or paths typed in the app, where a literal "~" folder is never what was meant.
 */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir(), path.slice(2));
  return path;
}
