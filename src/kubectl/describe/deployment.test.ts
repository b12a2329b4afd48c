import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePair } from './testing.ts';

test('kubectl describe deployment: RollingUpdate strategy, pod template with env fieldRefs unresolved, conditions, NewReplicaSet, ScalingReplicaSet event (describeDeployment; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe deploy web');
  assert.equal(sim, real);
});

test('kubectl describe deployment: scaled to 0, Recreate (no RollingUpdateStrategy line), matchExpressions selector, init containers, probes, envFrom, volumes, tolerations (golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe deploy idle');
  assert.equal(sim, real);
});
