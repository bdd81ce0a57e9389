import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busyMachineWarning } from '../../../../core/node/study/machineLoad.js';

test('a load over half the cores is reported as a busy machine, in one line', () => {
  const w = busyMachineWarning(3.2, 2);
  assert.ok(w !== null);
  assert.match(w, /^the machine is busy \(load 3\.2 on 2 cores\): q\/s/);
  assert.ok(!w.includes('\n'));
  assert.equal(busyMachineWarning(0.9, 2), null);
  assert.equal(busyMachineWarning(1, 2), null, 'exactly half is not busy');
  // Windows reports no load average (zeros): never busy.
  assert.equal(busyMachineWarning(0, 16), null);
  assert.equal(busyMachineWarning(NaN, 4), null);
});
