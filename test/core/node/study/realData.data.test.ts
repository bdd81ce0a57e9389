import { test } from 'node:test';
import { loadDataset, loadQueries } from '../../../../core/node/io/loadDataset.js';
import { sharedData } from '../../../helpers/sharedData.js';
import { checkRealStudyRecall, headRows } from '../../../helpers/realStudy.js';

// On the sample: realData.test.ts.
test('real data (wordnet-use512, OOD queries): codec, PCA and Vamana recall against brute force', async () => {
  const dir = sharedData('wordnet-use512');
  const base = headRows((await loadDataset(`${dir}/base.fvecs`)).vectors, 4_000);
  const queries = headRows(await loadQueries(`${dir}/query_ood_lemma.fvecs`, base), 100);
  await checkRealStudyRecall(base, queries);
});
