import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ManagedFieldsEntry } from '../api/fieldset.ts';
import type { KubeObject, Pod } from '../api/types.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import { ServiceAccountsController } from '../controllers/serviceaccounts.ts';
import { ApiServer } from './apiserver.ts';
import { ANCIENT_CHANGES, MAX_UPDATE_MANAGERS, ownedPaths } from './managedfields.ts';
import { ObjectStore } from './store.ts';

function newApi(): ApiServer {
  const store = new ObjectStore(new VirtualClock(), new Rng(1));
  store.trackManagedFields = true;
  const api = new ApiServer(store);
  api.serviceAccounts = new ServiceAccountsController(api);
  return api;
}

const pod = (name: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { run: name } },
  spec: { containers: [{ name: name, image: 'nginx' }] },
});

const entries = (o: KubeObject) => o.metadata.managedFields as ManagedFieldsEntry[];
const get = (api: ApiServer, name = 'web') => api.get<Pod>('Pod', 'default', name);

test('managedFields: a create records the fields the writer sent, defaulted, before admission, as an Update entry (handlers/create.go UpdateNoErrors)', () => {
  const api = newApi();
  api.store.as({ manager: 'kubectl-run' }, () => api.create(pod('web')));
  const [e] = entries(get(api));
  assert.deepEqual(
    { ...e, fieldsV1: undefined },
    {
      manager: 'kubectl-run',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2026-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: undefined,
    },
  );
  // kubectl run's pod, defaulted; the service account volume and tolerations admission adds are nobody's
  assert.deepEqual(e.fieldsV1, {
    'f:metadata': { 'f:labels': { '.': {}, 'f:run': {} } },
    'f:spec': {
      'f:containers': {
        'k:{"name":"web"}': {
          '.': {},
          'f:image': {},
          'f:imagePullPolicy': {},
          'f:name': {},
          'f:resources': {},
          'f:terminationMessagePath': {},
          'f:terminationMessagePolicy': {},
        },
      },
      'f:dnsPolicy': {},
      'f:enableServiceLinks': {},
      'f:restartPolicy': {},
      'f:schedulerName': {},
      'f:securityContext': {},
      'f:terminationGracePeriodSeconds': {},
    },
  });
});

test('managedFields: an update moves the fields it changes to its writer, and another manager loses them (merge/update.go Updater.Update)', () => {
  const api = newApi();
  api.store.as({ manager: 'kubectl-run' }, () => api.create(pod('web')));
  api.store.clock.advanceTo(api.store.clock.now() + 5000);
  api.store.as({ manager: 'kubectl-label' }, () => {
    const cur = get(api);
    api.update({ ...cur, metadata: { ...cur.metadata, labels: { run: 'other', tier: 'web' } } });
  });
  const after = entries(get(api));
  assert.deepEqual(ownedPaths(after, 'kubectl-label'), ['f:metadata.f:labels.f:run', 'f:metadata.f:labels.f:tier']);
  assert.ok(!ownedPaths(after, 'kubectl-run').some((p) => p.startsWith('f:metadata.f:labels.f:run')));
  assert.ok(ownedPaths(after, 'kubectl-run').includes('f:metadata.f:labels'));
  // sorted by time: the older entry first
  assert.deepEqual(
    after.map((e) => [e.manager, e.time]),
    [
      ['kubectl-run', '2026-01-01T00:00:00Z'],
      ['kubectl-label', '2026-01-01T00:00:05Z'],
    ],
  );
});

test('managedFields: a removed field leaves every manager (Updater.update: compare.Removed)', () => {
  const api = newApi();
  api.store.as({ manager: 'kubectl-run' }, () => api.create(pod('web')));
  api.store.as({ manager: 'kubectl-label' }, () => {
    const cur = get(api);
    api.update({ ...cur, metadata: { ...cur.metadata, labels: {} } });
  });
  const after = entries(get(api));
  assert.ok(!ownedPaths(after, 'kubectl-run').some((p) => p.includes('f:labels.f:run')));
  // the writer gained nothing: it has no entry
  assert.deepEqual(ownedPaths(after, 'kubectl-label'), []);
});

test('managedFields: a status write is recorded under subresource status, with only status fields (podStatusStrategy GetResetFields)', () => {
  const api = newApi();
  api.store.as({ manager: 'kubectl-run' }, () => api.create(pod('web')));
  api.store.as({ manager: 'kubelet', splitStatus: true }, () =>
    api.store.mutate<Pod>('Pod', 'default', 'web', (p) => {
      p.status = { ...p.status, phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }] };
    }),
  );
  const kubelet = entries(get(api)).find((e) => e.manager === 'kubelet')!;
  assert.equal(kubelet.subresource, 'status');
  assert.deepEqual(kubelet.fieldsV1, {
    'f:status': {
      'f:phase': {},
      'f:podIP': {},
      'f:podIPs': { '.': {}, 'k:{"ip":"10.0.0.1"}': { '.': {}, 'f:ip': {} } },
    },
  });
  // and the resource's writer does not record status (podStrategy GetResetFields)
  api.store.as({ manager: 'kubectl-edit' }, () => {
    const cur = get(api);
    api.update({ ...cur, status: { ...cur.status, phase: 'Failed' } });
  });
  assert.equal(
    entries(get(api)).find((e) => e.manager === 'kubectl-edit'),
    undefined,
  );
});

test('managedFields: a write that changes nothing keeps the entry and its time (managedFieldsUpdater)', () => {
  const api = newApi();
  api.store.as({ manager: 'kubectl-label' }, () => api.create(pod('web')));
  const before = entries(get(api));
  api.store.clock.advanceTo(api.store.clock.now() + 60_000);
  api.store.as({ manager: 'kubectl-label' }, () => {
    const cur = get(api);
    // a label the entry already owns, set again with the same value, and one removed: nothing gained
    api.update({ ...cur, metadata: { ...cur.metadata, labels: { run: 'web' }, annotations: undefined } });
  });
  assert.deepEqual(entries(get(api)), before);
  api.store.as({ manager: 'kubectl-label' }, () => {
    const cur = get(api);
    api.update({ ...cur, metadata: { ...cur.metadata, labels: { run: 'web', x: 'y' } } });
  });
  assert.equal(entries(get(api))[0].time, '2026-01-01T00:01:00Z');
});

test(`managedFields: more than ${MAX_UPDATE_MANAGERS} Update managers: the oldest merge into ${ANCIENT_CHANGES} (capManagersManager)`, () => {
  const api = newApi();
  api.store.as({ manager: 'creator' }, () => api.create(pod('web')));
  for (let i = 0; i < 11; i++) {
    api.store.clock.advanceTo(api.store.clock.now() + 1000);
    api.store.as({ manager: `m${String(i).padStart(2, '0')}` }, () => {
      const cur = get(api);
      api.update({ ...cur, metadata: { ...cur.metadata, labels: { ...cur.metadata.labels, [`l${i}`]: 'x' } } });
    });
  }
  const after = entries(get(api));
  assert.equal(after.length, MAX_UPDATE_MANAGERS);
  const bucket = after.find((e) => e.manager === ANCIENT_CHANGES)!;
  // 12 Update entries: the three oldest (creator at 0 s, m00 at 1 s, m01 at 2 s) are one bucket, with the newest one's time
  assert.equal(bucket.time, '2026-01-01T00:00:02Z');
  assert.ok(ownedPaths(after, ANCIENT_CHANGES).includes('f:metadata.f:labels.f:l0'));
  assert.ok(ownedPaths(after, ANCIENT_CHANGES).includes('f:metadata.f:labels.f:l1'));
  assert.ok(ownedPaths(after, ANCIENT_CHANGES).includes('f:spec.f:dnsPolicy'));
  assert.equal(
    after.some((e) => ['creator', 'm00', 'm01'].includes(e.manager)),
    false,
  );
});

test('managedFields: an existing object nobody manages stays unmanaged on update (skipNonAppliedManager)', () => {
  const api = newApi();
  api.create(pod('web')); // no writer: past the field manager
  assert.equal(get(api).metadata.managedFields, undefined);
  api.store.as({ manager: 'kubectl-label' }, () => {
    const cur = get(api);
    api.update({ ...cur, metadata: { ...cur.metadata, labels: { run: 'web', x: 'y' } } });
  });
  assert.equal(get(api).metadata.managedFields, undefined);
});

test('managedFields: the entries an update sends replace the live ones (FieldManager.Update decodes the new object first)', () => {
  const api = newApi();
  api.store.as({ manager: 'kubectl-run' }, () => api.create(pod('web')));
  const sent: ManagedFieldsEntry[] = [
    {
      manager: 'someone',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2025-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:run': {} } } },
    },
  ];
  api.store.as({ manager: 'kubectl-edit' }, () => {
    const cur = get(api);
    api.update({ ...cur, metadata: { ...cur.metadata, managedFields: sent } });
  });
  assert.deepEqual(entries(get(api)), sent);
});

test('managedFields: a binding and a graceful deletion write past the field manager (assignPod, BeforeDelete)', () => {
  const api = newApi();
  api.store.as({ manager: 'kubectl-run' }, () => api.create(pod('web')));
  const before = entries(get(api));
  api.store.as(undefined, () =>
    api.store.mutate<Pod>('Pod', 'default', 'web', (p) => {
      p.spec.nodeName = 'n1';
    }),
  );
  api.store.as({ manager: 'kubectl' }, () => api.delete('Pod', 'default', 'web'));
  assert.deepEqual(entries(get(api)), before);
});

test('managedFields: nothing is recorded when the store does not track them (simulate)', () => {
  const api = newApi();
  api.store.trackManagedFields = false;
  api.store.as({ manager: 'kubectl-run' }, () => api.create(pod('web')));
  assert.equal(get(api).metadata.managedFields, undefined);
});
