import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicaSet } from '../api/types.ts';
import { SAFE_ALPHABET } from '../util/rng.ts';
import { ReplicaSetController, podsToDelete } from './replicaset.ts';
import { eventsOf, fakeKubelet, harness, ownedBy, settle, type Harness } from './testutil.ts';

function rs(h: Harness, replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return h.api.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-7d4b9c8f5d' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      ...extra,
    },
  });
}
const get = (h: Harness) => h.store.get<ReplicaSet>('ReplicaSet', 'default', 'web-7d4b9c8f5d')!;
const pods = (h: Harness) => h.store.list<Pod>('Pod', 'default');

test('ReplicaSet controller: creates spec.replicas pods named <rs>-<5 safe chars> with a controller ownerReference and SuccessfulCreate events', () => {
  const h = harness();
  const r = rs(h, 3);
  settle(new ReplicaSetController(h.api, h.events));
  const ps = pods(h);
  assert.equal(ps.length, 3);
  for (const p of ps) {
    assert.match(p.metadata.name!, new RegExp(`^web-7d4b9c8f5d-[${SAFE_ALPHABET}]{5}$`));
    assert.equal(p.metadata.generateName, 'web-7d4b9c8f5d-');
    assert.deepEqual(p.metadata.ownerReferences, [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web-7d4b9c8f5d',
        uid: r.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    assert.deepEqual(p.metadata.labels, { app: 'web' });
  }
  assert.deepEqual(
    eventsOf(h, r).sort(),
    ps.map((p) => `Normal SuccessfulCreate replicaset-controller: Created pod: ${p.metadata.name}`).sort(),
  );
});

test('ReplicaSet controller: a pod with a deletionTimestamp no longer counts, so a replacement is created at once', () => {
  const h = harness();
  rs(h, 2);
  const c = new ReplicaSetController(h.api, h.events);
  settle(c, fakeKubelet(h));
  const victim = pods(h)[0];
  h.api.delete('Pod', 'default', victim.metadata.name!); // bound → graceful: deletionTimestamp set
  assert.ok(h.store.get<Pod>('Pod', 'default', victim.metadata.name!)!.metadata.deletionTimestamp);
  c.sync();
  const live = pods(h).filter((p) => !p.metadata.deletionTimestamp);
  assert.equal(live.length, 2);
  assert.ok(!live.some((p) => p.metadata.name === victim.metadata.name));
});

test('ReplicaSet controller: surplus pods are deleted unassigned first, then Pending, then not-ready, then newest, with SuccessfulDelete events', () => {
  const h = harness();
  const mk = (
    name: string,
    o: {
      node?: string;
      phase?: Pod['status'] extends infer S ? (S extends { phase?: infer P } ? P : never) : never;
      ready?: boolean;
      created?: string;
    },
  ): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: o.created ?? '2026-01-01T00:00:00Z',
    },
    spec: { containers: [{ name: 'c' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [
        { type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
    },
  });
  const now = Date.parse('2026-01-10T00:00:00Z');
  const old = mk('old', { node: 'n1', created: '2026-01-01T00:00:00Z' });
  const newer = mk('newer', { node: 'n2', created: '2026-01-09T00:00:00Z' });
  const notReady = mk('not-ready', { node: 'n3', ready: false });
  const pending = mk('pending', { node: 'n4', phase: 'Pending', ready: false });
  const unassigned = mk('unassigned', { phase: 'Pending', ready: false });
  const all = [old, newer, notReady, pending, unassigned];
  assert.deepEqual(
    podsToDelete(all, all, 4, now).map((p) => p.metadata.name),
    ['unassigned', 'pending', 'not-ready', 'newer'],
  );

  const r = rs(h, 3);
  const c = new ReplicaSetController(h.api, h.events);
  settle(c, fakeKubelet(h));
  h.store.mutate<ReplicaSet>('ReplicaSet', 'default', r.metadata.name!, (x) => {
    x.spec.replicas = 1;
  });
  const before = pods(h).map((p) => p.metadata.name!);
  settle(c, fakeKubelet(h));
  assert.equal(pods(h).length, 1);
  const deleted = before.filter((n) => n !== pods(h)[0].metadata.name);
  for (const n of deleted)
    assert.ok(eventsOf(h, r).includes(`Normal SuccessfulDelete replicaset-controller: Deleted pod: ${n}`));
});

test('ReplicaSet controller: status counts replicas, fullyLabeledReplicas, readyReplicas, availableReplicas and observedGeneration', () => {
  const h = harness();
  rs(h, 2);
  const c = new ReplicaSetController(h.api, h.events);
  c.sync();
  assert.deepEqual(get(h).status, { replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
  settle(c, fakeKubelet(h));
  assert.deepEqual(get(h).status, {
    replicas: 2,
    fullyLabeledReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
    observedGeneration: 1,
  });
});

test('ReplicaSet controller: minReadySeconds delays availableReplicas until the pods have been ready that long', () => {
  const h = harness();
  rs(h, 1, { minReadySeconds: 10 });
  const c = new ReplicaSetController(h.api, h.events);
  settle(c, fakeKubelet(h));
  assert.equal(get(h).status?.availableReplicas, undefined);
  h.clock.advanceTo(h.clock.now() + 10_000, () => settle(c));
  assert.equal(get(h).status?.availableReplicas, 1);
});

test('ReplicaSet controller: adopts a matching orphan pod instead of creating one, and releases a pod whose labels stop matching', () => {
  const h = harness();
  h.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'orphan', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  const r = rs(h, 1);
  const c = new ReplicaSetController(h.api, h.events);
  settle(c);
  assert.deepEqual(
    pods(h).map((p) => p.metadata.name),
    ['orphan'],
  );
  assert.ok(ownedBy(r)(pods(h)[0]));
  h.store.mutate<Pod>('Pod', 'default', 'orphan', (p) => {
    p.metadata.labels = { app: 'other' };
  });
  settle(c);
  assert.equal(h.store.get<Pod>('Pod', 'default', 'orphan')!.metadata.ownerReferences, undefined);
  assert.equal(pods(h).filter(ownedBy(r)).length, 1);
});

/** A ReplicaSet of 2 whose pods admission refuses (its template changed by `change`), synced once. */
function refusedRs(change: (spec: ReplicaSet['spec']['template']['spec']) => void) {
  const h = harness();
  const r = rs(h, 2);
  h.store.mutate<ReplicaSet>('ReplicaSet', 'default', r.metadata.name!, (x) => change(x.spec.template.spec));
  const c = new ReplicaSetController(h.api, h.events);
  settle(c);
  assert.equal(pods(h).length, 0);
  return { h, r, c };
}

test('ReplicaSet controller: a rejected pod creation records Warning FailedCreate once and is not retried until the ReplicaSet changes', () => {
  const { h, r } = refusedRs((spec) => {
    spec.priorityClassName = 'missing';
  });
  assert.deepEqual(eventsOf(h, r), [
    'Warning FailedCreate replicaset-controller: Error creating: pods "web-7d4b9c8f5d-" is forbidden: no PriorityClass with name missing was found',
  ]);
});

test('ReplicaSet controller: pods refused for want of their ServiceAccount are created once it exists (the rate-limited requeue of a failed sync)', () => {
  const { h, r, c } = refusedRs((spec) => {
    spec.serviceAccountName = 'builder';
  });
  assert.deepEqual(eventsOf(h, r), [
    'Warning FailedCreate replicaset-controller: Error creating: pods "web-7d4b9c8f5d-" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found',
  ]);
  h.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' } });
  settle(c);
  assert.equal(pods(h).length, 2);
});
