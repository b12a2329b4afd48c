// The scheduling queue's activeQ (internal/queue/active_queue.go) with the PrioritySort order:
// higher spec.priority first, then the earlier queue timestamp, then arrival order. A binary
// heap keyed by pod: re-adding a key replaces its entry, deleting one leaves a stale heap slot
// that pop() skips (and that compaction drops), so every operation is O(log n).

export interface QueuedPod {
  key: string;
  priority: number;
  timestamp: number;
  seq: number;
}

/** PrioritySort's Less: true when a is popped before b. */
export function queuedBefore(a: QueuedPod, b: QueuedPod): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}

export class ActiveQueue {
  private heap: QueuedPod[] = [];
  private byKey = new Map<string, QueuedPod>();

  get size(): number {
    return this.byKey.size;
  }
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Adds the pod, replacing any queued entry with the same key. */
  set(q: QueuedPod): void {
    this.byKey.set(q.key, q);
    this.heap.push(q);
    this.up(this.heap.length - 1);
    if (this.heap.length > 2 * this.byKey.size + 64) this.compact();
  }

  delete(key: string): boolean {
    return this.byKey.delete(key);
  }

  /** Removes and returns the first pod in PrioritySort order. */
  pop(): QueuedPod | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0];
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.down(0);
      }
      if (this.byKey.get(top.key) === top) {
        this.byKey.delete(top.key);
        return top;
      }
    }
    return undefined;
  }

  /** The same queue, independent of this one (entries are immutable: replaced, never changed). */
  clone(): ActiveQueue {
    const q = new ActiveQueue();
    q.heap = [...this.heap];
    q.byKey = new Map(this.byKey);
    return q;
  }

  private compact(): void {
    this.heap = [...this.byKey.values()];
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!queuedBefore(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      let m = i;
      if (l < h.length && queuedBefore(h[l], h[m])) m = l;
      if (r < h.length && queuedBefore(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
