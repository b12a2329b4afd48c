import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ObjectStore } from '../../src/store/store.ts';
import { VirtualClock } from '../../src/util/clock.ts';
import { Rng } from '../../src/util/rng.ts';
import type { KubeObject, Pod } from '../../src/api/types.ts';
import { countByNode, describeOffenders, describePods, podsOf } from './pods.ts';

function setup() {
  const store = new ObjectStore(new VirtualClock(), new Rng(1));
  const owner = (o: KubeObject) => [
    { apiVersion: 'apps/v1', kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid!, controller: true },
  ];
  const dep = store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
  });
  const rs = store.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-5d8f7', namespace: 'default', ownerReferences: owner(dep) },
  });
  const other = store.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'db-6c9b', namespace: 'default' },
  });
  const pod = (name: string, node: string | undefined, parent: KubeObject | undefined, deleting = false) =>
    store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        ownerReferences: parent ? owner(parent) : undefined,
        deletionTimestamp: deleting ? '2026-01-01T00:00:30Z' : undefined,
      },
      spec: { containers: [{ name: 'c' }], nodeName: node },
      status: { phase: node ? 'Running' : 'Pending' },
    });
  pod('web-5d8f7-aaaaa', 'w1', rs);
  pod('web-5d8f7-bbbbb', 'w2', rs);
  pod('web-5d8f7-ccccc', 'w2', rs, true);
  pod('web-5d8f7-ddddd', undefined, rs);
  pod('db-6c9b-eeeee', 'w1', other);
  pod('bare', 'w1', undefined);
  return store;
}

test('pods of a Deployment: followed through the controlling ReplicaSet; terminating pods and other owners excluded', () => {
  const store = setup();
  const pods = podsOf(store, { kind: 'Deployment', namespace: 'default', name: 'web' });
  assert.deepEqual(
    pods.map((p) => p.metadata.name),
    ['web-5d8f7-aaaaa', 'web-5d8f7-bbbbb', 'web-5d8f7-ddddd'],
  );
  assert.deepEqual(
    [...countByNode(pods)],
    [
      ['w1', 1],
      ['w2', 1],
      ['<none>', 1],
    ],
  );
  assert.equal(describePods(pods.slice(2)), '  web-5d8f7-ddddd on <none> (Pending)');
  assert.deepEqual(podsOf(store, { kind: 'Deployment', namespace: 'other', name: 'web' }), []);
});

test('failure listings: the pods that break the rule by name (at most the limit, then a count) and a count of those that keep it', () => {
  const store = setup();
  const pods = podsOf(store, { kind: 'Deployment', namespace: 'default', name: 'web' });
  assert.equal(
    describeOffenders(pods.slice(2), pods),
    '  web-5d8f7-ddddd on <none> (Pending)\n  (2 other pod(s) keep the rule)',
  );
  assert.equal(describePods(pods, 1), '  web-5d8f7-aaaaa on w1 (Running)\n  … and 2 more pod(s)');
  assert.equal(
    describeOffenders(pods, pods, 2),
    '  web-5d8f7-aaaaa on w1 (Running)\n  web-5d8f7-bbbbb on w2 (Running)\n  … and 1 more pod(s)',
  );
});
