// Taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): for every pod
// bound to a node with NoExecute taints — a pod that does not tolerate one of them is evicted at
// once; otherwise the tolerations used (the first matching one per taint) decide: none with
// tolerationSeconds → stays forever; else eviction after min(tolerationSeconds) (≤0 → now),
// counted from when the controller first saw the pod tainted. A scheduled eviction is a timer
// on the virtual clock; it is cancelled (with an event) when the taints go or become tolerated
// forever. Eviction marks the pod DisruptionTarget (DeletionByTaintManager) and deletes it
// through the API (graceful). Events on the pod from `taint-eviction-controller`.
// Like the real one it works from a watch: a pod is looked at when it changes and when the
// NoExecute taints of its node change, never by scanning every pod.

import type { Component } from '../util/component.ts';
import type { KubeObject, Node, Pod, Taint, Toleration } from '../api/types.ts';
import { toleratesTaint } from '../api/taints.ts';
import type { ControllerHost } from './common.ts';
import type { ApiServer } from '../store/apiserver.ts';
import { ApiError } from '../store/errors.ts';
import type { EventRecorder } from '../store/events.ts';
import { apiOrder, type ObjectStore, type WatchEvent } from '../store/store.ts';
import { sameJson } from '../util/json.ts';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

interface Scheduled {
  uid: string;
  pod: Pod;
  at: number;
  cancel: () => void;
}

/** getMinTolerationTime over the tolerations used: -1 = forever, else milliseconds (≥ 0). */
export function minTolerationMs(used: Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/** For each NoExecute taint, the first toleration that tolerates it; undefined if one is untolerated. */
export function usedTolerations(taints: Taint[], tolerations: Toleration[] | undefined): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = (tolerations ?? []).find((x) => toleratesTaint(x, taint));
    if (!t) return undefined;
    used.push(t);
  }
  return used;
}

/** A node's NoExecute taints, as JSON (to see whether they changed). */
const noExecuteTaints = (n: KubeObject | undefined) =>
  JSON.stringify(((n as Node | undefined)?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));

export class TaintEvictionController implements Component {
  readonly name = TAINT_EVICTION_CONTROLLER;
  private readonly store: ObjectStore;
  /** namespace/name → scheduled eviction. */
  private readonly scheduled = new Map<string, Scheduled>();
  /** Evictions whose timer fired, executed on the next sync. */
  private readonly due: Scheduled[] = [];

  /** Pods to look at on the next sync (key → namespace/name). */
  private dirty = new Map<string, { namespace?: string; name: string }>();
  /** Nodes whose NoExecute taints changed since the last sync: all their pods are looked at. */
  private dirtyNodes = new Set<string>();
  /** Pod keys by the node they are bound to. */
  private readonly podsByNode = new Map<string, Set<string>>();

  constructor(
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
  ) {
    this.store = api.store;
    for (const p of this.store.values<Pod>('Pod')) this.observe({ type: 'ADDED', object: p });
    this.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    if (e.object.kind === 'Node') {
      if (e.type !== 'MODIFIED' || noExecuteTaints(e.old) !== noExecuteTaints(e.object))
        this.dirtyNodes.add(e.object.metadata.name!);
      return;
    }
    if (e.object.kind !== 'Pod') return;
    const pod = e.object as Pod,
      old = e.old as Pod | undefined;
    // PodUpdated (pkg/controller/tainteviction/taint_eviction.go): an update that keeps the pod's
    // node and tolerations (a status write, most of all) is not queued.
    if (
      e.type === 'MODIFIED' &&
      old &&
      old.spec.nodeName === pod.spec.nodeName &&
      (old.spec.tolerations === pod.spec.tolerations ||
        sameJson(old.spec.tolerations ?? [], pod.spec.tolerations ?? []))
    )
      return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (old?.spec.nodeName && old.spec.nodeName !== pod.spec.nodeName)
      this.podsByNode.get(old.spec.nodeName)?.delete(key);
    const node = pod.spec.nodeName;
    if (node) {
      let keys = this.podsByNode.get(node);
      if (e.type === 'DELETED') keys?.delete(key);
      else {
        if (!keys) {
          keys = new Set();
          this.podsByNode.set(node, keys);
        }
        keys.add(key);
      }
    }
    this.dirty.set(key, { namespace: pod.metadata.namespace, name: pod.metadata.name! });
  }

  /**
   * The same controller over a clone of its cluster's store (Cluster.clone). A scheduled eviction
   * waits on a clock timer, and a clock with pending timers is not cloned: there is none here.
   */
  clone(to: ControllerHost): TaintEvictionController {
    if (this.scheduled.size) throw new Error('taint eviction: scheduled evictions cannot be cloned');
    const c = new TaintEvictionController(to.api, to.events);
    c.due.push(...this.due);
    c.dirty = new Map(this.dirty);
    c.dirtyNodes = new Set(this.dirtyNodes);
    c.podsByNode.clear();
    for (const [node, keys] of this.podsByNode) c.podsByNode.set(node, new Set(keys));
    return c;
  }

  sync(): boolean {
    let changed = false;
    const now = this.store.clock.now();
    for (const s of this.due.splice(0)) {
      this.evict(s.pod);
      changed = true;
    }
    if (this.dirty.size === 0 && this.dirtyNodes.size === 0) return changed;
    // The pods a scan of every pod would find something to do for: those that changed and those
    // on nodes whose NoExecute taints changed (any other pod was looked at in the same state before).
    const look = this.dirty;
    this.dirty = new Map();
    for (const node of this.dirtyNodes) {
      for (const key of this.podsByNode.get(node) ?? []) {
        if (look.has(key)) continue;
        const i = key.indexOf('/');
        look.set(key, { namespace: key.slice(0, i), name: key.slice(i + 1) });
      }
    }
    this.dirtyNodes = new Set();
    const pods: Pod[] = [];
    for (const r of look.values()) {
      const pod = this.store.get<Pod>('Pod', r.namespace, r.name);
      if (pod?.spec.nodeName) pods.push(pod);
    }
    pods.sort(apiOrder); // API order, as a scan of every pod would go
    const seen = new Set<string>();
    for (const pod of pods) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      seen.add(key);
      const prev = this.scheduled.get(key);
      if (prev && prev.uid !== pod.metadata.uid) {
        this.cancel(key, false);
      }
      const taints = (this.store.get<Node>('Node', undefined, pod.spec.nodeName!)?.spec?.taints ?? []).filter(
        (t) => t.effect === 'NoExecute',
      );
      if (taints.length === 0) {
        if (this.cancel(key, true)) changed = true;
        continue;
      }
      if (pod.metadata.deletionTimestamp) continue;
      const used = usedTolerations(taints, pod.spec.tolerations);
      if (!used) {
        this.cancel(key, false);
        this.evict(pod);
        changed = true;
        continue;
      }
      const wait = minTolerationMs(used);
      if (wait < 0) {
        if (this.cancel(key, true)) changed = true;
        continue;
      }
      if (this.scheduled.has(key)) continue;
      if (wait === 0) {
        this.evict(pod);
        changed = true;
        continue;
      }
      const s: Scheduled = { uid: pod.metadata.uid!, pod, at: now + wait, cancel: () => {} };
      s.cancel = this.store.clock.at(now + wait, () => {
        if (this.scheduled.get(key) !== s) return;
        this.scheduled.delete(key);
        this.due.push(s);
      });
      this.scheduled.set(key, s);
    }
    // A pod deleted (or no longer bound) while its eviction was pending: the work is cancelled (with the event).
    const gone = [...look.keys()].filter((k) => !seen.has(k) && this.scheduled.has(k));
    if (gone.length)
      for (const key of [...this.scheduled.keys()]) if (gone.includes(key) && this.cancel(key, true)) changed = true;
    return changed;
  }

  /** Cancels a scheduled eviction; returns true when an event was recorded. */
  private cancel(key: string, withEvent: boolean): boolean {
    const s = this.scheduled.get(key);
    if (!s) return false;
    s.cancel();
    this.scheduled.delete(key);
    if (!withEvent) return false;
    this.events.record(
      s.pod,
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${key}`,
      TAINT_EVICTION_CONTROLLER,
    );
    return true;
  }

  private evict(pod: Pod): void {
    const ns = pod.metadata.namespace,
      name = pod.metadata.name!;
    const cur = this.store.get<Pod>('Pod', ns, name);
    if (!cur || cur.metadata.uid !== pod.metadata.uid) return;
    this.events.record(
      cur,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${ns}/${name}`,
      TAINT_EVICTION_CONTROLLER,
    );
    if (!cur.status?.conditions?.some((c) => c.type === 'DisruptionTarget')) {
      const now = this.store.clock.iso();
      this.store.mutate<Pod>('Pod', ns, name, (p) => {
        p.status = { ...(p.status ?? {}) };
        p.status.conditions = [
          {
            type: 'DisruptionTarget',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: now,
            reason: 'DeletionByTaintManager',
            message: 'Taint manager: deleting due to NoExecute taint',
          },
          ...(p.status.conditions ?? []),
        ];
      });
    }
    try {
      this.api.delete('Pod', ns, name);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
    }
  }
}
