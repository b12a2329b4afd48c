// Namespace controller (pkg/controller/namespace/namespace_controller.go and
// deletion/namespaced_resources_deleter.go, deletion/status_condition_utils.go): empties a
// namespace being deleted, then removes its `kubernetes` finalizer, upon which the API server
// removes the namespace (src/store/namespaces.ts).
// - A namespace with a deletionTimestamp is looked at 5 s after each change of it
//   (namespaceDeletionGracePeriod), in a delaying queue that keeps the earliest time per namespace.
// - A pass (namespacedResourcesDeleter.Delete): estimate the graceful termination of the
//   namespace's pods (the longest terminationGracePeriodSeconds of those not Succeeded or Failed,
//   0 once that long has passed since the namespace's deletion), delete every object of every
//   namespaced kind in it (background propagation: bound pods go gracefully, through their
//   kubelets), list what remains, and write the five deletion conditions (NamespaceDeletion-
//   DiscoveryFailure, …GroupVersionParsingFailure, …ContentFailure, NamespaceContentRemaining,
//   NamespaceFinalizersRemaining) with upstream's reasons and messages when they change. Content
//   left with an estimate → looked at again after estimate/2 + 1 s; content left with finalizers →
//   15 s; content left without either is an error (`unexpected items still remain in namespace`)
//   retried with the work queue's per-item back-off (5 ms doubling, at most 1000 s); nothing left →
//   the finalizer is removed.
// It watches namespaces only and lists one namespace at a time through the store's namespace
// index: a pod elsewhere costs it nothing.

import type { Component } from '../util/component.ts';
import type { KubeObject, Namespace, NamespaceCondition, Pod } from '../api/types.ts';
import { KINDS, type KindInfo } from '../api/kinds.ts';
import type { ApiServer } from '../store/apiserver.ts';
import { ApiError } from '../store/errors.ts';
import { FINALIZER_KUBERNETES, finalizeNamespace } from '../store/namespaces.ts';
import type { ObjectStore, WatchEvent } from '../store/store.ts';

/** namespaceDeletionGracePeriod: how long after a change of a deleted namespace the controller looks at it. */
export const NAMESPACE_DELETION_GRACE_MS = 5_000;
/** finalizerEstimateSeconds: the wait assumed for objects held by finalizers. */
const FINALIZER_ESTIMATE_SECONDS = 15;
/** workqueue.DefaultControllerRateLimiter's per-item back-off: 5 ms doubling per failure, at most 1000 s. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1_000_000;

/** The conditions the deleter maintains, in the order it first writes them, with their reasons and messages when all is well. */
const CONDITIONS: { type: string; reason: string; message: string }[] = [
  {
    type: 'NamespaceDeletionDiscoveryFailure',
    reason: 'ResourcesDiscovered',
    message: 'All resources successfully discovered',
  },
  {
    type: 'NamespaceDeletionGroupVersionParsingFailure',
    reason: 'ParsedGroupVersions',
    message: 'All legacy kube types successfully parsed',
  },
  {
    type: 'NamespaceDeletionContentFailure',
    reason: 'ContentDeleted',
    message: 'All content successfully deleted, may be waiting on finalization',
  },
  { type: 'NamespaceContentRemaining', reason: 'ContentRemoved', message: 'All content successfully removed' },
  {
    type: 'NamespaceFinalizersRemaining',
    reason: 'ContentHasNoFinalizers',
    message: 'All content-preserving finalizers finished',
  },
];

/** What one pass found: the estimate (seconds) before content goes, or an error. */
type PassResult = { estimate: number } | { error: string };

export class NamespaceController implements Component {
  readonly name = 'namespace-controller';
  private readonly store: ObjectStore;
  /** Namespaces waiting in the delaying queue: when they are due, and the timer's cancel. */
  private readonly waiting = new Map<string, { at: number; cancel: () => void }>();
  /** Namespaces whose time came, processed on the next sync. */
  private due = new Set<string>();
  /** Consecutive failed passes per namespace (the rate limiter's memory; forgotten on success). */
  private failures = new Map<string, number>();
  /** Whether the current sync wrote anything. */
  private wrote = false;

  constructor(private readonly api: ApiServer) {
    this.store = api.store;
    api.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    const o = e.object as Namespace;
    // enqueueNamespace: only namespaces being deleted, 5 s after the change
    if (o.kind !== 'Namespace' || e.type === 'DELETED' || !o.metadata.deletionTimestamp) return;
    this.enqueueAt(o.metadata.name!, this.store.clock.now() + NAMESPACE_DELETION_GRACE_MS);
  }

  /** AddAfter: a namespace already waiting keeps the earlier of the two times. */
  private enqueueAt(name: string, at: number): void {
    const w = this.waiting.get(name);
    if (w && w.at <= at) return;
    w?.cancel();
    const cancel = this.store.clock.at(at, () => {
      this.waiting.delete(name);
      this.due.add(name);
    });
    this.waiting.set(name, { at, cancel });
  }

  /**
   * The same controller over a clone of its cluster's store (Cluster.clone). A namespace waiting
   * in the queue waits on a clock timer, and a clock with pending timers is not cloned.
   */
  clone(to: { readonly api: ApiServer }): NamespaceController {
    if (this.waiting.size) throw new Error('namespace controller: queued namespaces cannot be cloned');
    const c = new NamespaceController(to.api);
    c.due = new Set(this.due);
    c.failures = new Map(this.failures);
    return c;
  }

  sync(): boolean {
    if (this.due.size === 0) return false;
    const names = [...this.due].sort();
    this.due.clear();
    this.wrote = false;
    for (const name of names) {
      const result = this.syncNamespace(name);
      if (result === undefined) {
        this.failures.delete(name);
      } else if ('estimate' in result) {
        this.failures.delete(name);
        this.enqueueAt(name, this.store.clock.now() + (Math.floor(result.estimate / 2) + 1) * 1000);
      } else {
        const n = this.failures.get(name) ?? 0;
        this.failures.set(name, n + 1);
        this.enqueueAt(name, this.store.clock.now() + Math.min(BACKOFF_BASE_MS * 2 ** n, BACKOFF_MAX_MS));
      }
    }
    return this.wrote;
  }

  /** namespacedResourcesDeleter.Delete: undefined when done (or nothing to do). */
  private syncNamespace(name: string): PassResult | undefined {
    let ns = this.store.get<Namespace>('Namespace', undefined, name);
    if (!ns?.metadata.deletionTimestamp) return undefined;
    if (ns.status?.phase !== 'Terminating') {
      this.wrote = true;
      ns = this.store.mutate<Namespace>('Namespace', undefined, name, (n) => {
        n.status = { ...(n.status ?? {}), phase: 'Terminating' };
      })!;
    }
    const finalizers = ns.spec?.finalizers ?? [];
    if (finalizers.length === 0) return undefined;
    const result = this.deleteAllContent(ns);
    if ('error' in result || result.estimate > 0) return result;
    // finalizeNamespace: the remaining finalizers, sorted (a set's List())
    this.wrote = true;
    finalizeNamespace(this.store, name, [...new Set(finalizers.filter((f) => f !== FINALIZER_KUBERNETES))].sort());
    return undefined;
  }

  /** deleteAllContent: deletes everything in the namespace; the estimate of what remains, or an error. */
  private deleteAllContent(ns: Namespace): PassResult {
    const name = ns.metadata.name!;
    const now = this.store.clock.now();
    const deletedAt = Date.parse(ns.metadata.deletionTimestamp!);
    let estimate = 0;
    const remaining: string[] = [];
    const byFinalizer = new Map<string, number>();
    const errors: string[] = [];
    for (const info of KINDS) {
      if (!info.namespaced) continue;
      let kindEstimate = info.kind === 'Pod' ? this.podsEstimate(name) : 0;
      if (now - deletedAt >= kindEstimate * 1000) kindEstimate = 0;
      for (const o of [...this.store.inNamespace(info.kind, name)]) this.deleteOne(o);
      const left = this.store.inNamespace(info.kind, name);
      if (left.length === 0) continue;
      remaining.push(`${info.plural}.${info.group} has ${left.length} resource instances`);
      let withFinalizers = 0;
      for (const o of left)
        for (const f of o.metadata.finalizers ?? []) {
          byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
          withFinalizers++;
        }
      if (kindEstimate !== 0) estimate = Math.max(estimate, kindEstimate);
      else if (withFinalizers > 0) estimate = Math.max(estimate, FINALIZER_ESTIMATE_SECONDS);
      else errors.push(`unexpected items still remain in namespace: ${name} for gvr: ${gvrText(info)}`);
    }
    const failed: Partial<Record<string, NamespaceCondition>> = {};
    const at = this.store.clock.iso(now);
    const fail = (type: string, reason: string, message: string) => {
      failed[type] = { type, status: 'True', lastTransitionTime: at, reason, message };
    };
    if (errors.length)
      fail(
        'NamespaceDeletionContentFailure',
        'ContentDeletionFailed',
        `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}`,
      );
    if (remaining.length)
      fail(
        'NamespaceContentRemaining',
        'SomeResourcesRemain',
        `Some resources are remaining: ${remaining.sort().join(', ')}`,
      );
    if (byFinalizer.size)
      fail(
        'NamespaceFinalizersRemaining',
        'SomeFinalizersRemain',
        `Some content in the namespace has finalizers remaining: ${[...byFinalizer]
          .map(([f, n]) => `${f} in ${n} resource instances`)
          .sort()
          .join(', ')}`,
      );
    this.updateConditions(name, failed, at);
    return errors.length ? { error: errors.join(', ') } : { estimate };
  }

  /** estimateGracefulTerminationForPods: the longest grace period of the namespace's pods not Succeeded or Failed. */
  private podsEstimate(namespace: string): number {
    let estimate = 0;
    for (const p of this.store.inNamespace<Pod>('Pod', namespace)) {
      if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      const grace = p.spec.terminationGracePeriodSeconds;
      if (grace !== undefined && grace > estimate) estimate = grace;
    }
    return estimate;
  }

  private deleteOne(o: KubeObject): void {
    try {
      this.api.delete(o.kind, o.metadata.namespace, o.metadata.name!, { propagationPolicy: 'Background' });
      this.wrote = true;
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
    }
  }

  /** updateConditions: each maintained condition set to its failure or its "ok" variant; written only when one changed. */
  private updateConditions(name: string, failed: Partial<Record<string, NamespaceCondition>>, at: string): void {
    const ns = this.store.get<Namespace>('Namespace', undefined, name)!;
    const conditions = (ns.status?.conditions ?? []).map((c) => ({ ...c }));
    let changed = false;
    for (const ok of CONDITIONS) {
      const next: NamespaceCondition = failed[ok.type] ?? {
        type: ok.type,
        status: 'False',
        lastTransitionTime: at,
        reason: ok.reason,
        message: ok.message,
      };
      const old = conditions.find((c) => c.type === ok.type);
      if (!old) {
        conditions.push(next);
        changed = true;
      } else if (old.status !== next.status || old.message !== next.message || old.reason !== next.reason) {
        if (old.status !== next.status) old.lastTransitionTime = at;
        old.status = next.status;
        old.reason = next.reason;
        old.message = next.message;
        changed = true;
      }
    }
    if (!changed) return;
    this.wrote = true;
    this.store.mutate<Namespace>('Namespace', undefined, name, (n) => {
      n.status = { ...(n.status ?? {}), conditions };
    });
  }
}

/** schema.GroupVersionResource's String(): `/v1, Resource=pods`, `apps/v1, Resource=deployments`. */
const gvrText = (info: KindInfo): string => `${info.group}/${info.version}, Resource=${info.plural}`;
