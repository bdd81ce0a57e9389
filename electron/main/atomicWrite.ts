// Writes a file the user chose in the save dialog so that it is either the old file or the whole
// new one: a hidden temporary file beside it, renamed into place (rename within a folder is atomic).
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    await writeFile(tmp, contents, { flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the disk is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is in use',
};

/** One line for the error dialog: which file, and why in words (the system's code in brackets). */
export function saveErrorMessage(path: string, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const reason = REASONS[code];
    if (reason) return `Could not save ${path}: ${reason} (${code}).`;
  }
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  return `Could not save ${path}: ${first}`;
}
