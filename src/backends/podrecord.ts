// The record of pod creations and deletions on a real cluster, for "pod X was not recreated" and
// "pod X was never deleted": the kubeconfig backend watches every pod from the moment its scenario
// starts (a watch from the resourceVersion of a list, which replays nothing before it: the events
// of kube-apiserver's watch cache, staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go) and
// counts, per pod name, the ADDED and DELETED events. A pod that existed when the scenario started
// counts as created once, as the simulator's record counts the pods of its new cluster: its first
// event is then MODIFIED or DELETED, or, without events, it exists when asked about.

/** A watch event as the API streams it (type, and the object's namespace and name). */
export interface PodWatchEvent {
  type: string;
  object?: { metadata?: { namespace?: string; name?: string } };
}

export interface PodHistory {
  /** Pods of that name created in the scenario (one that existed at its start counts once). */
  created: number;
  deleted: number;
}

export class PodRecord {
  private readonly first = new Map<string, string>();
  private readonly added = new Map<string, number>();
  private readonly deleted = new Map<string, number>();
  /** Why the record is incomplete (the watch expired and could not be resumed), if it is. */
  lost?: string;

  /** `scenarioNamespace` is recorded as `default`, the name the scenario text gives it. */
  constructor(private readonly scenarioNamespace: string) {}

  event(e: PodWatchEvent): void {
    const m = e.object?.metadata;
    if (!m?.name || (e.type !== 'ADDED' && e.type !== 'MODIFIED' && e.type !== 'DELETED')) return;
    const ns = m.namespace === this.scenarioNamespace ? 'default' : (m.namespace ?? 'default');
    const key = `${ns}/${m.name}`;
    if (!this.first.has(key)) this.first.set(key, e.type);
    const count = e.type === 'ADDED' ? this.added : e.type === 'DELETED' ? this.deleted : undefined;
    count?.set(key, (count.get(key) ?? 0) + 1);
  }

  /** The pod `namespace/name` (as the scenario names it) so far; `existsNow`: whether the cluster has it. */
  history(key: string, existsNow: boolean): PodHistory {
    const first = this.first.get(key);
    const existedAtStart = first === undefined ? existsNow : first !== 'ADDED';
    return { created: (this.added.get(key) ?? 0) + (existedAtStart ? 1 : 0), deleted: this.deleted.get(key) ?? 0 };
  }
}
