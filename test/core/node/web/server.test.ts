import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { encodeNpy } from '../../../../core/common/io/npy.js';
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

function wsStatus(path: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((ok) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.on('open', () => {
      ws.close();
      ok('open');
    });
    ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
    ws.on('error', () => ok(0));
  });
}

async function rpcClient(): Promise<RpcClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/${server.token}/rpc`);
  ws.binaryType = 'arraybuffer';
  await new Promise((r) => ws.once('open', r));
  return new RpcClient({
    send: (f) => ws.send(f),
    onFrame: (l) => ws.on('message', (d) => l(d as ArrayBuffer)),
    onClose: (l) => ws.on('close', (_c, reason) => l(reason.toString())),
    close: () => ws.close(),
  });
}

test('the server listens on 127.0.0.1 only and its URL carries a long random token as its path', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}\/$/);
  assert.equal(server.url, `http://127.0.0.1:${server.port}/${server.token}/`);
});

test('HTTP requests without the right token are refused with 403', async () => {
  const t = server.token;
  for (const path of ['/', '/app.js', '/config', '/wrong/', `/${t}x/`, `/x${t}/app.js`, `/app.js?token=${t}`])
    assert.equal((await get(path)).status, 403, path);
});

test('the token is the first path segment: no cookie is set or honoured; CSP allows wasm, nothing remote', async () => {
  const page = await get(`/${server.token}/`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<title>t<\/title>/);
  // A cookie is sent to every server on 127.0.0.1 whatever its port: the token must never be one.
  assert.equal(page.headers['set-cookie'], undefined);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /https?:\/\/(?!127\.0\.0\.1|localhost)/);
  const asset = await get(`/${server.token}/app.js`);
  assert.equal(asset.status, 200);
  assert.equal(asset.body, 'console.log(1)');
  assert.equal(
    (await get('/app.js', { cookie: `vecscope_token_${server.port}=${server.token}` })).status,
    403,
  );
  assert.equal((await get(`/${server.token}/../../etc/passwd`)).status, 403);
  // The URL parser folds encoded dot segments too: the path leaves the token and is refused.
  assert.equal((await get(`/${server.token}/%2e%2e/%2e%2e/etc/passwd`)).status, 403);
  assert.equal((await get(`/${server.token}/nope.js`)).status, 404);
  // The address older versions printed leads to the new one; without the slash, to the page.
  const old = await get(`/?token=${server.token}`);
  assert.equal(old.status, 302);
  assert.equal(old.headers['location'], `/${server.token}/`);
  assert.equal((await get(`/?token=${server.token}x`)).status, 403);
  assert.equal((await get(`/${server.token}`)).headers['location'], `/${server.token}/`);
});

test('a foreign Host header is refused (DNS rebinding)', async () => {
  assert.equal((await get(`/${server.token}/`, { host: `evil.example:${server.port}` })).status, 403);
});

test('the WebSocket needs the token in its path and this origin', async () => {
  const t = server.token;
  assert.equal(await wsStatus('/rpc'), 403);
  assert.equal(await wsStatus(`/rpc?token=${t}`), 403);
  assert.equal(await wsStatus('/nope/rpc'), 403);
  assert.equal(await wsStatus(`/${t}/rpc`, { origin: 'http://evil.example' }), 403);
  assert.equal(await wsStatus(`/${t}/rpc`, { origin: `http://127.0.0.1:${server.port}` }), 'open');
});

test('RPC over the WebSocket reaches the engine host in its worker', async () => {
  const client = await rpcClient();
  const summary = await client.call('open', { source: 'synthetic:100:4:2:1' }).result;
  assert.equal(summary.n, 100);
  const layout = await client.call('layout', { dataset: summary.id, method: 'pca', dim: 3 }).result;
  assert.equal(layout.positions.length, 300);
  client.close();
});

test('web mode opens only the files and folders named when it started', async () => {
  const client = await rpcClient();
  // The sample is always allowed; this server was started on a synthetic set, so no file is.
  assert.equal((await client.call('open', { source: 'sample' }).result).n, 10000);
  await assert.rejects(
    client.call('open', { source: join(dir, 'index.html') }).result,
    /web mode opens only the files and folders named when it started/,
  );
  await assert.rejects(client.call('open', { source: '/etc/passwd' }).result, /web mode opens only/);
  client.close();

  const data = mkdtempSync(join(tmpdir(), 'vecscope-roots-'));
  const allowed = join(data, 'allowed');
  mkdirSync(allowed);
  const rows = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i));
  writeFileSync(join(allowed, 'a.npy'), encodeNpy(rows, [10, 4]));
  writeFileSync(join(data, 'outside.npy'), encodeNpy(rows, [10, 4]));
  symlinkSync(join(data, 'outside.npy'), join(allowed, 'link.npy'));
  const second = await startWebServer({ staticDir: dir, source: 'sample', openRoots: [allowed] });
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${second.port}/${second.token}/rpc`);
    ws.binaryType = 'arraybuffer';
    await new Promise((r) => ws.once('open', r));
    const c = new RpcClient({
      send: (f) => ws.send(f),
      onFrame: (l) => ws.on('message', (d) => l(d as ArrayBuffer)),
      onClose: (l) => ws.on('close', (_c, reason) => l(reason.toString())),
      close: () => ws.close(),
    });
    assert.equal((await c.call('open', { source: join(allowed, 'a.npy') }).result).n, 10);
    await assert.rejects(c.call('open', { source: join(data, 'outside.npy') }).result, /web mode opens only/);
    // A symlink inside the folder that leads out of it is judged by where it leads.
    await assert.rejects(c.call('open', { source: join(allowed, 'link.npy') }).result, /web mode opens only/);
    c.close();
  } finally {
    await second.close();
    rmSync(data, { recursive: true, force: true });
  }
});
