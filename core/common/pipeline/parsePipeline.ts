import { VecscopeError } from '../errors.js';
import type { QuantizerKind } from '../quantize/codec.js';
import { readForeignPipeline } from './foreignPipeline.js';
import type { QuantizerSpec } from '../quantize/trainCodec.js';
import type { IndexSpec, Pipeline, ReductionToken, SecondaryKind } from './pipeline.js';
import { VAMANA_DEFAULTS } from './pipeline.js';

const REDUCTIONS: Record<string, ReductionToken> = {
  pca: 'PCA',
  leanvecid: 'PCA',
  leanvecood: 'LeanVecOOD',
  leanveces: 'LeanVecES',
  rp: 'RP',
  srp: 'SRP',
  trunc: 'Trunc',
};

const QUANTIZERS: Record<string, QuantizerKind> = {
  f32: 'F32',
  fp32: 'F32',
  f16: 'F16',
  fp16: 'F16',
  sq8: 'SQ8',
  lvq8: 'LVQ8',
  lvq4: 'LVQ4',
  lvq4x8: 'LVQ4x8',
  bin: 'BIN',
  abin: 'ABIN',
  rabitq: 'RaBitQ',
};

const SECONDARIES: Record<string, SecondaryKind> = {
  f32: 'F32',
  fp32: 'F32',
  f16: 'F16',
  fp16: 'F16',
  lvq8: 'LVQ8',
};

/**
 * Parses `[reduction,]quantizer,index[|search settings]`, e.g.
 * `LeanVecOOD128,LVQ4x8,Vamana(R=32,L=128)|W=40,rerank=100`. Case and spaces are not significant.
 * A string in FAISS or database words (`HNSW32`, `OPQ32,PQ32`, `int8`) is read as its vecscope
 * equivalent (readForeignPipeline), or refused with what to write instead.
 * Throws VecscopeError with a one-line message on a bad string.
 */
export function parsePipeline(text: string): Pipeline {
  try {
    return parseNative(text);
  } catch (e) {
    if (!(e instanceof VecscopeError)) throw e;
    const foreign = readForeignPipeline(text);
    if (!foreign) throw e;
    if ('problem' in foreign) throw new VecscopeError(`bad pipeline "${text}": ${foreign.problem}`);
    return parseNative(foreign.pipeline);
  }
}

/** How a string in FAISS or database words was read (a line to show the user); undefined for
 * vecscope's own grammar and for strings that do not parse. */
export function foreignPipelineNote(text: string): string | undefined {
  try {
    parseNative(text);
    return undefined;
  } catch {
    const foreign = readForeignPipeline(text);
    return foreign && 'note' in foreign ? foreign.note : undefined;
  }
}

function parseNative(text: string): Pipeline {
  const fail = (why: string): never => {
    throw new VecscopeError(`bad pipeline "${text}": ${why}`);
  };
  const s = text.replace(/\s+/g, '');
  const bar = s.indexOf('|');
  const head = bar < 0 ? s : s.slice(0, bar);
  const tail = bar < 0 ? undefined : s.slice(bar + 1);
  const parts = splitTop(head);
  if (parts === null) fail('unbalanced parentheses');
  const stages = parts!;
  if (stages.length < 2 || stages.length > 3)
    fail('expected [reduction,]quantizer,index (e.g. PCA128,LVQ8,Vamana|W=40)');
  let reduction: Pipeline['reduction'];
  if (stages.length === 3) {
    const m = /^([a-z]+?)(\d+)$/i.exec(stages[0]!);
    const kind = m ? REDUCTIONS[m[1]!.toLowerCase()] : undefined;
    if (!m || !kind)
      fail(`unknown reduction "${stages[0]}" (PCA<d>, LeanVecOOD<d>, LeanVecES<d>, RP<d>, SRP<d>, Trunc<d>)`);
    const dim = Number(m![2]);
    if (!(dim >= 1)) fail(`reduction dimension must be at least 1`);
    reduction = { kind: kind!, dim };
  }
  const quantizer = parseQuantizer(stages[stages.length - 2]!, fail);
  const index = parseIndex(stages[stages.length - 1]!, fail);
  const search: Pipeline['search'] = {};
  if (tail !== undefined) {
    if (tail === '') fail('nothing after "|"');
    for (const kv of tail.split(',')) {
      const [key, value, extra] = kv.split('=');
      if (value === undefined || extra !== undefined) fail(`search setting "${kv}" is not key=value`);
      const k = key!.toLowerCase();
      if (k === 'w' || k === 'rerank') {
        const v = positiveInt(value!, fail, key!);
        if (k === 'w') search.W = v;
        else search.rerank = v;
      } else if (k === 'sec') {
        const sec = SECONDARIES[value!.toLowerCase()];
        if (!sec) fail(`sec must be F32, F16 or LVQ8, got "${value}"`);
        search.sec = sec!;
      } else fail(`unknown search setting "${key}" (W, rerank, sec)`);
    }
  }
  if (search.sec !== undefined && search.rerank === undefined && search.sec !== 'F32')
    fail('sec needs rerank (the secondary vectors only re-score candidates)');
  if (index.kind === 'Flat' && search.W !== undefined) fail('W applies to Vamana only');
  return reduction ? { reduction, quantizer, index, search } : { quantizer, index, search };
}

function parseQuantizer(tok: string, fail: (why: string) => never): QuantizerSpec {
  const pq = /^(o?pq)(\d+)$/i.exec(tok);
  if (pq) {
    const m = positiveInt(pq[2]!, fail, 'PQ sub-quantizers');
    return { kind: pq[1]!.toLowerCase() === 'pq' ? 'PQ' : 'OPQ', m };
  }
  const rabitq = /^rabitq(\d+)$/i.exec(tok);
  if (rabitq) {
    const bits = Number(rabitq[1]);
    // RaBitQ1 would print back as RaBitQ, so the 1-bit form has one spelling.
    if (!(bits >= 2 && bits <= 8))
      fail(`RaBitQ<b> takes b from 2 to 8 (1 bit is plain RaBitQ), got "${tok}"`);
    return { kind: 'RaBitQ', bits };
  }
  const kind = QUANTIZERS[tok.toLowerCase()];
  if (!kind)
    return fail(
      `unknown quantizer "${tok}" (F32, F16, SQ8, LVQ8, LVQ4, LVQ4x8, PQ<m>, OPQ<m>, BIN, ABIN, RaBitQ, RaBitQ<b>)`,
    );
  return { kind };
}

function parseIndex(tok: string, fail: (why: string) => never): IndexSpec {
  if (/^flat$/i.test(tok)) return { kind: 'Flat' };
  const m = /^vamana(?:\((.*)\))?$/i.exec(tok);
  if (!m) return fail(`unknown index "${tok}" (Flat or Vamana(R=..,L=..,a=..))`);
  const spec: IndexSpec = { kind: 'Vamana', R: VAMANA_DEFAULTS.R, L: VAMANA_DEFAULTS.L };
  if (m[1]) {
    for (const kv of m[1].split(',')) {
      const [key, value, extra] = kv.split('=');
      if (value === undefined || extra !== undefined) fail(`Vamana parameter "${kv}" is not key=value`);
      const k = key!.toLowerCase();
      if (k === 'r') spec.R = positiveInt(value!, fail, 'R');
      else if (k === 'l') spec.L = positiveInt(value!, fail, 'L');
      else if (k === 'a' || k === 'alpha') {
        const a = Number(value);
        if (!/^\d*\.?\d+$/.test(value!) || !(a > 0)) fail(`a must be a positive number, got "${value}"`);
        spec.alpha = a;
      } else fail(`unknown Vamana parameter "${key}" (R, L, a)`);
    }
  }
  return spec;
}

function positiveInt(v: string, fail: (why: string) => never, what: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1e9)
    fail(`${what} must be a positive integer, got "${v}"`);
  return Number(v);
}

/** Splits on commas outside parentheses; null if they do not balance. */
function splitTop(s: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) return null;
    } else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return null;
  out.push(s.slice(start));
  return out;
}
