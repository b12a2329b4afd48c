// StatefulSet controller (pkg/controller/statefulset): pods `<sts>-<ordinal>` with hostname =
// pod name and subdomain = spec.serviceName, labels statefulset.kubernetes.io/pod-name,
// apps.kubernetes.io/pod-index and controller-revision-hash. OrderedReady (default): ordinal N+1
// is created only when 0..N are Running and Ready; scale-down removes the highest ordinal first,
// one at a time, each only when the pods below it are Running and Ready. Parallel: all at once.
// A deleted pod is re-created with the same name once it is gone; a Failed pod is deleted to be
// re-created. Events `SuccessfulCreate` "create Pod web-0 in StatefulSet web successful" and
// `SuccessfulDelete` "delete Pod web-2 in StatefulSet web successful" from
// statefulset-controller (stateful_set_control.go). Not modelled (NotSupportedError): volumeClaimTemplates,
// rolling updates of a changed template.

import type { Component } from '../util/component.ts';
import type { Pod, StatefulSet } from '../api/types.ts';
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
  templateHash,
  type ControllerHost,
} from './common.ts';
import { sameJson } from '../util/json.ts';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';

const ordinalOf = (sts: StatefulSet, p: Pod): number => {
  const m = new RegExp(`^${sts.metadata.name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(
    p.metadata.name ?? '',
  );
  return m ? Number(m[1]) : -1;
};
const runningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;

export class StatefulSetController implements Component {
  readonly name = STATEFULSET_CONTROLLER;
  private readonly store: ObjectStore;
  /** StatefulSets to sync: changed, or one of their pods changed (see OwnerQueue). */
  private readonly queue: OwnerQueue;

  constructor(
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
  ) {
    this.store = api.store;
    this.queue = new OwnerQueue(this.store, 'StatefulSet');
    this.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    // (its own StatefulSets: the OwnerQueue)
    if (e.object.kind === 'Pod') {
      // a StatefulSet reads only the pods it controls (it adopts none)
      for (const p of [e.old, e.object]) if (p) this.queue.mark(controllerRef(p)?.uid);
    }
  }

  /** The same controller over a clone of its cluster's store (Cluster.clone), with its work queue. */
  clone(to: ControllerHost): StatefulSetController {
    const c = new StatefulSetController(to.api, to.events);
    c.queue.copyFrom(this.queue);
    return c;
  }

  sync(): boolean {
    let changed = false;
    for (const sts of this.store.list<StatefulSet>('StatefulSet'))
      if (this.queue.run(sts.metadata.uid!, () => this.syncOne(sts))) changed = true;
    return changed;
  }

  private revision(sts: StatefulSet): string {
    return `${sts.metadata.name}-${templateHash(sts.spec.template)}`;
  }

  private newPod(sts: StatefulSet, ordinal: number, revision: string): Pod {
    const name = `${sts.metadata.name}-${ordinal}`;
    const t = sts.spec.template;
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
          'controller-revision-hash': revision,
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

  private syncOne(sts: StatefulSet): boolean {
    if (Array.isArray(sts.spec.volumeClaimTemplates) && sts.spec.volumeClaimTemplates.length)
      throw new NotSupportedError('StatefulSet volumeClaimTemplates');
    const replicas = sts.spec.replicas ?? 1;
    const parallel = sts.spec.podManagementPolicy === 'Parallel';
    const revision = this.revision(sts);
    const pods = ownedInNamespace<Pod>(this.store, 'Pod', sts)
      .filter((p) => matchesLabelSelector(sts.spec.selector, p.metadata.labels) && ordinalOf(sts, p) >= 0)
      .sort((a, b) => ordinalOf(sts, a) - ordinalOf(sts, b));
    if (
      pods.some((p) => p.metadata.labels?.['controller-revision-hash'] !== revision && !p.metadata.deletionTimestamp)
    ) {
      throw new NotSupportedError(
        `rolling update of StatefulSet ${sts.metadata.namespace}/${sts.metadata.name} (its pod template changed)`,
      );
    }
    let changed = false;
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
        try {
          this.api.create(this.newPod(sts, i, revision));
          this.events.record(
            sts,
            'Normal',
            'SuccessfulCreate',
            `create Pod ${sts.metadata.name}-${i} in StatefulSet ${sts.metadata.name} successful`,
            STATEFULSET_CONTROLLER,
          );
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          this.events.record(
            sts,
            'Warning',
            'FailedCreate',
            `create Pod ${sts.metadata.name}-${i} in StatefulSet ${sts.metadata.name} failed error: ${e.message}`,
            STATEFULSET_CONTROLLER,
          );
        }
        changed = true;
        if (!parallel) break;
        continue;
      }
      if (!parallel && !runningAndReady(p)) break;
    }
    // scale down: highest ordinal first
    const surplus = pods.filter((p) => ordinalOf(sts, p) >= replicas).reverse();
    if (surplus.length) {
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
    }
    return this.updateStatus(sts, revision) || changed;
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

  private updateStatus(sts: StatefulSet, revision: string): boolean {
    const pods = ownedInNamespace<Pod>(this.store, 'Pod', sts);
    const ready = pods.filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
    const status = {
      availableReplicas: ready,
      collisionCount: 0,
      currentReplicas: pods.length,
      currentRevision: revision,
      observedGeneration: sts.metadata.generation ?? 1,
      readyReplicas: ready,
      replicas: pods.length,
      updateRevision: revision,
      updatedReplicas: pods.length,
    };
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
