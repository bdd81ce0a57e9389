import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { VecscopeError } from '../../../../core/common/errors.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { loadMetadataFile } from '../../../../core/node/io/metadataFile.js';

// Files found by mutating valid ones: run in this process, hyparquet aborts V8 ("invalid size") or
// spins, apache-arrow spins at 100 % CPU, and one throws from a callback no try can catch.
const FIXTURES = resolve('test/core/node/io/corrupt');
const CASES = [
  'hyparquet-invalid-size.parquet',
  'hyparquet-hang.parquet',
  'hyparquet-uncaught.parquet',
  'apache-arrow-hang.arrow',
];

test(
  'Parquet and Arrow files that crash or hang their parsers cost one line, and the process goes on',
  { timeout: 120_000 },
  async () => {
    process.env['VECSCOPE_READER_TIMEOUT_MS'] = '3000';
    try {
      const dir = mkdtempSync(join(tmpdir(), 'vecscope-corrupt-'));
      for (const name of CASES) {
        const path = join(dir, name);
        copyFileSync(join(FIXTURES, name), path);
        const before = createHash('sha256').update(readFileSync(path)).digest('hex');
        const t0 = performance.now();
        const e = await loadDataset(path).then(
          () => assert.fail(`${name} loaded`),
          (x: unknown) => x,
        );
        assert.ok(e instanceof VecscopeError, `${name}: ${(e as Error).stack}`);
        assert.ok(e.message.startsWith(`${path}: `) && !e.message.includes('\n'), e.message);
        assert.ok(performance.now() - t0 < 15_000, `${name} took ${performance.now() - t0} ms`);
        assert.equal(
          createHash('sha256').update(readFileSync(path)).digest('hex'),
          before,
          `${name} changed`,
        );
      }
      // The same guard for a Parquet metadata sidecar.
      const meta = join(dir, 'labels.parquet');
      copyFileSync(join(FIXTURES, 'hyparquet-invalid-size.parquet'), meta);
      await assert.rejects(
        loadMetadataFile(meta, 10, 'v.npy'),
        (e: Error) => e instanceof VecscopeError && e.message.includes(meta),
      );
    } finally {
      delete process.env['VECSCOPE_READER_TIMEOUT_MS'];
    }
  },
);
