// Disruption controller (pkg/controller/disruption/disruption.go): keeps each
// PodDisruptionBudget's status — expectedPods, desiredHealthy, currentHealthy,
// disruptionsAllowed, disruptedPods, observedGeneration and the DisruptionAllowed condition — from
// the pods its selector matches (all phases) and, for a percentage or maxUnavailable, the scale of
// their controllers (getExpectedScale: a Deployment's replicas for the pods of its ReplicaSets, a
// ReplicaSet's, StatefulSet's or ReplicationController's own; a controller without a scale
// subresource such as a DaemonSet or Job is an error). A pod the eviction subresource
// (src/store/eviction.ts) put in disruptedPods counts as unhealthy until it is deleted or
// DeletionTimeout (2 minutes) passes. On an error the budget fails safe (failSafe): no
// disruptions allowed, DisruptionAllowed False with reason SyncFailed. Events come from
// `controllermanager`, as the disruption controller's recorder names itself.

import type { Component } from '../util/component.ts';
import type { KubeObject, Pod, PodDisruptionBudget } from '../api/types.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore, WatchEvent } from '../store/store.ts';
import { sameJson } from '../util/json.ts';
import { type ControllerHost, controllerRef, isPodReady, timeMs } from './common.ts';

export const DISRUPTION_CONTROLLER = 'controllermanager';
/** DeletionTimeout: how long an evicted pod may stay in disruptedPods before it counts again. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

type Status = NonNullable<PodDisruptionBudget['status']>;
type Condition = NonNullable<Status['conditions']>[number];

/** The numbers of a budget (getExpectedPodCount, countHealthyPods). */
export interface BudgetNumbers {
  expectedPods: number;
  desiredHealthy: number;
  currentHealthy: number;
  disruptionsAllowed: number;
}

/** intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true). */
export function scaledValue(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** The pods of the budget's namespace its selector matches (getPodsForPdb: every phase), in API order. */
export function podsOfBudget(store: ObjectStore, pdb: PodDisruptionBudget): Pod[] {
  const sel = pdb.spec.selector;
  if (!sel) return [];
  return store
    .inNamespace<Pod>('Pod', pdb.metadata.namespace ?? 'default')
    .filter((p) => matchesLabelSelector(sel, p.metadata.labels));
}

/**
 * The names of a budget's pods, kept current from the pod watch (the informer's view: a sync reads
 * its members, not the whole namespace, which on a big cluster is thousands of pods per budget and
 * per sync). Built from the namespace for the selector it was built for; a new selector rebuilds it.
 */
interface Members {
  selector: object;
  names: Set<string>;
  /** names in API order (by name: one namespace), until a member comes or goes */
  sorted?: string[];
}

const PLURAL: Record<string, string> = { DaemonSet: 'daemonsets.apps', Job: 'jobs.batch' };

/** getExpectedScale: the sum of the scales of the pods' controllers; unmanaged pods are returned apart. */
function expectedScale(store: ObjectStore, pods: Pod[]): { count: number; unmanaged: string[] } {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (!ref) {
      unmanaged.push(pod.metadata.name!);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const ns = pod.metadata.namespace;
    const owner = store.get<KubeObject & { spec: { replicas?: number } }>(ref.kind, ns, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid)
      throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
    if (ref.kind === 'ReplicaSet') {
      const dref = controllerRef(owner);
      const d =
        dref?.kind === 'Deployment'
          ? store.get<KubeObject & { spec: { replicas?: number } }>('Deployment', ns, dref.name)
          : undefined;
      if (dref?.kind === 'Deployment') {
        if (!d || d.metadata.uid !== dref.uid) throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
        scales.set(d.metadata.uid!, d.spec.replicas ?? 1);
        continue;
      }
    } else if (ref.kind !== 'StatefulSet' && ref.kind !== 'ReplicationController') {
      throw new Error(`${PLURAL[ref.kind] ?? ref.kind.toLowerCase()} does not implement the scale subresource`);
    }
    scales.set(owner.metadata.uid!, owner.spec.replicas ?? 1);
  }
  let count = 0;
  for (const n of scales.values()) count += n;
  return { count, unmanaged };
}

/**
 * getExpectedPodCount and countHealthyPods: what the controller writes into the status now.
 * Throws (the failSafe case) when a percentage needs a controller's scale it cannot get.
 */
export function budgetNumbers(
  store: ObjectStore,
  pdb: PodDisruptionBudget,
  pods: Pod[],
  disrupted: Record<string, string> = {},
): BudgetNumbers & { unmanaged: string[] } {
  let expectedPods = 0;
  let desiredHealthy = 0;
  let unmanaged: string[] = [];
  const { minAvailable, maxUnavailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    ({ count: expectedPods, unmanaged } = expectedScale(store, pods));
    desiredHealthy = Math.max(0, expectedPods - scaledValue(maxUnavailable, expectedPods));
  } else if (typeof minAvailable === 'number') {
    desiredHealthy = minAvailable;
    expectedPods = pods.length;
  } else if (minAvailable !== undefined) {
    ({ count: expectedPods, unmanaged } = expectedScale(store, pods));
    desiredHealthy = scaledValue(minAvailable, expectedPods);
  }
  const now = store.clock.now();
  const currentHealthy = pods.filter(
    (p) =>
      !p.metadata.deletionTimestamp &&
      !(p.metadata.name! in disrupted && timeMs(disrupted[p.metadata.name!]) + DELETION_TIMEOUT_MS > now) &&
      isPodReady(p),
  ).length;
  const allowed = currentHealthy - desiredHealthy;
  return {
    expectedPods,
    desiredHealthy,
    currentHealthy,
    disruptionsAllowed: expectedPods <= 0 || allowed <= 0 ? 0 : allowed,
    unmanaged,
  };
}

/** apimeta.SetStatusCondition: replaces the condition of that type, keeping lastTransitionTime unless the status changes. */
function setCondition(
  conditions: Condition[] | undefined,
  c: Omit<Condition, 'lastTransitionTime'>,
  now: string,
): Condition[] {
  const old = conditions?.find((x) => x.type === c.type);
  const next: Condition = {
    type: c.type,
    status: c.status,
    observedGeneration: c.observedGeneration,
    lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now,
    reason: c.reason,
    message: c.message,
  };
  return old ? conditions!.map((x) => (x === old ? next : x)) : [...(conditions ?? []), next];
}

/** pdbhelper.UpdateDisruptionAllowedCondition: True/SufficientPods while disruptions are allowed, else False/InsufficientPods. */
export function disruptionAllowedCondition(status: Status, now: string): Condition[] {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  return setCondition(
    status.conditions,
    {
      type: 'DisruptionAllowed',
      status: allowed ? 'True' : 'False',
      observedGeneration: status.observedGeneration,
      reason: allowed ? 'SufficientPods' : 'InsufficientPods',
      message: '',
    },
    now,
  );
}

export class DisruptionController implements Component {
  readonly name = 'disruption-controller';
  /**
   * The budgets to sync (uid): like the informers' work queue, every change of a budget (its own
   * status writes included, so a budget is synced once more after each) or of what it counts.
   * Not OwnerQueue: the events a sync records must not queue it again.
   */
  private readonly dirty = new Set<string>();
  /** budget uid → its members (built on the budget's first sync, then kept by observe) */
  private readonly members = new Map<string, Members>();

  constructor(
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    for (const pdb of store.values('PodDisruptionBudget')) this.mark(pdb.metadata.uid);
    store.watch((e) => this.observe(e));
  }

  /** The same controller in a cloned cluster (Cluster.clone): its queue taken over. */
  clone(to: ControllerHost): DisruptionController {
    const c = new DisruptionController(to.api.store, to.events);
    c.dirty.clear();
    for (const uid of this.dirty) c.dirty.add(uid);
    for (const [uid, m] of this.members)
      c.members.set(uid, { selector: m.selector, names: new Set(m.names), sorted: m.sorted && [...m.sorted] });
    return c;
  }

  private mark(uid: string | undefined): void {
    if (uid) this.dirty.add(uid);
  }

  /**
   * A budget's change queues it; a pod's the budgets selecting it, before or after (getPdbForPod
   * queues the first only, with a MultiplePodDisruptionBudgets event on the pod: here all, without
   * the event). As upstream, a controller's scale change alone queues nothing: the pods it adds or
   * removes do.
   */
  private observe(e: WatchEvent): void {
    const kind = e.object.kind;
    if (kind === 'PodDisruptionBudget') {
      if (e.type === 'DELETED') {
        this.dirty.delete(e.object.metadata.uid!);
        this.members.delete(e.object.metadata.uid!);
      } else {
        this.mark(e.object.metadata.uid);
        // members from the namespace as the budget arrives (usually before its pods), then from the pod watch
        this.membersOf(e.object as PodDisruptionBudget);
      }
    } else if (kind === 'Pod' && this.store.count('PodDisruptionBudget') > 0) {
      if (e.type === 'MODIFIED' && e.old && !countsChange(e.old as Pod, e.object as Pod)) return;
      const pod = e.object as Pod;
      const name = pod.metadata.name!;
      const before = e.type === 'DELETED' ? pod : e.old; // (a deletion's object is the last version)
      for (const pdb of this.store.inNamespace<PodDisruptionBudget>(
        'PodDisruptionBudget',
        pod.metadata.namespace ?? 'default',
      )) {
        const sel = pdb.spec.selector;
        if (!sel) continue;
        const was = before !== undefined && matchesLabelSelector(sel, before.metadata.labels);
        const is = e.type !== 'DELETED' && matchesLabelSelector(sel, pod.metadata.labels);
        if (!was && !is) continue;
        this.mark(pdb.metadata.uid);
        const m = this.members.get(pdb.metadata.uid!);
        if (m && m.selector === sel && m.names.has(name) !== is) {
          if (is) m.names.add(name);
          else m.names.delete(name);
          m.sorted = undefined;
        }
      }
    }
  }

  /** The budget's members, built from its namespace when it has none for its selector yet. */
  private membersOf(pdb: PodDisruptionBudget): Members | undefined {
    const sel = pdb.spec.selector;
    if (!sel) return undefined;
    let m = this.members.get(pdb.metadata.uid!);
    if (!m || m.selector !== sel) {
      const pods = podsOfBudget(this.store, pdb);
      m = {
        selector: sel,
        names: new Set(pods.map((p) => p.metadata.name!)),
        sorted: pods.map((p) => p.metadata.name!),
      };
      this.members.set(pdb.metadata.uid!, m);
    }
    return m;
  }

  /** The budget's pods now, in API order, from its members. */
  private podsOf(pdb: PodDisruptionBudget): Pod[] {
    const m = this.membersOf(pdb);
    if (!m) return [];
    const namespace = pdb.metadata.namespace ?? 'default';
    if (!m.sorted) m.sorted = [...m.names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return m.sorted.map((n) => this.store.get<Pod>('Pod', namespace, n)!);
  }

  sync(): boolean {
    let changed = false;
    if (this.dirty.size === 0) return false;
    for (const pdb of this.store.list<PodDisruptionBudget>('PodDisruptionBudget')) {
      if (!this.dirty.delete(pdb.metadata.uid!)) continue;
      if (this.syncOne(pdb)) changed = true;
    }
    return changed;
  }

  private syncOne(pdb: PodDisruptionBudget): boolean {
    const pods = this.podsOf(pdb);
    if (pods.length === 0) this.events.record(pdb, 'Normal', 'NoPods', 'No matching pods found', DISRUPTION_CONTROLLER);
    const now = this.store.clock.iso();
    const status = pdb.status ?? {};
    let next: Status;
    try {
      const disrupted = this.disruptedPods(pdb, pods);
      const n = budgetNumbers(this.store, pdb, pods, disrupted);
      if (n.unmanaged.length)
        this.events.record(
          pdb,
          'Warning',
          'UnmanagedPods',
          `Pods selected by this PodDisruptionBudget (selector: ${selectorText(pdb)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
          DISRUPTION_CONTROLLER,
        );
      next = {
        currentHealthy: n.currentHealthy,
        desiredHealthy: n.desiredHealthy,
        expectedPods: n.expectedPods,
        disruptionsAllowed: n.disruptionsAllowed,
        ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
        observedGeneration: pdb.metadata.generation,
        conditions: status.conditions,
      };
      next.conditions = disruptionAllowedCondition(next, now);
    } catch (err) {
      const message = (err as Error).message;
      this.events.record(
        pdb,
        'Warning',
        'CalculateExpectedPodCountFailed',
        `Failed to calculate the number of expected pods: ${message}`,
        DISRUPTION_CONTROLLER,
      );
      next = { ...status, disruptionsAllowed: 0 };
      next.conditions = setCondition(
        status.conditions,
        {
          type: 'DisruptionAllowed',
          status: 'False',
          reason: 'SyncFailed',
          message,
          observedGeneration: status.observedGeneration,
        },
        now,
      );
    }
    if (sameJson(status, next)) return false;
    const cur = this.store.get<PodDisruptionBudget>('PodDisruptionBudget', pdb.metadata.namespace, pdb.metadata.name!)!;
    this.store.update<PodDisruptionBudget>({ ...cur, status: next });
    return true;
  }

  /** buildDisruptedPodMap: the disrupted pods not yet deleted whose DeletionTimeout has not passed (a wake-up at the earliest). */
  private disruptedPods(pdb: PodDisruptionBudget, pods: Pod[]): Record<string, string> {
    const listed = pdb.status?.disruptedPods ?? {};
    const out: Record<string, string> = {};
    const now = this.store.clock.now();
    let recheck: number | undefined;
    for (const pod of pods) {
      const at = listed[pod.metadata.name!];
      if (pod.metadata.deletionTimestamp || at === undefined) continue;
      const expected = timeMs(at) + DELETION_TIMEOUT_MS;
      if (expected < now) {
        this.events.record(
          pod,
          'Warning',
          'NotDeleted',
          `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`,
          DISRUPTION_CONTROLLER,
        );
      } else {
        out[pod.metadata.name!] = at;
        if (recheck === undefined || expected < recheck) recheck = expected;
      }
    }
    if (recheck !== undefined) {
      const uid = pdb.metadata.uid;
      this.store.clock.at(recheck, () => this.mark(uid));
    }
    return out;
  }
}

/**
 * Whether a pod update can change what a budget selecting it computes: the pod's labels (which
 * budgets select it), controller (the expected scale), deletion mark and readiness (health) are
 * all a sync reads of it. Others (most status writes) would make the sync write nothing.
 */
function countsChange(old: Pod, pod: Pod): boolean {
  return (
    old.metadata.labels !== pod.metadata.labels ||
    old.metadata.ownerReferences !== pod.metadata.ownerReferences ||
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    isPodReady(old) !== isPodReady(pod)
  );
}

/** The selector as `%v` of a *metav1.LabelSelector prints it (its generated String()). */
function selectorText(pdb: PodDisruptionBudget): string {
  const sel = pdb.spec.selector ?? {};
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
