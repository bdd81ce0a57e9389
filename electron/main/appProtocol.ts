// What the app:// protocol handler serves: files under the built renderer folder and nothing else.
// Kept free of electron so that the path decisions can be tested under plain Node.
import fs from 'node:fs';
import { promisify } from 'node:util';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { isAppUrl } from '../common/appOrigin.js';

/** The CSP of every response (the page's meta tag says the same, and both must allow a resource). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-src 'none'; object-src 'none'";

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name; unknown kinds are opaque bytes, never sniffed into script or HTML. */
export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an app:// URL names, or null when the URL is not ours or could name
 * anything outside `root`. The URL parser already folds `.`/`..` (also `%2e%2e`); beyond that every
 * segment is decoded on its own and refused if it could change the path's shape: an encoded slash or
 * backslash, a NUL, a dot segment, a colon (drive letters, NTFS streams) or a malformed escape.
 * The last step checks the joined path against `root` again, whatever the rules above missed.
 */
export function resolveAppAsset(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const pathname = new URL(url).pathname;
  const raw = pathname === '' || pathname === '/' ? ['index.html'] : pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const part of raw) {
    // A trailing slash names a folder, which is never served, and the renderer's files have no a//b.
    if (part === '') return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (decoded === '.' || decoded === '..' || /[/\\:\0]/.test(decoded)) return null;
    segments.push(decoded);
  }
  const file = join(root, ...segments);
  return isInside(root, file) ? file : null;
}

/** True when `path` lies strictly below `root` (both absolute and normalised). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** An answer of the protocol handler, before it becomes a Response. */
export interface AppAssetAnswer {
  status: 200 | 404 | 405;
  body: Uint8Array<ArrayBuffer> | string;
  headers: Record<string, string>;
}

const commonHeaders = (type: string): Record<string, string> => ({
  'Content-Type': type,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
});

// Called through the fs object at request time: these are the functions Electron's asar support
// patches, so they read inside app.asar, where the renderer lives in a package.
const realpath = (p: string) => promisify(fs.realpath)(p);
const stat = (p: string) => promisify(fs.stat)(p);
const readFile = (p: string) => promisify(fs.readFile)(p);

const notFound = (): AppAssetAnswer => ({
  status: 404,
  body: 'not found',
  headers: commonHeaders('text/plain; charset=utf-8'),
});

/**
 * Reads the file an app:// GET names. A symlink inside the renderer folder is followed only when
 * its real path is still inside the folder's real path; folders, missing files and everything
 * refused by resolveAppAsset answer 404, and methods other than GET/HEAD 405.
 */
export async function serveAppAsset(root: string, method: string, url: string): Promise<AppAssetAnswer> {
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, body: 'method not allowed', headers: commonHeaders('text/plain; charset=utf-8') };
  }
  const file = resolveAppAsset(root, url);
  if (file === null) return notFound();
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return notFound();
    const body = method === 'HEAD' ? '' : new Uint8Array(await readFile(realFile));
    return { status: 200, body, headers: commonHeaders(mimeType(file)) };
  } catch {
    return notFound();
  }
}
