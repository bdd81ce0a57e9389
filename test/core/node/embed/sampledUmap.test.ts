import { test } from 'node:test';
import { checkGraphPlacement, checkSampledKeepsQuality } from '../../../helpers/sampledUmapChecks.js';
import { sampleSubset } from '../../../helpers/sampleData.js';

// 4,500 rows of the built-in sample coloured by WordNet lexical class (mnist10k digits:
// sampledUmap.data.test.ts). Measured here: full fit T10 0.927 NH10 0.363, 3,000 fitted + 1,500 placed
// T10 0.913 NH10 0.358; placed points' hit 0.345 against 0.362 for fitted ones; graph recall@15 0.9996.
test('the large-n strategy (fit two thirds, place the rest) keeps the full map quality; placed points land among their kind', async () => {
  const { data, labels } = sampleSubset(4500);
  await checkSampledKeepsQuality(data, labels);
});

test('placing through a Vamana graph over the sample finds the exact placement neighbours and the same map quality', async () => {
  const { data, labels } = sampleSubset(4500);
  await checkGraphPlacement(data, labels);
});
