import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lsaEmbedding } from '../../../../core/common/text/lsaEmbedding.js';
import { tfidf, tokenize } from '../../../../core/common/text/tfidf.js';

test('TF-IDF drops function words and rare terms and gives unit rows', () => {
  assert.deepEqual(tokenize("The dog's bark, of a DOG"), ["dog's", 'bark', 'dog']);
  const { matrix, vocabulary } = tfidf(['red apple', 'green apple', 'red car'], 2);
  assert.deepEqual(vocabulary, ['apple', 'red']);
  for (let i = 0; i < 3; i++) {
    let s = 0;
    for (let e = matrix.indptr[i]!; e < matrix.indptr[i + 1]!; e++) s += matrix.values[e]! ** 2;
    assert.ok(Math.abs(s - 1) < 1e-12);
  }
});

test('LSA places texts about the same things together, with unit rows, deterministically', () => {
  const fruit = [
    'sweet red fruit of the apple tree',
    'yellow fruit sweet and soft',
    'fruit juice sweet drink',
  ];
  const cars = ['motor car with four wheels', 'car engine and wheels', 'fast racing car engine'];
  const texts = [...fruit, ...cars, ...fruit.map((t) => `${t} ripe`), ...cars.map((t) => `${t} road`)];
  const { vectors } = lsaEmbedding(texts, { dim: 2, seed: 1 });
  const cos = (a: number, b: number) =>
    vectors.data[a * 2]! * vectors.data[b * 2]! + vectors.data[a * 2 + 1]! * vectors.data[b * 2 + 1]!;
  for (let i = 0; i < texts.length; i++) assert.ok(Math.abs(cos(i, i) - 1) < 1e-5);
  // Same topic closer than across topics.
  assert.ok(cos(0, 1) > cos(0, 3) && cos(3, 4) > cos(4, 1), `${cos(0, 1)} ${cos(0, 3)}`);
  assert.deepEqual(lsaEmbedding(texts, { dim: 2, seed: 1 }).vectors.data, vectors.data);
});
