import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WebSocketServer, type WebSocket } from 'ws';

export interface WebServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to a fresh random token per run. */
  token?: string;
  /** The built renderer (renderer/dist). */
  staticDir?: string;
  /** What the renderer opens first: a path, "sample" (default) or "synthetic:...". */
  source?: string;
  /** A metadata file the renderer attaches to `source` once it is open (`vecscope web --metadata`). */
  metadata?: string;
  /** A workspace file's text the renderer restores at start (`vecscope web --workspace`). */
  workspace?: string;
  /** Enables the engine host's crash hook (end-to-end tests of the restart path). */
  testHooks?: boolean;
  /**
   * The files the page may open, and folders whose files it may open (default: `source` when it is a
   * path). The sample and synthetic sets are always allowed.
   */
  openRoots?: string[];
  /** At most this many rows of each file the page opens (`vecscope web --max-rows`): a seeded sample. */
  maxRows?: number;
  /** The model folder tables of texts are embedded with unless the page names one (`--text-model`). */
  textModel?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  /** How many times the engine host has been started (restarts after a crash add one). */
  readonly hostStarts: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

export const defaultStaticDir = fileURLToPath(new URL('../../../../renderer/dist/', import.meta.url));

function csp(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${HOST}:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The sample and synthetic sets: sources that name no file. */
function isNamedSource(source: string): boolean {
  return source === 'sample' || source.startsWith('synthetic:');
}

/** A request this server cannot parse; answered with 400, never allowed to reach the process. */
class BadRequest extends Error {}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new BadRequest(`${what} is not valid percent-encoding`);
  }
}

function requestUrl(req: IncomingMessage, port: number): URL {
  try {
    return new URL(req.url ?? '/', `http://${HOST}:${port}`);
  } catch {
    throw new BadRequest('unparseable request target');
  }
}

/**
 * The run's token is the first segment of every path (`/<token>/…`): the page's relative URLs (its
 * assets, `config`, the `rpc` WebSocket) carry it by themselves. A cookie would not do: cookies ignore
 * ports, so every other server on 127.0.0.1 would receive it. Returns the path after the token, or
 * undefined when the first segment is not the token.
 */
function afterToken(url: URL, token: string): string | undefined {
  const path = url.pathname;
  const end = path.indexOf('/', 1);
  const first = end < 0 ? path.slice(1) : path.slice(1, end);
  return sameToken(first, token) ? (end < 0 ? '' : path.slice(end)) : undefined;
}

/**
 * Serves the built renderer and the engine host (over a WebSocket at /<token>/rpc) on 127.0.0.1
 * only. Every HTTP request and the WebSocket upgrade must carry the run's token as the first path
 * segment (afterToken); the Host header must name this server (no DNS rebinding) and a WebSocket's
 * Origin must be this server. The engine host may open only the files named in `openRoots` (and the
 * files inside folders named there). The engine host runs in a worker thread; if it dies, clients are
 * disconnected (close code 4000) and the next connection starts a fresh one.
 */
export async function startWebServer(opts: WebServerOptions = {}): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const staticDir = resolve(opts.staticDir ?? defaultStaticDir);
  const source = opts.source ?? 'sample';
  const openRoots = opts.openRoots ?? (isNamedSource(source) ? [] : [source]);
  let port = opts.port ?? 0;
  const allowedHosts = () => [`${HOST}:${port}`, `localhost:${port}`];
  const hostOk = (req: IncomingMessage) => allowedHosts().includes(req.headers.host ?? '');

  const refuse = (res: ServerResponse, code: number, text: string) => {
    res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };

  // Whatever a request handler throws is answered here, once: a status if none went out yet, else the
  // connection is cut (a second status line would corrupt the stream).
  const failed = (res: ServerResponse, e: unknown) => {
    if (!(e instanceof BadRequest)) console.error(`web: internal error: ${(e as Error)?.stack ?? String(e)}`);
    if (res.headersSent) return void res.destroy();
    try {
      if (e instanceof BadRequest) refuse(res, 400, `bad request: ${e.message}\n`);
      else refuse(res, 500, 'internal error\n');
    } catch {
      res.destroy();
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = requestUrl(req, port);
      const rest = hostOk(req) ? afterToken(url, token) : undefined;
      if (rest === undefined) {
        // The address older versions printed (`/?token=…`) leads to the page's own address.
        if (
          hostOk(req) &&
          url.pathname === '/' &&
          sameToken(url.searchParams.get('token') ?? undefined, token)
        ) {
          res.writeHead(302, { location: `/${token}/`, 'cache-control': 'no-store' });
          return void res.end();
        }
        return refuse(res, 403, 'forbidden: this vecscope server needs its token\n');
      }
      if (rest === '') {
        res.writeHead(308, { location: `/${token}/`, 'cache-control': 'no-store' });
        return void res.end();
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed\n');
      const headers: Record<string, string> = {
        'content-security-policy': csp(port),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cache-control': 'no-store',
      };
      if (rest === '/config') {
        res.writeHead(200, { ...headers, 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            source,
            ...(opts.metadata ? { metadata: opts.metadata } : {}),
            ...(opts.workspace ? { workspace: opts.workspace } : {}),
            testHooks: Boolean(opts.testHooks),
          }),
        );
        return;
      }
      const rel = rest === '/' ? 'index.html' : decode(rest, 'the path').replace(/^\/+/, '');
      const file = normalize(join(staticDir, rel));
      if (file !== staticDir && !file.startsWith(staticDir + sep)) return refuse(res, 404, 'not found\n');
      try {
        if (!(await stat(file)).isFile()) return refuse(res, 404, 'not found\n');
        const body = await readFile(file);
        res.writeHead(200, { ...headers, 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        if (rel === 'index.html') return refuse(res, 500, 'the renderer is not built: run "npm run build"\n');
        refuse(res, 404, 'not found\n');
      }
    })().catch((e: unknown) => failed(res, e));
  });

  // ---- engine host worker, shared by every connection ----
  let worker: Worker | undefined;
  let hostStarts = 0;
  let nextConn = 1;
  const sockets = new Map<number, WebSocket>();
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    hostStarts++;
    const w = new Worker(new URL('../host/transports/workerEntry.js', import.meta.url), {
      workerData: {
        testHooks: Boolean(opts.testHooks),
        openRoots,
        ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
        ...(opts.textModel !== undefined ? { textModel: opts.textModel } : {}),
      },
    });
    w.on('message', (msg: { conn: number; frame: ArrayBuffer }) => {
      sockets.get(msg.conn)?.send(Buffer.from(msg.frame));
    });
    const died = (why: string) => {
      if (worker !== w) return;
      worker = undefined;
      for (const ws of sockets.values()) ws.close(4000, `engine host exited (${why})`.slice(0, 120));
    };
    w.on('error', (e) => died(e.message));
    w.on('exit', (code) => died(`code ${code}`));
    worker = w;
    return w;
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(req, port);
    const origin = req.headers.origin;
    const originOk = origin === undefined || allowedHosts().some((h) => origin === `http://${h}`);
    if (!hostOk(req) || afterToken(url, token) !== '/rpc' || !originOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // An invalid frame (reserved opcode, unmasked, over maxPayload) is reported here; ws has already
      // started closing this socket. Without a listener the error would end the whole server.
      ws.on('error', (e) => console.error(`web: closed a WebSocket: ${e.message}`));
      const conn = nextConn++;
      const w = ensureWorker();
      sockets.set(conn, ws);
      ws.on('message', (data, isBinary) => {
        if (!isBinary) return ws.close(1003, 'binary frames only');
        const bufs = Array.isArray(data) ? data : [data instanceof ArrayBuffer ? Buffer.from(data) : data];
        const total = Buffer.concat(bufs);
        // A fresh ArrayBuffer (Node's Buffers share pooled memory), transferred to the worker.
        const frame = total.buffer.slice(
          total.byteOffset,
          total.byteOffset + total.byteLength,
        ) as ArrayBuffer;
        if (worker === w) w.postMessage({ conn, frame }, [frame]);
      });
      ws.on('close', () => {
        sockets.delete(conn);
        if (worker === w) w.postMessage({ conn, close: true });
      });
    });
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset or write after close on this raw socket must cost only this connection.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch (e) {
      const bad = e instanceof BadRequest;
      if (!bad) console.error(`web: internal error: ${(e as Error)?.stack ?? String(e)}`);
      const status = bad ? '400 Bad Request' : '500 Internal Server Error';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, HOST, () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/${token}/`,
    port,
    token,
    get hostStarts() {
      return hostStarts;
    },
    close: async () => {
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      await worker?.terminate();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      // Idle keep-alive connections would otherwise hold the close for seconds.
      server.closeAllConnections();
      await closed;
    },
  };
}
