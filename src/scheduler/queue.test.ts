import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActiveQueue, queuedBefore, type QueuedPod } from './queue.ts';
import { Rng } from '../util/rng.ts';

test('PrioritySort queue: pops higher priority first, then the earlier queue timestamp, then arrival order', () => {
  const q = new ActiveQueue();
  q.set({ key: 'a', priority: 0, timestamp: 5, seq: 0 });
  q.set({ key: 'b', priority: 10, timestamp: 9, seq: 1 });
  q.set({ key: 'c', priority: 0, timestamp: 1, seq: 2 });
  q.set({ key: 'd', priority: 0, timestamp: 1, seq: 3 });
  assert.deepEqual(
    [q.pop(), q.pop(), q.pop(), q.pop(), q.pop()].map((x) => x?.key),
    ['b', 'c', 'd', 'a', undefined],
  );
});

test('PrioritySort queue: delete and re-add by pod key behave like a keyed set, in the same order as a linear scan', () => {
  const rng = new Rng(9, 1);
  const q = new ActiveQueue();
  const model = new Map<string, QueuedPod>();
  let seq = 0;
  for (let step = 0; step < 5000; step++) {
    const op = rng.int(10);
    const key = `p${rng.int(200)}`;
    if (op < 5) {
      const e = { key, priority: rng.int(3) * 100, timestamp: rng.int(50), seq: seq++ };
      q.set(e);
      model.set(key, e);
    } else if (op < 7) {
      assert.equal(q.delete(key), model.delete(key));
    } else {
      let best: QueuedPod | undefined;
      for (const e of model.values()) if (!best || queuedBefore(e, best)) best = e;
      if (best) model.delete(best.key);
      assert.equal(q.pop(), best);
    }
    assert.equal(q.size, model.size);
  }
});
