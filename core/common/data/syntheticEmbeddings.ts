/**
 * A seeded generator of clustered unit vectors shaped like sentence embeddings, for benchmarks at sizes
 * no shipped data set has (1,000,000 × 384 and beyond).
 *
 * Why it resembles real embeddings. Text-embedding sets (MiniLM, USE, OpenAI, ...) share four traits
 * that decide how hard nearest-neighbour search and compression are, and the model reproduces each:
 * 1. **Topics**: points gather around many topic centres of unequal sizes → `clusters` centres with
 *    Zipf-distributed weights (`skew`).
 * 2. **A decaying spectrum**: the PCA variances fall off like a power law, so a few dozen directions
 *    hold most of the variance (what makes PCA / LeanVec work) → variance of latent axis j ∝ (1+j)^−decay,
 *    for the centres and for the noise around them.
 * 3. **Anisotropic, differently shaped clusters**: each topic is stretched along its own axes → every
 *    cluster scales each latent axis by its own log-normal factor (`shape`) and its size by ±30 %.
 * 4. **A common offset (the "cone")**: embeddings do not average to zero; two unrelated sentences
 *    still have a positive cosine → every centre shares the offset `meanNorm`·‖σ‖ in a random direction.
 * The latent vector is then turned by a fixed orthogonal transform (random signs and normalised
 * Walsh–Hadamard transforms over two overlapping power-of-two blocks, O(d log d) a row) so that no
 * output coordinate is special (per-dimension quantizers see mixed coordinates, as on real data), and
 * L2-normalised. Queries come from the same distribution (another stream of the same model), i.e.
 * in-distribution queries.
 *
 * Calibration, against 778 all-MiniLM-L6-v2 chunks of one documentation corpus (../shared/data
 * fiori-minilm384): 90 % of their variance lies in 94 principal axes; here 143 with 1,000 clusters and 57
 * with 13 (the defaults otherwise). Their mean cosine between unrelated rows, 0.48, is that of a single
 * domain; the default offset gives about 0.15, as for a corpus of many topics; meanNorm 1.2 gives 0.48.
 *
 * Determinism: every row is drawn from its own generator seeded by (seed, stream, row), so the same
 * options give the same bytes whether the rows are made at once or in chunks, in any order, on any
 * thread. The noise is a sum of four random bytes (a bounded, nearly Gaussian variable: one 32-bit
 * draw a coordinate, no logarithms), which is what makes a million 384-d rows take seconds.
 */

export interface SyntheticEmbeddingOptions {
  dim: number;
  /** Topic clusters (default 1,000). */
  clusters?: number;
  seed?: number;
  /** Power-law exponent of the latent variance spectrum (default 1: variance of axis j ∝ 1/(1+j)). */
  decay?: number;
  /** Spread of the points around their centre relative to the spread of the centres (default 0.6). */
  spread?: number;
  /** Zipf exponent of the cluster sizes (default 0.5; 0 = equal sizes). */
  skew?: number;
  /** Standard deviation of the log of the per-cluster, per-axis stretch (default 0.5; 0 = same shape). */
  shape?: number;
  /** Length of the offset shared by all centres, relative to the centres' spread (default 0.5). */
  meanNorm?: number;
}

export type SyntheticStream = 'base' | 'queries';

/** Standard deviation of the sum of four uniform bytes: sqrt(4 · (256² − 1) / 12). */
const BYTE_SUM_SD = Math.sqrt((4 * (256 * 256 - 1)) / 12);
/** A 16-bit draw minus HALF16, times UNIFORM16, is uniform with mean 0 and variance 1. */
const HALF16 = 32767.5;
const UNIFORM16 = 1 / Math.sqrt((65536 * 65536 - 1) / 12);

/** murmur3's 32-bit finaliser: a bijective mix, so distinct (seed, stream, row) give distinct states. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A mulberry32 stream (the project's PRNG) with the byte-sum normal draw; state is a plain number. */
class RowRng {
  state = 0;

  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  uniform(): number {
    return this.u32() / 4294967296;
  }

  /** Nearly standard normal: the sum of the four bytes of one draw, centred and scaled. */
  normal(): number {
    const r = this.u32();
    return ((r & 255) + ((r >>> 8) & 255) + ((r >>> 16) & 255) + (r >>> 24) - 510) / BYTE_SUM_SD;
  }
}

/**
 * In-place normalised Walsh–Hadamard transform of z[from, from + size), size a power of two; two
 * butterfly stages a pass (radix 4, the same sums as radix 2 in the same order, half the passes).
 */
function hadamard(z: Float64Array, from: number, size: number): void {
  const end = from + size;
  let h = 1;
  if ((31 - Math.clz32(size)) & 1) {
    for (let j = from; j < end; j += 2) {
      const a = z[j]!;
      const b = z[j + 1]!;
      z[j] = a + b;
      z[j + 1] = a - b;
    }
    h = 2;
  }
  for (; h < size; h *= 4) {
    for (let i = from; i < end; i += 4 * h) {
      for (let j = i; j < i + h; j++) {
        const a = z[j]!;
        const b = z[j + h]!;
        const c = z[j + 2 * h]!;
        const d = z[j + 3 * h]!;
        const s0 = a + b;
        const d0 = a - b;
        const s1 = c + d;
        const d1 = c - d;
        z[j] = s0 + s1;
        z[j + h] = d0 + d1;
        z[j + 2 * h] = s0 - s1;
        z[j + 3 * h] = d0 - d1;
      }
    }
  }
  const s = 1 / Math.sqrt(size);
  for (let i = from; i < end; i++) z[i]! *= s;
}

/**
 * The fitted model (centres, weights, scales, mixing signs), drawn once from the seed; `fill` then
 * makes any rows of either stream. Small: (2·clusters + 4) × dim numbers.
 */
export class SyntheticEmbeddings {
  readonly dim: number;
  readonly clusters: number;
  readonly seed: number;
  readonly decay: number;
  readonly spread: number;
  readonly skew: number;
  readonly shape: number;
  readonly meanNorm: number;
  /** clusters × dim latent centres (offset included), times the first mixing signs. */
  private readonly centres: Float64Array;
  /** clusters × dim noise standard deviations, times the first mixing signs. */
  private readonly scales: Float64Array;
  /** Cumulative cluster probabilities (last = 1). */
  private readonly cumulative: Float64Array;
  private readonly signsB: Float64Array;
  private readonly block: number;
  private readonly z: Float64Array;
  private readonly rng = new RowRng();

  constructor(opts: SyntheticEmbeddingOptions) {
    this.dim = opts.dim;
    this.clusters = opts.clusters ?? 1000;
    this.seed = (opts.seed ?? 1) >>> 0;
    this.decay = opts.decay ?? 1;
    this.spread = opts.spread ?? 0.6;
    this.skew = opts.skew ?? 0.5;
    this.shape = opts.shape ?? 0.5;
    this.meanNorm = opts.meanNorm ?? 0.5;
    const { dim, clusters } = this;
    if (!(Number.isInteger(dim) && dim >= 1 && Number.isInteger(clusters) && clusters >= 1))
      throw new RangeError('synthetic embeddings need integer dim, clusters >= 1');
    if (!(this.decay >= 0 && this.spread > 0 && this.skew >= 0 && this.shape >= 0 && this.meanNorm >= 0))
      throw new RangeError('synthetic embeddings need decay, skew, shape, meanNorm >= 0 and spread > 0');

    // The model's own draws come from a third stream, so they never coincide with a data row.
    const rng = this.rng;
    rng.state = this.rowState(2, 0);
    const sigma = new Float64Array(dim);
    let sigmaNorm2 = 0;
    for (let j = 0; j < dim; j++) {
      sigma[j] = Math.pow(1 + j, -this.decay / 2);
      sigmaNorm2 += sigma[j]! * sigma[j]!;
    }
    const offset = new Float64Array(dim);
    let offNorm2 = 0;
    for (let j = 0; j < dim; j++) {
      offset[j] = rng.normal();
      offNorm2 += offset[j]! * offset[j]!;
    }
    const offScale = offNorm2 > 0 ? (this.meanNorm * Math.sqrt(sigmaNorm2)) / Math.sqrt(offNorm2) : 0;
    // The first mixing signs are folded into the centres and scales (a sign flip of a symmetric noise).
    const signsA = Float64Array.from({ length: dim }, () => (rng.u32() & 1 ? 1 : -1));
    this.centres = new Float64Array(clusters * dim);
    this.scales = new Float64Array(clusters * dim);
    for (let c = 0; c < clusters; c++) {
      const size = 0.7 + 0.6 * rng.uniform();
      for (let j = 0; j < dim; j++) {
        const centre = offset[j]! * offScale + sigma[j]! * rng.normal();
        const scale = this.spread * size * sigma[j]! * Math.exp(this.shape * rng.normal());
        this.centres[c * dim + j] = centre * signsA[j]!;
        this.scales[c * dim + j] = scale * signsA[j]!;
      }
    }
    // Zipf weights over a seeded permutation, so cluster 0 is not always the largest.
    const order = Int32Array.from({ length: clusters }, (_, i) => i);
    for (let i = clusters - 1; i > 0; i--) {
      const k = Math.floor(rng.uniform() * (i + 1));
      const t = order[i]!;
      order[i] = order[k]!;
      order[k] = t;
    }
    const weights = new Float64Array(clusters);
    let total = 0;
    for (let r = 0; r < clusters; r++) total += weights[order[r]!] = Math.pow(1 + r, -this.skew);
    this.cumulative = new Float64Array(clusters);
    let acc = 0;
    for (let c = 0; c < clusters; c++) this.cumulative[c] = acc += weights[c]! / total;
    this.cumulative[clusters - 1] = 1;
    this.signsB = Float64Array.from({ length: dim }, () => (rng.u32() & 1 ? 1 : -1));
    let b = 1;
    while (b * 2 <= dim) b *= 2;
    this.block = b;
    this.z = new Float64Array(dim);
  }

  /** A string naming every option: equal keys, equal data (cache files are keyed by it). */
  key(): string {
    return `emb-d${this.dim}-c${this.clusters}-s${this.seed}-decay${this.decay}-spread${this.spread}-skew${this.skew}-shape${this.shape}-mean${this.meanNorm}`;
  }

  private rowState(stream: number, row: number): number {
    return fmix32(fmix32(this.seed ^ Math.imul(stream + 1, 0x9e3779b9)) ^ fmix32(row + 0x632be5ab));
  }

  /**
   * Writes rows [first, first + count) of `stream` into `out` (row-major, from index 0; `out` may be a
   * view into a larger array, over any buffer); `labels`, when given, receives each row's cluster.
   */
  fill(
    out: Float32Array,
    stream: SyntheticStream,
    first: number,
    count = Math.floor(out.length / this.dim),
    labels?: Int32Array,
  ): void {
    const { dim, z, rng, centres, scales, cumulative, signsB, block } = this;
    if (!(Number.isInteger(first) && first >= 0 && Number.isInteger(count) && count >= 0))
      throw new RangeError('rows must be non-negative integers');
    if (out.length < count * dim) throw new RangeError(`out holds fewer than ${count} rows of ${dim}`);
    const s = stream === 'base' ? 0 : 1;
    const last = this.clusters - 1;
    for (let i = 0; i < count; i++) {
      rng.state = this.rowState(s, first + i);
      const u = rng.uniform();
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      if (labels) labels[i] = lo;
      const at = lo * dim;
      // Two unit-variance uniforms per 32-bit draw (RowRng inlined, the state in a local): this loop
      // is most of the generator's time. Their shape does not survive the mixing below: every output
      // coordinate sums hundreds of them, so the rows come out Gaussian around their centre.
      let st = rng.state;
      for (let j = 0; j < dim; j += 2) {
        let t = (st = (st + 0x6d2b79f5) | 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const r = t ^ (t >>> 14);
        z[j] = centres[at + j]! + scales[at + j]! * ((r & 0xffff) - HALF16) * UNIFORM16;
        if (j + 1 < dim)
          z[j + 1] = centres[at + j + 1]! + scales[at + j + 1]! * ((r >>> 16) - HALF16) * UNIFORM16;
      }
      hadamard(z, 0, block);
      for (let j = 0; j < dim; j++) z[j]! *= signsB[j]!;
      hadamard(z, dim - block, block);
      let norm2 = 0;
      for (let j = 0; j < dim; j++) norm2 += z[j]! * z[j]!;
      const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
      const o = i * dim;
      for (let j = 0; j < dim; j++) out[o + j] = z[j]! * inv;
    }
  }
}
