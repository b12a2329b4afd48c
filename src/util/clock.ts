// The virtual clock every part of the engine reads. Nothing waits for wall time: time moves
// only when the cluster advances it, firing due timers in time order (ties in creation order).

export const DEFAULT_EPOCH = Date.UTC(2026, 0, 1, 0, 0, 0);

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class VirtualClock {
  private nowMs: number;
  private timers: Timer[] = [];
  private seq = 0;
  /** iso() texts by second: objects, events and container statuses repeat a few instants. */
  private isoTexts = new Map<number, string>();

  constructor(start = DEFAULT_EPOCH) {
    this.nowMs = start;
  }

  now(): number {
    return this.nowMs;
  }
  /** RFC 3339 with second precision, as metav1.Time serialises. */
  iso(ms = this.nowMs): string {
    const second = Math.floor(ms / 1000);
    let text = this.isoTexts.get(second);
    if (text === undefined) {
      text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
      if (this.isoTexts.size >= 4096) this.isoTexts.clear();
      this.isoTexts.set(second, text);
    }
    return text;
  }

  /**
   * The same time, for a clone of the cluster. Pending timers are closures over the original's
   * components, so a clock with pending timers cannot be cloned (the caller checks nextTimer()).
   */
  clone(): VirtualClock {
    if (this.nextTimer() !== undefined) throw new Error('a clock with pending timers cannot be cloned');
    const c = new VirtualClock(this.nowMs);
    c.seq = this.seq;
    return c;
  }

  /** Runs fn when the clock reaches `at` (ms). Returns a cancel function. */
  at(at: number, fn: () => void): () => void {
    const t: Timer = { at, seq: this.seq++, fn, cancelled: false };
    this.timers.push(t);
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return () => {
      t.cancelled = true;
    };
  }
  after(ms: number, fn: () => void): () => void {
    return this.at(this.nowMs + ms, fn);
  }

  /** Time of the next pending timer, if any. */
  nextTimer(): number | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    return this.timers[0]?.at;
  }

  /** Moves to `target` (never backwards) firing each due timer; `between` runs after each timer. */
  advanceTo(target: number, between: () => void = () => {}): void {
    for (;;) {
      const next = this.nextTimer();
      if (next === undefined || next > target) break;
      const t = this.timers.shift()!;
      this.nowMs = Math.max(this.nowMs, t.at);
      t.fn();
      between();
    }
    this.nowMs = Math.max(this.nowMs, target);
  }
}
