import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { VecscopeError } from '../../../common/errors.js';
import { LIST_DIR_LIMIT, type DirEntry, type Result } from '../../../common/rpc/protocol.js';
import { expandHome } from '../../io/expandHome.js';
import type { Handler } from '../capability.js';
import { checkOpenAllowed, isUnderRoots, real } from '../openRoots.js';

/**
 * The file browser's view of a folder. In web mode only the allowed roots and what lies under them
 * (by real path) are listed: a symlink whose target leaves the roots is left out, so the browser
 * never offers a file `open` would refuse, and ".." is refused outright since "up" is given here.
 */
export const listDir: Handler<'listDir'> = async ({ path }, _ctx, state) => {
  const roots = state.options.openRoots;
  const asked = path?.trim() ?? '';
  if (asked === '' && roots) return listRoots(roots);
  const raw = asked === '' ? process.cwd() : expandHome(asked);
  if (raw.split(/[\\/]/).includes('..'))
    throw new VecscopeError('paths with ".." are not listed (use the up button)', asked);
  const dir = resolve(raw);
  if (roots) checkOpenAllowed(dir, roots);
  let dirents: Dirent[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new VecscopeError('not a folder', dir);
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (e instanceof VecscopeError) throw e;
    throw new VecscopeError(`cannot list this folder (${(e as NodeJS.ErrnoException).code ?? 'error'})`, dir);
  }
  const kinds: { name: string; kind: DirEntry['kind'] }[] = [];
  for (const d of dirents) {
    let kind: DirEntry['kind'] | undefined;
    if (d.isDirectory()) kind = 'dir';
    else if (d.isFile()) kind = 'file';
    else if (d.isSymbolicLink()) kind = await linkKind(join(dir, d.name), roots);
    if (kind) kinds.push({ name: d.name, kind });
  }
  kinds.sort((a, b) =>
    a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === 'dir' ? -1 : 1,
  );
  const shown = kinds.slice(0, LIST_DIR_LIMIT);
  const entries = await Promise.all(
    shown.map(async ({ name, kind }): Promise<DirEntry> => {
      const full = join(dir, name);
      return { name, path: full, kind, size: kind === 'file' ? await sizeOf(full) : 0 };
    }),
  );
  const up = dirname(dir);
  const parent = up === dir ? null : roots && !isUnderRoots(real(up), roots) ? null : up;
  return { dir, parent, entries, truncated: kinds.length > shown.length };
};

/** What a symlink leads to, or undefined when it dangles or (web mode) leads out of the roots. */
async function linkKind(
  link: string,
  roots: readonly string[] | undefined,
): Promise<DirEntry['kind'] | undefined> {
  try {
    const target = await realpath(link);
    if (roots && !isUnderRoots(target, roots)) return undefined;
    const s = await stat(target);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function listRoots(roots: readonly string[]): Promise<Result<'listDir'>> {
  const entries: DirEntry[] = [];
  for (const root of roots.slice(0, LIST_DIR_LIMIT)) {
    const path = resolve(expandHome(root));
    try {
      const s = await stat(path);
      if (s.isDirectory() || s.isFile())
        entries.push({
          name: path,
          path,
          kind: s.isDirectory() ? 'dir' : 'file',
          size: s.isFile() ? s.size : 0,
        });
    } catch {
      // A root deleted since the server started is not offered.
    }
  }
  return { dir: null, parent: null, entries, truncated: roots.length > LIST_DIR_LIMIT };
}
