import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

// Every file the loaders read is remembered here, so no writer in this process can overwrite one.
const inputs = new Set<string>();

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Marks a file as user input: writeFileAtomic refuses to replace it. */
export function registerInputFile(path: string): void {
  inputs.add(canonical(path));
}

/** True when `path` (after resolving links) is a file some loader read. */
export function isInputFile(path: string): boolean {
  return inputs.has(canonical(path));
}

/** True when two paths name the same file (after resolving links). */
export function sameFile(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}
