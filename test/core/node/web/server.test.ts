import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { startWebServer, type WebServer } from '../../../../core/node/web/server.js';

let server: WebServer;
const dir = mkdtempSync(join(tmpdir(), 'vecscope-web-'));

before(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  server = await startWebServer({ staticDir: dir, source: 'synthetic:100:4:2:1' });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function wsStatus(query: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((ok) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, { headers });
    ws.on('open', () => {
      ws.close();
      ok('open');
    });
    ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
    ws.on('error', () => ok(0));
  });
}

test('the server listens on 127.0.0.1 only and its URL carries a long random token', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
});

test('HTTP requests without the right token are refused with 403', async () => {
  assert.equal((await get('/')).status, 403);
  assert.equal((await get('/app.js')).status, 403);
  assert.equal((await get('/config')).status, 403);
  assert.equal((await get('/?token=wrong')).status, 403);
  assert.equal((await get(`/?token=${server.token}x`)).status, 403);
});

test('the token in the URL sets a cookie that later requests present; CSP allows wasm, nothing remote', async () => {
  const first = await get(`/?token=${server.token}`);
  assert.equal(first.status, 200);
  const csp = String(first.headers['content-security-policy']);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /https?:\/\/(?!127\.0\.0\.1|localhost)/);
  const cookie = String((first.headers['set-cookie'] as string[])[0]).split(';')[0]!;
  assert.match(cookie, /HttpOnly|vecscope_token/);
  const asset = await get('/app.js', { cookie });
  assert.equal(asset.status, 200);
  assert.equal(asset.body, 'console.log(1)');
  assert.equal((await get('/../../etc/passwd', { cookie })).status, 404);
});

test('a foreign Host header is refused (DNS rebinding)', async () => {
  assert.equal((await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status, 403);
});

test('the WebSocket needs the token and this origin', async () => {
  assert.equal(await wsStatus(''), 403);
  assert.equal(await wsStatus('?token=nope'), 403);
  assert.equal(await wsStatus(`?token=${server.token}`, { origin: 'http://evil.example' }), 403);
  assert.equal(
    await wsStatus(`?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` }),
    'open',
  );
});

test('RPC over the WebSocket reaches the engine host in its worker', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`);
  ws.binaryType = 'arraybuffer';
  await new Promise((r) => ws.once('open', r));
  const client = new RpcClient({
    send: (f) => ws.send(f),
    onFrame: (l) => ws.on('message', (d) => l(d as ArrayBuffer)),
    onClose: (l) => ws.on('close', (_c, reason) => l(reason.toString())),
    close: () => ws.close(),
  });
  const summary = await client.call('open', { source: 'synthetic:100:4:2:1' }).result;
  assert.equal(summary.n, 100);
  const layout = await client.call('layout', { dataset: summary.id, method: 'pca', dim: 3 }).result;
  assert.equal(layout.positions.length, 300);
  client.close();
});
