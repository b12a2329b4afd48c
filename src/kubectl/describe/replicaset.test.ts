import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePair } from './testing.ts';

test('kubectl describe replicaset: standalone (no Controlled By), Pods Status counts the pods it controls by phase, SuccessfulCreate events (describeReplicaSet; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe rs solo');
  assert.equal(sim, real);
});

test('kubectl describe replicaset: a Deployment’s ReplicaSet at 0 replicas, Controlled By the Deployment, without events (golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe rs -l app=idle');
  assert.equal(sim, real);
});

test('kubectl describe replicationcontroller: the selector as a label map, an emptyDir volume in the template, no events (describeReplicationController; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe rc legacy0');
  assert.equal(sim, real);
});
