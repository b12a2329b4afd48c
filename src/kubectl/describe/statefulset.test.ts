import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePair } from './testing.ts';

test('kubectl describe statefulset: CreationTimestamp, Replicas desired | total, Volume Claims <none>, create Pod events (describeStatefulSet; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe sts db');
  assert.equal(sim, real);
});

test('kubectl describe statefulset: at 0 replicas with a RollingUpdate partition printed under Update Strategy (golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe sts cache');
  assert.equal(sim, real);
});
