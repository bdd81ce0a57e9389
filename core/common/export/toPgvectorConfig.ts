// Follows pgvector 0.8 (https://github.com/pgvector/pgvector#readme): types vector (≤ 2,000-d under
// HNSW), halfvec (≤ 4,000-d) and bit (≤ 64,000-d); `CREATE INDEX … USING hnsw (col opclass) WITH (m,
// ef_construction)` with m in 2…100, ef_construction in 4…1,000 and ≥ 2·m; `SET hnsw.ef_search` in
// 1…1,000, which also caps how many rows one index scan returns; the operators <-> (L2), <#> (negative
// inner product), <=> (cosine distance) and <~> (Hamming, on bit). Re-ranking is the documented
// pattern: an inner query ordered by the compact expression, an outer one by the full vectors.
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Metric } from '../types.js';
import {
  hnswM,
  quantizerToken,
  reductionPlan,
  rerankSpaceNote,
  searchWindow,
  vamanaNotes,
} from './exportCommon.js';
import type { ExportOptions, ExportResult } from './exportTypes.js';
import { UnsupportedExportError } from './exportTypes.js';

const fail = (stage: string, why: string): never => {
  throw new UnsupportedExportError('pgvector', stage, why);
};

/** What a search ranks by: the stored full vectors, a halfvec cast of them, or a bit code column. */
type PgvectorType = 'vector' | 'halfvec' | 'bit';

export interface PgvectorConfig {
  type: PgvectorType;
  dim: number;
  /** Operator class of the index and of the ranking expression. */
  opsClass: string;
  /** The operator the compact expression is ranked with. */
  operator: string;
  /** The operator on the full vectors (re-ranking, exact ground truth). */
  fullOperator: string;
  /** HNSW settings; absent for a Flat pipeline (a sequential scan, no index). */
  hnsw?: { m: number; efConstruction: number; efSearch: number };
  /** Candidates fetched by the compact expression and re-ranked with the full vectors; absent: none. */
  candidates?: number;
  /** `bit` codes are the signs of the mean-centred vector (the study's BIN), computed client-side. */
  centredBits: boolean;
  notes: string[];
}

const HNSW_MAX_DIM: Record<PgvectorType, number> = { vector: 2000, halfvec: 4000, bit: 64000 };

function metricOp(metric: Metric): { suffix: string; op: string } {
  return metric === 'ip'
    ? { suffix: 'ip', op: '<#>' }
    : metric === 'l2'
      ? { suffix: 'l2', op: '<->' }
      : { suffix: 'cosine', op: '<=>' };
}

/**
 * The pgvector column type, HNSW index and search settings nearest to a pipeline. Throws
 * UnsupportedExportError where pgvector has no equivalent (PQ, OPQ, SQ8, LVQ, multi-bit RaBitQ: it
 * stores only float32, float16 and single bits).
 */
export function toPgvectorConfig(p: Pipeline, opts: ExportOptions): PgvectorConfig {
  const { dim, notes } = reductionPlan(p, opts, 'pgvector');
  const k = opts.k ?? 10;
  const qt = quantizerToken(p);
  const { suffix, op } = metricOp(opts.metric);
  let type: PgvectorType;
  let centredBits = false;
  switch (p.quantizer.kind) {
    case 'F32':
      type = 'vector';
      break;
    case 'F16':
      type = 'halfvec';
      break;
    case 'BIN':
      type = 'bit';
      centredBits = true;
      notes.push(
        `${qt}: a bit(${dim}) column of the signs of (x − mean), the study's codes, ranked by Hamming distance; pgvector's binary_quantize() would threshold at 0 instead`,
      );
      break;
    case 'ABIN':
    case 'RaBitQ':
      if ((p.quantizer.bits ?? 1) > 1) fail(qt, 'pgvector stores single bits, not extended RaBitQ codes');
      type = 'bit';
      centredBits = true;
      notes.push(
        `${qt}: pgvector ranks sign bits by symmetric Hamming distance, without the rotation and per-vector corrections of the study's asymmetric scoring; its candidates are coarser`,
      );
      break;
    case 'SQ8':
    case 'LVQ8':
    case 'LVQ4':
    case 'LVQ4x8':
    case 'PQ':
    case 'OPQ':
      return fail(
        qt,
        'pgvector stores float32 (vector), float16 (halfvec) and single bits (bit); it has no 8-bit, 4-bit or product codes',
      );
  }
  if (type !== 'bit' && dim > HNSW_MAX_DIM[type] && p.index.kind === 'Vamana')
    fail(qt, `pgvector's HNSW indexes ${type} up to ${HNSW_MAX_DIM[type]} dimensions, not ${dim}`);
  const opsClass = type === 'bit' ? 'bit_hamming_ops' : `${type}_${suffix}_ops`;
  const operator = type === 'bit' ? '<~>' : op;
  const rerank = p.search.rerank;
  let candidates: number | undefined;
  if (rerank !== undefined) {
    if (type === 'vector') notes.push(`rerank=${rerank} over F32 re-scores the same vectors; dropped`);
    else {
      candidates = Math.max(rerank, k);
      const sec = p.search.sec ?? 'F32';
      if (sec !== 'F32')
        notes.push(`sec=${sec}: the outer query re-ranks with the stored float32 vectors instead`);
      notes.push(
        `rerank=${rerank}: the inner query takes ${candidates} rows by the ${type} expression, the outer one re-orders them by the float32 vectors`,
      );
    }
  } else if (type === 'bit')
    notes.push(`${qt} without rerank orders by Hamming distance alone; ties are broken arbitrarily`);
  const cfg: PgvectorConfig = {
    type,
    dim,
    opsClass,
    operator,
    fullOperator: op,
    centredBits,
    notes,
  };
  if (candidates !== undefined) cfg.candidates = candidates;
  if (p.index.kind === 'Vamana') {
    const m = Math.min(100, Math.max(2, hnswM(p.index.R)));
    const efConstruction = Math.min(1000, Math.max(p.index.L, 2 * m, 4));
    // An HNSW index scan returns at most ef_search rows, so the window must cover the candidates.
    const efSearch = Math.min(1000, Math.max(searchWindow(p, opts), candidates ?? k));
    cfg.hnsw = { m, efConstruction, efSearch };
    notes.push(...vamanaNotes(p));
    if (efConstruction !== p.index.L)
      notes.push(`ef_construction ${efConstruction} (pgvector needs 2·m ≤ ef_construction ≤ 1000)`);
  } else notes.push('Flat: no index, so PostgreSQL scans every row (exact over the chosen type)');
  notes.push(...rerankSpaceNote(p, true));
  return cfg;
}

/** The SQL a user runs: the index and session settings, then the query with $1 the query vector. */
function pgvectorSql(c: PgvectorConfig, table: string, column: string, k: number): string[] {
  const expr =
    c.type === 'vector' ? column : c.type === 'halfvec' ? `(${column}::halfvec(${c.dim}))` : `${column}_bits`;
  const qExpr =
    c.type === 'vector' ? '$1' : c.type === 'halfvec' ? `$1::halfvec(${c.dim})` : '$2 /* the query bits */';
  const lines: string[] = [];
  if (c.type === 'bit') lines.push(`ALTER TABLE ${table} ADD COLUMN ${column}_bits bit(${c.dim});`);
  if (c.hnsw) {
    lines.push(
      `CREATE INDEX ON ${table} USING hnsw (${expr} ${c.opsClass}) WITH (m = ${c.hnsw.m}, ef_construction = ${c.hnsw.efConstruction});`,
    );
    lines.push(`SET hnsw.ef_search = ${c.hnsw.efSearch};`);
  }
  const inner = `SELECT id, ${column} FROM ${table} ORDER BY ${expr} ${c.operator} ${qExpr} LIMIT ${c.candidates ?? k}`;
  lines.push(
    c.candidates !== undefined
      ? `SELECT id FROM (${inner}) c ORDER BY ${column} ${c.fullOperator} $1 LIMIT ${k};`
      : `${inner.replace(`SELECT id, ${column}`, 'SELECT id')};`,
  );
  return lines;
}

export function pgvectorExport(p: Pipeline, opts: ExportOptions): ExportResult {
  const c = toPgvectorConfig(p, opts);
  const sql = pgvectorSql(c, 'items', 'embedding', opts.k ?? 10);
  const json: Record<string, unknown> = {
    type: c.type,
    dim: c.dim,
    opsClass: c.opsClass,
    operator: c.operator,
    ...(c.hnsw ? { hnsw: c.hnsw } : {}),
    ...(c.candidates !== undefined ? { candidates: c.candidates } : {}),
    sql,
    notes: c.notes,
  };
  return { target: 'pgvector', text: sql.join('\n'), json, notes: c.notes };
}
