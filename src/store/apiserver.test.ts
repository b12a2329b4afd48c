import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceAccountsController } from '../controllers/serviceaccounts.ts';
import { ApiServer } from './apiserver.ts';
import { ObjectStore } from './store.ts';
import { ApiError } from './errors.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import type { KubeObject, Pod } from '../api/types.ts';

const newApi = () => {
  const api = new ApiServer(new ObjectStore(new VirtualClock(), new Rng(1)));
  // (as in a cluster: the ServiceAccount controller creates a namespace's `default` account when admission asks for it)
  api.serviceAccounts = new ServiceAccountsController(api);
  return api;
};
const pod = (name: string, spec: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

test('apiserver: the default, kube-system, kube-public and kube-node-lease namespaces exist', () => {
  const api = newApi();
  assert.deepEqual(
    api.store.list('Namespace').map((n) => n.metadata.name),
    ['default', 'kube-node-lease', 'kube-public', 'kube-system'],
  );
});

test('apiserver: a second create of the same name fails with AlreadyExists and the registry wording', () => {
  const api = newApi();
  api.create(pod('web'));
  assert.throws(
    () => api.create(pod('web')),
    (e: unknown) => e instanceof ApiError && e.reason === 'AlreadyExists' && e.message === 'pods "web" already exists',
  );
});

test('apiserver: get of a missing object is NotFound with the resource name', () => {
  assert.throws(
    () => newApi().get('Deployment', 'default', 'nope'),
    (e: unknown) => e instanceof ApiError && e.message === 'deployments.apps "nope" not found',
  );
});

test('apiserver: a namespaced object in a missing namespace is rejected (NamespaceLifecycle)', () => {
  assert.throws(
    () => newApi().create({ ...pod('p'), metadata: { name: 'p', namespace: 'nope' } }),
    /namespaces "nope" not found/,
  );
});

test('DefaultTolerationSeconds: not-ready and unreachable NoExecute tolerations for 300s are added unless already tolerated', () => {
  const api = newApi();
  const p = api.create(pod('p'));
  assert.deepEqual(p.spec.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
  const all = api.create(pod('q', { tolerations: [{ operator: 'Exists' }] }));
  assert.deepEqual(all.spec.tolerations, [{ operator: 'Exists' }]);
});

test('Priority admission: priorityClassName resolves to spec.priority; system classes are built in; unknown names are forbidden', () => {
  const api = newApi();
  api.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
  assert.equal(api.create(pod('a', { priorityClassName: 'high' })).spec.priority, 1000);
  assert.equal(api.create(pod('b', { priorityClassName: 'system-node-critical' })).spec.priority, 2000001000);
  assert.equal(api.create(pod('c')).spec.priority, 0);
  assert.throws(
    () => api.create(pod('d', { priorityClassName: 'nope' })),
    /pods "d" is forbidden: no PriorityClass with name nope was found/,
  );
});

test('Priority admission: a globalDefault PriorityClass applies to pods without a class', () => {
  const api = newApi();
  api.create({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'dflt' },
    value: 7,
    globalDefault: true,
  });
  const p = api.create(pod('a'));
  assert.equal(p.spec.priority, 7);
  assert.equal(p.spec.priorityClassName, 'dflt');
});

test('defaulting: requests are defaulted from limits; schedulerName, restartPolicy and grace period get their defaults', () => {
  const p = newApi().create(
    pod('p', { containers: [{ name: 'c', image: 'nginx:1.14', resources: { limits: { cpu: '1', memory: '1Gi' } } }] }),
  );
  assert.deepEqual(p.spec.containers[0].resources!.requests, { cpu: '1', memory: '1Gi' });
  assert.equal(p.spec.schedulerName, 'default-scheduler');
  assert.equal(p.spec.restartPolicy, 'Always');
  assert.equal(p.spec.terminationGracePeriodSeconds, 30);
  assert.equal(p.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  assert.equal(p.status!.phase, 'Pending');
  assert.equal(p.status!.qosClass, 'Guaranteed');
});

test('apiserver delete: a pod bound to a node is deleted gracefully (deletionTimestamp = now + grace)', () => {
  const api = newApi();
  api.create(pod('bound', { nodeName: 'w1' }));
  const d = api.delete('Pod', 'default', 'bound') as Pod;
  assert.equal(d.metadata.deletionTimestamp, '2026-01-01T00:00:30Z');
  assert.ok(api.store.get('Pod', 'default', 'bound'));
  api.create(pod('unbound'));
  api.delete('Pod', 'default', 'unbound');
  assert.equal(api.store.get('Pod', 'default', 'unbound'), undefined);
  api.delete('Pod', 'default', 'bound', { gracePeriodSeconds: 0 });
  assert.equal(api.store.get('Pod', 'default', 'bound'), undefined);
});

test('apiserver delete: Foreground propagation is not supported yet for an object with dependents (it would behave as Background); without dependents it deletes', () => {
  const api = newApi();
  const rs = api.store.create<KubeObject>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs', namespace: 'default' },
  });
  api.create({
    ...pod('dep'),
    metadata: {
      name: 'dep',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: rs.metadata.uid!, controller: true },
      ],
    },
  });
  assert.throws(
    () => api.delete('ReplicaSet', 'default', 'rs', { propagationPolicy: 'Foreground' }),
    /not supported yet: foreground cascading deletion of replicaset rs, which has dependents/,
  );
  assert.ok(api.store.get('ReplicaSet', 'default', 'rs'));
  api.delete('Pod', 'default', 'dep', { propagationPolicy: 'Foreground' });
  assert.equal(api.store.get('Pod', 'default', 'dep'), undefined);
});

test('pod strategy: matchLabelKeys / mismatchLabelKeys of pod affinity terms become In / NotIn requirements', () => {
  const p = newApi().create({
    ...pod('p'),
    metadata: { name: 'p', labels: { app: 'web', tenant: 'a' } },
    spec: {
      containers: [{ name: 'c', image: 'nginx' }],
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchLabels: { app: 'web' } },
              topologyKey: 'kubernetes.io/hostname',
              matchLabelKeys: ['tenant', 'absent'],
              mismatchLabelKeys: ['app'],
            },
          ],
        },
      },
    },
  });
  assert.deepEqual(p.spec.affinity!.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution![0].labelSelector, {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tenant', operator: 'In', values: ['a'] },
      { key: 'app', operator: 'NotIn', values: ['web'] },
    ],
  });
});

test('ServiceAccount admission: serviceAccountName defaults to "default" and a kube-api-access projected volume is mounted read-only', () => {
  const p = newApi().create(pod('sa'));
  assert.equal(p.spec.serviceAccountName, 'default');
  const vol = p.spec.volumes!.find((v) => v.name.startsWith('kube-api-access-'))!;
  assert.match(vol.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(p.spec.containers[0].volumeMounts, [
    { name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
  ]);
});

test('ServiceAccount admission: mirror pods and automountServiceAccountToken: false get no token volume', () => {
  const api = newApi();
  const mirror = api.create({
    ...pod('m'),
    metadata: { name: 'm', annotations: { 'kubernetes.io/config.mirror': 'abc' } },
  });
  assert.equal(mirror.spec.serviceAccountName, undefined);
  assert.equal(mirror.spec.volumes, undefined);
  const off = api.create(pod('off', { automountServiceAccountToken: false }));
  assert.equal(off.spec.serviceAccountName, 'default');
  assert.equal(off.spec.volumes, undefined);
});

test("apiserver create: the stored object is the server's own copy with uid, resourceVersion and creationTimestamp; the request body is left as sent", () => {
  const api = newApi();
  const body: Pod = pod('web');
  const stored = api.create(body);
  assert.equal(JSON.stringify(body.metadata), '{"name":"web"}');
  assert.equal(body.status, undefined);
  assert.equal(stored.metadata.namespace, 'default');
  assert.ok(stored.metadata.uid && stored.metadata.resourceVersion && stored.metadata.creationTimestamp);
  assert.deepEqual(Object.keys(stored), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  body.metadata.labels = { changed: 'after' };
  body.spec.containers[0].image = 'busybox';
  const got = api.get<Pod>('Pod', 'default', 'web');
  assert.equal(got, stored);
  assert.equal(got.metadata.labels, undefined);
  assert.equal(got.spec.containers[0].image, 'nginx');
});

test('apiserver: an update that changes nothing is not written — same resourceVersion, no watch event (etcd3 GuaranteedUpdate)', () => {
  const api = newApi();
  const created = api.create(pod('web'));
  const events: string[] = [];
  api.store.watch((e) => events.push(e.type));
  const same = api.update(structuredClone(created));
  assert.equal(same.metadata.resourceVersion, created.metadata.resourceVersion);
  assert.deepEqual(events, []);
  const changed = api.update({ ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
  assert.notEqual(changed.metadata.resourceVersion, created.metadata.resourceVersion);
  assert.deepEqual(events, ['MODIFIED']);
});
