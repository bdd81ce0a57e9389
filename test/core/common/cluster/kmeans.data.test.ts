import { test } from 'node:test';
import { checkKmeansAgainstLloyd } from '../../../helpers/mapsData.js';
import { loadMnistSubset } from '../../../helpers/sharedData.js';

test('k-means objective on 1,000 mnist10k digits is never worse than the best of 5 restarts of plain Lloyd', () => {
  checkKmeansAgainstLloyd(loadMnistSubset(1000).data, 10);
});
