// A snapshot of a real cluster's objects that the step assertions read as they read the
// simulator's store (get, list in API order, count): the kubeconfig backend lists what an assertion
// needs (pods and their owners in the namespaces it names, nodes, events) on every poll. The
// scenario's own namespace is shown as `default`, the namespace the scenario text means, so that
// `pod web` finds the pod and failure messages read as on the simulator.

import type { CoreEvent, KubeObject } from '../api/types.ts';
import { apiOrder, keyOf } from '../store/store.ts';

export class SnapshotStore {
  private readonly byKind = new Map<string, Map<string, KubeObject>>();

  /** Adds objects of one kind (items of a list: kind set), mapping the scenario's namespace to `default`. */
  add(objects: readonly KubeObject[], scenarioNamespace: string): void {
    for (const o of objects) {
      const obj = asScenarioObject(o, scenarioNamespace);
      let m = this.byKind.get(obj.kind);
      if (!m) this.byKind.set(obj.kind, (m = new Map()));
      m.set(keyOf(obj.kind, obj.metadata.namespace, obj.metadata.name!), obj);
    }
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const m = this.byKind.get(kind);
    return (m?.get(keyOf(kind, namespace, name)) ?? m?.get(keyOf(kind, undefined, name))) as T | undefined;
  }

  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[] {
    const all = [...(this.byKind.get(kind)?.values() ?? [])] as T[];
    return (namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace)).sort(apiOrder);
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }
}

/** The object as the scenario names it: its namespace (and an event's involvedObject's) `default` when it is the scenario's. */
export function asScenarioObject<T extends KubeObject>(obj: T, scenarioNamespace: string): T {
  if (obj.metadata.namespace !== scenarioNamespace) return obj;
  const out = { ...obj, metadata: { ...obj.metadata, namespace: 'default' } };
  if (obj.kind === 'Event') {
    const e = out as unknown as CoreEvent;
    if (e.involvedObject?.namespace === scenarioNamespace)
      e.involvedObject = { ...e.involvedObject, namespace: 'default' };
  }
  return out;
}
