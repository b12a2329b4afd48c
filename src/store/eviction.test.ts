import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, PodDisruptionBudget } from '../api/types.ts';
import { Cluster } from '../cluster/cluster.ts';
import { ApiError } from './errors.ts';
import { budgetNumbers, evictPod, PDB_VIOLATION } from './eviction.ts';

function pod(name: string, ready = true, node = 'n1'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: node },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}
const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default' },
  spec,
});

function cluster(): Cluster {
  const c = new Cluster();
  c.components.length = 0;
  return c;
}

test('Eviction API: without a matching PodDisruptionBudget the pod is deleted gracefully and marked DisruptionTarget', () => {
  const c = cluster();
  c.store.create(pod('a'));
  evictPod(c.api, c.store, 'default', 'a');
  const p = c.store.get<Pod>('Pod', 'default', 'a')!;
  assert.ok(p.metadata.deletionTimestamp);
  assert.deepEqual(p.status!.conditions!.find((x) => x.type === 'DisruptionTarget')?.reason, 'EvictionByEvictionAPI');
});

test('Eviction API: a budget with no disruptions allowed answers 429 TooManyRequests with the PDB message', () => {
  const c = cluster();
  c.store.create(pod('a'));
  c.store.create(pod('b'));
  c.store.create(pdb({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
  assert.throws(
    () => evictPod(c.api, c.store, 'default', 'a'),
    (e) => e instanceof ApiError && e.reason === 'TooManyRequests' && e.code === 429 && e.message === PDB_VIOLATION,
  );
  assert.equal(c.store.get<Pod>('Pod', 'default', 'a')!.metadata.deletionTimestamp, undefined);
});

test('Eviction API: disruptions allowed = healthy - desired; a pod being deleted no longer counts as healthy', () => {
  const c = cluster();
  for (const n of ['a', 'b', 'c']) c.store.create(pod(n));
  const budget = c.store.create(pdb({ maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }));
  assert.deepEqual(budgetNumbers(budget, c.store), {
    expectedPods: 3,
    currentHealthy: 3,
    desiredHealthy: 2,
    disruptionsAllowed: 1,
  });
  evictPod(c.api, c.store, 'default', 'a');
  assert.throws(
    () => evictPod(c.api, c.store, 'default', 'b'),
    (e) => e instanceof ApiError && e.reason === 'TooManyRequests',
  );
});

test('Eviction API: percentages round up; unready pods may go while the budget is met; Pending pods ignore budgets', () => {
  const c = cluster();
  for (const n of ['a', 'b', 'c']) c.store.create(pod(n));
  c.store.create(pod('sick', false));
  const budget = c.store.create(pdb({ minAvailable: '50%', selector: { matchLabels: { app: 'web' } } }));
  assert.equal(budgetNumbers(budget, c.store).desiredHealthy, 2);
  evictPod(c.api, c.store, 'default', 'sick');
  const pending = pod('p');
  pending.status!.phase = 'Pending';
  delete pending.spec.nodeName;
  c.store.create(pending);
  c.store.create({
    ...pdb({ minAvailable: 100, selector: { matchLabels: { app: 'other' } } }),
    metadata: { name: 'other', namespace: 'default' },
  });
  evictPod(c.api, c.store, 'default', 'p');
  assert.equal(c.store.get('Pod', 'default', 'p'), undefined);
});

test('Eviction API: a missing pod is NotFound', () => {
  const c = cluster();
  assert.throws(
    () => evictPod(c.api, c.store, 'default', 'x'),
    (e) => e instanceof ApiError && e.reason === 'NotFound' && e.message === 'pods "x" not found',
  );
});
