// ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active pods matching
// the selector. Pods are claimed like ClaimPods does — a pod controlled by this RS stays owned
// while it matches the selector (else it is released), an orphan that matches and is not being
// deleted is adopted. Missing pods are created from the template (generateName `<rs>-`), surplus
// pods are deleted in ActivePodsWithRanks order, and status is recomputed from the owned pods.
// A pod with a deletionTimestamp is no longer active, so it is replaced at once
// (FilterActivePods, pkg/controller/controller_utils.go). Events on the RS come from `replicaset-controller`.

import type { Component } from '../util/component.ts';
import type { Pod, ReplicaSet } from '../api/types.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { EventRecorder } from '../store/events.ts';
import { apiOrder, type ObjectStore, type WatchEvent } from '../store/store.ts';
import {
  controllerRef,
  createPod,
  deletePod,
  isPodActive,
  isPodAvailable,
  isPodReady,
  newControllerRef,
  ownedInNamespace,
  OwnerQueue,
  podFromTemplate,
  readyCondition,
  timeMs,
  type ControllerHost,
} from './common.ts';
import { sameJson } from '../util/json.ts';

export const REPLICASET_CONTROLLER = 'replicaset-controller';

export class ReplicaSetController implements Component {
  readonly name = REPLICASET_CONTROLLER;
  private readonly store: ObjectStore;
  /** RS uid → resourceVersion at the last failed pod creation: no retry until the RS changes. */
  private readonly failedAt = new Map<string, string>();
  /** Pods (uid) for which a wake-up at the end of minReadySeconds is already scheduled. */
  private readonly wakeups = new Set<string>();

  /** ReplicaSets to sync: changed, or a pod they own or could adopt changed (see OwnerQueue). */
  private readonly queue: OwnerQueue;
  /** The clock at the last sync: availability after minReadySeconds depends on it. */
  private lastNow?: number;

  constructor(
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
  ) {
    this.store = api.store;
    this.queue = new OwnerQueue(this.store, 'ReplicaSet');
    this.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    // (its own ReplicaSets: the OwnerQueue, which also marks them when a ServiceAccount of their namespace is created)
    if (e.object.kind === 'ServiceAccount' && e.type === 'ADDED') {
      // a creation refused for want of this ServiceAccount is retried (the failed sync's requeue)
      for (const rs of this.store.inNamespace('ReplicaSet', e.object.metadata.namespace!))
        this.failedAt.delete(rs.metadata.uid!);
      return;
    }
    if (e.object.kind === 'Pod') {
      for (const p of [e.old, e.object]) {
        if (!p) continue;
        const ref = controllerRef(p);
        if (ref) {
          this.queue.mark(ref.uid);
          continue;
        }
        // an orphan: the ReplicaSets whose selector matches it may adopt it
        for (const rs of this.store.values<ReplicaSet>('ReplicaSet')) {
          if (
            rs.metadata.namespace === p.metadata.namespace &&
            matchesLabelSelector(rs.spec.selector, p.metadata.labels)
          )
            this.queue.mark(rs.metadata.uid);
        }
      }
    }
  }

  /** The same controller over a clone of its cluster's store (Cluster.clone): work queue, failed creations, wake-ups. */
  clone(to: ControllerHost): ReplicaSetController {
    const c = new ReplicaSetController(to.api, to.events);
    c.queue.copyFrom(this.queue);
    for (const [uid, rv] of this.failedAt) c.failedAt.set(uid, rv);
    for (const uid of this.wakeups) c.wakeups.add(uid);
    c.lastNow = this.lastNow;
    return c;
  }

  sync(): boolean {
    const all = this.store.list<ReplicaSet>('ReplicaSet');
    const now = this.store.clock.now();
    if (now !== this.lastNow) {
      this.lastNow = now;
      for (const rs of all) if (Number(rs.spec.minReadySeconds ?? 0) > 0) this.queue.mark(rs.metadata.uid);
    }
    let changed = false;
    for (const rs of all) if (this.queue.run(rs.metadata.uid!, () => this.syncOne(rs))) changed = true;
    return changed;
  }

  private syncOne(rs: ReplicaSet): boolean {
    let changed = this.claimPods(rs);
    const owned = this.ownedPods(rs);
    const active = owned.filter(isPodActive);
    const want = rs.spec.replicas ?? 1;
    const diff = active.length - want;
    if (diff < 0 && this.failedAt.get(rs.metadata.uid!) !== rs.metadata.resourceVersion) {
      for (let i = 0; i < -diff; i++) {
        changed = true;
        if (!createPod(this.api, this.events, rs, podFromTemplate(rs.spec.template, rs), REPLICASET_CONTROLLER)) {
          this.failedAt.set(rs.metadata.uid!, rs.metadata.resourceVersion!);
          break;
        }
      }
    } else if (diff > 0) {
      for (const pod of podsToDelete(active, this.relatedPods(rs), diff, this.store.clock.now())) {
        deletePod(this.api, this.events, rs, pod, REPLICASET_CONTROLLER);
        changed = true;
      }
    }
    if (diff >= 0) this.failedAt.delete(rs.metadata.uid!);
    return this.updateStatus(rs) || changed;
  }

  /** ClaimPods: adopt matching orphans, release owned pods that no longer match. */
  private claimPods(rs: ReplicaSet): boolean {
    let changed = false;
    // the pods it owns and the namespace's orphans: pods of other controllers are never claimed
    const candidates = [...this.ownedPods(rs), ...this.store.orphans<Pod>('Pod', rs.metadata.namespace)].sort(apiOrder);
    for (const pod of candidates) {
      const ref = controllerRef(pod);
      const matches = matchesLabelSelector(rs.spec.selector, pod.metadata.labels);
      if (ref?.uid === rs.metadata.uid && !matches) {
        this.store.mutate<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => {
          p.metadata.ownerReferences = p.metadata.ownerReferences!.filter((r) => r.uid !== rs.metadata.uid);
          if (p.metadata.ownerReferences.length === 0) delete p.metadata.ownerReferences;
        });
        changed = true;
      } else if (!ref && matches && !pod.metadata.deletionTimestamp) {
        this.store.mutate<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => {
          p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), newControllerRef(rs)];
        });
        changed = true;
      }
    }
    return changed;
  }

  private ownedPods(rs: ReplicaSet): Pod[] {
    return ownedInNamespace<Pod>(this.store, 'Pod', rs);
  }

  /** getIndirectlyRelatedPods: pods of every RS sharing this RS's controller (its Deployment). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerRef(rs);
    if (!owner) return this.ownedPods(rs);
    const siblings = this.store
      .ownedBy<ReplicaSet>('ReplicaSet', owner.uid)
      .filter((r) => r.metadata.namespace === rs.metadata.namespace);
    return siblings.flatMap((r) => ownedInNamespace<Pod>(this.store, 'Pod', r)).sort(apiOrder);
  }

  private updateStatus(rs: ReplicaSet): boolean {
    const cur = this.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name!);
    if (!cur) return false;
    const now = this.store.clock.now();
    const minReady = Number(cur.spec.minReadySeconds ?? 0);
    const active = this.ownedPods(cur).filter(isPodActive);
    const templateLabels = cur.spec.template.metadata?.labels ?? {};
    const fully = active.filter((p) =>
      Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
    ).length;
    const ready = active.filter(isPodReady);
    const available = ready.filter((p) => isPodAvailable(p, minReady, now));
    for (const p of ready) if (!available.includes(p)) this.wakeAt(p, minReady);
    // Zero counts are omitted as the API's omitempty does (replicas is always present).
    const status: NonNullable<ReplicaSet['status']> = { replicas: active.length };
    if (fully) status.fullyLabeledReplicas = fully;
    if (ready.length) status.readyReplicas = ready.length;
    if (available.length) status.availableReplicas = available.length;
    if (cur.metadata.generation !== undefined) status.observedGeneration = cur.metadata.generation;
    if (sameJson(cur.status ?? {}, status)) return false;
    this.store.update<ReplicaSet>({ ...cur, status });
    return true;
  }

  /** A pod becomes available minReadySeconds after it became ready: resync then (no-op timer). */
  private wakeAt(p: Pod, minReady: number): void {
    if (this.wakeups.has(p.metadata.uid!)) return;
    this.wakeups.add(p.metadata.uid!);
    this.store.clock.at(timeMs(readyCondition(p)?.lastTransitionTime) + minReady * 1000, () => {});
  }
}

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(p: Pod): number {
  const v = Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  return Number.isInteger(v) ? v : 0;
}

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** logarithmicRankDiff: compare floor(log2(age in ns)) of two timestamps. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/**
 * getPodsToDelete: rank every active pod by how many related active pods share its node, sort
 * with ActivePodsWithRanks (LogarithmicScaleDown, GA in 1.31) and take the first `n`:
 * unassigned < assigned; Pending < Unknown < Running; not ready < ready; lower
 * pod-deletion-cost first; more co-located pods first; ready more recently first (log-scale
 * buckets, ties by UID); more restarts first; newer first (log-scale buckets, ties by UID).
 */
export function podsToDelete(active: Pod[], related: Pod[], n: number, now: number): Pod[] {
  if (n >= active.length) return [...active];
  const onNode = new Map<string, number>();
  for (const p of related)
    if (isPodActive(p)) onNode.set(p.spec.nodeName ?? '', (onNode.get(p.spec.nodeName ?? '') ?? 0) + 1);
  const rank = (p: Pod) => onNode.get(p.spec.nodeName ?? '') ?? 0;
  const less = (a: Pod, b: Pod): number => {
    const au = !a.spec.nodeName,
      bu = !b.spec.nodeName;
    if (a.spec.nodeName !== b.spec.nodeName && (au || bu)) return au ? -1 : 1;
    const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0,
      pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
    if (pa !== pb) return pa - pb;
    if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
    if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    const byUid = () => (a.metadata.uid! < b.metadata.uid! ? -1 : a.metadata.uid! > b.metadata.uid! ? 1 : 0);
    const newerFirst = (ta: number, tb: number): number | undefined => {
      if (ta === tb) return undefined;
      if (!ta || !tb) return ta ? 1 : -1; // a zero time sorts first
      const d = logRankDiff(ta, tb, now);
      return d === 0 ? byUid() : d;
    };
    if (isPodReady(a) && isPodReady(b)) {
      const r = newerFirst(
        timeMs(readyCondition(a)?.lastTransitionTime),
        timeMs(readyCondition(b)?.lastTransitionTime),
      );
      if (r !== undefined) return r;
    }
    if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
    const c = newerFirst(timeMs(a.metadata.creationTimestamp), timeMs(b.metadata.creationTimestamp));
    return c ?? 0;
  };
  return [...active].sort(less).slice(0, n);
}
