import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../api/types.ts';
import { NodeLifecycleController } from './nodelifecycle.ts';
import { harness, node, settle } from './testutil.ts';

const taints = (h: ReturnType<typeof harness>, name = 'n1') => h.store.get<Node>('Node', undefined, name)!.spec?.taints;

test('node lifecycle controller: cordon adds node.kubernetes.io/unschedulable:NoSchedule and uncordon removes it, leaving user taints alone', () => {
  const h = harness();
  node(h, 'n1', { taints: [{ key: 'key01', value: 'value01', effect: 'NoSchedule' }] });
  const c = new NodeLifecycleController(h.store);
  assert.equal(c.sync(), false);
  h.store.mutate<Node>('Node', undefined, 'n1', (n) => { n.spec!.unschedulable = true; });
  settle(c);
  assert.deepEqual(taints(h), [{ key: 'key01', value: 'value01', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
  h.store.mutate<Node>('Node', undefined, 'n1', (n) => { delete n.spec!.unschedulable; });
  settle(c);
  assert.deepEqual(taints(h), [{ key: 'key01', value: 'value01', effect: 'NoSchedule' }]);
});

test('node lifecycle controller: Ready False gives not-ready NoSchedule + NoExecute (with timeAdded), Unknown gives unreachable, True removes them', () => {
  const h = harness();
  node(h, 'n1');
  const c = new NodeLifecycleController(h.store);
  const setReady = (status: 'True' | 'False' | 'Unknown') => h.store.mutate<Node>('Node', undefined, 'n1', (n) => { n.status!.conditions = [{ type: 'Ready', status }]; });
  setReady('False');
  settle(c);
  assert.deepEqual(taints(h), [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' }]);
  setReady('Unknown');
  settle(c);
  assert.deepEqual(taints(h)?.map((t) => `${t.key}:${t.effect}`), ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
  setReady('True');
  settle(c);
  assert.equal(taints(h), undefined);
});
