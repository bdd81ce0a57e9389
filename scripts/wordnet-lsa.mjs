// Writes the second model for comparing embedding models (README, `vecscope compare`): an LSA embedding
// (TF-IDF reduced by a seeded truncated SVD, core/common/text/lsaEmbedding.ts) of the WordNet definitions
// in ../shared/data/wordnet-use512, row-aligned with its USE-lite base.fvecs. Needs `npm run build:ts`.
//   node scripts/wordnet-lsa.mjs [out.npy] [--dim 128] [--seed 1]
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { lsaEmbedding } from '../dist/core/common/text/lsaEmbedding.js';
import { loadDataset } from '../dist/core/node/io/loadDataset.js';
import { writeNpy } from '../dist/core/node/io/write.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return Number(value);
};
const dim = option('--dim', 128);
const seed = option('--seed', 1);
const out = args[0] ?? 'tmp/wordnet-lsa128.npy';
const ds = await loadDataset('../shared/data/wordnet-use512/base.fvecs');
const defs = ds.metadata.find((c) => c.name === 'definition');
if (defs?.type !== 'text') throw new Error('wordnet-use512/base.tsv has no definition column');
const { vectors, terms } = lsaEmbedding(defs.values, { dim, seed });
mkdirSync(dirname(out), { recursive: true });
await writeNpy(out, vectors.data, [vectors.n, vectors.dim]);
console.log(`${out}: ${vectors.n} × ${vectors.dim} LSA rows from ${terms} terms (seed ${seed})`);
