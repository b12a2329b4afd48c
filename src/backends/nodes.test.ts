import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Taint } from '../api/types.ts';
import { nodeDifferences, nodeObject, nodeStatus } from './nodes.ts';

const node = (labels: Record<string, string>, taints: Taint[] = [], unschedulable?: boolean): Node =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'kind-worker', labels },
    spec: { ...(taints?.length ? { taints } : {}), ...(unschedulable ? { unschedulable } : {}) },
  }) as Node;

test('a node of the cluster that matches the scenario (its labels present, the same taints): no difference', () => {
  assert.deepEqual(
    nodeDifferences(
      { name: 'kind-worker', labels: { disktype: 'ssd' } },
      node({ disktype: 'ssd', 'kubernetes.io/hostname': 'kind-worker' }),
    ),
    [],
  );
});

test('a label, a taint or a cordon the scenario does not describe is a difference (the scenario is skipped, not run on another cluster)', () => {
  assert.deepEqual(
    nodeDifferences(
      { name: 'kind-worker', labels: { disktype: 'ssd', zone: 'a' }, taints: [{ key: 'k', effect: 'NoSchedule' }] },
      node({ disktype: 'hdd' }, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }], true),
    ),
    [
      'node kind-worker has label disktype=hdd, not disktype=ssd',
      'node kind-worker has no label zone, not zone=a',
      'node kind-worker has no taint k:NoSchedule',
      'node kind-worker has the taint node-role.kubernetes.io/control-plane:NoSchedule, which the scenario does not give it',
      'node kind-worker is cordoned',
    ],
  );
});

test("a node created for a scenario is the simulator's addNode node: kubelet labels, allocatable 2 CPUs, 2Gi, 110 pods", () => {
  const spec = {
    name: 'n1',
    labels: { disktype: 'ssd' },
    taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' as const }],
  };
  const n = nodeObject(spec);
  assert.equal(n.metadata.labels?.['kubernetes.io/hostname'], 'n1');
  assert.equal(n.metadata.labels?.disktype, 'ssd');
  assert.deepEqual(n.spec?.taints, [{ key: 'k', value: 'v', effect: 'NoSchedule' }]);
  const status = nodeStatus(spec, '2026-01-01T00:00:00Z');
  assert.deepEqual(status.allocatable, { cpu: '2', memory: '2Gi', pods: '110' });
  // kubelet_node_status.go: Ready=True (KubeletReady) posted by the kubelet; without it the node stays NotReady.
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  assert.deepEqual([ready?.status, ready?.reason], ['True', 'KubeletReady']);
  assert.equal(status.nodeInfo?.kubeletVersion, 'v1.33.1');
});
