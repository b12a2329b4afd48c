import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodRecord } from './podrecord.ts';

const ev = (type: string, namespace: string, name: string) => ({ type, object: { metadata: { namespace, name } } });

test('a pod created and deleted in the scenario: created once, deleted once; recreated: created twice (watch ADDED/DELETED from the start)', () => {
  const r = new PodRecord('ks-x');
  r.event(ev('ADDED', 'ks-x', 'db'));
  r.event(ev('MODIFIED', 'ks-x', 'db'));
  r.event(ev('DELETED', 'ks-x', 'db'));
  assert.deepEqual(r.history('default/db', false), { created: 1, deleted: 1 });
  r.event(ev('ADDED', 'ks-x', 'db'));
  assert.deepEqual(r.history('default/db', true), { created: 2, deleted: 1 });
});

test('a pod that existed before the scenario counts as created once, as in the simulator (first event MODIFIED or DELETED, or none and it exists)', () => {
  const r = new PodRecord('ks-x');
  r.event(ev('MODIFIED', 'kube-system', 'etcd-m-k8s'));
  assert.deepEqual(r.history('kube-system/etcd-m-k8s', true), { created: 1, deleted: 0 });
  r.event(ev('DELETED', 'kube-system', 'kube-proxy-abc'));
  assert.deepEqual(r.history('kube-system/kube-proxy-abc', false), { created: 1, deleted: 1 });
  assert.deepEqual(r.history('kube-system/kube-scheduler-m-k8s', true), { created: 1, deleted: 0 });
  assert.deepEqual(r.history('default/never', false), { created: 0, deleted: 0 });
});

test('bookmarks and errors are not pod events', () => {
  const r = new PodRecord('ks-x');
  r.event({ type: 'BOOKMARK', object: { metadata: { name: 'x' } } });
  r.event({ type: 'ERROR' });
  assert.deepEqual(r.history('default/x', false), { created: 0, deleted: 0 });
});
