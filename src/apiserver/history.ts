// The served API's watch history: what kube-apiserver's watch cache keeps per resource so that a
// watch from an older resourceVersion replays the events since then
// (staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go). Per kind, a window of the
// store's events since serve started: at least the last 100 (defaultLowerBoundCapacity) and every
// event of the last 75 virtual seconds (eventFreshDuration), at most 100 × 1024
// (defaultUpperBoundCapacity). A watch from before the window is answered as the cache answers it:
// `too old resource version: X (Y)` (410 Expired, Y = the oldest deliverable version − 1).
// The store does not advance its resourceVersion on a removal, so a deletion is filed half a
// version after the write before it: a watch from that write's version still receives it.

import type { ObjectStore, WatchEvent } from '../store/store.ts';
import type { VirtualClock } from '../util/clock.ts';

export const LOWER_BOUND = 100;
export const UPPER_BOUND = 100 * 1024;
export const FRESH_MS = 75_000;

interface Entry {
  rv: number;
  at: number;
  event: WatchEvent;
}

class KindWindow {
  private entries: Entry[] = [];
  private start = 0;
  /** Whether an event has left the window (until then, everything since serve started is kept). */
  dropped = false;

  push(e: Entry, now: number): void {
    this.entries.push(e);
    while (this.size() > UPPER_BOUND || (this.size() > LOWER_BOUND && now - this.entries[this.start].at > FRESH_MS)) {
      this.start++;
      this.dropped = true;
    }
    if (this.start > 1024 && this.start * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }

  size(): number {
    return this.entries.length - this.start;
  }

  oldest(): number | undefined {
    return this.size() ? this.entries[this.start].rv : undefined;
  }

  since(rv: number): WatchEvent[] {
    const out: WatchEvent[] = [];
    for (let i = this.start; i < this.entries.length; i++) if (this.entries[i].rv > rv) out.push(this.entries[i].event);
    return out;
  }
}

export class WatchHistory {
  private readonly windows = new Map<string, KindWindow>();
  /** The store's resourceVersion when the history started (the cache's list resourceVersion). */
  private readonly listRv: number;
  readonly stop: () => void;

  constructor(store: ObjectStore, clock: VirtualClock) {
    this.listRv = Number(store.resourceVersion());
    this.stop = store.watch((event) => {
      const rv =
        event.type === 'DELETED'
          ? Number(store.resourceVersion()) + 0.5
          : Number(event.object.metadata.resourceVersion);
      let w = this.windows.get(event.object.kind);
      if (!w) {
        w = new KindWindow();
        this.windows.set(event.object.kind, w);
      }
      w.push({ rv, at: clock.now(), event }, clock.now());
    });
  }

  /**
   * The events of a kind after resourceVersion `rv`, oldest first; or, when `rv` is older than the
   * window, the cache's Expired message.
   */
  since(kind: string, rv: number): { events: WatchEvent[] } | { expired: string } {
    const w = this.windows.get(kind);
    const oldest = !w?.dropped ? this.listRv + 1 : Math.ceil(w.oldest() ?? this.listRv + 1);
    if (rv < oldest - 1) return { expired: `too old resource version: ${rv} (${oldest - 1})` };
    return { events: w ? w.since(rv) : [] };
  }
}
