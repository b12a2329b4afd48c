// A snapshot of a real cluster's objects that the step assertions read as they read the
// simulator's store (get, list in API order, count): the kubeconfig backend lists what an assertion
// needs (pods and their owners in the namespaces it names, nodes, events) on every poll. The
// scenario's own namespace is shown as `default`, the namespace the scenario text means, so that
// `pod web` finds the pod and failure messages read as on the simulator.

import type { KubeObject } from '../api/types.ts';
import { asScenarioNamespace } from './namespace.ts';
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

/**
 * The object as the scenario names it: the scenario's namespace written `default` wherever it
 * appears — its namespace, an event's involvedObject, and texts that name it (`Successfully
 * assigned default/web to w1-k8s`, a back-off message's `pod=crasher_default(…)`).
 */
export function asScenarioObject<T extends KubeObject>(obj: T, scenarioNamespace: string): T {
  const text = JSON.stringify(obj);
  const mapped = asScenarioNamespace(text, scenarioNamespace);
  return mapped === text ? obj : (JSON.parse(mapped) as T);
}
