/** A sparse row-major matrix (compressed sparse rows): row i's entries are indices/values[indptr[i] .. indptr[i+1]). */
export interface CsrMatrix {
  n: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

// Function words name no topic; left in, they would be the strongest shared "terms" of unrelated texts.
const STOP = new Set(
  'a an the of or and to in on at by for with from as that which who whom whose this these those is are was were be been being it its into than then such not no but any all some one used especially usually often etc'.split(
    ' ',
  ),
);

/** Lower-case words of two or more letters, function words left out. */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? []).filter((w) => !STOP.has(w));
}

/**
 * TF-IDF of a set of texts: term frequency damped as 1 + log(tf), inverse document frequency
 * log(n / df) + 1, each row scaled to unit length (so long texts do not dominate); terms in fewer than
 * `minDf` texts are dropped (a word seen once links no two texts). Columns follow `vocabulary`.
 */
export function tfidf(texts: readonly string[], minDf = 2): { matrix: CsrMatrix; vocabulary: string[] } {
  const docs = texts.map((t) => {
    const counts = new Map<string, number>();
    for (const w of tokenize(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
    return counts;
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const vocabulary = [...df.keys()].filter((w) => df.get(w)! >= minDf).sort();
  const column = new Map(vocabulary.map((w, i) => [w, i]));
  const n = texts.length;
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const entries: [number, number][] = [];
    for (const [w, tf] of docs[i]!) {
      const c = column.get(w);
      if (c !== undefined) entries.push([c, (1 + Math.log(tf)) * (Math.log(n / df.get(w)!) + 1)]);
    }
    entries.sort((x, y) => x[0] - y[0]);
    const norm = Math.hypot(...entries.map((e) => e[1])) || 1;
    for (const [c, v] of entries) {
      indices.push(c);
      values.push(v / norm);
    }
    indptr[i + 1] = indices.length;
  }
  return {
    matrix: {
      n,
      cols: vocabulary.length,
      indptr,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    vocabulary,
  };
}
