import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicaSet } from '../api/types.ts';
import { OwnerQueue } from './common.ts';
import { harness } from './testutil.ts';

test('controller work queue (OwnerQueue): only marked owners sync; an owner whose sync wrote to the store stays marked for another pass', () => {
  const h = harness();
  const q = new OwnerQueue(h.store, 'ReplicaSet');
  const runs: string[] = [];
  assert.equal(
    q.run('a', () => {
      runs.push('a');
      return true;
    }),
    false,
  );
  q.mark('a');
  q.mark('b');
  assert.equal(
    q.run('a', () => {
      runs.push('a');
      return false;
    }),
    false,
  ); // no write: done
  assert.equal(
    q.run('a', () => {
      runs.push('a');
      return true;
    }),
    false,
  );
  assert.equal(
    q.run('b', () => {
      runs.push('b');
      h.store.create<Pod>({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      });
      return true;
    }),
    true,
  );
  assert.equal(
    q.run('b', () => {
      runs.push('b');
      return false;
    }),
    false,
  ); // it wrote: runs again
  assert.equal(
    q.run('b', () => {
      runs.push('b');
      return false;
    }),
    false,
  );
  q.mark('c');
  q.forget('c');
  assert.equal(
    q.run('c', () => {
      runs.push('c');
      return true;
    }),
    false,
  );
  assert.deepEqual(runs, ['a', 'b', 'b']);
});

test('controller work queue (OwnerQueue): its owners are marked when they exist, are created or change, and forgotten when deleted', () => {
  const h = harness();
  const rs = (name: string) =>
    ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    }) as unknown as ReplicaSet;
  const before = h.store.create(rs('before'));
  const q = new OwnerQueue(h.store, 'ReplicaSet');
  const after = h.store.create(rs('after'));
  const ran: string[] = [];
  for (const o of [before, after])
    q.run(o.metadata.uid!, () => {
      ran.push(o.metadata.name!);
      return false;
    });
  assert.deepEqual(ran, ['before', 'after']);
  h.store.update({ ...before, metadata: { ...before.metadata, labels: { changed: 'yes' } } });
  h.store.remove('ReplicaSet', 'default', 'after');
  ran.length = 0;
  for (const o of [before, after])
    q.run(o.metadata.uid!, () => {
      ran.push(o.metadata.name!);
      return false;
    });
  assert.deepEqual(ran, ['before']);
});
