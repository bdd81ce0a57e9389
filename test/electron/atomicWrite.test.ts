import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { saveErrorMessage, writeFileAtomic } from '../../electron/main/atomicWrite.js';

const dir = mkdtempSync(join(tmpdir(), 'vecscope-atomic-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('writeFileAtomic writes the whole file and leaves no temporary file', async () => {
  const p = join(dir, 'a.json');
  writeFileSync(p, 'old contents that are longer than the new ones');
  await writeFileAtomic(p, '{"new":true}\n');
  assert.equal(readFileSync(p, 'utf8'), '{"new":true}\n');
  await writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
  assert.deepEqual([...readFileSync(join(dir, 'b.bin'))], [1, 2, 3]);
  assert.deepEqual(readdirSync(dir).sort(), ['a.json', 'b.bin']);
});

test('a failed write throws, keeps what was there and leaves nothing behind', async () => {
  const sub = join(dir, 'fail');
  mkdirSync(join(sub, 'taken'), { recursive: true });
  writeFileSync(join(sub, 'taken', 'inside.txt'), 'kept');
  // The rename fails: a folder stands at the chosen name.
  await assert.rejects(writeFileAtomic(join(sub, 'taken'), 'x'), (e: NodeJS.ErrnoException) => !!e.code);
  assert.deepEqual(readdirSync(sub), ['taken']);
  assert.equal(readFileSync(join(sub, 'taken', 'inside.txt'), 'utf8'), 'kept');
  // The temporary file cannot be made: the folder does not exist.
  await assert.rejects(writeFileAtomic(join(sub, 'missing', 'x.txt'), 'x'), { code: 'ENOENT' });
  assert.deepEqual(readdirSync(sub), ['taken']);
});

test('saveErrorMessage is one line naming the file and the reason', () => {
  const err = Object.assign(new Error('EACCES: permission denied, open ...'), { code: 'EACCES' });
  assert.equal(saveErrorMessage('/x/y.json', err), 'Could not save /x/y.json: permission denied (EACCES).');
  assert.equal(
    saveErrorMessage('/x/y.json', Object.assign(new Error('no space'), { code: 'ENOSPC' })),
    'Could not save /x/y.json: the disk is full (ENOSPC).',
  );
  const odd = saveErrorMessage('/x/y', new Error('first line\nsecond line'));
  assert.equal(odd, 'Could not save /x/y: first line');
  assert.equal(saveErrorMessage('/x/y', 'weird'), 'Could not save /x/y: weird');
  assert.ok(!saveErrorMessage('/x/y', null).includes('\n'));
});
