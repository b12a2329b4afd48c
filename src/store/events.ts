// Event recording (client-go tools/record with the events correlator's aggregation): each
// event is a core/v1 Event object in the involved object's namespace ("default" for nodes);
// a repeat of the same (object, type, reason, message, source) bumps count and lastTimestamp,
// which describe renders as `12s (x4 over 90s)`. A new event in a namespace being terminated is
// dropped (kube-apiserver's NamespaceLifecycle refuses it).

import type { CoreEvent, KubeObject, Namespace } from '../api/types.ts';
import { isTerminating } from './namespaces.ts';
import { kindInfo } from '../api/kinds.ts';
import type { ObjectStore } from './store.ts';
import { flat } from '../util/text.ts';

export type EventType = 'Normal' | 'Warning';

/** FNV-1a (32 bit) over the UTF-16 code units of a text. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Events are truncated to 1024 bytes like the scheduler's recorder does (last 4 chars " ..."). */
export const MAX_EVENT_MESSAGE = 1024;

export class EventRecorder {
  /**
   * Aggregation key hash → names of the events with that hash. A hash, not the key text: one
   * key per event is most of the recorder's memory on a big cluster; a hit is confirmed on the
   * stored event's own fields.
   */
  private index = new Map<number, string | string[]>();
  private counter = 0;

  constructor(private readonly store: ObjectStore) {}

  record(obj: KubeObject, type: EventType, reason: string, message: string, component: string, host?: string): void {
    // A UTF-16 code unit is at most 3 UTF-8 bytes: shorter messages need no byte count.
    if (message.length * 3 > MAX_EVENT_MESSAGE && Buffer.byteLength(message) > MAX_EVENT_MESSAGE)
      message =
        Buffer.from(message)
          .subarray(0, MAX_EVENT_MESSAGE - 4)
          .toString() + ' ...';
    const namespace = obj.metadata.namespace ?? 'default';
    const name = obj.metadata.name ?? '';
    const uid = obj.metadata.uid ?? '';
    const hash = hashText(
      `${obj.kind}\x00${namespace}\x00${name}\x00${uid}\x00${type}\x00${reason}\x00${message}\x00${component}`,
    );
    const now = this.store.clock.iso();
    const names = this.index.get(hash);
    for (const existing of names === undefined ? [] : typeof names === 'string' ? [names] : names) {
      const e = this.store.get<CoreEvent>('Event', namespace, existing);
      const o = e?.involvedObject;
      if (
        !e ||
        !o ||
        o.kind !== obj.kind ||
        o.name !== name ||
        (o.uid ?? '') !== uid ||
        e.type !== type ||
        e.reason !== reason ||
        e.message !== message ||
        e.source?.component !== component
      )
        continue;
      this.store.update<CoreEvent>({ ...e, count: (e.count ?? 1) + 1, lastTimestamp: now });
      return;
    }
    // NamespaceLifecycle refuses a new event in a namespace being terminated: the recorder drops it
    // (a repeat of an existing one is a patch, which it lets through)
    if (isTerminating(this.store.get<Namespace>('Namespace', undefined, namespace))) return;
    // Like client-go: `<object>.<hex unix nanoseconds>`; a counter keeps same-instant events apart.
    const eventName = flat(
      `${obj.metadata.name}.${(BigInt(this.store.clock.now()) * 1_000_000n + BigInt(++this.counter)).toString(16)}`,
    );
    const info = kindInfo(obj.kind);
    // (a fresh object no one else holds: stored as it is)
    this.store.create<CoreEvent>(
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: eventName, namespace },
        involvedObject: {
          kind: obj.kind,
          namespace: obj.metadata.namespace,
          name: obj.metadata.name!,
          uid: obj.metadata.uid,
          apiVersion: info ? (info.group ? `${info.group}/${info.version}` : info.version) : obj.apiVersion,
        },
        reason,
        message: flat(message),
        type,
        source: host ? { component, host } : { component },
        reportingComponent: component,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      },
      true,
    );
    // (one name, the common case, is kept without an array)
    if (names === undefined) this.index.set(hash, eventName);
    else if (typeof names === 'string') this.index.set(hash, [names, eventName]);
    else names.push(eventName);
  }

  /** The same aggregation state over `store` (a clone of this recorder's store). */
  clone(store: ObjectStore): EventRecorder {
    const r = new EventRecorder(store);
    for (const [hash, names] of this.index) r.index.set(hash, typeof names === 'string' ? names : [...names]);
    r.counter = this.counter;
    return r;
  }

  /** Events about one object, oldest first. */
  for(obj: KubeObject): CoreEvent[] {
    const ns = obj.metadata.namespace ?? 'default';
    return this.store
      .list<CoreEvent>('Event', ns)
      .filter(
        (e) =>
          e.involvedObject.kind === obj.kind &&
          e.involvedObject.name === obj.metadata.name &&
          (!obj.metadata.uid || !e.involvedObject.uid || e.involvedObject.uid === obj.metadata.uid),
      )
      .sort((a, b) => (a.firstTimestamp! < b.firstTimestamp! ? -1 : a.firstTimestamp! > b.firstTimestamp! ? 1 : 0));
  }
}
