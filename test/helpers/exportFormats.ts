// Checkers of each target's documented configuration format, written from the targets' own grammar
// and schema documentation (see the versions in core/common/export/*). They return a list of problems
// (empty when the configuration is valid), so a test can show all of them at once.

/**
 * Parses a FAISS index_factory string the way faiss/index_factory.cpp (v1.12) does for the
 * components vecscope emits: an optional `,RFlat` / `,Refine(<code>)` suffix, leading vector
 * transforms (PCA[W][R]<d>, RR[<d>], OPQ<m>[_<d>], L2norm), then Flat, SQ4/6/8/fp16/bf16, PQ<m>[x<b>],
 * LSH, RaBitQ (v1.11+), or HNSW[<M>][,_]<code>. Checks the dimension constraints the constructors enforce.
 */
export function checkFaissFactory(factory: string, d: number): string[] {
  const problems: string[] = [];
  let s = factory;
  const refine = /^(.+),(RFlat|Refine\((SQfp16|SQ8|Flat)\))$/.exec(s);
  if (refine) s = refine[1]!;
  const parts = s.split(',');
  let dim = d;
  while (parts.length > 1) {
    const t = parts[0]!;
    let m: RegExpExecArray | null;
    if ((m = /^PCAW?R?(\d+)$/.exec(t))) {
      const out = Number(m[1]);
      if (out > dim) problems.push(`${t}: output ${out} above input ${dim}`);
      dim = out;
    } else if ((m = /^RR(\d+)?$/.exec(t))) dim = m[1] ? Number(m[1]) : dim;
    else if ((m = /^OPQ(\d+)(?:_(\d+))?$/.exec(t))) {
      const M = Number(m[1]);
      dim = m[2] ? Number(m[2]) : dim;
      if (dim % M !== 0) problems.push(`${t}: ${M} does not divide ${dim}`);
    } else if (/^L2[nN]orm$/.test(t)) {
      /* keeps the dimension */
    } else break;
    parts.shift();
  }
  const rest = parts.join(',');
  const code = (c: string): boolean => {
    if (c === 'Flat' || c === '') return true;
    if (/^SQ(4|6|8|fp16|bf16)$/.test(c)) return true;
    const pq = /^PQ(\d+)(x\d+)?(np)?$/.exec(c);
    if (pq) {
      if (dim % Number(pq[1]) !== 0) problems.push(`PQ${pq[1]}: does not divide ${dim}`);
      return true;
    }
    return false;
  };
  const hnsw = /^HNSW(\d*)(?:[,_](.*))?$/.exec(rest);
  if (hnsw) {
    if (!code(hnsw[2] ?? '')) problems.push(`HNSW code "${hnsw[2]}" not in the grammar`);
  } else if (rest === 'LSH' || /^LSH\d*r?t?$/.test(rest)) {
    /* IndexLSH */
  } else if (rest === 'RaBitQ') {
    /* IndexRaBitQ: the factory takes no bit count */
  } else if (!code(rest)) problems.push(`"${rest}" is not an index in the factory grammar`);
  return problems;
}

const isInt = (x: unknown, min = 0): boolean => Number.isInteger(x) && (x as number) >= min;
const keysIn = (o: object, allowed: string[], where: string, problems: string[]) => {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) problems.push(`${where}: unknown key "${k}"`);
};

/** Qdrant v1.15 create-collection body and search params (REST, snake_case). */
export function checkQdrant(body: Record<string, unknown>, search: Record<string, unknown>): string[] {
  const p: string[] = [];
  keysIn(body, ['vectors', 'hnsw_config', 'quantization_config'], 'collection', p);
  const v = body['vectors'] as Record<string, unknown> | undefined;
  if (!v) return ['collection: vectors missing'];
  keysIn(v, ['size', 'distance', 'datatype', 'on_disk', 'hnsw_config', 'quantization_config'], 'vectors', p);
  if (!isInt(v['size'], 1)) p.push('vectors.size must be a positive integer');
  if (!['Cosine', 'Euclid', 'Dot', 'Manhattan'].includes(v['distance'] as string)) p.push('vectors.distance');
  if (v['datatype'] !== undefined && !['float32', 'float16', 'uint8'].includes(v['datatype'] as string))
    p.push('vectors.datatype');
  const h = body['hnsw_config'] as Record<string, unknown> | undefined;
  if (h) {
    keysIn(
      h,
      ['m', 'ef_construct', 'full_scan_threshold', 'max_indexing_threads', 'on_disk', 'payload_m'],
      'hnsw_config',
      p,
    );
    if (h['m'] !== undefined && !isInt(h['m'], 0)) p.push('hnsw_config.m');
    if (h['ef_construct'] !== undefined && !isInt(h['ef_construct'], 4))
      p.push('hnsw_config.ef_construct >= 4');
  }
  const q = body['quantization_config'] as Record<string, Record<string, unknown>> | undefined;
  if (q) {
    const kinds = Object.keys(q);
    if (kinds.length !== 1 || !['scalar', 'product', 'binary'].includes(kinds[0]!))
      p.push('quantization_config must hold exactly one of scalar, product, binary');
    if (q['scalar']) {
      keysIn(q['scalar'], ['type', 'quantile', 'always_ram'], 'scalar', p);
      if (q['scalar']['type'] !== 'int8') p.push('scalar.type must be int8');
      const qu = q['scalar']['quantile'] as number | undefined;
      if (qu !== undefined && !(qu >= 0.5 && qu <= 1)) p.push('scalar.quantile in [0.5, 1]');
    }
    if (q['product']) {
      keysIn(q['product'], ['compression', 'always_ram'], 'product', p);
      if (!['x4', 'x8', 'x16', 'x32', 'x64'].includes(q['product']['compression'] as string))
        p.push('product.compression');
    }
    if (q['binary']) keysIn(q['binary'], ['always_ram', 'encoding', 'query_encoding'], 'binary', p);
  }
  keysIn(search, ['hnsw_ef', 'exact', 'quantization', 'indexed_only'], 'search params', p);
  if (search['hnsw_ef'] !== undefined && !isInt(search['hnsw_ef'], 1)) p.push('hnsw_ef');
  const sq = search['quantization'] as Record<string, unknown> | undefined;
  if (sq) {
    keysIn(sq, ['ignore', 'rescore', 'oversampling'], 'search quantization', p);
    if (sq['oversampling'] !== undefined && !((sq['oversampling'] as number) >= 1))
      p.push('oversampling >= 1');
    if (!q) p.push('search quantization params without quantization_config');
  }
  return p;
}

/** Weaviate v1.33 vectorIndexType / vectorIndexConfig (rq: rotational quantization, 1 or 8 bits, hnsw only). */
export function checkWeaviate(c: Record<string, unknown>, dim: number): string[] {
  const p: string[] = [];
  keysIn(c, ['vectorizer', 'vectorIndexType', 'vectorIndexConfig', 'notes'], 'collection', p);
  const type = c['vectorIndexType'];
  if (!['hnsw', 'flat', 'dynamic'].includes(type as string)) p.push('vectorIndexType');
  const v = c['vectorIndexConfig'] as Record<string, unknown>;
  if (!['cosine', 'dot', 'l2-squared', 'hamming', 'manhattan'].includes(v['distance'] as string))
    p.push('distance');
  const compressions = ['pq', 'bq', 'sq', 'rq'].filter(
    (k) => (v[k] as { enabled?: boolean } | undefined)?.enabled,
  );
  if (compressions.length > 1) p.push(`more than one compression enabled: ${compressions}`);
  if (type === 'flat') {
    keysIn(v, ['distance', 'vectorCacheMaxObjects', 'bq'], 'flat config', p);
    if (v['bq']) keysIn(v['bq'] as object, ['enabled', 'rescoreLimit', 'cache'], 'flat bq', p);
  } else {
    keysIn(
      v,
      [
        'distance',
        'ef',
        'efConstruction',
        'maxConnections',
        'dynamicEfMin',
        'dynamicEfMax',
        'dynamicEfFactor',
        'vectorCacheMaxObjects',
        'flatSearchCutoff',
        'cleanupIntervalSeconds',
        'pq',
        'bq',
        'sq',
        'rq',
      ],
      'hnsw config',
      p,
    );
    if (v['ef'] !== undefined && !(v['ef'] === -1 || isInt(v['ef'], 1))) p.push('ef');
    if (v['efConstruction'] !== undefined && !isInt(v['efConstruction'], 1)) p.push('efConstruction > 0');
    if (v['maxConnections'] !== undefined && !isInt(v['maxConnections'], 1)) p.push('maxConnections > 0');
    const pq = v['pq'] as Record<string, unknown> | undefined;
    if (pq) {
      keysIn(pq, ['enabled', 'segments', 'centroids', 'trainingLimit', 'encoder', 'bitCompression'], 'pq', p);
      if (!isInt(pq['segments'], 1) || dim % (pq['segments'] as number) !== 0)
        p.push('pq.segments must divide the dimension');
      if (!isInt(pq['centroids'], 1) || (pq['centroids'] as number) > 256) p.push('pq.centroids <= 256');
    }
    if (v['sq']) keysIn(v['sq'] as object, ['enabled', 'trainingLimit', 'rescoreLimit'], 'sq', p);
    if (v['bq']) keysIn(v['bq'] as object, ['enabled'], 'hnsw bq', p);
    const rq = v['rq'] as Record<string, unknown> | undefined;
    if (rq) {
      keysIn(rq, ['enabled', 'bits', 'rescoreLimit', 'cache'], 'rq', p);
      if (rq['bits'] !== 1 && rq['bits'] !== 8) p.push('rq.bits must be 1 or 8');
    }
  }
  return p;
}

/** Pipelines every exporter is tried on (some have no equivalent in a target, which must say so). */
export const EXPORT_EXAMPLES = [
  'F32,Flat',
  'SQ8,Flat',
  'LVQ8,Flat',
  'PCA128,LVQ8,Flat',
  'LeanVecOOD128,LVQ4x8,Vamana(R=32,L=128)|W=40,rerank=100',
  'Trunc256,PQ32,Flat|rerank=200',
  'BIN,Flat|rerank=100',
  'RaBitQ,Flat|rerank=100',
  'RP64,F16,Vamana(R=32,L=100)|W=64',
  'PCA128,LVQ8,Vamana(R=32,L=100)|W=40,rerank=80,sec=F16',
];
