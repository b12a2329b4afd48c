import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from '../api/types.ts';
import { NODE_MONITOR_GRACE_MS, NodeLifecycleController } from './nodelifecycle.ts';
import { harness, node, settle } from './testutil.ts';

const taints = (h: ReturnType<typeof harness>, name = 'n1') => h.store.get<Node>('Node', undefined, name)!.spec?.taints;

test('node lifecycle controller: cordon adds node.kubernetes.io/unschedulable:NoSchedule and uncordon removes it, leaving user taints alone', () => {
  const h = harness();
  node(h, 'n1', { taints: [{ key: 'key01', value: 'value01', effect: 'NoSchedule' }] });
  const c = new NodeLifecycleController(h.store);
  assert.equal(c.sync(), false);
  h.store.mutate<Node>('Node', undefined, 'n1', (n) => {
    n.spec!.unschedulable = true;
  });
  settle(c);
  assert.deepEqual(taints(h), [
    { key: 'key01', value: 'value01', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  ]);
  h.store.mutate<Node>('Node', undefined, 'n1', (n) => {
    delete n.spec!.unschedulable;
  });
  settle(c);
  assert.deepEqual(taints(h), [{ key: 'key01', value: 'value01', effect: 'NoSchedule' }]);
});

test('node lifecycle controller: Ready False gives not-ready NoSchedule + NoExecute (with timeAdded), Unknown gives unreachable, True removes them', () => {
  const h = harness();
  node(h, 'n1');
  const c = new NodeLifecycleController(h.store);
  const setReady = (status: 'True' | 'False' | 'Unknown') =>
    h.store.mutate<Node>('Node', undefined, 'n1', (n) => {
      n.status!.conditions = [{ type: 'Ready', status }];
    });
  setReady('False');
  settle(c);
  assert.deepEqual(taints(h), [
    { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' },
  ]);
  setReady('Unknown');
  settle(c);
  assert.deepEqual(
    taints(h)?.map((t) => `${t.key}:${t.effect}`),
    ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'],
  );
  setReady('True');
  settle(c);
  assert.equal(taints(h), undefined);
});

test('node lifecycle controller: a node silent for the 50s grace period (1.32+ default) gets Ready/MemoryPressure/DiskPressure/PIDPressure Unknown (NodeStatusUnknown), the NodeNotReady node event, and the unreachable taints', () => {
  const h = harness();
  node(h, 'n1');
  h.store.mutate<Node>('Node', undefined, 'n1', (n) => {
    n.status!.conditions = [
      { type: 'NetworkUnavailable', status: 'False', reason: 'CalicoIsUp' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: '2026-01-01T00:00:00Z' },
    ];
  });
  const t0 = h.clock.now();
  const silent = new Map<string, number>([['n1', t0]]);
  const c = new NodeLifecycleController(h.store, h.events, { silentSince: (n) => silent.get(n) });
  settle(c);
  h.clock.advanceTo(t0 + NODE_MONITOR_GRACE_MS - 1, () => settle(c));
  assert.equal(
    h.store.get<Node>('Node', undefined, 'n1')!.status!.conditions!.find((x) => x.type === 'Ready')!.status,
    'True',
  );
  h.clock.advanceTo(t0 + NODE_MONITOR_GRACE_MS, () => settle(c)); // the controller registered a timer for the end of the grace period
  const conds = h.store.get<Node>('Node', undefined, 'n1')!.status!.conditions!;
  assert.deepEqual(
    conds.map((x) => `${x.type}=${x.status}/${x.reason}`),
    [
      'NetworkUnavailable=False/CalicoIsUp',
      'Ready=Unknown/NodeStatusUnknown',
      'MemoryPressure=Unknown/NodeStatusNeverUpdated',
      'DiskPressure=Unknown/NodeStatusNeverUpdated',
      'PIDPressure=Unknown/NodeStatusNeverUpdated',
    ],
  );
  const ready = conds.find((x) => x.type === 'Ready')!;
  assert.equal(ready.message, 'Kubelet stopped posting node status.');
  assert.equal(ready.lastHeartbeatTime, '2026-01-01T00:00:00Z');
  assert.equal(ready.lastTransitionTime, '2026-01-01T00:00:50Z');
  assert.deepEqual(
    taints(h)?.map((t) => `${t.key}:${t.effect}:${t.timeAdded ?? ''}`),
    ['node.kubernetes.io/unreachable:NoSchedule:', 'node.kubernetes.io/unreachable:NoExecute:2026-01-01T00:00:50Z'],
  );
  const ev = h.events.for(h.store.get<Node>('Node', undefined, 'n1')!);
  assert.deepEqual(
    ev.map((e) => `${e.type} ${e.reason} ${e.source?.component}: ${e.message}`),
    ['Normal NodeNotReady node-controller: Node n1 status is now: NodeNotReady'],
  );
  assert.equal(c.sync(), false, 'nothing more to do while the node stays silent');
});

test('node lifecycle controller: MarkPodsNotReady sets Ready False (phase untouched) with the Warning NodeNotReady "Node is not ready" event, once', () => {
  const h = harness();
  node(h, 'n1');
  const mk = (name: string, ready: 'True' | 'False') =>
    h.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: ready, lastTransitionTime: '2026-01-01T00:00:00Z' }],
      },
    });
  mk('up', 'True');
  mk('down', 'False');
  const t0 = h.clock.now();
  const c = new NodeLifecycleController(h.store, h.events, { silentSince: () => t0 });
  h.clock.advanceTo(t0 + 60_000);
  settle(c);
  const up = h.store.get<Pod>('Pod', 'default', 'up')!;
  assert.equal(up.status?.phase, 'Running');
  assert.deepEqual(up.status?.conditions, [
    { type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:01:00Z' },
  ]);
  assert.deepEqual(
    h.events.for(up).map((e) => `${e.type} ${e.reason} ${e.source?.component}: ${e.message}`),
    ['Warning NodeNotReady node-controller: Node is not ready'],
  );
  assert.deepEqual(h.events.for(h.store.get<Pod>('Pod', 'default', 'down')!), []);
});
