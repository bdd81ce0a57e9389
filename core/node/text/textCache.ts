import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { encodeNpy, parseNpy } from '../../common/io/npy.js';
import type { Matrix } from '../../common/types.js';
import { writeFileAtomic } from '../io/write.js';

/**
 * The folder embedded texts are cached in: $XDG_CACHE_HOME/vecscope/text-embeddings (default
 * ~/.cache), or %LOCALAPPDATA% on Windows. Never beside the user's file.
 */
export function textCacheDir(): string {
  const base =
    process.env['XDG_CACHE_HOME'] ||
    (process.platform === 'win32' && process.env['LOCALAPPDATA']) ||
    join(homedir(), '.cache');
  return join(base, 'vecscope', 'text-embeddings');
}

/** The cache file of a (file content, column, model) triple. */
export function textCachePath(fileBytes: Uint8Array, column: string, modelId: string): string {
  const content = createHash('sha256').update(fileBytes).digest('hex');
  const key = createHash('sha256').update(`${content}\0${column}\0${modelId}`).digest('hex');
  return join(textCacheDir(), `${key}.npy`);
}

/** The cached vectors, or undefined when there are none (or they are unreadable, or of another row count). */
export async function readTextCache(path: string, n: number): Promise<Matrix | undefined> {
  try {
    const m = parseNpy(await readFile(path), path).matrix;
    return m.n === n && m.dim > 0 ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Stores vectors in the cache; a cache that cannot be written only costs the next run its time. */
export async function writeTextCache(path: string, m: Matrix): Promise<void> {
  try {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFileAtomic(path, encodeNpy(m.data, [m.n, m.dim]));
  } catch {
    // Read-only home, full disk: embedding still succeeded.
  }
}
