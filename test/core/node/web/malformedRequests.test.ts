import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { WebSocket } from 'ws';
import { RpcClient } from '../../../../core/common/rpc/client.js';

// Every request here goes out as raw bytes over node:net, so targets such as `//[` and `%ZZ` reach the
// server as written (an HTTP client would normalise or refuse them). The server runs in a child
// process because the failure being guarded against is that process dying (node:test would swallow
// an uncaught exception in its own process). Each test gets a fresh server, so each shows its own case.

const dir = mkdtempSync(join(tmpdir(), 'vecscope-web-bad-'));
const serverModule = new URL('../../../../core/node/web/server.js', import.meta.url).href;
let child: ChildProcess;
let server: { port: number; token: string };
let childStderr = '';

before(() => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  // A script file, not --eval: the engine host's worker inherits the process's exec arguments.
  writeFileSync(
    join(dir, 'serve.mjs'),
    `const { startWebServer } = await import(${JSON.stringify(serverModule)});\n` +
      `const s = await startWebServer({ staticDir: ${JSON.stringify(dir)}, source: 'synthetic:100:4:2:1' });\n` +
      'console.log(JSON.stringify({ port: s.port, token: s.token }));\n',
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  childStderr = '';
  child = spawn(process.execPath, [join(dir, 'serve.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (d) => (childStderr += d));
  server = await new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok(JSON.parse(out) as { port: number; token: string });
    });
    child.once('exit', (code) => fail(new Error(`the server exited (${code}): ${childStderr}`)));
  });
});
afterEach(() => {
  child.kill();
});

/**
 * Sends the header lines (CRLF-joined, then a blank line) on a fresh connection and returns all the
 * server wrote back before closing it; fails when the server neither answers nor closes in time.
 */
function send(lines: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const s = connect(server.port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => {
      s.destroy();
      fail(new Error(`no answer within 5 s to ${lines[0]} (got ${JSON.stringify(got)})`));
    }, 5000);
    s.on('data', (d) => (got += d.toString('latin1')));
    s.on('error', fail);
    s.on('close', () => {
      clearTimeout(timer);
      ok(got);
    });
    s.write([...lines, '', ''].join('\r\n'));
  });
}

const rawRequest = (lines: string[]) => send([...lines, 'Connection: close']);

const host = () => `Host: 127.0.0.1:${server.port}`;
const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

async function stillServes(): Promise<void> {
  assert.equal(child.exitCode, null, `the server process died: ${childStderr}`);
  const answer = await rawRequest([`GET /${server.token}/ HTTP/1.1`, host()]);
  assert.equal(statusOf(answer), 200, answer);
  assert.match(answer, /<title>t<\/title>/);
}

test('an unparseable request target gets 400, with or without the token, and the server goes on', async () => {
  for (const target of ['//[', `//[?token=${server.token}`, `//[/${server.token}/`]) {
    const answer = await rawRequest([`GET ${target} HTTP/1.1`, host()]);
    assert.equal(statusOf(answer), 400, answer);
    await stillServes();
  }
});

test('cookies play no part: a malformed one is ignored, a token cookie opens nothing', async () => {
  const bad = await rawRequest([
    `GET /${server.token}/ HTTP/1.1`,
    host(),
    `Cookie: vecscope_token_${server.port}=%ZZ; someone_else=%ZZ`,
  ]);
  assert.equal(statusOf(bad), 200, bad);
  const cookie = `vecscope_token_${server.port}=${encodeURIComponent(server.token)}`;
  const withCookie = await rawRequest(['GET / HTTP/1.1', host(), `Cookie: ${cookie}`]);
  assert.equal(statusOf(withCookie), 403, withCookie);
  await stillServes();
});

test('a path that does not percent-decode gets 400', async () => {
  const answer = await rawRequest([`GET /${server.token}/%ZZ HTTP/1.1`, host()]);
  assert.equal(statusOf(answer), 400, answer);
  // Every request is answered once: one status line, however it failed.
  assert.equal(answer.match(/HTTP\/1\.1 \d{3}/g)?.length, 1);
  await stillServes();
});

const upgradeHeaders = (target: string) => [
  `GET ${target} HTTP/1.1`,
  host(),
  'Upgrade: websocket',
  'Sec-WebSocket-Version: 13',
  `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
];

test('a WebSocket upgrade with an unparseable target gets 400 and the server goes on', async () => {
  for (const target of ['//[', `//[/${server.token}/rpc`]) {
    const answer = await send([...upgradeHeaders(target), 'Connection: Upgrade']);
    assert.equal(statusOf(answer), 400, answer);
    await stillServes();
  }
});

/** Opens a WebSocket by hand on a raw socket; resolves once the server has switched protocols. */
function rawWebSocket(): Promise<Socket> {
  return new Promise((ok, fail) => {
    const s = connect(server.port, '127.0.0.1');
    let got = '';
    const onData = (d: Buffer) => {
      got += d.toString('latin1');
      if (!got.includes('\r\n\r\n')) return;
      s.off('data', onData);
      if (statusOf(got) === 101) ok(s);
      else fail(new Error(`upgrade refused: ${got}`));
    };
    s.on('data', onData);
    s.on('error', fail);
    s.write([...upgradeHeaders(`/${server.token}/rpc`), 'Connection: Upgrade', '', ''].join('\r\n'));
  });
}

/** Resolves when the server has closed `s` (true), or false after `ms`. */
function closedWithin(s: Socket, ms: number): Promise<boolean> {
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(false), ms);
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      ok(true);
    });
    s.resume();
  });
}

async function rpcStillWorks(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/${server.token}/rpc`);
  ws.binaryType = 'arraybuffer';
  await new Promise((r) => ws.once('open', r));
  const client = new RpcClient({
    send: (f) => ws.send(f),
    onFrame: (l) => ws.on('message', (d) => l(d as ArrayBuffer)),
    onClose: (l) => ws.on('close', (_c, reason) => l(reason.toString())),
    close: () => ws.close(),
  });
  const hello = await client.call('hello', {}).result;
  assert.ok(hello.capabilities.includes('knn'));
  client.close();
}

const mask = Buffer.from([1, 2, 3, 4]);
const invalidFrames: [string, Buffer][] = [
  // FIN + reserved opcode 0x3, masked, empty payload.
  ['a reserved opcode', Buffer.concat([Buffer.from([0x83, 0x80]), mask])],
  // FIN + binary, not masked: clients must mask every frame.
  ['an unmasked client frame', Buffer.from([0x82, 0x05, 1, 2, 3, 4, 5])],
  // FIN + binary, masked, 64-bit length of 4 GiB: over the server's 256 MiB payload limit.
  [
    'a frame announcing a payload over the limit',
    Buffer.concat([Buffer.from([0x82, 0xff, 0, 0, 0, 1, 0, 0, 0, 0]), mask]),
  ],
];

for (const [what, frame] of invalidFrames) {
  test(
    `${what} closes that WebSocket only; the server and other WebSockets go on`,
    { timeout: 20_000 },
    async () => {
      const bystander = await rawWebSocket();
      const bystanderClosed = closedWithin(bystander, 1500);
      const bad = await rawWebSocket();
      const closed = closedWithin(bad, 5000);
      bad.write(frame);
      assert.equal(await closed, true, 'the server kept the socket open');
      assert.equal(await bystanderClosed, false, 'another WebSocket was closed too');
      bystander.destroy();
      await stillServes();
      await rpcStillWorks();
    },
  );
}
