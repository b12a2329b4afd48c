// Why a settle does not end. Cluster.settleNow starts a trace when a settle runs unusually many
// rounds: from then on it records which component wrote which objects, and after every round a
// fingerprint of the cluster's state (the content of every object written since, Events left out,
// and which components reported a change). The clock does not move inside a settle, so a cluster
// that comes back to the same state is going round in circles — components undoing each other's
// writes, or reporting changes they did not make — and will never settle. The trace names them.

import { createHash } from 'node:crypto';
import type { ObjectStore, WatchEvent } from '../store/store.ts';
import { canonicalJson } from '../util/json.ts';

/** A 48-bit hash (exact in a double, so fingerprints can be summed). */
function hash48(text: string): number {
  return parseInt(createHash('sha1').update(text).digest('hex').slice(0, 12), 16);
}

const MOD = 2 ** 48;

export class SettleTrace {
  private component = '';
  /** component → object (`Kind namespace/name`) → writes. */
  private readonly writes = new Map<string, Map<string, number>>();
  /** object → hash of its content as last written (absent: deleted); their sum is `state`. */
  private readonly content = new Map<string, number>();
  private state = 0;
  /** fingerprint after a round → how many rounds ended in it. */
  private readonly seen = new Map<string, number>();
  /** component → traced rounds in which it reported a change. */
  private readonly reported = new Map<string, number>();
  private readonly unwatch: () => void;

  constructor(store: ObjectStore) {
    this.unwatch = store.watch((e) => this.observe(e));
  }

  /** The component whose sync() runs now: the writes that follow are its. */
  enter(component: string): void {
    this.component = component;
  }

  private observe(e: WatchEvent): void {
    const o = e.object;
    const key = `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
    let mine = this.writes.get(this.component);
    if (!mine) {
      mine = new Map();
      this.writes.set(this.component, mine);
    }
    mine.set(key, (mine.get(key) ?? 0) + 1);
    if (o.kind === 'Event') return; // a repeated event only counts up: not progress
    const old = this.content.get(key) ?? 0;
    let h = 0;
    if (e.type !== 'DELETED') {
      const { resourceVersion: _rv, ...metadata } = o.metadata;
      h = hash48(canonicalJson({ ...o, metadata }));
      this.content.set(key, h);
    } else {
      this.content.delete(key);
    }
    this.state = (((this.state - old + h) % MOD) + MOD) % MOD;
  }

  /** After a round in which `changed` reported changes: how many rounds have ended in this same state. */
  endRound(changed: string[]): number {
    for (const c of changed) this.reported.set(c, (this.reported.get(c) ?? 0) + 1);
    const fp = `${this.state}|${changed.join(',')}`;
    const n = (this.seen.get(fp) ?? 0) + 1;
    this.seen.set(fp, n);
    return n;
  }

  /** Each component that reported changes or wrote during the trace, with the objects it wrote most. */
  describe(): string {
    const names = [...new Set([...this.reported.keys(), ...this.writes.keys()])].sort();
    return names
      .map((component) => {
        const top = [...(this.writes.get(component) ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        const shown = top.slice(0, 5).map(([obj, n]) => `${obj} (${n}×)`);
        if (top.length > 5) shown.push(`and ${top.length - 5} more`);
        const rounds = this.reported.get(component) ?? 0;
        return `  ${component}: reported a change in ${rounds} round${rounds === 1 ? '' : 's'}; ${shown.length ? `wrote ${shown.join(', ')}` : 'wrote nothing'}`;
      })
      .join('\n');
  }

  stop(): void {
    this.unwatch();
  }
}
