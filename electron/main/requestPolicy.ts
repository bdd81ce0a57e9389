// Which requests the app's session lets through: its own origin and inline data, nothing remote and
// no file:// (the page is served from app://, so a file URL can only be an attempt to read the disk).
import { APP_ORIGIN, isAppUrl } from '../common/appOrigin.js';

export interface RequestPolicyOptions {
  /** DevTools pages load from devtools://; allowed only where DevTools can be opened (not packaged). */
  devtools: boolean;
}

export function isAllowedRequest(url: string, opts: RequestPolicyOptions): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  // Object URLs the page itself made (chart rasterising, downloads), never another origin's.
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  return opts.devtools && url.startsWith('devtools://');
}
