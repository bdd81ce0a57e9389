import { createRng, sampleIndices } from '../random.js';
import type { Matrix, MetadataColumn } from '../types.js';
import { STOP_WORDS } from './stopWords.js';

export interface ClusterSummary {
  id: number;
  size: number;
  /** Row of the member with the smallest summed distance to the others (over ≤ 500 sampled members). */
  medoid: number;
  /** Most frequent value of each category column in the cluster, with its share of the cluster. */
  topValues: { column: string; value: string; share: number }[];
  /** Highest class-based TF-IDF terms of the text column, best first. */
  keywords: string[];
  /** A short name for the map: keywords, else the top category value, else "cluster <id>". */
  label: string;
}

export interface SummaryOptions {
  metadata?: MetadataColumn[];
  /** Name of a text column for keyword labels. */
  textColumn?: string;
  keywords?: number;
  seed?: number;
}

/**
 * Lower-cased word tokens for keyword labels: at least three characters (one- and two-character tokens
 * are initials, units and citation debris such as "et al."), at least one letter (no numbers, years or
 * figure numbers), and no stop word (STOP_WORDS).
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{N}'-]*[\p{L}\p{N}]/gu)) {
    const w = m[0];
    if (w.length >= 3 && /\p{L}/u.test(w) && !STOP_WORDS.has(w)) out.push(w);
  }
  return out;
}

/**
 * Class-based TF-IDF (as BERTopic): each cluster's texts form one document; a term's weight in cluster c
 * is tf(t, c) · log(1 + A / f(t)), with tf normalised by the cluster's token count, f(t) the term's count
 * over all clusters and A the mean tokens per cluster. Returns the top terms per cluster id (0..k−1).
 */
export function classTfIdf(labels: Int32Array, texts: readonly string[], k: number, top = 5): string[][] {
  const counts: Map<string, number>[] = Array.from({ length: k }, () => new Map());
  const totals = new Float64Array(k);
  const global = new Map<string, number>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (c < 0 || c >= k) continue;
    for (const w of tokenize(texts[i] ?? '')) {
      counts[c]!.set(w, (counts[c]!.get(w) ?? 0) + 1);
      global.set(w, (global.get(w) ?? 0) + 1);
      totals[c]!++;
    }
  }
  let A = 0;
  for (let c = 0; c < k; c++) A += totals[c]!;
  A /= Math.max(1, k);
  return counts.map((map, c) =>
    [...map.entries()]
      .map(([w, cnt]) => [w, (cnt / Math.max(1, totals[c]!)) * Math.log(1 + A / global.get(w)!)] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map((e) => e[0]),
  );
}

/** Size, medoid, top metadata values and keyword label of every cluster (labels ≥ 0; −1 is noise). */
export function summarizeClusters(
  m: Matrix,
  labels: Int32Array,
  opts: SummaryOptions = {},
): { clusters: ClusterSummary[]; noise: number } {
  let k = 0;
  let noise = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! < 0) noise++;
    else if (labels[i]! + 1 > k) k = labels[i]! + 1;
  }
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) members[labels[i]!]!.push(i);
  const rng = createRng(opts.seed ?? 1);
  const textCol = opts.textColumn
    ? opts.metadata?.find((c) => c.name === opts.textColumn && c.type === 'text')
    : undefined;
  if (opts.textColumn && !textCol) throw new Error(`no text column named "${opts.textColumn}"`);
  const keywords =
    textCol && textCol.type === 'text'
      ? classTfIdf(labels, textCol.values, k, opts.keywords ?? 5)
      : undefined;
  const clusters: ClusterSummary[] = [];
  for (let c = 0; c < k; c++) {
    const mem = members[c]!;
    if (mem.length === 0) continue;
    const cand = Array.from(sampleIndices(mem.length, Math.min(mem.length, 500), rng), (t) => mem[t]!);
    let medoid = cand[0]!;
    let bestSum = Infinity;
    for (const a of cand) {
      let s = 0;
      for (const b of cand) {
        let d = 0;
        for (let j = 0; j < m.dim; j++) d += (m.data[a * m.dim + j]! - m.data[b * m.dim + j]!) ** 2;
        s += Math.sqrt(d);
      }
      if (s < bestSum) {
        bestSum = s;
        medoid = a;
      }
    }
    const topValues: ClusterSummary['topValues'] = [];
    for (const col of opts.metadata ?? []) {
      if (col.type !== 'category') continue;
      const cnt = new Map<number, number>();
      for (const i of mem) cnt.set(col.codes[i]!, (cnt.get(col.codes[i]!) ?? 0) + 1);
      const [code, n] = [...cnt.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
      if (code >= 0)
        topValues.push({
          column: col.name,
          value: col.categories[code] ?? String(code),
          share: n / mem.length,
        });
    }
    const kw = keywords?.[c] ?? [];
    const label = kw.length > 0 ? kw.slice(0, 3).join(', ') : (topValues[0]?.value ?? `cluster ${c}`);
    clusters.push({ id: c, size: mem.length, medoid, topValues, keywords: kw, label });
  }
  return { clusters, noise };
}
