import { VecscopeError } from '../errors.js';
import { decodeBase64, encodeBase64, isBase64 } from '../io/base64.js';
import { CLUSTER_METHODS, LAYOUT_METHODS, QUERY_SETS, protocol, type WireStudyRow } from '../rpc/protocol.js';
import {
  RpcValidationError,
  array,
  boolean,
  f32,
  i32,
  literal,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  string,
  type Infer,
  type Schema,
} from '../rpc/schema.js';

/** The workspace file's format version; a file of another version is refused with the reason. */
export const WORKSPACE_VERSION = 1;

/** Largest workspace text read (a study of many pipelines over a million points stays well under). */
const MAX_WORKSPACE_CHARS = 512 * 1024 * 1024;

const int = (min = 0, max = 2 ** 31 - 1) => number({ int: true, min, max });

/** Typed arrays travel in JSON as tagged base64 (little-endian, as every platform vecscope runs on). */
function pack(value: unknown): unknown {
  if (value instanceof Float32Array) return { $f32: encodeBase64(bytesOf(value)) };
  if (value instanceof Int32Array) return { $i32: encodeBase64(bytesOf(value)) };
  if (value instanceof Float64Array) return { $f64: encodeBase64(bytesOf(value)) };
  if (Array.isArray(value)) return value.map(pack);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = pack(v);
    return out;
  }
  return value;
}

const bytesOf = (a: Float32Array | Int32Array | Float64Array) =>
  new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function unpackArray(text: unknown, width: number, path: string): ArrayBuffer {
  if (typeof text !== 'string' || !isBase64(text))
    throw new RpcValidationError(`${path}: expected base64 array data`);
  const bytes = decodeBase64(text);
  if (bytes.length % width !== 0) throw new RpcValidationError(`${path}: array data cut short`);
  return bytes.buffer;
}

function unpack(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => unpack(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$f32') return new Float32Array(unpackArray(o['$f32'], 4, path));
    if (keys.length === 1 && keys[0] === '$i32') return new Int32Array(unpackArray(o['$i32'], 4, path));
    if (keys.length === 1 && keys[0] === '$f64') return new Float64Array(unpackArray(o['$f64'], 8, path));
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = unpack(o[k], path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}

/** A study row as the engine sends it, checked by the engine's own wire schema. */
const studyRow: Schema<WireStudyRow> = {
  kind: 'study row',
  parse: (v, p = '') => {
    try {
      return protocol.study.partial.parse({ row: v, nq: 0 }).row;
    } catch (e) {
      throw new RpcValidationError(`${p}: ${(e as Error).message}`);
    }
  },
};

const workspaceSchema = object({
  vecscope: literal('workspace'),
  version: literal(WORKSPACE_VERSION),
  savedAt: string({ maxLength: 64 }),
  dataset: object({
    /** What was opened: a path, "sample" or a synthetic spec. */
    source: string({ maxLength: 4096 }),
    n: int(),
    dim: int(),
    /** vectorFingerprint of the rows when saved: a reopened file with another is a changed file. */
    fingerprint: string({ maxLength: 64 }),
    /** A metadata file attached after opening (attachMetadata), attached again on restore. */
    metadata: optional(string({ maxLength: 4096 })),
    /** A table of texts: the column embedded and the model folder (absent: the built-in model). */
    textColumn: optional(string({ maxLength: 1000 })),
    textModel: optional(string({ maxLength: 4096 })),
    /** A seeded sample of the file's rows was open (--max-rows): this many, taken again on restore. */
    maxRows: optional(int()),
  }),
  view: object({
    layoutMethod: oneOf(LAYOUT_METHODS),
    layoutDim: int(2, 3),
    mapParams: object({ neighbors: number(), minDist: number(), perplexity: number() }),
    colorBy: object({ kind: oneOf(['none', 'column', 'cluster'] as const), name: optional(string()) }),
    numericScale: record(oneOf(['categorical', 'continuous'] as const)),
    pointSize: number({ min: 0, max: 100 }),
    opacity: number({ min: 0, max: 1 }),
    searchText: string({ maxLength: 1000 }),
    /** The metadata filter in force (a DuckDB predicate), applied again on restore. */
    filter: optional(string({ maxLength: 2000 })),
    selection: nullable(i32()),
  }),
  /** Finished maps, so reopening shows them without computing them again. */
  layouts: array(
    object({
      method: oneOf(LAYOUT_METHODS),
      dim: int(2, 3),
      params: string({ maxLength: 200 }),
      positions: f32(),
    }),
    { maxLength: 16 },
  ),
  clusters: nullable(
    object({
      method: oneOf(CLUSTER_METHODS),
      /** The space clustered (as the engine names it, e.g. "umap5"). */
      space: string({ maxLength: 100 }),
      labels: i32(),
      names: array(string({ maxLength: 500 }), { maxLength: 100_000 }),
    }),
  ),
  lab: object({
    open: boolean(),
    sweepText: string({ maxLength: 100_000 }),
    k: int(1, 1000),
    querySet: oneOf(QUERY_SETS),
    maxQueries: int(1, 100_000),
    metric: nullable(oneOf(['ip', 'l2', 'cos'] as const)),
    selected: nullable(string({ maxLength: 200 })),
    /** The user's query file (and learning queries) behind the `file` query set, attached again on restore. */
    queryFile: optional(
      object({ path: string({ maxLength: 4096 }), learnPath: optional(string({ maxLength: 4096 })) }),
    ),
    study: nullable(
      object({
        querySet: oneOf(QUERY_SETS),
        maxQueries: int(1, 100_000),
        k: int(1, 1000),
        nq: int(),
        rows: array(studyRow, { maxLength: 256 }),
        frontier: nullable(object({ qps: array(string()), bytes: array(string()) })),
      }),
    ),
  }),
});

export type Workspace = Infer<typeof workspaceSchema>;

/** The text of a workspace file (`.vecscope.json`). */
export function workspaceToJson(ws: Workspace): string {
  return JSON.stringify(pack(ws));
}

/**
 * Reads a workspace file's text; `name` names the file in errors. Refuses what is not a vecscope
 * workspace, another version, or anything that does not fit the schema, in one line.
 */
export function parseWorkspace(text: string, name: string): Workspace {
  if (text.length > MAX_WORKSPACE_CHARS) throw new VecscopeError('workspace file too large', name);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new VecscopeError(`not valid JSON (${(e as Error).message.split('\n')[0]})`, name);
  }
  const head = raw as { vecscope?: unknown; version?: unknown } | null;
  if (head === null || typeof head !== 'object' || head.vecscope !== 'workspace')
    throw new VecscopeError('not a vecscope workspace (no "vecscope": "workspace")', name);
  if (head.version !== WORKSPACE_VERSION)
    throw new VecscopeError(
      `workspace version ${String(head.version)}; this vecscope reads version ${WORKSPACE_VERSION}`,
      name,
    );
  try {
    const ws = workspaceSchema.parse(unpack(raw, ''));
    checkSizes(ws);
    return ws;
  } catch (e) {
    if (e instanceof RpcValidationError) throw new VecscopeError(`invalid workspace: ${e.message}`, name);
    throw e;
  }
}

/** Arrays sized by the data set must match it: a hand-edited file must not paint garbage. */
function checkSizes(ws: Workspace): void {
  const { n } = ws.dataset;
  for (const l of ws.layouts)
    if (l.positions.length !== n * l.dim)
      throw new RpcValidationError(
        `layouts: a ${l.method} map of ${l.positions.length / l.dim} points for ${n} rows`,
      );
  if (ws.clusters && ws.clusters.labels.length !== n)
    throw new RpcValidationError(`clusters: ${ws.clusters.labels.length} labels for ${n} rows`);
  const sel = ws.view.selection;
  if (sel && sel.some((r) => r < 0 || r >= n))
    throw new RpcValidationError('view.selection: a row out of range');
  for (const r of ws.lab.study?.rows ?? [])
    if (r.error === undefined && r.neighbourLoss.length !== n)
      throw new RpcValidationError(
        `lab.study: row ${r.pipeline} has ${r.neighbourLoss.length} points for ${n}`,
      );
}
