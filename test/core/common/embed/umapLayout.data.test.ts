import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadMnistSubset } from '../../../helpers/sharedData.js';
import { umap3dAndPlacement } from '../../../helpers/umapPlacement.js';

// umapLayout.test.ts's 3-D and placement check on 2,000 mnist10k digits (every 4.5th), where the bars are
// absolute: ten well-separated classes.
test('3-D maps of mnist10k digits, the WASM optimiser matches the TS reference, and placed digits land among their kind', () => {
  const { data, labels } = loadMnistSubset(2000);
  const r = umap3dAndPlacement(data, labels);
  assert.ok(r.trustworthiness >= 0.95, String(r.trustworthiness));
  // Measured: 0.80 placed vs 0.86 for fitted points (umap-learn-style transform, lr/4, 100 epochs).
  assert.ok(r.placedAccuracy >= r.fittedAccuracy - 0.1);
  assert.ok(r.placedAccuracy >= 0.75);
});
