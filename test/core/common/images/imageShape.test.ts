import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageShapeFromAxes, imageShapeFromHeader } from '../../../../core/common/images/imageShape.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { idxBars } from '../../../helpers/imageFixtures.js';

test('only headers that keep an image axis layout count as images', () => {
  assert.deepEqual(imageShapeFromHeader('idx', idxBars(3, 28, 28).bytes), {
    height: 28,
    width: 28,
    channels: 1,
  });
  assert.deepEqual(imageShapeFromHeader('npy', encodeNpy(new Float32Array(2 * 4 * 5 * 3), [2, 4, 5, 3])), {
    height: 4,
    width: 5,
    channels: 3,
  });
  // A flat matrix, a fifth "channel", a 1-pixel side: embeddings, not pictures.
  assert.equal(imageShapeFromHeader('npy', encodeNpy(new Float32Array(2 * 784), [2, 784])), undefined);
  assert.equal(imageShapeFromAxes([8, 8, 5]), undefined);
  assert.equal(imageShapeFromAxes([1, 784]), undefined);
  assert.equal(imageShapeFromHeader('fvecs', idxBars(3, 28, 28).bytes), undefined);
});
