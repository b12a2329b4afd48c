// Event recording (client-go tools/record with the events correlator's aggregation): each
// event is a core/v1 Event object in the involved object's namespace ("default" for nodes);
// a repeat of the same (object, type, reason, message, source) bumps count and lastTimestamp,
// which describe renders as `12s (x4 over 90s)`.

import type { CoreEvent, KubeObject } from '../api/types.ts';
import { kindInfo } from '../api/kinds.ts';
import type { ObjectStore } from './store.ts';

export type EventType = 'Normal' | 'Warning';

/** Events are truncated to 1024 bytes like the scheduler's recorder does (last 4 chars " ..."). */
export const MAX_EVENT_MESSAGE = 1024;

export class EventRecorder {
  private index = new Map<string, string>(); // aggregation key → event name
  private counter = 0;

  constructor(private readonly store: ObjectStore) {}

  record(obj: KubeObject, type: EventType, reason: string, message: string, component: string, host?: string): void {
    // A UTF-16 code unit is at most 3 UTF-8 bytes: shorter messages need no byte count.
    if (message.length * 3 > MAX_EVENT_MESSAGE && Buffer.byteLength(message) > MAX_EVENT_MESSAGE) message = Buffer.from(message).subarray(0, MAX_EVENT_MESSAGE - 4).toString() + ' ...';
    const namespace = obj.metadata.namespace ?? 'default';
    const key = `${obj.kind}\x00${namespace}\x00${obj.metadata.name ?? ''}\x00${obj.metadata.uid ?? ''}\x00${type}\x00${reason}\x00${message}\x00${component}`;
    const now = this.store.clock.iso();
    const existing = this.index.get(key);
    if (existing && this.store.get('Event', namespace, existing)) {
      this.store.mutate<CoreEvent>('Event', namespace, existing, (e) => { e.count = (e.count ?? 1) + 1; e.lastTimestamp = now; });
      return;
    }
    // Like client-go: `<object>.<hex unix nanoseconds>`; a counter keeps same-instant events apart.
    const name = `${obj.metadata.name}.${(BigInt(this.store.clock.now()) * 1_000_000n + BigInt(++this.counter)).toString(16)}`;
    const info = kindInfo(obj.kind);
    this.store.create<CoreEvent>({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace },
      involvedObject: { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name!, uid: obj.metadata.uid, apiVersion: info ? (info.group ? `${info.group}/${info.version}` : info.version) : obj.apiVersion },
      reason, message, type,
      source: host ? { component, host } : { component },
      reportingComponent: component,
      firstTimestamp: now, lastTimestamp: now, count: 1,
    });
    this.index.set(key, name);
  }

  /** Events about one object, oldest first. */
  for(obj: KubeObject): CoreEvent[] {
    const ns = obj.metadata.namespace ?? 'default';
    return this.store.list<CoreEvent>('Event', ns)
      .filter((e) => e.involvedObject.kind === obj.kind && e.involvedObject.name === obj.metadata.name && (!obj.metadata.uid || !e.involvedObject.uid || e.involvedObject.uid === obj.metadata.uid))
      .sort((a, b) => (a.firstTimestamp! < b.firstTimestamp! ? -1 : a.firstTimestamp! > b.firstTimestamp! ? 1 : 0));
  }
}
