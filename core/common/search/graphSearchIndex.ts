import { VecscopeError } from '../errors.js';
import type { Codec, EncodedVectors } from '../quantize/codec.js';
import { instantiateGraph, type GraphExports } from '../wasm/instantiateGraph.js';
import { graphCodesOf, graphQueryPreparer, type GraphCodes, type QueryPreparer } from './graphCodes.js';
import { GraphMemory, residentHome } from './graphMemory.js';
import type { VamanaGraph } from './vamanaGraph.js';

/** Largest candidate buffer a search may ask for (window, re-rank depth and k). */
export const MAX_SEARCH_BUFFER = 4096;

/** Threads that can search one index at once: the thread that made it, and up to 8 workers. */
export const MAX_SEARCH_SLOTS = 9;

/** Largest out-degree a searched graph may have (the per-node neighbour scratch). */
export const MAX_DEGREE = 512;

/** Byte offsets of one index in its shared memory: plain data, so workers can bind to it. */
export interface GraphSearchLayout {
  n: number;
  dim: number;
  kind: number;
  ip: boolean;
  codes: number;
  rowBytes: number;
  scale: number;
  bias: number;
  norm: number;
  refine: number;
  m: number;
  queryBytes: number;
  /** The codes are the data set's own rows in place (no copy of them in this memory's accounting). */
  adopted: boolean;
  slots: {
    q: number;
    visited: number;
    genAt: number;
    ids: number;
    dists: number;
    flags: number;
    nbIds: number;
    nbDists: number;
  }[];
  /** The graph searched (absent: a flat scan). */
  adj: number;
  R: number;
  medoid: number;
  graph: boolean;
}

/**
 * Codes of one EncodedVectors (and the graphs over them) laid out once in a growable shared
 * WebAssembly memory that core/wasm/graph.ts searches, one call per query, on any of MAX_SEARCH_SLOTS
 * threads. A flat scan and every graph over the same codes share one copy of them; float32 codes
 * that view the same rows (a F32 pipeline and F32 re-ranking) share it too.
 */
class CodeStore {
  private readonly mem: GraphMemory;
  readonly memory: WebAssembly.Memory;
  /** The codes are the caller's own rows, in place (residentFloat32): no copy of them was made. */
  readonly adopted: boolean;
  private readonly base: Omit<GraphSearchLayout, 'adj' | 'R' | 'medoid' | 'graph'>;
  get layout(): Omit<GraphSearchLayout, 'adj' | 'R' | 'medoid' | 'graph'> {
    return this.base;
  }
  private readonly indexes = new Map<VamanaGraph | null, GraphSearchIndex>();

  constructor(c: GraphCodes) {
    const home = residentHome(c.codes);
    const mem = (this.mem = home ?? new GraphMemory());
    this.adopted = home !== undefined;
    const { n, dim } = c;
    const at = {
      codes: home ? c.codes.byteOffset : mem.reserve(n * c.rowBytes),
      scale: c.scale ? mem.reserve(n * 4) : 0,
      bias: c.bias ? mem.reserve(n * 4) : 0,
      norm: c.norms ? mem.reserve(n * 4) : 0,
      refine: c.refine ? mem.reserve(n * dim) : 0,
    };
    // The making thread's slot now; worker slots when a batch search first asks (ensureSlots): each
    // holds an n-long visited array, so unused ones would cost 4 bytes a row apiece.
    const slots = [this.newSlot(c.queryBytes, n)];
    this.memory = home ? home.memory! : mem.commit(true);
    if (!home) mem.u8(at.codes, n * c.rowBytes).set(c.codes.subarray(0, n * c.rowBytes));
    if (c.scale) mem.f32(at.scale, n).set(c.scale.subarray(0, n));
    if (c.bias) mem.f32(at.bias, n).set(c.bias.subarray(0, n));
    if (c.norms) mem.f32(at.norm, n).set(c.norms.subarray(0, n));
    if (c.refine) mem.u8(at.refine, n * dim).set(c.refine.subarray(0, n * dim));
    this.base = {
      n,
      dim,
      kind: c.kind,
      ip: c.ip,
      rowBytes: c.rowBytes,
      m: c.m,
      queryBytes: c.queryBytes,
      adopted: this.adopted,
      ...at,
      slots,
    };
  }

  private newSlot(queryBytes: number, n: number): GraphSearchLayout['slots'][number] {
    const mem = this.mem;
    return {
      q: mem.reserve(queryBytes),
      visited: mem.reserve(n * 4),
      genAt: mem.reserve(4),
      ids: mem.reserve(MAX_SEARCH_BUFFER * 4),
      dists: mem.reserve(MAX_SEARCH_BUFFER * 8),
      flags: mem.reserve(MAX_SEARCH_BUFFER * 16),
      nbIds: mem.reserve(MAX_DEGREE * 4),
      nbDists: mem.reserve(MAX_DEGREE * 8),
    };
  }

  /** Reserves slots up to `count` (every index over these codes shares the one slots array). */
  ensureSlots(count: number): void {
    if (count > MAX_SEARCH_SLOTS)
      throw new VecscopeError(`an index serves at most ${MAX_SEARCH_SLOTS} threads (asked for ${count})`);
    const slots = this.base.slots;
    while (slots.length < count) slots.push(this.newSlot(this.base.queryBytes, this.base.n));
  }

  /** The index searching `graph` (appended to the memory on first use), or the flat scan. */
  indexFor(graph: VamanaGraph | undefined): GraphSearchIndex {
    let index = this.indexes.get(graph ?? null);
    if (index) return index;
    let adj = 0;
    if (graph) {
      if (graph.n !== this.base.n)
        throw new VecscopeError(`graph has ${graph.n} nodes, codes ${this.base.n} rows`);
      if (graph.R > MAX_DEGREE) throw new VecscopeError(`graph degree ${graph.R} is above ${MAX_DEGREE}`);
      if (residentHome(graph.adjacency) === this.mem && graph.adjacency.length === graph.n * graph.R) {
        // Built into this memory (VamanaBuildOptions.home): searched in place.
        adj = graph.adjacency.byteOffset;
      } else {
        adj = this.mem.reserve(graph.adjacency.byteLength);
        const copy = this.mem.i32(adj, graph.adjacency.length);
        copy.set(graph.adjacency);
        // Handed over, like the codes: the graph is held once, in the index memory.
        graph.adjacency = copy;
      }
    }
    index = GraphSearchIndex.attach(
      this.memory,
      { ...this.base, adj, R: graph?.R ?? 0, medoid: graph?.medoid ?? 0, graph: !!graph },
      (count) => this.ensureSlots(count),
    );
    this.indexes.set(graph ?? null, index);
    return index;
  }
}

/** One searchable index: a memory and where the codes, the graph and the threads' scratch lie in it. */
export class GraphSearchIndex {
  private constructor(
    readonly memory: WebAssembly.Memory,
    readonly layout: GraphSearchLayout,
    private readonly grow: ((count: number) => void) | undefined,
  ) {}

  /**
   * An index laid out in `memory`. `grow` reserves more slots: only the thread that made the index
   * may (workers attach with the slots they were given).
   */
  static attach(
    memory: WebAssembly.Memory,
    layout: GraphSearchLayout,
    grow?: (count: number) => void,
  ): GraphSearchIndex {
    return new GraphSearchIndex(memory, layout, grow);
  }

  /** Makes slots 0 … count − 1 usable; call before handing the layout to worker threads. */
  ensureSlots(count: number): void {
    if (this.layout.slots.length >= count) return;
    if (!this.grow)
      throw new VecscopeError(`slot ${count - 1} of this index was not reserved by the thread that made it`);
    this.grow(count);
  }
}

// Stores by the codes' bytes, so two EncodedVectors viewing the same rows share one store; a store
// lives as long as those bytes (for float32 codes: the data set's own rows).
const stores = new WeakMap<ArrayBufferLike, Map<string, CodeStore>>();

/**
 * The realm's index over `encoded` (and `graph`), made on first use. Codes the store copied (not a
 * data set's float32 rows) are handed over: `encoded`'s arrays become views of the store's copy, so the
 * codes are held once, in WebAssembly memory, once the caller's old arrays are dropped.
 */
export function searchIndexFor(codec: Codec, encoded: EncodedVectors, graph?: VamanaGraph): GraphSearchIndex {
  const c = graphCodesOf(codec, encoded);
  let byView = stores.get(c.codes.buffer);
  if (!byView) stores.set(c.codes.buffer, (byView = new Map()));
  const key = `${c.codes.byteOffset}:${c.n}:${c.dim}:${c.kind}:${c.rowBytes}:${c.ip}:${c.scale ? 1 : 0}:${c.norms ? 1 : 0}`;
  let store = byView.get(key);
  if (!store) {
    byView.set(key, (store = new CodeStore(c)));
    if (codec.kind !== 'F32' && !store.adopted) handOver(store, c, encoded, key);
  }
  return store.indexFor(graph);
}

/** Points `encoded`'s arrays at the store's copies where they are the same bytes. */
function handOver(store: CodeStore, c: GraphCodes, encoded: EncodedVectors, key: string): void {
  const l = store.layout;
  const { n } = c;
  if (c.codes === encoded.codes && encoded.codes.length === n * c.rowBytes)
    encoded.codes = new Uint8Array(store.memory.buffer, l.codes, n * c.rowBytes);
  if (c.scale && c.scale === encoded.scale && encoded.scale.length === n)
    encoded.scale = new Float32Array(store.memory.buffer, l.scale, n);
  if (c.bias && c.bias === encoded.bias && encoded.bias.length === n)
    encoded.bias = new Float32Array(store.memory.buffer, l.bias, n);
  if (c.refine && c.refine === encoded.refine && encoded.refine.length === n * c.dim)
    encoded.refine = new Uint8Array(store.memory.buffer, l.refine, n * c.dim);
  // The handed-over codes find the same store.
  let byView = stores.get(encoded.codes.buffer);
  if (!byView) stores.set(encoded.codes.buffer, (byView = new Map()));
  const movedKey = `${encoded.codes.byteOffset}${key.slice(key.indexOf(':'))}`;
  if (encoded.codes !== c.codes) byView.set(movedKey, store);
}

const instances = new WeakMap<WebAssembly.Memory, GraphExports>();

/**
 * One thread's view of an index: binds the realm's instance to its slot, prepares queries with the
 * codec's transform, and runs a whole search (or flat scan, or re-scoring) in one WebAssembly call.
 */
export class GraphSlotSearcher {
  private readonly g: GraphExports;
  private readonly prepare: QueryPreparer;
  private readonly slot: GraphSearchLayout['slots'][number];
  /** Views of the slot's candidate buffer (ids and distances, sorted). */
  readonly ids: Int32Array;
  readonly dists: Float64Array;

  constructor(
    readonly index: GraphSearchIndex,
    codec: Codec,
    slot: number,
  ) {
    const { memory, layout } = index;
    let g = instances.get(memory);
    if (!g) instances.set(memory, (g = instantiateGraph(memory)));
    this.g = g;
    index.ensureSlots(slot + 1);
    this.slot = layout.slots[slot]!;
    this.prepare = graphQueryPreparer(codec, new Uint8Array(memory.buffer, this.slot.q, layout.queryBytes));
    this.ids = new Int32Array(memory.buffer, this.slot.ids, MAX_SEARCH_BUFFER);
    this.dists = new Float64Array(memory.buffer, this.slot.dists, MAX_SEARCH_BUFFER);
  }

  /** Points the instance at this index and slot (several searchers may share a realm's instance). */
  private bind(): void {
    const l = this.index.layout;
    const s = this.slot;
    this.g.setIndex(
      l.n,
      l.dim,
      l.kind,
      l.ip ? 1 : 0,
      l.codes,
      l.rowBytes,
      l.scale,
      l.bias,
      l.norm,
      l.refine,
      l.m,
      l.adj,
      l.R,
      l.medoid,
    );
    this.g.setScratch(
      s.q,
      s.visited,
      s.genAt,
      s.ids,
      s.dists,
      s.flags,
      MAX_SEARCH_BUFFER,
      s.nbIds,
      s.nbDists,
    );
  }

  /** Prepares the query and binds; distances and searches then refer to it. */
  setQuery(q: Float32Array, offset: number): void {
    this.bind();
    const [c0, c1, c2] = this.prepare(q, offset);
    this.g.setQueryConstants(c0, c1, c2);
  }

  /** Graph search (window W, `cap` candidates kept) or, without a graph, a flat scan keeping `cap`. */
  run(W: number, cap: number): number {
    const c = Math.max(W, cap);
    if (c > MAX_SEARCH_BUFFER)
      throw new VecscopeError(`a search keeps at most ${MAX_SEARCH_BUFFER} candidates (asked for ${c})`);
    return this.index.layout.graph ? this.g.search(W, c) : this.g.scan(c);
  }

  get evaluations(): number {
    return this.g.evaluations();
  }

  refineBuffer(count: number): void {
    this.g.refineBuffer(count);
  }

  /** Re-scores the first `count` of `ids` (copied into this slot) and sorts them by distance. */
  rescore(ids: Int32Array, count: number): void {
    this.ids.set(ids.subarray(0, count));
    this.g.rescore(count);
  }

  /** The codec's distance from the current query to row i (what the traversal compares). */
  distance(i: number): number {
    return this.g.distance(i);
  }
}
