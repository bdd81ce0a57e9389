import type { QuantizerSpec } from '../quantize/trainCodec.js';
import type { Pipeline } from './pipeline.js';
import { VAMANA_DEFAULTS } from './pipeline.js';

/** Prefix strings of a pipeline's stages, the cache keys of shared fitted stages. */
export function stageKeys(p: Pipeline): { reduction: string; quantizer: string; index: string } {
  const reduction = p.reduction ? `${p.reduction.kind}${p.reduction.dim}` : '';
  const quant = formatQuantizer(p.quantizer);
  const quantizer = reduction ? `${reduction},${quant}` : quant;
  let index: string = p.index.kind;
  if (p.index.kind === 'Vamana') {
    const args: string[] = [];
    if (p.index.R !== VAMANA_DEFAULTS.R) args.push(`R=${p.index.R}`);
    if (p.index.L !== VAMANA_DEFAULTS.L) args.push(`L=${p.index.L}`);
    if (p.index.alpha !== undefined) args.push(`a=${p.index.alpha}`);
    if (args.length > 0) index += `(${args.join(',')})`;
  }
  return { reduction, quantizer, index: `${quantizer},${index}` };
}

/** A quantizer's token: `PQ<m>`, `RaBitQ<bits>` (bits above 1), or the kind itself. */
export function formatQuantizer(q: QuantizerSpec): string {
  if (q.kind === 'PQ' || q.kind === 'OPQ') return `${q.kind}${q.m ?? ''}`;
  if (q.kind === 'RaBitQ' && (q.bits ?? 1) > 1) return `RaBitQ${q.bits}`;
  return q.kind;
}

/** The canonical string of a pipeline: fixed order, defaults left out. `parsePipeline` inverts it. */
export function formatPipeline(p: Pipeline): string {
  const settings: string[] = [];
  if (p.search.W !== undefined) settings.push(`W=${p.search.W}`);
  if (p.search.rerank !== undefined) settings.push(`rerank=${p.search.rerank}`);
  if (p.search.sec !== undefined && p.search.sec !== 'F32') settings.push(`sec=${p.search.sec}`);
  const head = stageKeys(p).index;
  return settings.length > 0 ? `${head}|${settings.join(',')}` : head;
}
