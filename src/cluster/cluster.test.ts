import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import assert from 'node:assert/strict';
import type { KubeObject, Node, Pod } from '../api/types.ts';
import { addNode, createEmptyCluster } from './bootstrap.ts';
import { TRACE_AFTER_ROUNDS } from './cluster.ts';
import type { Cluster } from './cluster.ts';

/** A component that sets the node's `owner` label to its own name whenever it is not. */
function labeller(c: Cluster, name: string) {
  return {
    name,
    sync: () => {
      const n = c.store.get<Node>('Node', undefined, 'n1')!;
      if (n.metadata.labels?.owner === name) return false;
      c.store.mutate<Node>('Node', undefined, 'n1', (x) => {
        x.metadata.labels = { ...x.metadata.labels, owner: name };
      });
      return true;
    },
  };
}

function cluster(): Cluster {
  const c = createEmptyCluster();
  addNode(c, { name: 'n1' });
  c.settle();
  return c;
}

test("settle: two components undoing each other's writes stop the settle as soon as the cluster is back in a state it was in, naming them and the object", () => {
  const c = cluster();
  c.components.push(labeller(c, 'flip'), labeller(c, 'flop'));
  assert.throws(
    () => c.settleNow(),
    (e: Error) => {
      assert.match(
        e.message,
        new RegExp(
          `^the cluster cannot settle at 2026-01-01T00:00:00Z: after ${TRACE_AFTER_ROUNDS + 2} rounds it keeps coming back to the same state`,
        ),
      );
      assert.match(e.message, /\n {2}flip: reported a change in 3 rounds; wrote Node n1 \(3×\)/);
      assert.match(e.message, /\n {2}flop: reported a change in 3 rounds; wrote Node n1 \(3×\)/);
      return true;
    },
  );
});

test('settle: a component that reports changes it does not make is named as such', () => {
  const c = cluster();
  c.components.push({ name: 'spinner', sync: () => true });
  assert.throws(() => c.settleNow(), /\n {2}spinner: reported a change in 3 rounds; wrote nothing$/);
});

test('settle: a long settle that keeps making progress is not mistaken for a circle', () => {
  const c = cluster();
  let left = TRACE_AFTER_ROUNDS + 500;
  c.components.push({
    name: 'counter',
    sync: () => {
      if (left === 0) return false;
      left--;
      c.store.mutate<Node>('Node', undefined, 'n1', (x) => {
        x.metadata.labels = { ...x.metadata.labels, left: String(left) };
      });
      return true;
    },
  });
  c.settleNow();
  assert.equal(c.store.get<Node>('Node', undefined, 'n1')!.metadata.labels?.left, '0');
});

test('cluster: components write as kube-controller-manager, kube-scheduler and kubelet; a binding records no entry (managedFields)', () => {
  const c = createEmptyCluster();
  addNode(c, { name: 'n1', cpu: '1', memory: '1Gi' });
  // two pods of 600m on a node of 1 CPU: one runs, one does not fit
  const rs = parseYaml(`
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: hungry}
spec:
  selector: {matchLabels: {app: hungry}}
  replicas: 2
  template:
    metadata: {labels: {app: hungry}}
    spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: 600m}}}]}
`);
  c.store.as({ manager: 'kubectl-create' }, () => c.api.create(rs));
  c.settle();
  const managers = (o: KubeObject) =>
    ((o.metadata.managedFields ?? []) as { manager: string; subresource?: string }[]).map(
      (e) => `${e.manager}${e.subresource ? `/${e.subresource}` : ''}`,
    );
  const pods = c.store.list<Pod>('Pod');
  const running = pods.find((p) => p.spec.nodeName)!;
  const pending = pods.find((p) => !p.spec.nodeName)!;
  // the pod the ReplicaSet controller created, bound (no entry) and run by the kubelet
  assert.deepEqual(managers(running), ['kube-controller-manager', 'kubelet/status']);
  // the one that does not fit: the scheduler's PodScheduled=False condition
  assert.deepEqual(managers(pending), ['kube-controller-manager', 'kube-scheduler/status']);
  assert.deepEqual(managers(c.store.get('ReplicaSet', 'default', 'hungry')!), [
    'kubectl-create',
    'kube-controller-manager/status',
  ]);
  assert.deepEqual(managers(c.store.get('Node', undefined, 'n1')!), ['kubelet']);
});
