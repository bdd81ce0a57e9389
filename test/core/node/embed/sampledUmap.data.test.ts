import { test } from 'node:test';
import { checkGraphPlacement, checkSampledKeepsQuality } from '../../../helpers/sampledUmapChecks.js';
import { loadMnistSubset } from '../../../helpers/sharedData.js';

// The strategy's quality is set by the sample's size: fitted on a third of these 4,500 digits the map
// itself is coarser (neighbourhood hit about 0.80 against 0.88), fitted on two thirds it is close.
test('the large-n strategy on 4,500 mnist10k digits keeps the full map quality; placed digits land among their kind', async () => {
  const { data, labels } = loadMnistSubset(4500);
  await checkSampledKeepsQuality(data, labels);
});

test('placing 1,500 mnist10k digits through a Vamana graph finds the exact placement neighbours and the same map quality', async () => {
  const { data, labels } = loadMnistSubset(4500);
  await checkGraphPlacement(data, labels);
});
