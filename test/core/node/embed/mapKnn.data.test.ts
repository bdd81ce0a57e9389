import { test } from 'node:test';
import { checkPrefilterRecall } from '../../../helpers/mapsData.js';
import { loadMnistSubset } from '../../../helpers/sharedData.js';

test('the PCA-prefiltered k-NN graph for maps recalls the exact graph on 3,000 mnist10k digits', async () => {
  await checkPrefilterRecall(loadMnistSubset(3000).data, 'mnist10k, 3,000 digits');
});
