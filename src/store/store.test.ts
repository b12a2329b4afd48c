import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ObjectStore, type WatchEvent } from './store.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import type { KubeObject, Pod } from '../api/types.ts';

const newStore = (seed = 1) => new ObjectStore(new VirtualClock(), new Rng(seed));
const cm = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...extra },
});

test('store: create assigns uid, resourceVersion and creationTimestamp; update bumps resourceVersion', () => {
  const s = newStore();
  const a = s.create(cm('a'));
  assert.match(a.metadata.uid!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(a.metadata.creationTimestamp, '2026-01-01T00:00:00Z');
  const b = s.update({ ...a, data: { k: 'v' } });
  assert.ok(Number(b.metadata.resourceVersion) > Number(a.metadata.resourceVersion));
  assert.equal(b.metadata.uid, a.metadata.uid);
});

test('store: generateName gets 5 characters of the safe alphabet (no vowels)', () => {
  const o = newStore().create<KubeObject>({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { generateName: 'web-', namespace: 'default' },
  });
  assert.match(o.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('store: the same seed gives the same names and uids', () => {
  const gen = (seed: number) => {
    const s = newStore(seed);
    return [0, 1, 2]
      .map(() =>
        s.create<KubeObject>({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { generateName: 'x-', namespace: 'default' },
        }),
      )
      .map((o) => `${o.metadata.name}${o.metadata.uid}`);
  };
  assert.deepEqual(gen(7), gen(7));
  assert.notDeepEqual(gen(7), gen(8));
});

test('store: list returns API order (namespace, then name) and watch sees ADDED/MODIFIED/DELETED', () => {
  const s = newStore();
  const seen: WatchEvent['type'][] = [];
  s.watch((e) => seen.push(e.type));
  s.create(cm('b'));
  s.create({ ...cm('a'), metadata: { name: 'a', namespace: 'kube-system' } });
  s.create(cm('a'));
  assert.deepEqual(
    s.list('ConfigMap').map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
    ['default/a', 'default/b', 'kube-system/a'],
  );
  s.mutate('ConfigMap', 'default', 'a', (o) => {
    (o as Record<string, unknown>).data = {};
  });
  s.remove('ConfigMap', 'default', 'a');
  assert.deepEqual(seen, ['ADDED', 'ADDED', 'ADDED', 'MODIFIED', 'DELETED']);
  assert.equal(s.get('ConfigMap', 'default', 'a'), undefined);
});

test('store: generation starts at 1 and grows only when spec changes', () => {
  const s = newStore();
  const d = s.create<KubeObject>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'default' },
    spec: { replicas: 1 },
  });
  assert.equal(d.metadata.generation, 1);
  const d2 = s.update({ ...d, status: { replicas: 1 } });
  assert.equal(d2.metadata.generation, 1);
  const d3 = s.update({ ...d2, spec: { replicas: 2 } });
  assert.equal(d3.metadata.generation, 2);
});

// ---- indexes (informer indexers: controller uid, the API server's spec.nodeName) -----------------

test('store indexes: ownedBy, orphans and podsOnNode follow creates, updates and removals, in API order', () => {
  const store = new ObjectStore(new VirtualClock(), new Rng(1, 1));
  const ref = (uid: string) => [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid, controller: true }];
  const pod = (name: string, extra: Record<string, unknown> = {}) =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', ...extra },
      spec: { containers: [] },
    }) as unknown as Pod;
  store.create(pod('b', { ownerReferences: ref('u1') }));
  store.create(pod('a', { ownerReferences: ref('u1') }));
  store.create(pod('c'));
  const names = (l: readonly KubeObject[]) => l.map((o) => o.metadata.name);
  assert.deepEqual(names(store.ownedBy('Pod', 'u1')), ['a', 'b']);
  assert.deepEqual(names(store.orphans('Pod', 'default')), ['c']);
  assert.deepEqual(names(store.podsOnNode('n1')), []);
  // adopting c, binding a, removing b: every index moves with the object
  store.update({
    ...store.get<Pod>('Pod', 'default', 'c')!,
    metadata: { ...store.get<Pod>('Pod', 'default', 'c')!.metadata, ownerReferences: ref('u1') },
  });
  const a = store.get<Pod>('Pod', 'default', 'a')!;
  store.update({ ...a, spec: { ...a.spec, nodeName: 'n1' } });
  store.remove('Pod', 'default', 'b');
  assert.deepEqual(names(store.ownedBy('Pod', 'u1')), ['a', 'c']);
  assert.deepEqual(names(store.orphans('Pod', 'default')), []);
  assert.deepEqual(names(store.podsOnNode('n1')), ['a']);
  // a non-controller ownerReference leaves the object an orphan
  store.create(pod('d', { ownerReferences: [{ ...ref('u2')[0], controller: false }] }));
  assert.deepEqual(names(store.orphans('Pod', 'default')), ['d']);
  assert.deepEqual(names(store.ownedBy('Pod', 'u2')), []);
});

test('store clone (Cluster.clone): the same objects, resourceVersion and name/uid streams, independent from then on; no watchers', () => {
  const s = newStore();
  s.create(cm('a'));
  s.create({ ...cm(''), metadata: { generateName: 'gen-', namespace: 'default' } });
  const events: WatchEvent[] = [];
  s.watch((e) => events.push(e));
  const t = s.clone(new VirtualClock());
  assert.deepEqual(t.list('ConfigMap'), s.list('ConfigMap'));
  assert.equal(t.resourceVersion(), s.resourceVersion());
  // the same next name and uid in both; a write to one is not in the other
  const gen = (): KubeObject => ({ ...cm(''), metadata: { generateName: 'gen-', namespace: 'default' } });
  const x = s.create(gen());
  const y = t.create(gen());
  assert.equal(y.metadata.name, x.metadata.name);
  assert.equal(y.metadata.uid, x.metadata.uid);
  t.remove('ConfigMap', 'default', 'a');
  assert.ok(s.get('ConfigMap', 'default', 'a'));
  assert.equal(events.length, 1); // the original's watcher saw only the original's create
});
