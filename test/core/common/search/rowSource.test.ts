import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trainCodec } from '../../../../core/common/quantize/trainCodec.js';
import { buildVamana } from '../../../../core/common/search/buildVamana.js';
import { decodedRows, forEachBlock } from '../../../../core/common/search/rowSource.js';
import type { Matrix } from '../../../../core/common/types.js';
import { clusteredGaussian, everyQuantizer } from '../../../helpers/fixtures.js';

const SPECS = everyQuantizer(6);

// A block size that does not divide n, so the last block is short.
const BLOCK = 97;

test('decodedRows gives, block by block, exactly the rows of decodePrimary for every codec', () => {
  const dim = 30;
  const base = clusteredGaussian(1_000, dim, 5, 3);
  for (const spec of SPECS) {
    const codec = trainCodec(spec, base, 'l2', 1);
    const encoded = codec.encode(base);
    const whole = codec.decodePrimary(encoded).data;
    const src = decodedRows(codec, encoded);
    let rows = 0;
    forEachBlock(
      src,
      (block, start, count) => {
        assert.equal(block.length, count * dim, `${spec.kind}: block length`);
        assert.deepEqual(block, whole.subarray(start * dim, (start + count) * dim), `${spec.kind} @${start}`);
        rows += count;
      },
      BLOCK,
    );
    assert.equal(rows, base.n, `${spec.kind}: every row once`);
  }
});

test('a Vamana build over decoded blocks equals the build over the decoded matrix (l2 and ip, int8 and f32)', () => {
  const dim = 24;
  // More rows than one ROW_BLOCK (4096), so the build reads several blocks.
  const base: Matrix = clusteredGaussian(9_000, dim, 12, 8);
  for (const metric of ['l2', 'ip'] as const)
    for (const precision of ['int8', 'f32'] as const) {
      const codec = trainCodec({ kind: 'LVQ8' }, base, metric, 2);
      const encoded = codec.encode(base);
      const opts = { R: 12, L: 24, seed: 4, precision };
      const fromMatrix = buildVamana(codec.decodePrimary(encoded), metric, opts);
      const fromBlocks = buildVamana(decodedRows(codec, encoded), metric, opts);
      assert.equal(fromBlocks.medoid, fromMatrix.medoid, `${metric}/${precision}: medoid`);
      assert.deepEqual(fromBlocks.adjacency, fromMatrix.adjacency, `${metric}/${precision}: adjacency`);
      assert.ok(fromMatrix.adjacency.some((v) => v >= 0));
    }
});
