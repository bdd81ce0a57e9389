import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import { findSidecar } from '../io/metadataFile.js';
import { isSampleArg, samplePaths } from '../io/samples.js';

/**
 * A file a command reads or writes, with how the user named it (an option such as "--grid"). An input
 * marked 'vectors' is a vector-file argument: "sample" stands for the built-in sample's files, and a
 * file brings the `<stem>.tsv` sidecar its loader would read.
 */
export type NamedFile = readonly [what: string, path: unknown, kind?: 'vectors'];

function expand([what, path, kind]: NamedFile): [string, string][] {
  if (typeof path !== 'string') return [];
  if (kind !== 'vectors') return [[what, path]];
  if (isSampleArg(path)) return Object.values(samplePaths()).map((p) => [`the sample's ${basename(p)}`, p]);
  const sidecar = findSidecar(path);
  return sidecar === undefined
    ? [[what, path]]
    : [
        [what, path],
        [`the metadata of ${what}`, sidecar],
      ];
}

/** How a path is compared: the file itself (device and inode) when it exists, else its real path. */
function identity(path: string): string {
  try {
    const s = statSync(path);
    return `file ${s.dev}:${s.ino}`;
  } catch {
    let dir = resolve(dirname(path));
    try {
      dir = realpathSync(dir);
    } catch {
      // A folder that does not exist yet: the write will fail on its own, naming the file.
    }
    return `path ${join(dir, basename(path))}`;
  }
}

/**
 * Refuses, before any work is done, a command whose outputs would replace one of its inputs (the same
 * path, a symlink to it or a hard link: the same device and inode) or one another. Outputs are
 * written through a rename, which would replace an input's directory entry and leave the user
 * without it. Throws a one-line VecscopeError naming the output.
 */
export function checkOutputs(outputs: readonly NamedFile[], inputs: readonly NamedFile[]): void {
  const seenInputs = new Map<string, [string, string]>();
  for (const [what, path] of inputs.flatMap(expand)) {
    const id = identity(path);
    // An input that does not exist cannot be overwritten; its loader reports it.
    if (id.startsWith('file ') && !seenInputs.has(id)) seenInputs.set(id, [what, path]);
  }
  const seenOutputs = new Map<string, [string, string]>();
  for (const [what, path] of outputs.flatMap(expand)) {
    const id = identity(path);
    const input = seenInputs.get(id);
    if (input) {
      const also = input[1] === path ? input[0] : `${input[0]} (${input[1]})`;
      throw new VecscopeError(
        `refusing to overwrite an input file: ${what} is also ${also}; choose another output path`,
        path,
      );
    }
    const other = seenOutputs.get(id);
    if (other)
      throw new VecscopeError(
        `${what} and ${other[0]} name the same file; choose separate output paths`,
        path,
      );
    seenOutputs.set(id, [what, path]);
  }
}
