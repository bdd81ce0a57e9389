import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTick, linearTicks, logTicks } from '../../../../core/common/charts/ticks.js';
import { extent, makeScale } from '../../../../core/common/charts/scale.js';

test('log ticks: decades are major, 2 and 5 minor, all inside the range', () => {
  const t = logTicks(30, 20_000);
  const majors = t.filter((x) => x.major).map((x) => x.value);
  assert.deepEqual(majors, [100, 1000, 10000]);
  assert.deepEqual(
    t.map((x) => x.value),
    [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000],
  );
  for (const x of t) assert.ok(x.value >= 30 && x.value <= 20_000);
  assert.deepEqual(
    t.filter((x) => x.label).map((x) => x.label),
    ['100', '1k', '10k'],
    'minor ticks unlabelled over three decades',
  );
  // Under three decades the minor ticks are labelled too.
  assert.deepEqual(
    logTicks(0.02, 0.6).map((x) => x.label),
    ['0.02', '0.05', '0.1', '0.2', '0.5'],
  );
  assert.throws(() => logTicks(0, 10));
});

test('linear ticks use 1/2/5 steps and cover the range', () => {
  // (0.99 - 0.62) / 5 = 0.074 rounds up to a step of 0.1.
  const t = linearTicks(0.62, 0.99, 5).map((x) => x.value);
  assert.deepEqual(t, [0.7, 0.8, 0.9]);
  assert.deepEqual(
    linearTicks(0.5, 1, 5).map((x) => x.value),
    [0.5, 0.6, 0.7, 0.8, 0.9, 1],
  );
  const u = linearTicks(0, 1000, 4).map((x) => x.value);
  assert.deepEqual(u, [0, 500, 1000]);
  assert.equal(formatTick(1500), '1.5k');
  assert.equal(formatTick(2_000_000), '2M');
  assert.equal(formatTick(0.925), '0.925');
});

test('scales map and invert, log scales by decades, y ranges may run backwards', () => {
  const s = makeScale([10, 1000], [0, 200], true);
  assert.equal(s.map(100), 100);
  assert.ok(Math.abs(s.invert(150) - 10 ** 2.5) < 1e-9);
  assert.ok(Number.isNaN(s.map(0)));
  const y = makeScale([0, 1], [300, 20]);
  assert.equal(y.map(0), 300);
  assert.equal(y.map(1), 20);
  assert.ok(Math.abs(y.invert(y.map(0.37)) - 0.37) < 1e-12);
  assert.deepEqual(extent([3, NaN, -1, 7], true), [3, 7]);
  assert.deepEqual(extent([5]), [4.5, 5.5]);
});
