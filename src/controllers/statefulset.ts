// StatefulSet controller (pkg/controller/statefulset): pods `<sts>-<ordinal>` with hostname =
// pod name and subdomain = spec.serviceName, labels statefulset.kubernetes.io/pod-name,
// apps.kubernetes.io/pod-index and controller-revision-hash (the name of the pod's
// ControllerRevision). OrderedReady (default): ordinal N+1 is created only when 0..N are Running
// and Ready; scale-down removes the highest ordinal first, one at a time, each only when the pods
// below it are Running and Ready. Parallel: all at once. A deleted pod is re-created with the same
// name once it is gone; a Failed pod is deleted to be re-created. Events `SuccessfulCreate`
// "create Pod web-0 in StatefulSet web successful" and `SuccessfulDelete` "delete Pod web-2 in
// StatefulSet web successful" from statefulset-controller (stateful_set_control.go).
// History (getStatefulSetRevisions, truncateHistory): a ControllerRevision per distinct template
// (controllers/history.ts), named `<sts>-<hash>` with labels of the template plus
// controller.kubernetes.io/hash, the StatefulSet's annotations, and `revision` one above the
// newest; going back to an older template bumps that revision's number instead of creating one.
// status.currentRevision is the revision of the pods below the partition, updateRevision the
// template's; a pod is created from the current revision's template below the partition
// (newVersionedStatefulSetPod). RollingUpdate: once every pod exists and is healthy, the highest
// ordinal at or above the partition whose revision is not the update revision is deleted (one at a
// time, waiting for each to come back Running and Ready); when all pods are updated and ready the
// current revision becomes the update revision. OnDelete leaves the pods. Revisions beyond
// revisionHistoryLimit that no pod uses are deleted, oldest first. Not modelled
// (NotSupportedError): volumeClaimTemplates.

import type { Component } from '../util/component.ts';
import type { ControllerRevision, Pod, PodTemplateSpec, StatefulSet } from '../api/types.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore, WatchEvent } from '../store/store.ts';
import { ApiError } from '../store/errors.ts';
import { NotSupportedError } from '../util/errors.ts';
import {
  controllerRef,
  isPodReady,
  newControllerRef,
  ownedInNamespace,
  OwnerQueue,
  type ControllerHost,
} from './common.ts';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  claimRevisions,
  controllerRevisionName,
  newControllerRevision,
  patchHash,
  revisionRaw,
  revisionTemplate,
  templatePatch,
} from './history.ts';
import { sameJson } from '../util/json.ts';
import { goTyped } from '../api/gotyped.ts';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';

const ordinalOf = (sts: StatefulSet, p: Pod): number => {
  const m = new RegExp(`^${sts.metadata.name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(
    p.metadata.name ?? '',
  );
  return m ? Number(m[1]) : -1;
};
const runningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;
const POD_REVISION = 'controller-revision-hash';

interface UpdateStrategy {
  type?: string;
  rollingUpdate?: { partition?: number };
}

/** The revisions a sync works with (getStatefulSetRevisions). */
interface Revisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
  /** The revisions listed before the update revision was made (truncateHistory's input). */
  all: ControllerRevision[];
}

export class StatefulSetController implements Component {
  readonly name = STATEFULSET_CONTROLLER;
  private readonly store: ObjectStore;
  /** StatefulSets to sync: changed, or one of their pods changed (see OwnerQueue). */
  private readonly queue: OwnerQueue;
  /**
   * StatefulSet uid → its generation at the last refused pod creation: not tried again until its
   * spec changes or a ServiceAccount appears in its namespace (the rate-limited requeue of a
   * failed sync would retry, recording the same FailedCreate; here it would never settle).
   */
  private readonly failedAt = new Map<string, number | undefined>();

  constructor(
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
  ) {
    this.store = api.store;
    this.queue = new OwnerQueue(this.store, 'StatefulSet');
    this.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    // (its own StatefulSets: the OwnerQueue, which also marks them when a ServiceAccount of their namespace is created)
    if (e.object.kind === 'ServiceAccount' && e.type === 'ADDED') {
      for (const sts of this.store.inNamespace('StatefulSet', e.object.metadata.namespace!))
        this.failedAt.delete(sts.metadata.uid!);
      return;
    }
    if (e.object.kind === 'Pod') {
      // a StatefulSet reads only the pods it controls (it adopts none)
      for (const p of [e.old, e.object]) if (p) this.queue.mark(controllerRef(p)?.uid);
    }
  }

  /** The same controller over a clone of its cluster's store (Cluster.clone), with its work queue. */
  clone(to: ControllerHost): StatefulSetController {
    const c = new StatefulSetController(to.api, to.events);
    c.queue.copyFrom(this.queue);
    for (const [uid, generation] of this.failedAt) c.failedAt.set(uid, generation);
    return c;
  }

  sync(): boolean {
    let changed = false;
    for (const sts of this.store.list<StatefulSet>('StatefulSet'))
      if (this.queue.run(sts.metadata.uid!, () => this.syncOne(sts))) changed = true;
    return changed;
  }

  /**
   * getStatefulSetRevisions: the update revision is the revision of the current template (an
   * equal revision reused: the newest as it is, an older one with its number raised to the next;
   * else a new one, its name probed with the collision count until free); the current revision is
   * status.currentRevision's, or the update revision when there is none.
   */
  private revisions(sts: StatefulSet): Revisions {
    const all = claimRevisions(this.store, sts, sts.spec.selector);
    let collisionCount = sts.status?.collisionCount ?? 0;
    const patch = templatePatch(sts.spec.template);
    const next = all.length ? all[all.length - 1].revision + 1 : 1;
    const equal = all.filter((r) => revisionRaw(r) === patch.raw);
    let update: ControllerRevision;
    if (equal.length && equal[equal.length - 1] === all[all.length - 1]) update = all[all.length - 1];
    else if (equal.length) {
      const e = equal[equal.length - 1];
      update = this.api.update<ControllerRevision>({ ...e, revision: next });
    } else {
      for (;;) {
        const hash = patchHash(patch, collisionCount);
        const name = controllerRevisionName(sts.metadata.name!, hash);
        const exists = this.store.get<ControllerRevision>('ControllerRevision', sts.metadata.namespace, name);
        if (exists) {
          if (revisionRaw(exists) === patch.raw) {
            update = exists;
            break;
          }
          collisionCount++;
          continue;
        }
        update = this.api.create<ControllerRevision>(
          newControllerRevision(sts, name, CONTROLLER_REVISION_HASH_LABEL, hash, next),
          true,
        );
        break;
      }
    }
    const current = all.find((r) => r.metadata.name === sts.status?.currentRevision) ?? update;
    return { current, update, collisionCount, all };
  }

  private newPod(sts: StatefulSet, ordinal: number, template: PodTemplateSpec, revision: string): Pod {
    const name = `${sts.metadata.name}-${ordinal}`;
    const t = template;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: sts.metadata.namespace,
        ownerReferences: [newControllerRef(sts)],
        labels: {
          ...(t.metadata?.labels ?? {}),
          'apps.kubernetes.io/pod-index': String(ordinal),
          [POD_REVISION]: revision,
          'statefulset.kubernetes.io/pod-name': name,
        },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      },
      spec: {
        ...structuredClone(t.spec),
        hostname: name,
        ...(sts.spec.serviceName ? { subdomain: sts.spec.serviceName } : {}),
      },
    };
    return pod;
  }

  /**
   * newVersionedStatefulSetPod: below the partition (RollingUpdate) a pod is made from the current
   * revision's template, else from the StatefulSet's.
   */
  private versionedPod(sts: StatefulSet, ordinal: number, revs: Revisions): Pod {
    const strategy = (sts.spec.updateStrategy ?? {}) as UpdateStrategy;
    const useCurrent =
      (strategy.type === 'RollingUpdate' &&
        strategy.rollingUpdate === undefined &&
        ordinal < (sts.status?.currentReplicas ?? 0)) ||
      (strategy.rollingUpdate !== undefined && ordinal < (strategy.rollingUpdate.partition ?? 0));
    if (useCurrent && revs.current !== revs.update) {
      const t = revisionTemplate(revs.current);
      if (t) return this.newPod(sts, ordinal, t, revs.current.metadata.name!);
    }
    if (useCurrent) return this.newPod(sts, ordinal, sts.spec.template, revs.current.metadata.name!);
    return this.newPod(sts, ordinal, sts.spec.template, revs.update.metadata.name!);
  }

  private syncOne(sts: StatefulSet): boolean {
    if (Array.isArray(sts.spec.volumeClaimTemplates) && sts.spec.volumeClaimTemplates.length)
      throw new NotSupportedError('StatefulSet volumeClaimTemplates');
    const replicas = sts.spec.replicas ?? 1;
    const parallel = sts.spec.podManagementPolicy === 'Parallel';
    const revs = this.revisions(sts);
    const pods = ownedInNamespace<Pod>(this.store, 'Pod', sts)
      .filter((p) => matchesLabelSelector(sts.spec.selector, p.metadata.labels) && ordinalOf(sts, p) >= 0)
      .sort((a, b) => ordinalOf(sts, a) - ordinalOf(sts, b));
    let changed = false;
    /** The monotonic processing stopped (OrderedReady waits for a pod): no scale-down or update yet. */
    let blocked = false;
    const byOrdinal = new Map(pods.map((p) => [ordinalOf(sts, p), p]));
    // failed pods are deleted so they can be re-created
    for (const p of pods) {
      if (p.status?.phase === 'Failed' && !p.metadata.deletionTimestamp) {
        this.delete(sts, p);
        changed = true;
      }
    }
    // create missing ordinals below replicas
    for (let i = 0; i < replicas; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        const uid = sts.metadata.uid!;
        if (this.failedAt.has(uid) && this.failedAt.get(uid) === sts.metadata.generation) {
          // refused before, and nothing has changed since
          if (!parallel) {
            blocked = true;
            break;
          }
          continue;
        }
        const pod = this.versionedPod(sts, i, revs);
        try {
          this.api.create(pod);
          this.events.record(
            sts,
            'Normal',
            'SuccessfulCreate',
            `create Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
            STATEFULSET_CONTROLLER,
          );
          this.failedAt.delete(uid);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          this.failedAt.set(uid, sts.metadata.generation);
          this.events.record(
            sts,
            'Warning',
            'FailedCreate',
            `create Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} failed error: ${e.message}`,
            STATEFULSET_CONTROLLER,
          );
        }
        changed = true;
        if (!parallel) {
          blocked = true;
          break;
        }
        continue;
      }
      if (!parallel && !runningAndReady(p)) {
        blocked = true;
        break;
      }
    }
    // scale down: highest ordinal first
    const surplus = pods.filter((p) => ordinalOf(sts, p) >= replicas).reverse();
    if (surplus.length && !blocked) {
      const lowerReady = pods.filter((p) => ordinalOf(sts, p) < replicas).every(runningAndReady);
      if (parallel) {
        for (const p of surplus)
          if (!p.metadata.deletionTimestamp) {
            this.delete(sts, p);
            changed = true;
          }
      } else if (lowerReady && !surplus.some((p) => p.metadata.deletionTimestamp)) {
        this.delete(sts, surplus[0]);
        changed = true;
      }
      if (!parallel) blocked = true;
    }
    if (!blocked && !changed) changed = this.rollingUpdate(sts, byOrdinal, replicas, revs);
    changed = this.updateStatus(sts, revs) || changed;
    return this.truncateHistory(sts, revs) || changed;
  }

  /**
   * The RollingUpdate step of updateStatefulSet: from the highest ordinal down to the partition,
   * delete the first pod not at the update revision (unless terminating); stop at an unhealthy one.
   */
  private rollingUpdate(sts: StatefulSet, byOrdinal: Map<number, Pod>, replicas: number, revs: Revisions): boolean {
    const strategy = (sts.spec.updateStrategy ?? {}) as UpdateStrategy;
    if (strategy.type === 'OnDelete') return false;
    const updateMin = strategy.rollingUpdate?.partition ?? 0;
    for (let target = replicas - 1; target >= updateMin; target--) {
      const p = byOrdinal.get(target);
      if (!p) return false;
      if (p.metadata.labels?.[POD_REVISION] !== revs.update.metadata.name && !p.metadata.deletionTimestamp) {
        this.delete(sts, p);
        return true;
      }
      if (!runningAndReady(p)) return false;
    }
    return false;
  }

  /**
   * truncateHistory: the revisions no pod uses, other than the current and update ones, beyond
   * revisionHistoryLimit (default 10) are deleted, oldest first.
   */
  private truncateHistory(sts: StatefulSet, revs: Revisions): boolean {
    const live = new Set([revs.current.metadata.name, revs.update.metadata.name]);
    for (const p of ownedInNamespace<Pod>(this.store, 'Pod', sts)) live.add(p.metadata.labels?.[POD_REVISION]);
    const history = revs.all.filter((r) => !live.has(r.metadata.name));
    const limit = Number(sts.spec.revisionHistoryLimit ?? 10);
    if (history.length <= limit) return false;
    for (const r of history.slice(0, history.length - limit)) {
      try {
        this.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name!);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
    return true;
  }

  private delete(sts: StatefulSet, p: Pod): void {
    try {
      this.api.delete('Pod', p.metadata.namespace, p.metadata.name!);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return;
    }
    this.events.record(
      sts,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
      STATEFULSET_CONTROLLER,
    );
  }

  /**
   * computeReplicaStatus and completeRollingUpdate: counts of the created pods; current and updated
   * replicas by the revision of the pods not being deleted. With RollingUpdate, once every pod is
   * updated and ready, the current revision is the update revision.
   */
  private updateStatus(sts: StatefulSet, revs: Revisions): boolean {
    const pods = ownedInNamespace<Pod>(this.store, 'Pod', sts);
    const ready = pods.filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
    let current = 0,
      updated = 0;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      const r = p.metadata.labels?.[POD_REVISION];
      if (r === revs.current.metadata.name) current++;
      if (r === revs.update.metadata.name) updated++;
    }
    let currentRevision = revs.current.metadata.name!;
    if (
      ((sts.spec.updateStrategy ?? {}) as UpdateStrategy).type === 'RollingUpdate' &&
      updated === pods.length &&
      ready === pods.length
    ) {
      current = updated;
      currentRevision = revs.update.metadata.name!;
    }
    // as the typed StatefulSetStatus is written: the omitempty counts leave out their zeros
    const status = goTyped('k8s.io.api.apps.v1.StatefulSetStatus', {
      availableReplicas: ready,
      collisionCount: revs.collisionCount,
      currentReplicas: current,
      currentRevision,
      observedGeneration: sts.metadata.generation ?? 1,
      readyReplicas: ready,
      replicas: pods.length,
      updateRevision: revs.update.metadata.name!,
      updatedReplicas: updated,
    });
    const old = (sts as StatefulSet & { status?: unknown }).status;
    if (sameJson(old ?? {}, status)) return false;
    this.store.mutate<StatefulSet & { status?: unknown }>(
      'StatefulSet',
      sts.metadata.namespace,
      sts.metadata.name!,
      (s) => {
        s.status = status;
      },
    );
    return true;
  }
}
