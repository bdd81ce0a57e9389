/** Most recent first, no duplicates, at most `max` entries; used for recent files and workspaces. */
export function pushRecent(list: readonly string[], path: string, max = 10): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, max);
}

/** A remembered list read back from disk: only strings survive, at most `max` of them. */
export function recentFromJson(value: unknown, max = 10): string[] {
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string').slice(0, max) : [];
}
