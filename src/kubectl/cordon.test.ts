import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../api/types.ts';
import { k, testCluster } from './testing.ts';

test('kubectl cordon/uncordon: cordoned, already cordoned, uncordoned, already uncordoned; STATUS shows SchedulingDisabled', () => {
  const c = testCluster();
  assert.equal(k(c, 'cordon w1-k8s').stdout, 'node/w1-k8s cordoned\n');
  assert.equal(k(c, 'cordon w1-k8s').stdout, 'node/w1-k8s already cordoned\n');
  assert.match(k(c, 'get nodes').stdout, /\nw1-k8s   Ready,SchedulingDisabled   <none>/);
  assert.equal(k(c, 'uncordon w1-k8s').stdout, 'node/w1-k8s uncordoned\n');
  assert.equal(c.store.get<Node>('Node', undefined, 'w1-k8s')!.spec?.unschedulable, undefined);
  assert.equal(k(c, 'uncordon w1-k8s').stdout, 'node/w1-k8s already uncordoned\n');
});

test('kubectl cordon: a missing node is NotFound; no node is a usage error', () => {
  const c = testCluster();
  assert.equal(k(c, 'cordon nope').stderr, 'Error from server (NotFound): nodes "nope" not found\n');
  assert.equal(
    k(c, 'cordon').stderr,
    "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n",
  );
});
