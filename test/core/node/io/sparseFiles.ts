import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { npyBytes } from '../../common/io/helpers.js';

/**
 * Writes a large vector file that takes almost no disk: the header, then `size` bytes in all as a
 * sparse file (zeros), with the given byte runs written at their offsets (the rows a test samples).
 */
export function writeSparse(
  path: string,
  header: Uint8Array,
  size: number,
  runs: [number, Uint8Array][] = [],
): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header, 0, header.length, 0);
    ftruncateSync(fd, size);
    for (const [at, bytes] of runs) writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
}

/** Just the header of an .npy of this dtype and shape (the data is left to writeSparse). */
export function npyHeader(descr: string, shape: number[]): Uint8Array {
  return npyBytes(descr, shape, new Uint8Array(0));
}

const loadDatasetModule = fileURLToPath(new URL('../../../../core/node/io/loadDataset.js', import.meta.url));

/**
 * Loads a file with loadDataset in a fresh node process and returns what it saw, with the process's
 * peak resident memory (bytes): the memory a load needs, apart from this test process's own.
 */
export function loadInChild(
  path: string,
  opts: Record<string, unknown> = {},
): { n?: number; dim?: number; error?: string; maxRss: number; seconds: number } {
  const code = `
    import { readFileSync } from 'node:fs';
    import { loadDataset } from ${JSON.stringify(loadDatasetModule)};
    const t0 = performance.now();
    let out;
    try {
      const ds = await loadDataset(${JSON.stringify(path)}, ${JSON.stringify(opts)});
      out = { n: ds.vectors.n, dim: ds.vectors.dim };
    } catch (e) {
      out = { error: e.message };
    }
    out.seconds = (performance.now() - t0) / 1000;
    // VmHWM belongs to this process's own memory map; ru_maxrss on Linux carries the parent's peak
    // across fork and exec, so a child of a big test process would report the parent's size.
    const status = readFileSync('/proc/self/status', 'utf8').split(String.fromCharCode(10));
    const hwm = status.find((l) => l.startsWith('VmHWM:'))?.replace(/[^0-9]/g, '');
    out.maxRss = hwm ? Number(hwm) * 1024 : process.resourceUsage().maxRSS * 1024;
    console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ReturnType<typeof loadInChild>;
}
