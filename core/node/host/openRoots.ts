import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { parseSyntheticSource } from '../../common/data/syntheticClusters.js';
import { VecscopeError } from '../../common/errors.js';

/**
 * Refuses an `open` of a file that is not one of `roots` nor inside a folder among them (compared by
 * real path, so a symlink cannot lead out). Web mode's guard: the page, and whoever holds its token,
 * may read only what the user named when starting the server.
 */
export function checkOpenAllowed(source: string, roots: readonly string[]): void {
  if (source === 'sample' || parseSyntheticSource(source)) return;
  if (isUnderRoots(real(source), roots)) return;
  throw new VecscopeError(
    roots.length === 0
      ? 'web mode opens only the files and folders named when it started (vecscope web <file|folder> …), and none was named'
      : `web mode opens only the files and folders named when it started: ${roots.join(', ')}`,
    source,
  );
}

/** Whether a real path is one of `roots` or inside one of them (each root compared by its real path). */
export function isUnderRoots(realPath: string, roots: readonly string[]): boolean {
  for (const root of roots) {
    const r = real(root);
    if (realPath === r || realPath.startsWith(r.endsWith(sep) ? r : r + sep)) return true;
  }
  return false;
}

/** The real path (symlinks resolved), or the plain absolute path of one that does not exist. */
export function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A file that does not exist cannot be read either; compare its plain absolute path.
    return resolve(path);
  }
}
