import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicaSet } from '../api/types.ts';
import { canonicalJson, OwnerQueue, sameJson } from './common.ts';
import { harness } from './testutil.ts';

test('controller status writes (sameJson): equal exactly when canonicalJson renders both the same — key order, undefined properties and undefined array items do not count', () => {
  const values: unknown[] = [
    null, undefined, 0, 1, NaN, Infinity, '', '1', true, false, [], {}, [undefined], [null],
    { a: undefined }, { a: 1 }, { a: 1, b: undefined }, { b: 1, a: 1 }, { a: 1, b: 1 }, [1, 2], [2, 1],
    { conditions: [{ type: 'Ready', status: 'True' }] }, { conditions: [{ status: 'True', type: 'Ready', reason: undefined }] },
    { conditions: [{ type: 'Ready', status: 'False' }] }, { a: { b: {} } }, { a: { b: [] } },
  ];
  for (const a of values) {
    for (const b of values) assert.equal(sameJson(a, b), canonicalJson(a) === canonicalJson(b), `${canonicalJson(a)} vs ${canonicalJson(b)}`);
  }
});

test('controller work queue (OwnerQueue): only marked owners sync; an owner whose sync wrote to the store stays marked for another pass', () => {
  const h = harness();
  const q = new OwnerQueue(h.store, 'ReplicaSet');
  const runs: string[] = [];
  assert.equal(q.run('a', () => { runs.push('a'); return true; }), false);
  q.mark('a');
  q.mark('b');
  assert.equal(q.run('a', () => { runs.push('a'); return false; }), false); // no write: done
  assert.equal(q.run('a', () => { runs.push('a'); return true; }), false);
  assert.equal(q.run('b', () => {
    runs.push('b');
    h.store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    return true;
  }), true);
  assert.equal(q.run('b', () => { runs.push('b'); return false; }), false); // it wrote: runs again
  assert.equal(q.run('b', () => { runs.push('b'); return false; }), false);
  q.mark('c');
  q.forget('c');
  assert.equal(q.run('c', () => { runs.push('c'); return true; }), false);
  assert.deepEqual(runs, ['a', 'b', 'b']);
});

test('controller work queue (OwnerQueue): its owners are marked when they exist, are created or change, and forgotten when deleted', () => {
  const h = harness();
  const rs = (name: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' }, spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } }) as unknown as ReplicaSet;
  const before = h.store.create(rs('before'));
  const q = new OwnerQueue(h.store, 'ReplicaSet');
  const after = h.store.create(rs('after'));
  const ran: string[] = [];
  for (const o of [before, after]) q.run(o.metadata.uid!, () => { ran.push(o.metadata.name!); return false; });
  assert.deepEqual(ran, ['before', 'after']);
  h.store.update({ ...before, metadata: { ...before.metadata, labels: { changed: 'yes' } } });
  h.store.remove('ReplicaSet', 'default', 'after');
  ran.length = 0;
  for (const o of [before, after]) q.run(o.metadata.uid!, () => { ran.push(o.metadata.name!); return false; });
  assert.deepEqual(ran, ['before']);
});
