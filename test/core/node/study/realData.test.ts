import { test } from 'node:test';
import { loadDataset, loadQueries } from '../../../../core/node/io/loadDataset.js';
import { samplePaths } from '../../../../core/node/io/samples.js';
import { checkRealStudyRecall, headRows } from '../../../helpers/realStudy.js';

// The built-in sample's WordNet embeddings (float16 on disk); the same bars on wordnet-use512 from
// ../shared/data are in realData.data.test.ts.
test('real data (the sample, OOD queries): codec, PCA and Vamana recall against brute force', async () => {
  const base = headRows((await loadDataset('sample')).vectors, 4_000);
  const queries = headRows(await loadQueries(samplePaths().queryOod, base), 100);
  await checkRealStudyRecall(base, queries);
});
