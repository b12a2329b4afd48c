import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from '../api/types.ts';
import { admitPod } from './admission.ts';

const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1', labels: { disk: 'hdd' } },
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
} as unknown as Node;
const pod = (spec: Partial<Pod['spec']>): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  }) as Pod;

test('kubelet admission: a nodeSelector the node does not match is rejected with reason NodeAffinity and the predicate message', () => {
  assert.deepEqual(admitPod(node, pod({ nodeSelector: { disk: 'ssd' } }), []), {
    reason: 'NodeAffinity',
    message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
  });
});

test('kubelet admission: insufficient resources are reported before a node affinity mismatch (scheduler.AdmissionCheck order)', () => {
  const p = pod({
    nodeSelector: { disk: 'ssd' },
    containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '3' } } }],
  });
  assert.deepEqual(admitPod(node, p, []), {
    reason: 'OutOfcpu',
    message: "Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000",
  });
});
