import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoreEvent, Deployment, KubeObject, Namespace, Pod } from '../api/types.ts';
import { EventRecorder } from './events.ts';
import type { ApiError } from './errors.ts';
import { statusOf } from '../apiserver/status.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import { ApiServer } from './apiserver.ts';
import { ObjectStore } from './store.ts';
import { ServiceAccountsController } from '../controllers/serviceaccounts.ts';

function newApi(): ApiServer {
  const api = new ApiServer(new ObjectStore(new VirtualClock(), new Rng(1)));
  api.serviceAccounts = new ServiceAccountsController(api);
  return api;
}
const ns = (name: string, extra: Partial<Namespace> = {}): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
  ...extra,
});
const pod = (name: string, namespace: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

test('namespace strategy: a created namespace is Active with the kubernetes finalizer, whatever spec and status it was sent with (PrepareForCreate)', () => {
  const api = newApi();
  // what `kubectl create namespace` sends
  const a = api.create(ns('a', { spec: {}, status: {} } as Partial<Namespace>));
  assert.deepEqual(a.spec, { finalizers: ['kubernetes'] });
  assert.deepEqual(a.status, { phase: 'Active' });
  assert.deepEqual(a.metadata.labels, { 'kubernetes.io/metadata.name': 'a' });
  assert.equal(a.metadata.generation, undefined, 'namespaces have no generation');
  const b = api.create(ns('b', { spec: { finalizers: ['example.com/x'] }, status: { phase: 'Terminating' } }));
  assert.deepEqual(b.spec?.finalizers, ['example.com/x', 'kubernetes']);
  assert.equal(b.status?.phase, 'Active');
});

test('namespace strategy: an update keeps the stored spec.finalizers and status (PrepareForUpdate)', () => {
  const api = newApi();
  api.create(ns('a'));
  const cur = api.get<Namespace>('Namespace', undefined, 'a');
  const next = api.update<Namespace>({
    ...cur,
    metadata: { ...cur.metadata, labels: { ...cur.metadata.labels, team: 'x' } },
    spec: { finalizers: [] },
    status: { phase: 'Terminating' },
  });
  assert.deepEqual(next.spec, { finalizers: ['kubernetes'] });
  assert.deepEqual(next.status, { phase: 'Active' });
  assert.equal(next.metadata.labels?.team, 'x');
});

test('namespace deletion: marks deletionTimestamp and Terminating and keeps the namespace; default, kube-system and kube-public may not be deleted (REST.Delete, NamespaceLifecycle)', () => {
  const api = newApi();
  api.create(ns('team-a'));
  const out = api.delete('Namespace', undefined, 'team-a') as Namespace;
  assert.equal(out.metadata.deletionTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(out.status?.phase, 'Terminating');
  assert.equal(out.metadata.deletionGracePeriodSeconds, undefined);
  // a second DELETE answers it as it is while the finalizer remains
  assert.equal(api.delete('Namespace', undefined, 'team-a'), api.store.get('Namespace', undefined, 'team-a'));
  for (const name of ['default', 'kube-system', 'kube-public'])
    assert.equal(
      message(() => api.delete('Namespace', undefined, name)),
      `namespaces "${name}" is forbidden: this namespace may not be deleted`,
    );
  // kube-node-lease is not immortal
  assert.equal((api.delete('Namespace', undefined, 'kube-node-lease') as Namespace).status?.phase, 'Terminating');
});

test('NamespaceLifecycle: nothing is created in a terminating namespace (the name, else generateName, names the object); a missing namespace is NotFound before validation', () => {
  const api = newApi();
  api.create(ns('team-a'));
  api.delete('Namespace', undefined, 'team-a');
  assert.equal(
    message(() => api.create(pod('web', 'team-a'))),
    'pods "web" is forbidden: unable to create new content in namespace team-a because it is being terminated',
  );
  const deploy: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { generateName: 'web-', namespace: 'team-a' },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
  assert.equal(
    message(() => api.create(deploy)),
    'deployments.apps "web-" is forbidden: unable to create new content in namespace team-a because it is being terminated',
  );
  // NamespaceLifecycle runs before validation: an invalid pod in a missing namespace is NotFound
  const invalid = { ...pod('Bad_Name', 'nowhere') } as KubeObject;
  assert.equal(
    message(() => api.create(invalid)),
    'namespaces "nowhere" not found',
  );
});

test('NamespaceLifecycle: a new event in a terminating namespace is refused, so the recorder drops it; a repeat of an existing one (a patch) still counts', () => {
  const api = newApi();
  const events = new EventRecorder(api.store);
  api.create(ns('team-a'));
  const p = api.create(pod('web', 'team-a'));
  events.record(p, 'Normal', 'Pulled', 'pulled', 'kubelet');
  api.delete('Namespace', undefined, 'team-a');
  events.record(p, 'Normal', 'Killing', 'Stopping container c', 'kubelet');
  events.record(p, 'Normal', 'Pulled', 'pulled', 'kubelet');
  assert.deepEqual(
    api.store.inNamespace<CoreEvent>('Event', 'team-a').map((e) => `${e.reason} x${e.count}`),
    ['Pulled x2'],
  );
});

test('NamespaceLifecycle: the Status of a refusal names the object (NewForbidden details) and, for a terminating namespace, carries the NamespaceTerminating cause', () => {
  const api = newApi();
  api.create(ns('team-a'));
  api.delete('Namespace', undefined, 'team-a');
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return statusOf(e as ApiError);
    }
    throw new Error('not refused');
  };
  assert.deepEqual(refused(() => api.create(pod('web', 'team-a'))).details, {
    name: 'web',
    kind: 'pods',
    causes: [
      { reason: 'NamespaceTerminating', message: 'namespace team-a is being terminated', field: 'metadata.namespace' },
    ],
  });
  const immortal = refused(() => api.delete('Namespace', undefined, 'default'));
  assert.equal(immortal.code, 403);
  assert.deepEqual(immortal.details, { name: 'default', kind: 'namespaces' });
});
