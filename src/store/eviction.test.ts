import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, PodDisruptionBudget } from '../api/types.ts';
import { Cluster } from '../cluster/cluster.ts';
import { DisruptionController } from '../controllers/disruption.ts';
import { ApiError } from './errors.ts';
import { evictPod, PDB_VIOLATION } from './eviction.ts';

function pod(name: string, ready = true, node = 'n1'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: node },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}
const pdb = (spec: PodDisruptionBudget['spec'], name = 'web'): PodDisruptionBudget => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'default' },
  spec,
});

/** A cluster whose only component is the disruption controller, which keeps the budgets' status. */
function cluster(): Cluster {
  const c = new Cluster();
  c.components.length = 0;
  c.components.push(new DisruptionController(c.store, c.events));
  return c;
}

const tooMany = (e: unknown) =>
  e instanceof ApiError && e.reason === 'TooManyRequests' && e.code === 429 && e.message === PDB_VIOLATION;
const status = (c: Cluster, name = 'web') =>
  c.store.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', name)!.status!;

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
  c.settle();
  assert.throws(() => evictPod(c.api, c.store, 'default', 'a'), tooMany);
  assert.equal(c.store.get<Pod>('Pod', 'default', 'a')!.metadata.deletionTimestamp, undefined);
});

test('Eviction API: a budget the disruption controller has not processed yet (observedGeneration < generation) answers 429', () => {
  const c = cluster();
  c.store.create(pod('a'));
  c.store.create(pdb({ minAvailable: 0, selector: { matchLabels: { app: 'web' } } }));
  assert.throws(() => evictPod(c.api, c.store, 'default', 'a'), tooMany);
  c.settle();
  evictPod(c.api, c.store, 'default', 'a');
});

test('Eviction API checkAndDecrement: an eviction takes one disruption and records the pod in disruptedPods before the controller runs again', () => {
  const c = cluster();
  for (const n of ['a', 'b', 'c']) c.store.create(pod(n));
  c.store.create(pdb({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
  c.settle();
  assert.equal(status(c).disruptionsAllowed, 1);
  evictPod(c.api, c.store, 'default', 'a');
  const st = status(c);
  assert.equal(st.disruptionsAllowed, 0);
  assert.deepEqual(Object.keys(st.disruptedPods ?? {}), ['a']);
  assert.deepEqual(
    st.conditions?.map((x) => [x.type, x.status, x.reason]),
    [['DisruptionAllowed', 'False', 'InsufficientPods']],
  );
  assert.throws(() => evictPod(c.api, c.store, 'default', 'b'), tooMany);
});

test('Eviction API: an unready pod may go while the budget is met (IfHealthyBudget), or always (AlwaysAllow); Pending pods ignore budgets', () => {
  const c = cluster();
  for (const n of ['a', 'b']) c.store.create(pod(n));
  c.store.create(pod('sick', false));
  c.store.create(pod('sick2', false));
  c.store.create(pdb({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
  c.settle();
  assert.equal(status(c).disruptionsAllowed, 0);
  evictPod(c.api, c.store, 'default', 'sick');
  c.store.mutate<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'web', (b) => {
    b.spec.minAvailable = 3;
  });
  c.settle();
  assert.throws(() => evictPod(c.api, c.store, 'default', 'sick2'), tooMany);
  c.store.mutate<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'web', (b) => {
    b.spec.unhealthyPodEvictionPolicy = 'AlwaysAllow';
  });
  c.settle();
  evictPod(c.api, c.store, 'default', 'sick2');
  const pending = pod('p');
  pending.status!.phase = 'Pending';
  delete pending.spec.nodeName;
  c.store.create(pending);
  evictPod(c.api, c.store, 'default', 'p');
  assert.equal(c.store.get('Pod', 'default', 'p'), undefined);
});

test('Eviction API: a pod with two budgets is an internal error, as the eviction subresource supports one', () => {
  const c = cluster();
  c.store.create(pod('a'));
  c.store.create(pdb({ minAvailable: 0, selector: { matchLabels: { app: 'web' } } }));
  c.store.create(pdb({ minAvailable: 0, selector: { matchLabels: { app: 'web' } } }, 'other'));
  c.settle();
  assert.throws(
    () => evictPod(c.api, c.store, 'default', 'a'),
    (e) =>
      e instanceof ApiError &&
      e.code === 500 &&
      e.message ===
        'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
  );
});

test('Eviction API: a missing pod is NotFound', () => {
  const c = cluster();
  assert.throws(
    () => evictPod(c.api, c.store, 'default', 'x'),
    (e) => e instanceof ApiError && e.reason === 'NotFound' && e.message === 'pods "x" not found',
  );
});
