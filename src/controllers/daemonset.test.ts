import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonSet, Node, Pod, PodSpec } from '../api/types.ts';
import { DaemonSetController } from './daemonset.ts';
import { templateHash } from './common.ts';
import { eventsOf, fakeKubelet, harness, node, settle, type Harness } from './testutil.ts';

function ds(h: Harness, spec: Partial<PodSpec> = {}): DaemonSet {
  return h.api.create<DaemonSet>({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'fluentd', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'fluentd' } },
      template: {
        metadata: { labels: { app: 'fluentd' } },
        spec: { containers: [{ name: 'f', image: 'fluentd' }], ...spec },
      },
    },
  });
}
const pods = (h: Harness) => h.store.list<Pod>('Pod', 'kube-system');
const target = (p: Pod) =>
  p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0].matchFields?.[0]
    .values?.[0];

test('DaemonSet controller: one pod per eligible node, unbound, with required affinity matchFields metadata.name In [<node>] and SuccessfulCreate events', () => {
  const h = harness();
  node(h, 'cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
  node(h, 'w1');
  node(h, 'w2', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] });
  node(h, 'w3', { labels: { 'kubernetes.io/os': 'windows' } });
  const d = ds(h, { nodeSelector: { 'kubernetes.io/os': 'linux' } });
  settle(new DaemonSetController(h.api, h.events));
  const ps = pods(h);
  assert.deepEqual(ps.map(target).sort(), ['w1', 'w2']); // cp: control-plane taint untolerated; w3: selector; w2 cordoned is fine
  for (const p of ps) {
    assert.match(p.metadata.name!, /^fluentd-[a-z0-9]{5}$/);
    assert.equal(p.spec.nodeName, undefined);
    assert.deepEqual(p.spec.affinity, {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [target(p)] }] }],
        },
      },
    });
  }
  assert.deepEqual(
    eventsOf(h, d).sort(),
    ps.map((p) => `Normal SuccessfulCreate daemonset-controller: Created pod: ${p.metadata.name}`).sort(),
  );
});

test('DaemonSet controller: pods get the automatic tolerations in order (network-unavailable only with hostNetwork) and no extra default-toleration seconds', () => {
  const h = harness();
  node(h, 'w1');
  ds(h, { hostNetwork: true, tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }] });
  settle(new DaemonSetController(h.api, h.events));
  const [p] = pods(h);
  const E = (key: string, effect: 'NoExecute' | 'NoSchedule') => ({ key, operator: 'Exists', effect });
  assert.deepEqual(p.spec.tolerations, [
    { key: 'CriticalAddonsOnly', operator: 'Exists' },
    E('node.kubernetes.io/not-ready', 'NoExecute'),
    E('node.kubernetes.io/unreachable', 'NoExecute'),
    E('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    E('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    E('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    E('node.kubernetes.io/unschedulable', 'NoSchedule'),
    E('node.kubernetes.io/network-unavailable', 'NoSchedule'),
  ]);
});

test("DaemonSet controller: the node-name affinity replaces the template's required terms and keeps preferred ones; labels controller-revision-hash and pod-template-generation", () => {
  const h = harness();
  node(h, 'w1', { labels: { disk: 'ssd' } });
  const pref = [
    { weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'In' as const, values: ['ssd'] }] } },
  ];
  const d = ds(h, {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: pref,
      },
    },
  });
  settle(new DaemonSetController(h.api, h.events));
  const [p] = pods(h);
  assert.deepEqual(p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }] }],
  });
  assert.deepEqual(p.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution, pref);
  assert.deepEqual(p.metadata.labels, {
    app: 'fluentd',
    'controller-revision-hash': templateHash(d.spec.template),
    'pod-template-generation': '1',
  });
});

test('DaemonSet controller: a pod on a node that gains an untolerated NoExecute taint is deleted; NoSchedule alone leaves it running', () => {
  const h = harness();
  node(h, 'w1');
  node(h, 'w2');
  ds(h);
  const c = new DaemonSetController(h.api, h.events);
  settle(c);
  h.store.mutate<Node>('Node', undefined, 'w1', (n) => {
    n.spec!.taints = [{ key: 'k', effect: 'NoSchedule' }];
  });
  h.store.mutate<Node>('Node', undefined, 'w2', (n) => {
    n.spec!.taints = [{ key: 'k', effect: 'NoExecute' }];
  });
  settle(c);
  assert.deepEqual(pods(h).map(target), ['w1']);
});

test('DaemonSet controller: status counts desired, current, ready, available, updated and misscheduled', () => {
  const h = harness();
  node(h, 'w1');
  node(h, 'w2');
  ds(h);
  const c = new DaemonSetController(h.api, h.events);
  settle(c);
  const st = () => h.store.get<DaemonSet>('DaemonSet', 'kube-system', 'fluentd')!.status;
  assert.deepEqual(st(), {
    currentNumberScheduled: 2,
    numberMisscheduled: 0,
    desiredNumberScheduled: 2,
    numberReady: 0,
    observedGeneration: 1,
    updatedNumberScheduled: 2,
    numberUnavailable: 2,
  });
  const k = fakeKubelet(h);
  const bind = {
    name: 'bind',
    sync: () => {
      let ch = false;
      for (const p of pods(h))
        if (!p.spec.nodeName) {
          h.store.mutate<Pod>('Pod', 'kube-system', p.metadata.name!, (x) => {
            x.spec.nodeName = target(p);
          });
          ch = true;
        }
      return ch;
    },
  };
  settle(c, bind, k);
  assert.deepEqual(st(), {
    currentNumberScheduled: 2,
    numberMisscheduled: 0,
    desiredNumberScheduled: 2,
    numberReady: 2,
    observedGeneration: 1,
    updatedNumberScheduled: 2,
    numberAvailable: 2,
  });
});

test('DaemonSet controller: a node that joins later gets its pod (a Node change is work for every DaemonSet, even when nothing else changed)', () => {
  const h = harness();
  node(h, 'n1');
  const d = ds(h);
  const c = new DaemonSetController(h.api, h.events);
  settle(c);
  assert.equal(pods(h).length, 1);
  assert.equal(c.sync(), false); // nothing changed: nothing to do
  node(h, 'n2');
  settle(c);
  assert.deepEqual(pods(h).map(target).sort(), ['n1', 'n2']);
  assert.equal(
    h.store.get<DaemonSet>('DaemonSet', d.metadata.namespace, d.metadata.name!)!.status?.desiredNumberScheduled,
    2,
  );
});
