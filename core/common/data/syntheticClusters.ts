import type { Dataset } from '../types.js';

export interface SyntheticOptions {
  n: number;
  dim: number;
  clusters: number;
  seed: number;
}

/** Parses "synthetic:<n>[:<dim>[:<clusters>[:<seed>]]]"; returns undefined for other sources. */
export function parseSyntheticSource(source: string): SyntheticOptions | undefined {
  const m = /^synthetic:(\d+)(?::(\d+))?(?::(\d+))?(?::(\d+))?$/.exec(source);
  if (!m) return undefined;
  return {
    n: Number(m[1]),
    dim: m[2] !== undefined ? Number(m[2]) : 16,
    clusters: m[3] !== undefined ? Number(m[3]) : 10,
    seed: m[4] !== undefined ? Number(m[4]) : 1,
  };
}

/** A small, fast seeded PRNG (mulberry32) returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Gaussian blobs for tests and the large-map benchmark: `clusters` centres drawn N(0, 4²), points
 * N(centre, 1). Metadata: `cluster` (category), `radius` (distance to its centre, number) and, up to
 * 200,000 rows, `label` (text). Returns new arrays owned by the caller.
 */
export function syntheticClusters(opts: SyntheticOptions): Dataset {
  const { n, dim, clusters, seed } = opts;
  if (!(n >= 1 && dim >= 1 && clusters >= 1))
    throw new RangeError('synthetic data needs n, dim, clusters >= 1');
  const rand = mulberry32(seed);
  let spare: number | undefined;
  const gauss = () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = 4 * gauss();
  const data = new Float32Array(n * dim);
  const codes = new Int32Array(n);
  const radius = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() * clusters);
    codes[i] = c;
    let r2 = 0;
    for (let j = 0; j < dim; j++) {
      const g = gauss();
      r2 += g * g;
      data[i * dim + j] = centres[c * dim + j]! + g;
    }
    radius[i] = Math.sqrt(r2);
  }
  const categories = Array.from({ length: clusters }, (_, c) => `cluster ${c}`);
  const metadata: Dataset['metadata'] = [
    { name: 'cluster', type: 'category', codes, categories },
    { name: 'radius', type: 'number', values: radius },
  ];
  if (n <= 200_000) {
    metadata.push({
      name: 'label',
      type: 'text',
      values: Array.from({ length: n }, (_, i) => `point ${i} in ${categories[codes[i]!]}`),
    });
  }
  return {
    file: `synthetic:${n}:${dim}:${clusters}:${seed}`,
    format: 'synthetic',
    dtype: 'f32',
    vectors: { data, n, dim },
    metadata,
    metric: 'l2',
  };
}
