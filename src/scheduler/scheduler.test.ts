import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../cluster/cluster.ts';
import type { CoreEvent, Node, Pod, Taint } from '../api/types.ts';
import { numFeasibleNodesToFind } from './cycle.ts';

function node(
  name: string,
  o: { taints?: Taint[]; unschedulable?: boolean; cpu?: string; labels?: Record<string, string> } = {},
): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: {
      allocatable: { cpu: o.cpu ?? '2', memory: '4Gi', pods: '110' },
      capacity: { cpu: o.cpu ?? '2', memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}
function pod(name: string, spec: Partial<Pod['spec']> = {}, cpu?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: cpu ? { requests: { cpu } } : {} }], ...spec },
  };
}
function cluster(nodes: Node[]): Cluster {
  const c = new Cluster({ seed: 1 });
  for (const n of nodes) c.api.create(n);
  return c;
}
const nodeOf = (c: Cluster, name: string) => c.store.get<Pod>('Pod', 'default', name)?.spec.nodeName;
const events = (c: Cluster, reason: string) => c.store.list<CoreEvent>('Event').filter((e) => e.reason === reason);
const cp: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

test('scheduler: binds a pod, sets PodScheduled=True and records "Successfully assigned <ns>/<pod> to <node>"', () => {
  const c = cluster([node('cp', { taints: [cp] }), node('w1')]);
  c.api.create(pod('web'));
  c.settle();
  assert.equal(nodeOf(c, 'web'), 'w1');
  const p = c.store.get<Pod>('Pod', 'default', 'web')!;
  assert.equal(p.status!.conditions!.find((x) => x.type === 'PodScheduled')!.status, 'True');
  assert.deepEqual(
    events(c, 'Scheduled').map((e) => [e.type, e.message, e.source?.component]),
    [['Normal', 'Successfully assigned default/web to w1', 'default-scheduler']],
  );
});

test('scheduler: an unschedulable pod gets the FitError text in a FailedScheduling event and PodScheduled=False/Unschedulable', () => {
  const c = cluster([node('cp', { taints: [cp] }), node('w1', { unschedulable: true }), node('w2', { cpu: '1' })]);
  c.api.create(pod('big', {}, '1500m'));
  c.settle();
  const want =
    '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.';
  const fs = events(c, 'FailedScheduling');
  assert.equal(fs.length, 1);
  assert.equal(fs[0].message, want);
  const cond = c.store.get<Pod>('Pod', 'default', 'big')!.status!.conditions!.find((x) => x.type === 'PodScheduled')!;
  assert.deepEqual([cond.status, cond.reason, cond.message], ['False', 'Unschedulable', want]);
});

test('scheduler: with no nodes at all the message is "no nodes available to schedule pods"', () => {
  const c = cluster([]);
  c.api.create(pod('lonely'));
  c.settle();
  assert.equal(events(c, 'FailedScheduling')[0].message, 'no nodes available to schedule pods');
});

test('scheduler: a pending pod is retried when the cluster changes (uncordon) and then bound', () => {
  const c = cluster([node('w1', { unschedulable: true })]);
  c.api.create(pod('web'));
  c.settle();
  assert.equal(nodeOf(c, 'web'), undefined);
  c.store.mutate<Node>('Node', undefined, 'w1', (n) => {
    n.spec!.unschedulable = false;
  });
  c.settle();
  assert.equal(nodeOf(c, 'web'), 'w1');
});

test('scheduler: pods with another schedulerName or with spec.nodeName are left alone', () => {
  const c = cluster([node('w1')]);
  c.api.create(pod('other', { schedulerName: 'my-scheduler' }));
  c.api.create(pod('pinned', { nodeName: 'ghost' }));
  c.settle();
  assert.equal(nodeOf(c, 'other'), undefined);
  assert.equal(nodeOf(c, 'pinned'), 'ghost');
  assert.equal(events(c, 'FailedScheduling').length, 0);
});

test('SchedulingGates: a gated pod is never attempted and shows PodScheduled=False/SchedulingGated; removing the gate schedules it', () => {
  const c = cluster([node('w1')]);
  c.api.create(pod('gated', { schedulingGates: [{ name: 'example.com/wait' }] }));
  c.settle();
  assert.equal(nodeOf(c, 'gated'), undefined);
  assert.equal(events(c, 'FailedScheduling').length, 0);
  assert.equal(c.store.get<Pod>('Pod', 'default', 'gated')!.status!.conditions![0].reason, 'SchedulingGated');
  c.store.mutate<Pod>('Pod', 'default', 'gated', (p) => {
    p.spec.schedulingGates = [];
  });
  c.settle();
  assert.equal(nodeOf(c, 'gated'), 'w1');
});

test('PrioritySort: the higher-priority pod is scheduled first and takes the last free slot', () => {
  const c = cluster([node('w1', { cpu: '1' })]);
  c.api.create(pod('low', { priority: 0 }, '1'));
  c.api.create(pod('high', { priority: 100 }, '1'));
  c.settle();
  // both were queued before the scheduler ran: high goes first, low is then preempted? No: low was never bound.
  assert.equal(nodeOf(c, 'high'), 'w1');
  assert.equal(nodeOf(c, 'low'), undefined);
});

test('DefaultPreemption: a high-priority pod evicts the lower-priority pod, is nominated, then bound', () => {
  const c = cluster([node('w1', { cpu: '1' })]);
  c.api.create(pod('low', { priority: 0 }, '1'));
  c.settle();
  assert.equal(nodeOf(c, 'low'), 'w1');
  c.api.create(pod('high', { priority: 1000 }, '1'));
  c.settle();
  const attempt = c.scheduler.attempts.find((a) => a.pod === 'default/high' && a.preemption);
  assert.deepEqual(attempt?.preemption, { nominatedNode: 'w1', victims: ['default/low'] });
  const preempted = events(c, 'Preempted');
  assert.equal(preempted.length, 1);
  assert.match(preempted[0].message, /^Preempted by pod [0-9a-f-]+ on node w1$/);
  // The first FailedScheduling of the preemptor has no "preemption:" suffix.
  assert.equal(
    events(c, 'FailedScheduling').find((e) => e.involvedObject.name === 'high')!.message,
    '0/1 nodes are available: 1 Insufficient cpu.',
  );
  const low = c.store.get<Pod>('Pod', 'default', 'low');
  assert.ok(!low || low.metadata.deletionTimestamp, 'the victim is being deleted');
});

test('DefaultPreemption: preemptionPolicy Never is not eligible', () => {
  const c = cluster([node('w1', { cpu: '1' })]);
  c.api.create(pod('low', { priority: 0 }, '1'));
  c.settle();
  c.api.create(pod('high', { priority: 1000, preemptionPolicy: 'Never' }, '1'));
  c.settle();
  assert.equal(
    events(c, 'FailedScheduling')[0].message,
    '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
  );
});

test('numFeasibleNodesToFind: all nodes below 100; adaptive 50 - N/125 percent (min 5%), at least 100', () => {
  assert.equal(numFeasibleNodesToFind(0, 99), 99);
  assert.equal(numFeasibleNodesToFind(0, 100), 100);
  assert.equal(numFeasibleNodesToFind(0, 1000), 420); // 50 - 8 = 42%
  assert.equal(numFeasibleNodesToFind(0, 5000), 500); // 50 - 40 = 10%
  assert.equal(numFeasibleNodesToFind(0, 6000), 300); // 50 - 48 = 2% → 5%
  assert.equal(numFeasibleNodesToFind(100, 5000), 5000);
  assert.equal(numFeasibleNodesToFind(1, 5000), 100);
});

test('scheduler: the same seed gives the same placements; ties are broken among the top-scored nodes', () => {
  const run = (seed: number) => {
    const c = new Cluster({ seed });
    for (const n of ['a', 'b', 'c', 'd']) c.api.create(node(n));
    for (let i = 0; i < 6; i++) c.api.create(pod(`p${i}`, { priority: 0 }));
    c.settle();
    return c.store.list<Pod>('Pod').map((p) => `${p.metadata.name}@${p.spec.nodeName}`);
  };
  assert.deepEqual(run(3), run(3));
});
