import { VecscopeError } from '../../../core/common/errors.js';
import { formatPipeline } from '../../../core/common/pipeline/formatPipeline.js';
import { parsePipeline } from '../../../core/common/pipeline/parsePipeline.js';
import type { BuilderFields } from './labState.js';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** More combinations than this is a typo, not a sweep. */
const MAX_SWEEP = 64;

/**
 * Every pipeline string the builder describes (the cartesian product of its comma-separated fields),
 * canonical and without duplicates. Throws VecscopeError (one line) on a field that does not parse.
 */
export function expandBuilder(b: BuilderFields): string[] {
  const reductions = list(b.reductions);
  const dims = list(b.dims);
  const quantizers = list(b.quantizers);
  const indexes = list(b.indexes);
  if (quantizers.length === 0) throw new VecscopeError('give at least one quantizer');
  if (indexes.length === 0) throw new VecscopeError('give an index (Flat or Vamana)');
  const heads: string[] = [];
  for (const r of reductions.length ? reductions : ['none']) {
    if (/^none$/i.test(r)) heads.push('');
    else {
      if (dims.length === 0) throw new VecscopeError(`reduction ${r} needs a dimension`);
      for (const d of dims) heads.push(`${r}${d},`);
    }
  }
  const Rs = list(b.R);
  const Ls = list(b.L);
  const Ws = list(b.W);
  const reranks = list(b.rerank);
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (s: string) => {
    const canon = formatPipeline(parsePipeline(s));
    if (!seen.has(canon)) {
      seen.add(canon);
      out.push(canon);
      if (out.length > MAX_SWEEP) throw new VecscopeError(`more than ${MAX_SWEEP} pipelines in one sweep`);
    }
  };
  for (const h of heads)
    for (const q of quantizers)
      for (const ix of indexes) {
        const vamana = /^vamana$/i.test(ix);
        const idxs = vamana
          ? (Rs.length ? Rs : ['']).flatMap((R) =>
              (Ls.length ? Ls : ['']).map((L) => {
                const args = [R && `R=${R}`, L && `L=${L}`].filter((x) => x).join(',');
                return args ? `Vamana(${args})` : 'Vamana';
              }),
            )
          : [ix];
        for (const idx of idxs)
          for (const W of vamana && Ws.length ? Ws : [''])
            for (const rr of reranks.length ? reranks : ['']) {
              const settings = [W && `W=${W}`, rr && rr !== '0' ? `rerank=${rr}` : '']
                .filter((x) => x)
                .join(',');
              push(`${h}${q},${idx}${settings ? `|${settings}` : ''}`);
            }
      }
  return out;
}

/** Parses the sweep text (one pipeline per line; blank lines and `#` comments skipped). */
export function parseSweep(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const s = line.replace(/#.*/, '').trim();
    if (s === '') continue;
    const canon = formatPipeline(parsePipeline(s));
    if (!out.includes(canon)) out.push(canon);
  }
  if (out.length > MAX_SWEEP) throw new VecscopeError(`more than ${MAX_SWEEP} pipelines in one sweep`);
  return out;
}

export interface DimSuggestion {
  dim: number;
  why: string;
}

/**
 * Reduced dimensions worth trying, from the intrinsic dimension estimates: the PCA axes holding 90 %
 * and 95 % of the variance, and a few multiples of the TwoNN / MLE estimates (a reduction needs room
 * above the manifold's dimension to keep neighbour order). Rounded up to multiples of 8 (SIMD-friendly),
 * capped below the full dimension.
 */
export function suggestDims(
  intrinsic: { twoNN: number; mle: number; pca90: number | null; pca95: number | null } | null,
  fullDim: number,
): DimSuggestion[] {
  if (!intrinsic) return [];
  const up8 = (x: number) => Math.max(8, Math.ceil(x / 8) * 8);
  const cands: DimSuggestion[] = [];
  const id = Math.max(intrinsic.twoNN, intrinsic.mle);
  if (Number.isFinite(id) && id > 0) {
    cands.push({ dim: up8(2 * id), why: `2 × intrinsic (${id.toFixed(1)})` });
    cands.push({ dim: up8(4 * id), why: `4 × intrinsic (${id.toFixed(1)})` });
  }
  if (intrinsic.pca90 !== null)
    cands.push({ dim: up8(intrinsic.pca90), why: `PCA 90 % variance (${intrinsic.pca90})` });
  if (intrinsic.pca95 !== null)
    cands.push({ dim: up8(intrinsic.pca95), why: `PCA 95 % variance (${intrinsic.pca95})` });
  const out: DimSuggestion[] = [];
  for (const c of cands.sort((a, b) => a.dim - b.dim))
    if (c.dim < fullDim && !out.some((o) => o.dim === c.dim)) out.push(c);
  return out;
}
