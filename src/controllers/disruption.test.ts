import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, KubeObject, Pod, PodDisruptionBudget } from '../api/types.ts';
import { DaemonSetController } from './daemonset.ts';
import { DeploymentController } from './deployment.ts';
import { DELETION_TIMEOUT_MS, DisruptionController } from './disruption.ts';
import { ReplicaSetController } from './replicaset.ts';
import { eventsOf, fakeKubelet, type Harness, harness, node, settle } from './testutil.ts';

const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
});

function pod(name: string, o: { ready?: boolean; phase?: 'Running' | 'Succeeded' } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'n1' },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}

const statusOf = (h: Harness) => h.store.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'web')!.status!;
const numbers = (h: Harness) => {
  const s = statusOf(h);
  return [s.expectedPods, s.desiredHealthy, s.currentHealthy, s.disruptionsAllowed];
};

function deployment(replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

test('disruption controller: minAvailable N — expectedPods counts the matching pods, currentHealthy the ready ones not being deleted, disruptionsAllowed = healthy - desired', () => {
  const h = harness();
  const dc = new DisruptionController(h.store, h.events);
  for (const n of ['a', 'b', 'c']) h.store.create(pod(n));
  h.store.create(pod('sick', { ready: false }));
  h.store.create(pod('done', { phase: 'Succeeded', ready: false }));
  h.api.create(pdb({ minAvailable: 2 }));
  settle(dc);
  assert.deepEqual(numbers(h), [5, 2, 3, 1]);
  const st = statusOf(h);
  assert.equal(st.observedGeneration, 1);
  assert.deepEqual(
    st.conditions?.map((c) => [c.type, c.status, c.reason, c.message, c.observedGeneration]),
    [['DisruptionAllowed', 'True', 'SufficientPods', '', 1]],
  );
  h.store.mutate<Pod>('Pod', 'default', 'a', (p) => {
    p.metadata.deletionTimestamp = h.clock.iso();
  });
  settle(dc);
  assert.deepEqual(numbers(h), [5, 2, 2, 0]);
  assert.deepEqual(
    statusOf(h).conditions?.map((c) => [c.status, c.reason]),
    [['False', 'InsufficientPods']],
  );
});

test("disruption controller: a percentage or maxUnavailable is scaled (rounded up) against the Deployment's replicas, not the pod count", () => {
  const h = harness();
  node(h, 'n1');
  const comps = [
    new DeploymentController(h.api, h.events),
    new ReplicaSetController(h.api, h.events),
    fakeKubelet(h),
    new DisruptionController(h.store, h.events),
  ];
  h.api.create(deployment(3));
  h.api.create(pdb({ maxUnavailable: '50%' }));
  settle(...comps);
  // maxUnavailable ceil(1.5) = 2 → desired 1
  assert.deepEqual(numbers(h), [3, 1, 3, 2]);
  h.store.mutate<Deployment>('Deployment', 'default', 'web', (d) => {
    d.spec.replicas = 5;
  });
  settle(...comps);
  assert.deepEqual(numbers(h), [5, 2, 5, 3]);
  h.store.mutate<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'web', (b) => {
    b.spec = { selector: b.spec.selector, minAvailable: '50%' };
  });
  settle(...comps);
  assert.deepEqual(numbers(h), [5, 3, 5, 2]);
  assert.equal(statusOf(h).observedGeneration, 2);
});

test('disruption controller: the pods of a DaemonSet have no scale subresource — failSafe: no disruptions, DisruptionAllowed False/SyncFailed and an event', () => {
  const h = harness();
  node(h, 'n1');
  const comps = [new DaemonSetController(h.api, h.events), fakeKubelet(h), new DisruptionController(h.store, h.events)];
  h.api.create<KubeObject>({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  } as KubeObject);
  const budget = h.api.create(pdb({ maxUnavailable: 1 }));
  settle(...comps);
  const st = statusOf(h);
  assert.equal(st.disruptionsAllowed, 0);
  assert.deepEqual(
    st.conditions?.map((c) => [c.status, c.reason, c.message]),
    [['False', 'SyncFailed', 'daemonsets.apps does not implement the scale subresource']],
  );
  assert.deepEqual(eventsOf(h, budget), [
    'Warning CalculateExpectedPodCountFailed controllermanager: Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource',
  ]);
});

test('disruption controller: a budget that matches no pod records NoPods and allows no disruption, even with minAvailable 0', () => {
  const h = harness();
  const budget = h.api.create(pdb({ minAvailable: 0 }));
  settle(new DisruptionController(h.store, h.events));
  assert.deepEqual(numbers(h), [0, 0, 0, 0]);
  assert.deepEqual(eventsOf(h, budget), ['Normal NoPods controllermanager: No matching pods found']);
});

test('disruption controller buildDisruptedPodMap: an evicted pod counts as unhealthy for DeletionTimeout (2m), then again, with a NotDeleted event', () => {
  const h = harness();
  const dc = new DisruptionController(h.store, h.events);
  for (const n of ['a', 'b', 'c']) h.store.create(pod(n));
  h.api.create(pdb({ minAvailable: 1 }));
  settle(dc);
  h.store.mutate<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'web', (b) => {
    b.status!.disruptedPods = { a: h.clock.iso() };
  });
  settle(dc);
  assert.deepEqual(numbers(h), [3, 1, 2, 1]);
  assert.deepEqual(Object.keys(statusOf(h).disruptedPods ?? {}), ['a']);
  h.clock.advanceTo(h.clock.now() + DELETION_TIMEOUT_MS + 1000);
  settle(dc);
  assert.deepEqual(numbers(h), [3, 1, 3, 2]);
  assert.equal(statusOf(h).disruptedPods, undefined);
  assert.deepEqual(eventsOf(h, h.store.get('Pod', 'default', 'a')!), [
    "Warning NotDeleted controllermanager: Pod was expected by PDB default/default to be deleted but it wasn't",
  ]);
});

test('disruption controller: pods without a controller under a percentage are left out of expectedPods, with an UnmanagedPods warning', () => {
  const h = harness();
  h.store.create(pod('a'));
  const budget = h.api.create(pdb({ minAvailable: '50%' }));
  settle(new DisruptionController(h.store, h.events));
  assert.deepEqual(numbers(h), [0, 0, 1, 0]);
  assert.deepEqual(eventsOf(h, budget), [
    'Warning UnmanagedPods controllermanager: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
  ]);
});

test('disruption controller clone (Cluster.clone): the clone takes over the budgets still to sync and goes on as the original', () => {
  const h = harness();
  const dc = new DisruptionController(h.store, h.events);
  for (const n of ['a', 'b']) h.store.create(pod(n));
  h.api.create(pdb({ minAvailable: 1 }));
  const h2 = harness();
  for (const n of ['a', 'b']) h2.store.create(pod(n));
  h2.api.create(pdb({ minAvailable: 1 }));
  const clone = dc.clone(h2);
  settle(dc);
  settle(clone);
  assert.deepEqual(numbers(h2), numbers(h));
  assert.deepEqual(numbers(h2), [2, 1, 2, 1]);
});

test("disruption controller: the budget's pods follow the pod watch — a relabelled pod leaves, a deleted one goes, a new matching one joins (getPodsForPdb lists by selector on every sync)", () => {
  const h = harness();
  const dc = new DisruptionController(h.store, h.events);
  for (const n of ['b', 'a', 'c']) h.store.create(pod(n));
  h.api.create(pdb({ minAvailable: 1 }));
  settle(dc);
  assert.deepEqual(numbers(h), [3, 1, 3, 2]);
  h.store.mutate<Pod>('Pod', 'default', 'a', (p) => {
    p.metadata.labels = { app: 'other' };
  });
  settle(dc);
  assert.deepEqual(numbers(h), [2, 1, 2, 1]);
  h.store.remove('Pod', 'default', 'b');
  settle(dc);
  assert.deepEqual(numbers(h), [1, 1, 1, 0]);
  h.store.create(pod('d', { ready: false }));
  h.store.mutate<Pod>('Pod', 'default', 'a', (p) => {
    p.metadata.labels = { app: 'web' };
  });
  settle(dc);
  assert.deepEqual(numbers(h), [3, 1, 2, 1]);
  // a new selector: the members are those of the new selector
  const cur = h.store.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'web')!;
  h.store.update<PodDisruptionBudget>({ ...cur, spec: { ...cur.spec, selector: { matchLabels: { app: 'other' } } } });
  settle(dc);
  assert.deepEqual(numbers(h), [0, 1, 0, 0]);
});
