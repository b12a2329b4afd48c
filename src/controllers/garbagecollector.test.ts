import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicaSet } from '../api/types.ts';
import { GarbageCollector } from './garbagecollector.ts';
import { harness, node, settle } from './testutil.ts';

const validRs = (): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});
const pod = (name: string, refs: Pod['metadata']['ownerReferences'], nodeName?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ownerReferences: refs },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
});

test('garbage collector: dependents whose controller owner (by uid) is gone are deleted in the background; bound pods gracefully', () => {
  const h = harness();
  node(h, 'n1');
  const rs = h.api.create(validRs());
  const ref = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name: 'web',
    uid: rs.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
  h.api.create(pod('unbound', [ref]));
  h.api.create(pod('bound', [ref], 'n1'));
  const gc = new GarbageCollector(h.api);
  settle(gc);
  assert.equal(h.store.count('Pod'), 2);
  h.api.delete('ReplicaSet', 'default', 'web');
  settle(gc);
  assert.equal(h.store.get('Pod', 'default', 'unbound'), undefined);
  assert.ok(h.store.get('Pod', 'default', 'bound')!.metadata.deletionTimestamp);
});

test('garbage collector: an owner re-created with the same name but a new uid does not keep old dependents alive', () => {
  const h = harness();
  const mk = () => h.api.create(validRs());
  const first = mk();
  h.api.create(
    pod('p', [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: first.metadata.uid!, controller: true }]),
  );
  h.store.remove('ReplicaSet', 'default', 'web');
  mk();
  settle(new GarbageCollector(h.api));
  assert.equal(h.store.get('Pod', 'default', 'p'), undefined);
});

test('garbage collector: mirror pods (owner kind Node) are never touched, and a dangling extra owner is only unlinked', () => {
  const h = harness();
  const n = node(h, 'n1');
  const rs = h.api.create(validRs());
  h.api.create(
    pod('mirror', [{ apiVersion: 'v1', kind: 'Node', name: 'gone', uid: 'no-such-uid', controller: true }], 'n1'),
  );
  const live = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid! };
  h.api.create(pod('two-owners', [live, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'old', uid: 'gone-uid' }]));
  settle(new GarbageCollector(h.api));
  assert.ok(h.store.get('Pod', 'default', 'mirror'));
  assert.ok(!h.store.get('Pod', 'default', 'mirror')!.metadata.deletionTimestamp);
  assert.deepEqual(h.store.get('Pod', 'default', 'two-owners')!.metadata.ownerReferences, [live]);
  void n;
});
