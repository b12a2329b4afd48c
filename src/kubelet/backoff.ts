// The kubelet's per-key exponential back-off (client-go util/flowcontrol Backoff as the kubelet
// configures it): 10s initial, doubling, capped at 300s; an entry whose last update is more than
// 2 × cap (10 minutes) old is expired and starts again at 10s (client-go util/flowcontrol/backoff.go). Keys are
// `<pod uid>/<container>` for CrashLoopBackOff and `<pod uid>/<image>` for image pulls.

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initial = BACKOFF_INITIAL_MS,
    private readonly max = BACKOFF_MAX_MS,
  ) {}

  /** The same delays, independent of this back-off (entries are replaced, never changed). */
  clone(): Backoff {
    const b = new Backoff(this.initial, this.max);
    for (const [key, e] of this.entries) b.entries.set(key, e);
    return b;
  }

  private expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > 2 * this.max;
  }

  /** IsInBackOffSince: true while `now - eventTime` is below the current delay of the key. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) return false;
    return now - eventTime < e.backoff;
  }

  /** Next: the first call (or after expiry) sets the initial delay, later calls double it up to the cap. */
  next(key: string, eventTime: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) this.entries.set(key, { backoff: this.initial, lastUpdate: eventTime });
    else this.entries.set(key, { backoff: Math.min(e.backoff * 2, this.max), lastUpdate: eventTime });
  }

  /** The current delay of the key (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every key starting with prefix (a pod that went away). */
  forgetPrefix(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}

/** Go's time.Duration String() for whole seconds: 10s, 1m20s, 5m0s. */
export function goSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${m}m${s % 60}s` : `${m}m${s % 60}s`;
}
