/**
 * A pipeline in the words of FAISS's index_factory or a vector database, read as vecscope's grammar:
 * `pipeline` is the equivalent vecscope string (with `note` saying how it was read), or `problem` says
 * in one line what to write instead, where vecscope has no equivalent.
 */
export type ForeignReading = { pipeline: string; note: string } | { problem: string };

const CODECS: Record<string, string> = {
  flat: 'F32',
  f32: 'F32',
  fp32: 'F32',
  float32: 'F32',
  float: 'F32',
  sq8: 'SQ8',
  int8: 'SQ8',
  i8: 'SQ8',
  uint8: 'SQ8',
  scalar: 'SQ8',
  sqfp16: 'F16',
  fp16: 'F16',
  f16: 'F16',
  float16: 'F16',
  half: 'F16',
  lsh: 'BIN',
  binary: 'BIN',
  bq: 'BIN',
  b1: 'BIN',
  rabitq: 'RaBitQ',
  lvq8: 'LVQ8',
  lvq4: 'LVQ4',
  lvq4x8: 'LVQ4x8',
};

/**
 * Reads FAISS / database words (`HNSW32`, `OPQ32,PQ32`, `IVF4096,PQ32`, `PCA64,SQ8`, `int8`, `fp16`);
 * undefined when the text uses none of them. Only consulted where vecscope's own grammar fails, so a
 * vecscope string never changes meaning.
 */
export function readForeignPipeline(text: string): ForeignReading | undefined {
  const s = text.replace(/\s+/g, '');
  const bar = s.indexOf('|');
  const head = bar < 0 ? s : s.slice(0, bar);
  const tail = bar < 0 ? '' : s.slice(bar);
  const parts = head.split(',').filter((t) => t !== '');
  if (parts.length === 0) return undefined;
  let reduction: string | undefined;
  let opq: { m: number; dim?: number } | undefined;
  let graphR: number | undefined;
  let codec: string | undefined;
  const words: string[] = [];
  for (const raw of parts) {
    const t = raw.toLowerCase();
    let m: RegExpExecArray | null;
    if ((m = /^pca[rw]{0,2}(\d+)$/.exec(t)) && !codec && !graphR) {
      reduction = `PCA${m[1]}`;
      if (t !== `pca${m[1]}`) words.push(`${raw} (FAISS's PCA with whitening or rotation) as plain PCA`);
    } else if ((m = /^rr(\d+)$/.exec(t)) && !codec && !graphR) {
      reduction = `RP${m[1]}`;
      words.push(`${raw} (FAISS's random rotation) as RP${m[1]}`);
    } else if ((m = /^opq(\d+)(?:_(\d+))?$/.exec(t)) && !codec) {
      opq = { m: Number(m[1]), ...(m[2] ? { dim: Number(m[2]) } : {}) };
    } else if ((m = /^hnsw(\d+)(?:_(.+))?$/.exec(t)) && !codec && graphR === undefined) {
      graphR = 2 * Number(m[1]);
      words.push(`HNSW${m[1]} as Vamana(R=${graphR}) (HNSW keeps 2·M neighbours on its base layer)`);
      if (m[2]) {
        const c = codecOf(m[2]);
        if (!c || 'problem' in c) return c;
        codec = c.codec;
      }
    } else if (t === 'hnsw' || t === 'vamana' || t === 'diskann' || t === 'graph') {
      graphR = graphR ?? 32;
    } else if (/^(ivf|imi)/.test(t)) {
      const codes = parts.map((p) => codecOf(p)).filter((c) => c !== undefined && 'codec' in c);
      const code = codes.length > 0 ? (codes.at(-1) as { codec: string }).codec : 'F32';
      return {
        problem: `vecscope has no inverted-file (IVF) index; for the same codes write ${code},Flat (exact scan) or ${code},Vamana (graph)`,
      };
    } else if (/^(rflat|refine\(.*\))$/.test(t)) {
      return {
        problem: `re-ranking is a search setting here: drop ${raw} and add |rerank=<candidates>, e.g. PQ32,Flat|rerank=100`,
      };
    } else if (t === 'l2norm') {
      return { problem: 'normalising rows is the cos metric here: drop L2norm and choose the cos metric' };
    } else if (!codec) {
      const c = codecOf(raw);
      if (!c || 'problem' in c) return c;
      codec = c.codec;
    } else return undefined;
  }
  if (opq) {
    if (codec && !/^PQ\d+$/.test(codec))
      return {
        problem: `OPQ${opq.m} is a rotation for PQ here: write OPQ${opq.m},Flat (OPQ with its own PQ codes)`,
      };
    if (codec && codec !== `PQ${opq.m}`)
      return { problem: `OPQ and its PQ codes share m here: write OPQ${opq.m},Flat or ${codec},Flat` };
    if (opq.dim !== undefined)
      return {
        problem: `vecscope's OPQ keeps the dimension: write OPQ${opq.m},Flat, or PCA${opq.dim},OPQ${opq.m},Flat to reduce to ${opq.dim} first`,
      };
    words.push(`OPQ${opq.m},PQ${opq.m} as OPQ${opq.m} (the rotation and its codes are one stage)`);
    codec = `OPQ${opq.m}`;
  }
  if (!codec && graphR === undefined && !reduction) return undefined;
  const quantizer = codec ?? 'F32';
  const index = graphR === undefined ? 'Flat' : graphR === 32 ? 'Vamana' : `Vamana(R=${graphR})`;
  const pipeline = `${reduction ? `${reduction},` : ''}${quantizer},${index}${tail}`;
  return { pipeline, note: `read "${text}" as ${pipeline}${words.length ? `: ${words.join('; ')}` : ''}` };
}

/** A codec word as vecscope's quantizer; a problem where there is none; undefined for no codec word. */
function codecOf(raw: string): { codec: string } | { problem: string } | undefined {
  const t = raw.toLowerCase();
  const direct = CODECS[t];
  if (direct) return { codec: direct };
  let m: RegExpExecArray | null;
  if ((m = /^pq(\d+)(?:x(\d+))?(np)?$/.exec(t))) {
    if (m[2] && m[2] !== '8')
      return { problem: `vecscope's PQ uses 8-bit codes (256 centroids): write PQ${m[1]},Flat` };
    return { codec: `PQ${m[1]}` };
  }
  if (t === 'sq4' || t === 'int4' || t === 'sq6' || t === 'sqbf16' || t === 'bf16')
    return {
      problem:
        t === 'sqbf16' || t === 'bf16'
          ? 'vecscope has no bfloat16 codes; write F16,Flat (float16) for 2 bytes a dimension'
          : `vecscope has no ${raw} scalar code; its ${t === 'sq6' ? '8' : '4'}-bit code is LVQ${t === 'sq6' ? '8' : '4'} (scaled per vector): write LVQ${t === 'sq6' ? '8' : '4'},Flat`,
    };
  if (t === 'pq' || t === 'product')
    return { problem: 'PQ needs its number of sub-quantizers: write PQ<m>,Flat, e.g. PQ32,Flat' };
  if (t === 'sq' || t === 'scalarquantizer') return { codec: 'SQ8' };
  return undefined;
}
