// Every runtime core/common targets (Node, workers, Chromium) has a global high-resolution clock; it is
// declared here rather than in the shared env.d.ts.
declare const performance: { now(): number };

/** Milliseconds from an arbitrary origin, for measuring fit times. */
export function nowMs(): number {
  return performance.now();
}
