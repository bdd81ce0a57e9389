import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestOnScreen, projectToScreen } from '../../../renderer/src/scene/screenProjection.js';

// Column-major identity: clip space is world space, so (-1, 1) is the top-left corner.
const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

test('points project to CSS pixels from the top-left; points behind the camera are NaN', () => {
  const p = Float32Array.of(-1, 1, 0, 1, -1, 0, 0, 0, 0, 0.5, 0.5, 0);
  const s = projectToScreen(p, 4, IDENTITY, 200, 100);
  assert.deepEqual(Array.from(s), [0, 0, 200, 100, 100, 50, 150, 25]);
  // w = −z: a perspective-like matrix puts z > 0 behind the camera.
  const persp = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, -1, 0, 0, 0, 0];
  const behind = projectToScreen(Float32Array.of(0, 0, 1, 0, 0, -1), 2, persp, 200, 100);
  assert.ok(Number.isNaN(behind[0]) && Number.isNaN(behind[1]));
  assert.deepEqual(Array.from(behind.subarray(2)), [100, 50]);
});

test('picking finds the nearest point within the radius and prefers highlighted over dimmed points', () => {
  const screen = Float32Array.of(10, 10, 14, 10, 100, 100);
  assert.equal(nearestOnScreen(screen, 3, 11, 10, 6, null), 0);
  assert.equal(nearestOnScreen(screen, 3, 50, 50, 6, null), null);
  // Nearer point 0 wins, unless it is dimmed (flag 1).
  assert.equal(nearestOnScreen(screen, 3, 11.9, 10, 6, null), 0);
  assert.equal(nearestOnScreen(screen, 3, 11.9, 10, 6, Uint8Array.of(1, 0, 0)), 1);
});
