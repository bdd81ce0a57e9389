// The desktop app's own origin. The renderer is served from a custom privileged scheme rather than
// file://, so "our page" is one exact origin: every file:// URL (the user's whole disk) stays foreign.

/** The scheme main registers (standard and secure, so the page has a real origin and CSP 'self' works). */
export const APP_SCHEME = 'app';
const APP_HOST = 'vecscope';
/** What `location.origin` reads in the app's page; the engine port is posted to this origin only. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one document the app loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL on the app's own origin: the app scheme, the app host, no credentials and no port.
 * The host is compared exactly; Chromium lower-cases hosts of standard schemes before we see them.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === '' &&
    u.port === ''
  );
}

/** True for the app's document itself (any query or fragment): the only page a window may show. */
export function isAppPage(url: string): boolean {
  const u = parse(url);
  return u !== null && isAppUrl(url) && u.pathname === '/index.html';
}
