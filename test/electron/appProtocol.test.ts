import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  CONTENT_SECURITY_POLICY,
  mimeType,
  resolveAppAsset,
  serveAppAsset,
} from '../../electron/main/appProtocol.js';

const base = mkdtempSync(join(tmpdir(), 'vecscope-appproto-'));
after(() => rmSync(base, { recursive: true, force: true }));
// base/secret.txt lies beside the served folder base/dist, the way the rest of the disk does.
const root = join(base, 'dist');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>vecscope</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'export const x = 1;');
writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
writeFileSync(join(base, 'secret.txt'), 'secret');
symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'leak.txt'));
symlinkSync(base, join(root, 'up'));
symlinkSync(join(root, 'assets', 'index-abc.js'), join(root, 'alias.js'));

test('resolveAppAsset maps app URLs to files under the root', () => {
  assert.equal(resolveAppAsset(root, 'app://vecscope/index.html'), join(root, 'index.html'));
  assert.equal(resolveAppAsset(root, 'app://vecscope/'), join(root, 'index.html'));
  assert.equal(resolveAppAsset(root, 'app://vecscope'), join(root, 'index.html'));
  assert.equal(
    resolveAppAsset(root, 'app://vecscope/assets/index-abc.js?v=1#x'),
    join(root, 'assets/index-abc.js'),
  );
  assert.equal(resolveAppAsset(root, 'app://vecscope/assets/a%20b.css'), join(root, 'assets/a b.css'));
});

test('resolveAppAsset never names anything outside the root', () => {
  const attacks = [
    'app://vecscope/../../etc/passwd',
    'app://vecscope/%2e%2e/%2e%2e/etc/passwd',
    'app://vecscope/%2E%2E/secret.txt',
    'app://vecscope/.%2e/secret.txt',
    'app://vecscope/assets/..%2f..%2fsecret.txt',
    'app://vecscope/..%2Fsecret.txt',
    'app://vecscope/..%5Csecret.txt',
    'app://vecscope/assets%2F..%2F..%2Fsecret.txt',
    'app://vecscope/%2fetc%2fpasswd',
    'app://vecscope/%5C%5Cserver%5Cshare',
    'app://vecscope/C:%5CWindows%5Cwin.ini',
    'app://vecscope/C:/Windows/win.ini',
    'app://vecscope/index.html%00.png',
    'app://vecscope/%E0%A4%A',
    'app://vecscope//etc/passwd',
    'app://vecscope/assets/',
  ];
  for (const url of attacks) {
    const file = resolveAppAsset(root, url);
    // Either refused, or folded by the URL parser to a path that is still below the root.
    assert.ok(file === null || file.startsWith(root + '/'), `${url} -> ${file}`);
  }
  // The plain dot-dot forms fold to a harmless path inside the root, where nothing exists.
  assert.equal(resolveAppAsset(root, 'app://vecscope/../../etc/passwd'), join(root, 'etc/passwd'));
  assert.equal(resolveAppAsset(root, 'app://vecscope/%2e%2e/secret.txt'), join(root, 'secret.txt'));
  // Encoded separators are refused outright rather than decoded into a path.
  for (const url of attacks.slice(4, 11)) assert.equal(resolveAppAsset(root, url), null, url);
  assert.equal(resolveAppAsset(root, 'app://vecscope/index.html%00.png'), null);
  assert.equal(resolveAppAsset(root, 'app://vecscope/%E0%A4%A'), null);
  assert.equal(resolveAppAsset(root, 'app://vecscope//etc/passwd'), null);
});

test('resolveAppAsset refuses every URL that is not the app origin', () => {
  for (const url of [
    'file:///etc/passwd',
    `file://${join(root, 'index.html')}`,
    'javascript:alert(1)',
    'data:text/html,hi',
    'app://evil/index.html',
    'app://vecscope:1/index.html',
    'https://vecscope/index.html',
    'nonsense',
  ]) {
    assert.equal(resolveAppAsset(root, url), null, url);
  }
});

test('mimeType names the renderer files and never guesses an unknown one', () => {
  assert.equal(mimeType('index.html'), 'text/html; charset=utf-8');
  assert.equal(mimeType('a/index-abc.js'), 'text/javascript; charset=utf-8');
  assert.equal(mimeType('x.CSS'), 'text/css; charset=utf-8');
  assert.equal(mimeType('k.wasm'), 'application/wasm');
  assert.equal(mimeType('f.woff2'), 'font/woff2');
  assert.equal(mimeType('i.svg'), 'image/svg+xml');
  assert.equal(mimeType('noext'), 'application/octet-stream');
  assert.equal(mimeType('evil.html.exe'), 'application/octet-stream');
});

test('serveAppAsset answers files with their type, the CSP and nosniff', async () => {
  const a = await serveAppAsset(root, 'GET', 'app://vecscope/assets/index-abc.js');
  assert.equal(a.status, 200);
  assert.equal(Buffer.from(a.body).toString(), 'export const x = 1;');
  assert.equal(a.headers['Content-Type'], 'text/javascript; charset=utf-8');
  assert.equal(a.headers['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
  assert.equal(a.headers['X-Content-Type-Options'], 'nosniff');
  const index = await serveAppAsset(root, 'GET', 'app://vecscope/');
  assert.equal(index.status, 200);
  assert.equal(index.headers['Content-Type'], 'text/html; charset=utf-8');
  const head = await serveAppAsset(root, 'HEAD', 'app://vecscope/index.html');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  // A symlink that stays inside the root is followed.
  assert.equal((await serveAppAsset(root, 'GET', 'app://vecscope/alias.js')).status, 200);
});

test('serveAppAsset answers 404 for traversal, symlinks out, folders and missing files', async () => {
  for (const url of [
    'app://vecscope/assets/leak.txt',
    'app://vecscope/up/secret.txt',
    'app://vecscope/../secret.txt',
    'app://vecscope/%2e%2e/secret.txt',
    'app://vecscope/..%2fsecret.txt',
    'app://vecscope/assets',
    'app://vecscope/missing.js',
    'app://evil/index.html',
    'file:///etc/passwd',
  ]) {
    const a = await serveAppAsset(root, 'GET', url);
    assert.equal(a.status, 404, url);
    assert.ok(!String(Buffer.from(a.body)).includes('secret'), url);
  }
  assert.equal((await serveAppAsset(root, 'POST', 'app://vecscope/index.html')).status, 405);
});

test('the CSP allows only the app itself, and the kernels through wasm-unsafe-eval', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives.get('connect-src'), ["'self'"]);
  assert.deepEqual(directives.get('frame-src'), ["'none'"]);
  assert.ok(!CONTENT_SECURITY_POLICY.includes('unsafe-inline'));
  assert.ok(!/\b(file|https?|ws):/.test(CONTENT_SECURITY_POLICY));
});
