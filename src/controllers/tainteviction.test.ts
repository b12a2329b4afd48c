import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod, Toleration } from '../api/types.ts';
import { TaintEvictionController, minTolerationMs } from './tainteviction.ts';
import { eventsOf, harness, node, settle, type Harness } from './testutil.ts';

function boundPod(h: Harness, name: string, tolerations?: Toleration[]): Pod {
  return h.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }], ...(tolerations ? { tolerations } : {}) },
  });
}
const taint = (h: Harness, key: string | null) =>
  h.store.mutate<Node>('Node', undefined, 'n1', (n) => {
    n.spec!.taints = key ? [{ key, effect: 'NoExecute' }] : undefined;
  });
const deleting = (h: Harness, name: string) => !!h.store.get<Pod>('Pod', 'default', name)?.metadata.deletionTimestamp;

test('taint eviction controller: a pod that does not tolerate a NoExecute taint is evicted at once (DisruptionTarget + TaintManagerEviction event)', () => {
  const h = harness();
  node(h, 'n1');
  const p = boundPod(h, 'db');
  const c = new TaintEvictionController(h.api, h.events);
  settle(c);
  taint(h, 'maintenance');
  settle(c);
  assert.ok(deleting(h, 'db'));
  const cond = h.store.get<Pod>('Pod', 'default', 'db')!.status!.conditions![0];
  assert.deepEqual(
    [cond.type, cond.reason, cond.message],
    ['DisruptionTarget', 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint'],
  );
  assert.deepEqual(eventsOf(h, p), [
    'Normal TaintManagerEviction taint-eviction-controller: Marking for deletion Pod default/db',
  ]);
});

test('taint eviction controller: tolerationSeconds delays the eviction on the virtual clock; no seconds tolerates forever', () => {
  const h = harness();
  node(h, 'n1');
  boundPod(h, 'web'); // admission: not-ready/unreachable for 300s
  boundPod(h, 'forever', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }]);
  const c = new TaintEvictionController(h.api, h.events);
  taint(h, 'node.kubernetes.io/not-ready');
  settle(c);
  h.clock.advanceTo(h.clock.now() + 299_000, () => settle(c));
  assert.equal(deleting(h, 'web'), false);
  h.clock.advanceTo(h.clock.now() + 1_000, () => settle(c));
  assert.equal(deleting(h, 'web'), true);
  h.clock.advanceTo(h.clock.now() + 3600_000, () => settle(c));
  assert.equal(deleting(h, 'forever'), false);
  assert.equal(minTolerationMs([{ tolerationSeconds: 0 }]), 0);
  assert.equal(minTolerationMs([{}]), -1);
  assert.equal(minTolerationMs([{ tolerationSeconds: 60 }, { tolerationSeconds: 30 }, {}]), 30_000);
});

test('taint eviction controller: removing the taint cancels a pending eviction with a "Cancelling deletion" event', () => {
  const h = harness();
  node(h, 'n1');
  const p = boundPod(h, 'web');
  const c = new TaintEvictionController(h.api, h.events);
  taint(h, 'node.kubernetes.io/unreachable');
  settle(c);
  h.clock.advanceTo(h.clock.now() + 100_000, () => settle(c));
  taint(h, null);
  settle(c);
  h.clock.advanceTo(h.clock.now() + 600_000, () => settle(c));
  assert.equal(deleting(h, 'web'), false);
  assert.deepEqual(eventsOf(h, p), [
    'Normal TaintManagerEviction taint-eviction-controller: Cancelling deletion of Pod default/web',
  ]);
});
