import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLabCluster } from '../cluster/lab.ts';
import { FRESH_MS, LOWER_BOUND, WatchHistory } from './history.ts';

// kube-apiserver's watch cache (staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go,
// getAllEventsSinceLocked): events after the requested resourceVersion; older than the window is Expired.

const cm = (name: string, v: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { v },
});

test('a watch from a resourceVersion since serve started replays the events after it, a deletion included', () => {
  const c = createLabCluster();
  const h = new WatchHistory(c.store, c.clock);
  const start = Number(c.store.resourceVersion());
  c.store.create(cm('a', '1'));
  const afterCreate = Number(c.store.resourceVersion());
  c.store.mutate('ConfigMap', 'default', 'a', (o) => {
    (o as unknown as { data: { v: string } }).data.v = '2';
  });
  c.store.remove('ConfigMap', 'default', 'a');
  const all = h.since('ConfigMap', start);
  assert.ok('events' in all);
  assert.deepEqual(
    all.events.map((e) => e.type),
    ['ADDED', 'MODIFIED', 'DELETED'],
  );
  const later = h.since('ConfigMap', afterCreate);
  assert.ok('events' in later);
  assert.deepEqual(
    later.events.map((e) => e.type),
    ['MODIFIED', 'DELETED'],
  );
  // before serve started: the cache was listed at `start`
  assert.deepEqual(h.since('ConfigMap', start - 1), { expired: `too old resource version: ${start - 1} (${start})` });
  h.stop();
});

test('the window keeps the last 100 events and those of the last 75 s; older versions are Expired', () => {
  const c = createLabCluster();
  const h = new WatchHistory(c.store, c.clock);
  const start = Number(c.store.resourceVersion());
  for (let i = 0; i < LOWER_BOUND + 20; i++) c.store.create(cm(`x${i}`, '1'));
  const first = h.since('ConfigMap', start);
  assert.ok('events' in first && first.events.length === LOWER_BOUND + 20, 'all kept while fresh');
  c.clock.advanceTo(c.clock.now() + FRESH_MS + 1);
  c.store.create(cm('late', '1'));
  const now = Number(c.store.resourceVersion());
  const oldest = now - LOWER_BOUND + 1;
  assert.deepEqual(h.since('ConfigMap', start), { expired: `too old resource version: ${start} (${oldest - 1})` });
  const kept = h.since('ConfigMap', oldest - 1);
  assert.ok('events' in kept && kept.events.length === LOWER_BOUND);
  h.stop();
});
