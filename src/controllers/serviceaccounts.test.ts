import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Namespace, Pod, ServiceAccount } from '../api/types.ts';
import { ApiServer } from '../store/apiserver.ts';
import { ObjectStore } from '../store/store.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import { ServiceAccountsController } from './serviceaccounts.ts';
import { harness, settle } from './testutil.ts';

const ns = (name: string): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pod = (name: string, namespace: string, sa?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...(sa ? { serviceAccountName: sa } : {}) },
});

test('ServiceAccount controller: every active namespace gets an empty `default` ServiceAccount (serviceaccounts_controller.go syncNamespace)', () => {
  const h = harness();
  const c = new ServiceAccountsController(h.api);
  h.api.create(ns('team-a'));
  settle(c);
  const names = h.store.list<ServiceAccount>('ServiceAccount').map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  assert.deepEqual(names, [
    'default/default',
    'kube-node-lease/default',
    'kube-public/default',
    'kube-system/default',
    'team-a/default',
  ]);
  const sa = h.store.get<ServiceAccount>('ServiceAccount', 'team-a', 'default')!;
  assert.deepEqual(Object.keys(sa).sort(), ['apiVersion', 'kind', 'metadata']);
  assert.equal(sa.metadata.generation, undefined);
  // a deleted default ServiceAccount is created again
  h.api.delete('ServiceAccount', 'team-a', 'default');
  settle(c);
  assert.ok(h.store.get('ServiceAccount', 'team-a', 'default'));
  // nothing for a namespace that is not Active ("we shouldn't try to create anything")
  h.api.delete('Namespace', undefined, 'team-a');
  h.api.delete('ServiceAccount', 'team-a', 'default');
  settle(c);
  assert.equal(h.store.get('ServiceAccount', 'team-a', 'default'), undefined);
});

test('ServiceAccount admission: a pod naming a missing ServiceAccount is refused with the plugin’s error (plugin/pkg/admission/serviceaccount/admission.go)', () => {
  const h = harness();
  h.api.create(ns('team-a'));
  assert.throws(
    () => h.api.create(pod('web', 'team-a', 'builder')),
    (e: Error) =>
      e.message ===
      'pods "web" is forbidden: error looking up service account team-a/builder: serviceaccount "builder" not found',
  );
  assert.throws(
    () => h.api.create({ ...pod('', 'team-a', 'builder'), metadata: { generateName: 'web-', namespace: 'team-a' } }),
    /pods "web-" is forbidden: error looking up service account team-a\/builder/,
  );
  h.api.create<ServiceAccount>({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'builder', namespace: 'team-a' },
  });
  assert.equal(h.api.create(pod('web', 'team-a', 'builder')).spec.serviceAccountName, 'builder');
});

test('ServiceAccount admission: the `default` ServiceAccount is waited for — the controller creates it during the lookups; without the controller the pod is refused', () => {
  const h = harness();
  h.api.create(ns('fresh'));
  // the controller has not synced: admission's retries give it the time to create `default`
  const p = h.api.create(pod('web', 'fresh'));
  assert.equal(p.spec.serviceAccountName, 'default');
  assert.ok(h.store.get('ServiceAccount', 'fresh', 'default'));
  // a kube-apiserver without kube-controller-manager
  const bare = new ApiServer(new ObjectStore(new VirtualClock(), new Rng(1)));
  assert.throws(
    () => bare.create(pod('web', 'default')),
    /pods "web" is forbidden: error looking up service account default\/default: serviceaccount "default" not found/,
  );
});

test('ServiceAccount admission: the ServiceAccount’s automountServiceAccountToken applies unless the pod sets its own; its imagePullSecrets go to a pod without any (shouldAutomount)', () => {
  const h = harness();
  h.api.create<ServiceAccount>({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'quiet', namespace: 'default' },
    automountServiceAccountToken: false,
    imagePullSecrets: [{ name: 'regcred' }],
  });
  const off = h.api.create(pod('off', 'default', 'quiet'));
  assert.equal(off.spec.volumes, undefined);
  assert.deepEqual(off.spec.imagePullSecrets, [{ name: 'regcred' }]);
  const on = h.api.create({
    ...pod('on', 'default', 'quiet'),
    spec: {
      ...pod('on', 'default', 'quiet').spec,
      automountServiceAccountToken: true,
      imagePullSecrets: [{ name: 'mine' }],
    },
  });
  assert.match(on.spec.volumes![0].name, /^kube-api-access-[a-z0-9]{5}$/);
  assert.deepEqual(on.spec.imagePullSecrets, [{ name: 'mine' }]);
});
