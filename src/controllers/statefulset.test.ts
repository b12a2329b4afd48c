import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, StatefulSet } from '../api/types.ts';
import { createEmptyCluster, addNode } from '../cluster/bootstrap.ts';

function cluster() {
  const c = createEmptyCluster();
  addNode(c, { name: 'n1', images: [{ names: ['docker.io/library/nginx:1.14'] }] });
  c.settle();
  return c;
}
const sts = (replicas: number, readinessDelay?: string): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web' },
  spec: {
    replicas,
    serviceName: 'nginx',
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: {
        labels: { app: 'web' },
        ...(readinessDelay ? { annotations: { 'kube-scenarios.io/readiness-delay': readinessDelay } } : {}),
      },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }] },
    },
  },
});
const names = (c: ReturnType<typeof cluster>) =>
  c.store
    .list<Pod>('Pod')
    .filter((p) => p.metadata.labels?.app === 'web')
    .map((p) => p.metadata.name);

test('StatefulSet controller: OrderedReady creates web-0, web-1, web-2 one at a time, each after the previous is Running and Ready', () => {
  const c = cluster();
  c.api.create(sts(3, '20s'));
  c.settle();
  assert.deepEqual(names(c), ['web-0']);
  const p = c.store.get<Pod>('Pod', 'default', 'web-0')!;
  assert.equal(p.spec.hostname, 'web-0');
  assert.equal(p.spec.subdomain, 'nginx');
  assert.equal(p.metadata.labels?.['statefulset.kubernetes.io/pod-name'], 'web-0');
  assert.equal(p.metadata.labels?.['apps.kubernetes.io/pod-index'], '0');
  c.advance(20_000);
  c.settle();
  assert.deepEqual(names(c), ['web-0', 'web-1']);
  c.advance(21_000);
  c.settle();
  assert.deepEqual(names(c), ['web-0', 'web-1', 'web-2']);
  const ev = c.events
    .for(c.store.get<StatefulSet>('StatefulSet', 'default', 'web')!)
    .map((e) => `${e.reason} ${e.source?.component}: ${e.message}`);
  assert.deepEqual(ev.slice(0, 3), [
    'SuccessfulCreate statefulset-controller: create Pod web-0 in StatefulSet web successful',
    'SuccessfulCreate statefulset-controller: create Pod web-1 in StatefulSet web successful',
    'SuccessfulCreate statefulset-controller: create Pod web-2 in StatefulSet web successful',
  ]);
});

test('StatefulSet controller: scale-down removes the highest ordinal first; a deleted pod comes back with the same name', () => {
  const c = cluster();
  c.api.create(sts(3));
  c.settle();
  assert.deepEqual(names(c), ['web-0', 'web-1', 'web-2']);
  c.store.mutate<StatefulSet>('StatefulSet', 'default', 'web', (s) => {
    s.spec.replicas = 1;
  });
  c.settle();
  assert.deepEqual(names(c), ['web-0']);
  const ev = c.events
    .for(c.store.get<StatefulSet>('StatefulSet', 'default', 'web')!)
    .map((e) => e.message)
    .filter((m) => m.startsWith('delete'));
  assert.deepEqual(ev, [
    'delete Pod web-2 in StatefulSet web successful',
    'delete Pod web-1 in StatefulSet web successful',
  ]);
  const uid = c.store.get<Pod>('Pod', 'default', 'web-0')!.metadata.uid;
  c.api.delete('Pod', 'default', 'web-0');
  c.settle();
  const again = c.store.get<Pod>('Pod', 'default', 'web-0')!;
  assert.notEqual(again.metadata.uid, uid);
  assert.equal(again.status?.phase, 'Running');
});

test('StatefulSet controller: a refused pod creation records FailedCreate and settles; the pods come once their ServiceAccount exists (the failed sync is requeued)', () => {
  const c = cluster();
  const s = sts(2);
  s.spec.template.spec.serviceAccountName = 'db';
  c.api.create(s);
  c.settle();
  assert.deepEqual(names(c), []);
  assert.deepEqual(
    c.events.for(c.store.get('StatefulSet', 'default', 'web')!).map((e) => `${e.reason} x${e.count}: ${e.message}`),
    [
      'FailedCreate x1: create Pod web-0 in StatefulSet web failed error: pods "web-0" is forbidden: error looking up service account default/db: serviceaccount "db" not found',
    ],
  );
  c.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'db', namespace: 'default' } });
  c.settle();
  assert.deepEqual(names(c), ['web-0', 'web-1']);
});
