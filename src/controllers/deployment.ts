// Deployment controller (pkg/controller/deployment): owns ReplicaSets `<deploy>-<pod-template-hash>`
// (hash: common.templateHash, label pod-template-hash on the RS, its selector and template),
// revisions (annotation deployment.kubernetes.io/revision), scaling events from
// `deployment-controller` ("Scaled up replica set web-7d4b9c8f5d from 0 to 3"), and status with the
// Available / Progressing conditions.
// What is modelled: both strategies as the real controller runs them — Recreate (scale every old
// RS to 0, wait until no old pod is active, then create the new RS at full size) and RollingUpdate
// (NewRSNewReplicas with maxSurge, then reconcileOldReplicaSets: unhealthy old replicas first, then
// old RSs oldest first while availability stays >= replicas - maxUnavailable), and cleanup of
// old RSs beyond revisionHistoryLimit once a rollout is complete.
// Not modelled: proportional scaling of several active RSs when replicas change mid-rollout (the
// rolling rules above are applied instead), paused deployments, the progress deadline
// (ProgressDeadlineExceeded), the deprecated rollbackTo, and hash collisions (NotSupportedError).

import type { Component } from '../util/component.ts';
import type { Deployment, KubeObject, PodTemplateSpec, ReplicaSet } from '../api/types.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore, WatchEvent } from '../store/store.ts';
import { NotSupportedError } from '../util/errors.ts';
import { cloneData } from '../api/clone.ts';
import {
  controllerRef,
  isPodActive,
  newControllerRef,
  ownedInNamespace,
  OwnerQueue,
  templateHash,
  timeMs,
  type ControllerHost,
} from './common.ts';
import { sameJson, semanticJson } from '../util/json.ts';
import type { Pod } from '../api/types.ts';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
/** Deployment annotations that are not copied onto its ReplicaSets (annotationsToSkip). */
const SKIP_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED,
  MAX,
  'deprecated.deployment.rollback.to',
]);

export interface DeploymentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}
type DeploymentStatus = NonNullable<Deployment['status']> & {
  conditions?: DeploymentCondition[];
  collisionCount?: number;
  unavailableReplicas?: number;
};

/** intstr.GetScaledValueFromIntOrPercent. */
function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) {
    const x = (parseInt(v, 10) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return parseInt(v, 10);
  return 0;
}

interface Strategy {
  type: 'RollingUpdate' | 'Recreate';
  maxSurge: number;
  maxUnavailable: number;
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down, both 0 → unavailable 1. */
export function resolveStrategy(d: Deployment): Strategy {
  const s = (d.spec.strategy ?? {}) as {
    type?: string;
    rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown };
  };
  const replicas = d.spec.replicas ?? 1;
  if (s.type === 'Recreate') return { type: 'Recreate', maxSurge: 0, maxUnavailable: 0 };
  const maxSurge = scaled(s.rollingUpdate?.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaled(s.rollingUpdate?.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  if (maxUnavailable > replicas) maxUnavailable = replicas;
  return { type: 'RollingUpdate', maxSurge, maxUnavailable };
}

function withoutHash(t: PodTemplateSpec): string {
  const copy = cloneData(t);
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH];
  return semanticJson(copy);
}

/**
 * EqualIgnoreHash (pkg/controller/deployment/util/deployment_util.go): templates equal but for the
 * pod-template-hash label, compared as apimachinery's Semantic.DeepEqual compares them (semanticJson).
 */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return withoutHash(a) === withoutHash(b);
}

const isFinished = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** maxRevHistoryLengthInChars of the deployment controller (sync.go). */
const MAX_REVISION_HISTORY_CHARS = 2000;

/**
 * SetNewReplicaSetAnnotations for an existing new ReplicaSet (pkg/controller/deployment/util/
 * deployment_util.go): the Deployment's annotations are copied onto it (kubernetes.io/change-cause
 * among them; an annotation the Deployment no longer has stays), its revision rises to
 * max(old revisions)+1 when lower, and when a revision is replaced (a rollback to this template)
 * the old number is appended to deployment.kubernetes.io/revision-history (at most 2000
 * characters, oldest dropped first). The new annotations, or undefined when nothing changes.
 */
export function newReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
): Record<string, string> | undefined {
  const out: Record<string, string> = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_ANNOTATIONS.has(k) || out[k] === v) continue;
    out[k] = v;
    changed = true;
  }
  const oldRevision = rs.metadata.annotations?.[REVISION];
  if (revisionOf(rs) < newRevision) {
    out[REVISION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = out[REVISION_HISTORY] ?? '';
      if (history === '') out[REVISION_HISTORY] = oldRevision;
      else {
        const olds = history.split(',');
        let total = history.length + oldRevision.length + 1;
        let start = 0;
        while (total > MAX_REVISION_HISTORY_CHARS && start < olds.length) total -= olds[start++].length + 1;
        if (total <= MAX_REVISION_HISTORY_CHARS) out[REVISION_HISTORY] = [...olds.slice(start), oldRevision].join(',');
      }
    }
  }
  return changed ? out : undefined;
}

const revisionOf = (o: KubeObject): number => Number(o.metadata.annotations?.[REVISION] ?? 0) || 0;
const specReplicas = (rs: ReplicaSet): number => rs.spec.replicas ?? 0;
const byCreation = (a: ReplicaSet, b: ReplicaSet): number =>
  timeMs(a.metadata.creationTimestamp) - timeMs(b.metadata.creationTimestamp) ||
  (a.metadata.name! < b.metadata.name! ? -1 : 1);

export class DeploymentController implements Component {
  readonly name = DEPLOYMENT_CONTROLLER;
  private readonly store: ObjectStore;

  /**
   * Deployments to sync: changed, a ReplicaSet they own or could adopt changed, or a pod of one
   * of their ReplicaSets changed (see OwnerQueue). Nothing here depends on the clock alone.
   */
  private readonly queue: OwnerQueue;

  constructor(
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
  ) {
    this.store = api.store;
    this.queue = new OwnerQueue(this.store, 'Deployment');
    this.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    // (its own Deployments: the OwnerQueue)
    const kind = e.object.kind;
    if (kind === 'ReplicaSet') {
      for (const rs of [e.old, e.object]) {
        if (!rs) continue;
        const ref = controllerRef(rs);
        if (ref) {
          this.queue.mark(ref.uid);
          continue;
        }
        // an orphan: the Deployments whose selector matches it may adopt it
        for (const d of this.store.values<Deployment>('Deployment')) {
          if (
            d.metadata.namespace === rs.metadata.namespace &&
            matchesLabelSelector(d.spec.selector, rs.metadata.labels)
          )
            this.queue.mark(d.metadata.uid);
        }
      }
    } else if (kind === 'Pod') {
      // Only whether a pod is active or has finished is read from pods (Recreate, old-RS cleanup):
      // a write that changes neither (a status write of a running pod) needs no sync.
      const [old, cur] = [e.old as Pod | undefined, e.object as Pod];
      if (
        e.type === 'MODIFIED' &&
        old &&
        old.metadata.ownerReferences === cur.metadata.ownerReferences &&
        isPodActive(old) === isPodActive(cur) &&
        isFinished(old) === isFinished(cur)
      )
        return;
      for (const p of [e.old, e.object]) {
        const ref = p && controllerRef(p);
        if (!ref) continue;
        const rs = this.store.get<ReplicaSet>('ReplicaSet', p.metadata.namespace, ref.name);
        if (rs?.metadata.uid === ref.uid) this.queue.mark(controllerRef(rs)?.uid);
      }
    }
  }

  /** The same controller over a clone of its cluster's store (Cluster.clone), with its work queue. */
  clone(to: ControllerHost): DeploymentController {
    const c = new DeploymentController(to.api, to.events);
    c.queue.copyFrom(this.queue);
    return c;
  }

  sync(): boolean {
    let changed = false;
    for (const d of this.store.list<Deployment>('Deployment'))
      if (this.queue.run(d.metadata.uid!, () => this.syncOne(d))) changed = true;
    return changed;
  }

  private syncOne(d: Deployment): boolean {
    let changed = this.claimReplicaSets(d);
    const status: DeploymentStatus = cloneData((d.status ?? {}) as DeploymentStatus);
    const strategy = resolveStrategy(d);
    let all = this.ownedReplicaSets(d);
    let newRS = all.find((rs) => this.templateOf(rs) === this.templateOf(d));
    let old = all.filter((rs) => rs !== newRS);
    const replicas = d.spec.replicas ?? 1;

    if (strategy.type === 'Recreate') {
      for (const rs of old)
        if (specReplicas(rs) > 0) {
          this.scale(d, rs, 0, strategy);
          changed = true;
        }
      const oldRunning = old.some(
        (rs) =>
          (rs.status?.replicas ?? 0) > 0 ||
          this.podsOf(rs).some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'),
      );
      if (!oldRunning) {
        if (!newRS) {
          newRS = this.createNewRS(d, old, replicas, status, strategy);
          changed = true;
        } else if (specReplicas(newRS) !== replicas) {
          this.scale(d, newRS, replicas, strategy);
          changed = true;
        }
      }
    } else {
      if (!newRS) {
        const current = old.reduce((n, rs) => n + specReplicas(rs), 0);
        const want = Math.max(0, Math.min(replicas + strategy.maxSurge - current, replicas));
        newRS = this.createNewRS(d, old, want, status, strategy);
        changed = true;
      } else if (this.reconcileNew(d, newRS, old, strategy)) {
        changed = true;
      } else if (this.reconcileOld(d, newRS, old, strategy)) {
        changed = true;
      }
    }
    if (newRS && !this.store.get('ReplicaSet', d.metadata.namespace, newRS.metadata.name!)) newRS = undefined;
    changed = this.syncRevision(d, newRS, old, status) || changed;

    all = this.ownedReplicaSets(d);
    newRS = newRS && all.find((rs) => rs.metadata.uid === newRS!.metadata.uid);
    old = all.filter((rs) => rs !== newRS);
    const newStatus = this.calculateStatus(d, status, all, newRS, strategy);
    if (this.complete(d, newStatus)) changed = this.cleanup(d, old) || changed;
    const cur = this.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name!)!;
    if (!sameJson(cur.status ?? {}, newStatus)) {
      this.store.update<Deployment>({ ...cur, status: newStatus });
      changed = true;
    }
    return changed;
  }

  /** ClaimReplicaSets: adopt orphans matching the selector, release owned RSs that stopped matching. */
  private claimReplicaSets(d: Deployment): boolean {
    let changed = false;
    for (const rs of this.store.list<ReplicaSet>('ReplicaSet', d.metadata.namespace)) {
      const ref = controllerRef(rs);
      const matches = matchesLabelSelector(d.spec.selector, rs.metadata.labels);
      if (ref?.uid === d.metadata.uid && !matches) {
        this.store.mutate<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name!, (r) => {
          r.metadata.ownerReferences = r.metadata.ownerReferences!.filter((o) => o.uid !== d.metadata.uid);
          if (r.metadata.ownerReferences.length === 0) delete r.metadata.ownerReferences;
        });
        changed = true;
      } else if (!ref && matches) {
        this.store.mutate<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name!, (r) => {
          r.metadata.ownerReferences = [...(r.metadata.ownerReferences ?? []), newControllerRef(d)];
        });
        changed = true;
      }
    }
    return changed;
  }

  /**
   * withoutHash of stored templates, by template object: a stored object is never changed in place,
   * and a status write shares the stored spec, so one rendering serves every later version.
   */
  private readonly renderedTemplates = new WeakMap<PodTemplateSpec, string>();

  private templateOf(o: Deployment | ReplicaSet): string {
    let t = this.renderedTemplates.get(o.spec.template);
    if (t === undefined) {
      t = withoutHash(o.spec.template);
      this.renderedTemplates.set(o.spec.template, t);
    }
    return t;
  }

  private ownedReplicaSets(d: Deployment): ReplicaSet[] {
    return ownedInNamespace<ReplicaSet>(this.store, 'ReplicaSet', d).sort(byCreation);
  }

  private podsOf(rs: ReplicaSet): Pod[] {
    return ownedInNamespace<Pod>(this.store, 'Pod', rs);
  }

  private createNewRS(
    d: Deployment,
    old: ReplicaSet[],
    replicas: number,
    status: DeploymentStatus,
    strategy: Strategy,
  ): ReplicaSet {
    const hash = templateHash(d.spec.template, status.collisionCount);
    const name = `${d.metadata.name}-${hash}`;
    if (this.store.get('ReplicaSet', d.metadata.namespace, name)) {
      throw new NotSupportedError(
        `ReplicaSet name collision for Deployment ${d.metadata.name} (${name} exists with another template)`,
      );
    }
    const template = cloneData(d.spec.template);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash },
    };
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(k)) annotations[k] = v;
    annotations[DESIRED] = String(d.spec.replicas ?? 1);
    annotations[MAX] = String((d.spec.replicas ?? 1) + strategy.maxSurge);
    annotations[REVISION] = String(Math.max(0, ...old.map(revisionOf)) + 1);
    const selector = cloneData(d.spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const rs = this.api.create<ReplicaSet>({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace,
        labels: { ...template.metadata.labels },
        annotations,
        ownerReferences: [newControllerRef(d)],
      },
      // a typed ReplicaSetSpec: minReadySeconds (omitempty) is not sent when 0
      spec: {
        replicas,
        ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
        selector,
        template,
      },
    });
    if (replicas > 0)
      this.events.record(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${name} from 0 to ${replicas}`,
        DEPLOYMENT_CONTROLLER,
      );
    setCondition(
      status,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetCreated',
        message: `Created new replica set "${name}"`,
      },
      this.store.clock.iso(),
    );
    return rs;
  }

  /** scaleReplicaSet: spec.replicas plus the desired/max-replicas annotations, and the event. */
  private scale(d: Deployment, rs: ReplicaSet, to: number, strategy: Strategy): void {
    const from = specReplicas(rs);
    this.store.mutate<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name!, (r) => {
      r.spec.replicas = to;
      r.metadata.annotations = {
        ...(r.metadata.annotations ?? {}),
        [DESIRED]: String(d.spec.replicas ?? 1),
        [MAX]: String((d.spec.replicas ?? 1) + strategy.maxSurge),
      };
    });
    if (from !== to) {
      this.events.record(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`,
        DEPLOYMENT_CONTROLLER,
      );
    }
  }

  /** reconcileNewReplicaSet with NewRSNewReplicas (RollingUpdate). */
  private reconcileNew(d: Deployment, newRS: ReplicaSet, old: ReplicaSet[], strategy: Strategy): boolean {
    const replicas = d.spec.replicas ?? 1;
    const cur = specReplicas(newRS);
    if (cur === replicas) return false;
    if (cur > replicas) {
      this.scale(d, newRS, replicas, strategy);
      return true;
    }
    const total = cur + old.reduce((n, rs) => n + specReplicas(rs), 0);
    const maxTotal = replicas + strategy.maxSurge;
    if (total >= maxTotal) return false;
    const to = cur + Math.min(maxTotal - total, replicas - cur);
    this.scale(d, newRS, to, strategy);
    return true;
  }

  /** reconcileOldReplicaSets: cleanupUnhealthyReplicas, then scaleDownOldReplicaSetsForRollingUpdate. */
  private reconcileOld(d: Deployment, newRS: ReplicaSet, old: ReplicaSet[], strategy: Strategy): boolean {
    const oldCount = old.reduce((n, rs) => n + specReplicas(rs), 0);
    if (oldCount === 0) return false;
    const replicas = d.spec.replicas ?? 1;
    const allCount = oldCount + specReplicas(newRS);
    const minAvailable = replicas - strategy.maxUnavailable;
    const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    let changed = false;
    const sorted = [...old].sort(byCreation).map((rs) => ({ rs, replicas: specReplicas(rs) }));
    let cleaned = 0;
    for (const o of sorted) {
      if (cleaned >= maxScaledDown) break;
      const available = o.rs.status?.availableReplicas ?? 0;
      if (o.replicas === 0 || o.replicas === available) continue;
      const n = Math.min(maxScaledDown - cleaned, o.replicas - available);
      this.scale(d, o.rs, o.replicas - n, strategy);
      o.replicas -= n;
      cleaned += n;
      changed = true;
    }
    const availableCount = [newRS, ...old].reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    if (availableCount <= minAvailable) return changed;
    const toScaleDown = availableCount - minAvailable;
    let done = 0;
    for (const o of sorted) {
      if (done >= toScaleDown) break;
      if (o.replicas === 0) continue;
      const n = Math.min(o.replicas, toScaleDown - done);
      this.scale(
        d,
        this.store.get<ReplicaSet>('ReplicaSet', o.rs.metadata.namespace, o.rs.metadata.name!)!,
        o.replicas - n,
        strategy,
      );
      o.replicas -= n;
      done += n;
      changed = true;
    }
    return changed;
  }

  /** The new RS's revision is max(old revisions)+1; the Deployment carries it too. */
  private syncRevision(
    d: Deployment,
    newRS: ReplicaSet | undefined,
    old: ReplicaSet[],
    status: DeploymentStatus,
  ): boolean {
    if (!newRS) return false;
    let changed = false;
    const want = Math.max(0, ...old.map(revisionOf)) + 1;
    const annotations = newReplicaSetAnnotations(d, newRS, want);
    if (annotations) {
      this.store.mutate<ReplicaSet>('ReplicaSet', newRS.metadata.namespace, newRS.metadata.name!, (r) => {
        r.metadata.annotations = annotations;
      });
      changed = true;
    }
    const rev = String(Math.max(want, revisionOf(newRS)));
    const cur = this.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name!)!;
    if (cur.metadata.annotations?.[REVISION] !== rev) {
      this.store.mutate<Deployment>('Deployment', d.metadata.namespace, d.metadata.name!, (x) => {
        x.metadata.annotations = { ...(x.metadata.annotations ?? {}), [REVISION]: rev };
      });
      changed = true;
    }
    if (!status.conditions?.some((c) => c.type === 'Progressing')) {
      setCondition(
        status,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'FoundNewReplicaSet',
          message: `Found new replica set "${newRS.metadata.name}"`,
        },
        this.store.clock.iso(),
      );
    }
    return changed;
  }

  /** calculateStatus + syncRolloutStatus's Progressing handling. */
  private calculateStatus(
    d: Deployment,
    status: DeploymentStatus,
    all: ReplicaSet[],
    newRS: ReplicaSet | undefined,
    strategy: Strategy,
  ): DeploymentStatus {
    const now = this.store.clock.iso();
    const replicas = d.spec.replicas ?? 1;
    const sum = (f: (rs: ReplicaSet) => number | undefined) => all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
    const total = sum((rs) => rs.status?.replicas);
    const updated = newRS?.status?.replicas ?? 0;
    const ready = sum((rs) => rs.status?.readyReplicas);
    const available = sum((rs) => rs.status?.availableReplicas);
    const out: DeploymentStatus = {};
    if (d.metadata.generation !== undefined) out.observedGeneration = d.metadata.generation;
    if (total) out.replicas = total;
    if (updated) out.updatedReplicas = updated;
    if (ready) out.readyReplicas = ready;
    if (available) out.availableReplicas = available;
    if (Math.max(replicas - available, 0)) out.unavailableReplicas = Math.max(replicas - available, 0);
    out.conditions = cloneData(status.conditions ?? []);
    if (status.collisionCount !== undefined) out.collisionCount = status.collisionCount;
    if (available >= replicas - strategy.maxUnavailable) {
      setCondition(
        out,
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        now,
      );
    } else {
      setCondition(
        out,
        {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
        now,
      );
    }
    const progressing = out.conditions.find((c) => c.type === 'Progressing');
    const isComplete = total === updated && progressing?.reason === 'NewReplicaSetAvailable';
    if (!isComplete) {
      if (this.complete(d, out)) {
        const message = newRS
          ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`
          : 'Deployment has successfully progressed.';
        setCondition(out, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message }, now);
      } else if (isProgressing(d, out)) {
        const message = newRS
          ? `ReplicaSet "${newRS.metadata.name}" is progressing.`
          : `Deployment "${d.metadata.name}" is progressing.`;
        const cond: DeploymentCondition = {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: now,
          lastTransitionTime: now,
          reason: 'ReplicaSetUpdated',
          message,
        };
        if (progressing?.status === 'True') cond.lastTransitionTime = progressing.lastTransitionTime;
        out.conditions = out.conditions.filter((c) => c.type !== 'Progressing');
        out.conditions.push(cond);
      }
    }
    return out;
  }

  /** DeploymentComplete: every replica updated and available, and the latest spec observed. */
  private complete(d: Deployment, s: DeploymentStatus): boolean {
    const replicas = d.spec.replicas ?? 1;
    return (
      (s.updatedReplicas ?? 0) === replicas &&
      (s.replicas ?? 0) === replicas &&
      (s.availableReplicas ?? 0) === replicas &&
      (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
    );
  }

  /** cleanupDeployment: delete the oldest scaled-down old RSs beyond revisionHistoryLimit. */
  private cleanup(d: Deployment, old: ReplicaSet[]): boolean {
    const limit = Number(d.spec.revisionHistoryLimit ?? 10);
    const idle = old.filter(
      (rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !this.podsOf(rs).some(isPodActive),
    );
    const excess = idle.length - limit;
    if (excess <= 0) return false;
    for (const rs of [...idle].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b)).slice(0, excess)) {
      this.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name!);
    }
    return true;
  }
}

/** DeploymentProgressing: more updated/ready/available replicas, or fewer old ones, than before. */
function isProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const prev = (d.status ?? {}) as DeploymentStatus;
  const oldBefore = (prev.replicas ?? 0) - (prev.updatedReplicas ?? 0);
  const oldNow = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (prev.updatedReplicas ?? 0) ||
    oldNow < oldBefore ||
    (s.readyReplicas ?? 0) > (prev.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (prev.availableReplicas ?? 0)
  );
}

/**
 * SetDeploymentCondition: no change when status and reason are the same; lastTransitionTime kept
 * when only the reason changes; the condition moves to the end of the list.
 */
export function setCondition(
  status: { conditions?: DeploymentCondition[] },
  c: DeploymentCondition,
  now: string,
): void {
  const conds = status.conditions ?? [];
  const cur = conds.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next: DeploymentCondition = {
    type: c.type,
    status: c.status,
    lastUpdateTime: now,
    lastTransitionTime: cur && cur.status === c.status ? cur.lastTransitionTime : now,
    reason: c.reason,
    message: c.message,
  };
  status.conditions = [...conds.filter((x) => x.type !== c.type), next];
}
