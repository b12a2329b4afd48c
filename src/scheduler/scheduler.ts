// kube-scheduler as a cluster component (pkg/scheduler/schedule_one.go, internal/queue): keeps
// the cache and the queue from the store's watch, runs one cycle per pod in PrioritySort order,
// binds (spec.nodeName + PodScheduled=True + Scheduled event) or records the failure
// (PodScheduled=False/Unschedulable + FailedScheduling event), and runs DefaultPreemption.
//
// Retries: a pod that failed waits in the unschedulable pool until a cluster change that could
// help (node added/changed/removed, an assigned pod added/changed/removed, a namespace or service
// changed) and is then retried at once. kube-scheduler would first wait out a 1–10 s back-off;
// the simulator skips that wait, which changes timing only, never the outcome.

import type { KubeObject, Namespace, Pod, ReplicaSet, Service, StatefulSet } from '../api/types.ts';
import type { Component } from '../util/component.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore, WatchEvent } from '../store/store.ts';
import type { Rng } from '../util/rng.ts';
import type { SchedulingAttempt } from './attempt.ts';
import { SchedulerCache } from './cache.ts';
import { runCycle, type CycleResult } from './cycle.ts';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './fiterror.ts';
import { Framework, type PluginEntry } from './framework/framework.ts';
import { newPodInfo, podKey } from './framework/nodeinfo.ts';
import type { Listers, NodeInfo, PodInfo, SchedulerContext, Status } from './framework/types.ts';
import { defaultProfile } from './profile.ts';
import { DEFAULT_SCHEDULER_NAME } from '../api/defaults.ts';
import { DefaultPreemption } from './plugins/defaultpreemption.ts';
import { ActiveQueue, type QueuedPod } from './queue.ts';

export interface SchedulerOptions {
  /** The profile's plugins in execution order (a KubeSchedulerConfiguration profile, src/scheduler/profile.ts); default: the default profile's. */
  plugins?: PluginEntry[];
  /** The profile's schedulerName: the pods (spec.schedulerName) it schedules and its events' source. Default default-scheduler. */
  schedulerName?: string;
  /** percentageOfNodesToScore; 0 (default) = kube-scheduler's adaptive rule. */
  percentageOfNodesToScore?: number;
  /**
   * Which cycles leave a SchedulingAttempt (per-node filter reasons and scores): true (default)
   * every cycle, false none (benchmarks, `simulate -o wide`), or a function of the pod's
   * `namespace/name` (`explain` traces only the pods it explains). An attempt is the only
   * per-node record a cycle leaves, so on big clusters only the pods someone reads are traced.
   */
  trace?: boolean | ((podKey: string) => boolean);
  /** Called with each attempt as it is recorded (`simulate -o json` streams them out). */
  onAttempt?: (a: SchedulingAttempt) => void;
  /** Keep the recorded attempts (`attempts`, `lastAttempt`); default true. */
  keepAttempts?: boolean;
  /**
   * Per-node detail of an attempt for at most this many feasible and rejected nodes (`simulate
   * --top N`): the N best feasible (the chosen node first, then by total), the first N rejected
   * by name, and `omitted` counting the rest, without materialising the others.
   */
  traceTop?: number;
}

export class Scheduler implements Component {
  readonly name = 'scheduler';
  readonly attempts: SchedulingAttempt[] = [];
  readonly framework: Framework;
  readonly cache: SchedulerCache;
  private readonly preemption: DefaultPreemption;
  private active = new ActiveQueue();
  private unschedulable = new Map<string, QueuedPod>();
  private nominated = new Map<string, string>(); // pod key → nominated node
  private nominatedOnNode = new Map<string, Set<string>>(); // node → keys of the pods nominated to it
  private nominatedInfo = new Map<string, PodInfo>(); // pod key → PodInfo of the stored pod object it was built from
  /** An assigned pod was deleted while the scheduler was writing (a preemption victim): retry the pending pods afterwards. */
  private moveAfterWrite = false;
  private seq = 0;
  private writing = false;
  private nextStartNodeIndex = 0;
  private readonly listers: Listers;
  private readonly lastByPod = new Map<string, SchedulingAttempt>();

  constructor(
    readonly store: ObjectStore,
    readonly events: EventRecorder,
    readonly rng: Rng,
    readonly opts: SchedulerOptions = {},
    cache = new SchedulerCache(),
  ) {
    this.cache = cache;
    this.framework = new Framework(opts.plugins ?? defaultProfile().plugins);
    this.preemption = new DefaultPreemption();
    this.listers = storeListers(store);
    store.watch((e) => this.onEvent(e));
  }

  /**
   * The same scheduler over a clone of its store (Cluster.clone): the cache (as NodeInfo.Snapshot()
   * copies), the queues, nominations, recorded attempts and the random stream at its position;
   * the framework and its plugins are built anew from the same options, as a fresh build does.
   */
  clone(to: { readonly store: ObjectStore; readonly events: EventRecorder }): Scheduler {
    const s = new Scheduler(to.store, to.events, this.rng.clone(), this.opts, this.cache.clone());
    for (const a of this.attempts) s.attempts.push(a); // immutable once recorded
    for (const [key, a] of this.lastByPod) s.lastByPod.set(key, a);
    s.active = this.active.clone();
    s.unschedulable = new Map(this.unschedulable);
    s.nominated = new Map(this.nominated);
    for (const [node, keys] of this.nominatedOnNode) s.nominatedOnNode.set(node, new Set(keys));
    s.nominatedInfo = new Map(this.nominatedInfo);
    s.moveAfterWrite = this.moveAfterWrite;
    s.seq = this.seq;
    s.nextStartNodeIndex = this.nextStartNodeIndex;
    return s;
  }

  /** The schedulerName this scheduler serves. */
  get profileName(): string {
    return this.opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  }

  /** The most recent attempt for namespace/name. */
  lastAttempt(podKey: string): SchedulingAttempt | undefined {
    return this.lastByPod.get(podKey);
  }

  context(): SchedulerContext {
    return { snapshot: this.cache.snapshot(), listers: this.listers };
  }

  private onEvent(e: WatchEvent): void {
    const o = e.object;
    if (o.kind === 'Event') return;
    let clusterChanged = false;
    if (o.kind === 'Pod') {
      const pod = o as Pod;
      const key = podKey(pod);
      if (this.cache.onEvent(e)) clusterChanged = true;
      this.trackNomination(e.type, pod, key);
      if (e.type === 'DELETED' || pod.spec.nodeName || isTerminal(pod) || pod.metadata.deletionTimestamp) {
        this.active.delete(key);
        this.unschedulable.delete(key);
      } else if (this.wantsScheduling(pod) && !this.active.has(key) && !this.unschedulable.has(key)) {
        this.enqueue(pod);
      } else if (!this.writing && e.type === 'MODIFIED' && this.unschedulable.has(key)) {
        this.moveToActive(key); // the pod itself changed (labels, gates, tolerations…)
      }
    } else if (o.kind === 'Node') {
      clusterChanged = this.cache.onEvent(e);
    } else if (o.kind === 'Namespace' || o.kind === 'Service' || o.kind === 'PersistentVolumeClaim') {
      clusterChanged = true;
    }
    if (clusterChanged && !this.writing) this.moveAllToActive();
    else if (clusterChanged && e.type === 'DELETED') this.moveAfterWrite = true;
  }

  private moveAllToActive(): void {
    for (const key of [...this.unschedulable.keys()]) this.moveToActive(key);
  }

  private trackNomination(type: WatchEvent['type'], pod: Pod, key: string): void {
    const nn = pod.status?.nominatedNodeName;
    const prev = this.nominated.get(key);
    const next = type === 'DELETED' || pod.spec.nodeName || !nn ? undefined : nn;
    if (prev === next) return;
    if (prev !== undefined) {
      const keys = this.nominatedOnNode.get(prev)!;
      keys.delete(key);
      if (keys.size === 0) this.nominatedOnNode.delete(prev);
      this.nominated.delete(key);
      this.nominatedInfo.delete(key);
    }
    if (next !== undefined) {
      this.nominated.set(key, next);
      let keys = this.nominatedOnNode.get(next);
      if (!keys) {
        keys = new Set();
        this.nominatedOnNode.set(next, keys);
      }
      keys.add(key);
    }
  }

  private wantsScheduling(pod: Pod): boolean {
    return (
      (pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.profileName &&
      !pod.spec.nodeName &&
      !isTerminal(pod) &&
      !pod.metadata.deletionTimestamp
    );
  }

  private enqueue(pod: Pod): void {
    const key = podKey(pod);
    this.active.set({ key, priority: pod.spec.priority ?? 0, timestamp: this.store.clock.now(), seq: this.seq++ });
  }

  private moveToActive(key: string): void {
    const q = this.unschedulable.get(key);
    if (!q) return;
    this.unschedulable.delete(key);
    this.active.set({ ...q, timestamp: this.store.clock.now(), seq: this.seq++ });
  }

  /** PrioritySort: higher priority first, then earlier queue timestamp. */
  private pop(): QueuedPod | undefined {
    return this.active.pop();
  }

  sync(): boolean {
    let changed = false;
    for (let q = this.pop(); q; q = this.pop()) {
      const [ns, name] = splitKey(q.key);
      const pod = this.store.get<Pod>('Pod', ns, name);
      if (!pod || !this.wantsScheduling(pod)) continue;
      if (pod.spec.schedulingGates?.length) {
        this.unschedulable.set(q.key, q);
        changed = this.markGated(pod) || changed;
        continue;
      }
      changed = this.scheduleOne(pod, q) || changed;
      if (this.moveAfterWrite) {
        this.moveAfterWrite = false;
        this.moveAllToActive();
      }
    }
    return changed;
  }

  /** SchedulingGates (PreEnqueue): never attempted; PodScheduled=False/SchedulingGated as the API server sets it. */
  private markGated(pod: Pod): boolean {
    return this.setScheduledCondition(
      pod,
      'False',
      'SchedulingGated',
      'Scheduling is blocked due to non-empty scheduling gates',
    );
  }

  private scheduleOne(pod: Pod, q: QueuedPod): boolean {
    // Parked before any write so that our own status updates do not re-queue it; binding removes it.
    this.unschedulable.set(q.key, q);
    const podInfo = newPodInfo(pod);
    const ctx = this.context();
    const anyNominated = this.nominatedOnNode.size > 0;
    const traced = this.traces(q.key); // an untraced cycle that finds a node needs neither the scores nor the rejections
    const result = runCycle({
      fw: this.framework,
      ctx,
      pod: podInfo,
      rng: this.rng,
      percentageOfNodesToScore: this.opts.percentageOfNodesToScore ?? 0,
      nextStartNodeIndex: this.nextStartNodeIndex,
      // (no closure to create when no pod is nominated anywhere, as in most cycles)
      nominatedPodsFor: anyNominated ? (node) => this.nominatedPodsFor(node, podInfo) : noNominatedPods,
      anyNominatedPods: anyNominated,
      keepScores: traced,
      keepDiagnosis: traced,
    });
    this.nextStartNodeIndex = result.nextStartNodeIndex;
    if (result.node) {
      this.bind(pod, podInfo, result.node, result);
      return true;
    }
    let message: string;
    let preemption: SchedulingAttempt['preemption'];
    if (result.noNodes) {
      message = NO_NODES_AVAILABLE;
    } else {
      const post = this.preemption.postFilter({
        fw: this.framework,
        ctx,
        state: result.state,
        pod: podInfo,
        diagnosis: result.diagnosis,
        rng: this.rng,
        skipped: result.preFilter?.skipped ?? new Set(),
        nominatedPodsFor: (node) => this.nominatedPodsFor(node, podInfo),
        // (the cache's pods of the node: a scan of every pod per failed cycle would cost pods × pods)
        podsBeingPreempted: (node) =>
          this.cache
            .podsOn(node)
            .map((pi) => pi.pod)
            .filter(
              (p) =>
                p.metadata.deletionTimestamp &&
                p.status?.conditions?.some(
                  (c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler',
                ),
            ),
        pdbs: () => this.store.list('PodDisruptionBudget'),
      });
      if (post.nominatedNode) {
        preemption = { nominatedNode: post.nominatedNode, victims: post.victims.map(podKey) };
        this.writing = true;
        try {
          this.preempt(pod, post.nominatedNode, post.victims);
        } finally {
          this.writing = false;
        }
        result.diagnosis.postFilterMsg = undefined;
      } else {
        result.diagnosis.postFilterMsg = post.message;
      }
      message = fitErrorMessage(result.numAllNodes, result.diagnosis);
    }
    this.record(pod, result, message, preemption);
    this.writing = true;
    try {
      const cur = this.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!) ?? pod;
      this.setScheduledCondition(cur, 'False', 'Unschedulable', message);
      this.events.record(cur, 'Warning', 'FailedScheduling', message, this.profileName);
    } finally {
      this.writing = false;
    }
    return true;
  }

  private nominatedPodsFor(node: string, pod: PodInfo): readonly PodInfo[] {
    const keys = this.nominatedOnNode.get(node);
    if (!keys) return NO_PODS;
    const out: PodInfo[] = [];
    for (const key of keys) {
      if (key === pod.key) continue;
      const [ns, name] = splitKey(key);
      const p = this.store.get<Pod>('Pod', ns, name);
      if (!p || p.spec.nodeName || (p.spec.priority ?? 0) < (pod.pod.spec.priority ?? 0)) continue;
      let info = this.nominatedInfo.get(key);
      if (!info || info.pod !== p) {
        info = newPodInfo(p);
        this.nominatedInfo.set(key, info);
      }
      out.push(info);
    }
    return out;
  }

  private preempt(pod: Pod, node: string, victims: Pod[]): void {
    const now = this.store.clock.iso();
    for (const v of victims) {
      this.store.mutate<Pod>('Pod', v.metadata.namespace, v.metadata.name!, (p) => {
        p.status = p.status ?? {};
        const conds = (p.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
        p.status.conditions = [
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'PreemptionByScheduler',
            message: `${this.profileName}: preempting to accommodate a higher priority pod`,
            lastTransitionTime: now,
          },
          ...conds,
        ];
      });
      const cur = this.store.get<Pod>('Pod', v.metadata.namespace, v.metadata.name!);
      if (!cur) continue;
      this.events.record(
        cur,
        'Normal',
        'Preempted',
        `Preempted by pod ${pod.metadata.uid} on node ${node}`,
        this.profileName,
      );
      this.deletePod(cur);
    }
    // Lower-priority pods nominated to this node lose their nomination.
    for (const [key, nn] of [...this.nominated]) {
      if (nn !== node || key === podKey(pod)) continue;
      const [ns, name] = splitKey(key);
      const other = this.store.get<Pod>('Pod', ns, name);
      if (other && (other.spec.priority ?? 0) < (pod.spec.priority ?? 0)) {
        this.store.mutate<Pod>('Pod', ns, name, (p) => {
          delete p.status!.nominatedNodeName;
        });
      }
    }
    this.store.mutate<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => {
      p.status = { ...(p.status ?? {}), nominatedNodeName: node };
    });
  }

  /** Graceful delete as the API server does it (the kubelet completes it). */
  private deletePod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return;
    const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
    if (!pod.spec.nodeName || grace <= 0) {
      this.store.remove('Pod', pod.metadata.namespace, pod.metadata.name!);
      return;
    }
    // a DELETE: the registry's graceful deletion writes past the field manager
    this.store.as(undefined, () =>
      this.store.mutate<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => {
        p.metadata.deletionTimestamp = this.store.clock.iso(this.store.clock.now() + grace * 1000);
        p.metadata.deletionGracePeriodSeconds = grace;
      }),
    );
  }

  private bind(pod: Pod, podInfo: PodInfo, node: string, result: CycleResult): void {
    this.record(pod, result);
    this.writing = true;
    try {
      this.cache.binds(podInfo);
      const now = this.store.clock.iso();
      const bound = this.bindPod(pod, (p) => {
        const conds = (p.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
        return {
          ...p,
          spec: { ...p.spec, nodeName: node },
          status: {
            ...p.status,
            conditions: [
              ...conds,
              { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
            ],
          },
        };
      })!;
      this.events.record(
        bound,
        'Normal',
        'Scheduled',
        `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
        this.profileName,
      );
    } finally {
      this.writing = false;
    }
  }

  private setScheduledCondition(pod: Pod, status: 'True' | 'False', reason: string, message: string): boolean {
    const cur = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (cur && cur.status === status && cur.reason === reason && cur.message === message) return false;
    const now = this.store.clock.iso();
    const wasWriting = this.writing;
    this.writing = true;
    try {
      this.writePod(pod, (p) => {
        const conds = (p.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
        const keepTime = cur && cur.status === status ? cur.lastTransitionTime : now;
        return {
          ...p,
          status: {
            ...p.status,
            phase: p.status?.phase ?? 'Pending',
            conditions: [
              ...conds,
              { type: 'PodScheduled', status, reason, message, lastProbeTime: null, lastTransitionTime: keepTime },
            ],
          },
        };
      });
    } finally {
      this.writing = wasWriting;
    }
    return true;
  }

  /**
   * The scheduler's own pod writes (binding, PodScheduled): `change` returns the new object built
   * from the stored one by copying only what it changes. Stored objects are never modified in
   * place, so sharing the untouched parts is safe and spares store.mutate's deep copy.
   */
  private writePod(pod: Pod, change: (stored: Pod) => Pod): Pod | undefined {
    const cur = this.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!);
    return cur && this.store.update(change(cur));
  }

  /**
   * A binding: the pods/binding subresource sets spec.nodeName and PodScheduled in the registry's
   * storage (pkg/registry/core/pod/storage/storage.go assignPod), past the field manager, so it
   * records no managedFields entry.
   */
  private bindPod(pod: Pod, change: (stored: Pod) => Pod): Pod | undefined {
    return this.store.as(undefined, () => this.writePod(pod, change));
  }

  /** Whether the pod's cycles leave an attempt (see SchedulerOptions.trace). */
  private traces(podKey: string): boolean {
    const t = this.opts.trace ?? true;
    return typeof t === 'function' ? t(podKey) : t;
  }

  private record(pod: Pod, r: CycleResult, message?: string, preemption?: SchedulingAttempt['preemption']): void {
    if (!this.traces(podKey(pod))) return;
    const top = this.opts.traceTop;
    const bounded = top === undefined ? undefined : boundedDetail(r, this.cache.snapshot().nodeInfos, top);
    const filtered: Record<string, string[]> = {};
    const filteredBy: Record<string, string> = {};
    if (bounded)
      for (const [n, st] of bounded.rejected) {
        filtered[n] = [...st.reasons];
        filteredBy[n] = st.plugin ?? '';
      }
    else
      for (const [n, st] of r.diagnosis.nodeToStatus) {
        filtered[n] = [...st.reasons];
        filteredBy[n] = st.plugin ?? '';
      }
    if (!bounded && r.diagnosis.absentNodesStatus && !r.noNodes) {
      const feasible = new Set(r.feasible.map((f) => f.name));
      for (const ni of this.cache.snapshot().nodeInfos) {
        if (!(ni.name in filtered) && !feasible.has(ni.name)) {
          filtered[ni.name] = [...r.diagnosis.absentNodesStatus.reasons];
          filteredBy[ni.name] = r.diagnosis.absentNodesStatus.plugin ?? '';
        }
      }
    }
    const scores: Record<string, Record<string, number>> = {};
    const total: Record<string, number> = {};
    const shown = bounded ? bounded.feasible : r.feasible.map((_, i) => i);
    if (r.scores) {
      const { plugins, scores: byPlugin, total: totals } = r.scores;
      for (const i of shown) {
        scores[r.feasible[i].name] = Object.fromEntries(plugins.map((p, j) => [p, byPlugin[j][i]]));
        total[r.feasible[i].name] = totals[i];
      }
    }
    const a: SchedulingAttempt = {
      pod: podKey(pod),
      result: r.node ? 'Scheduled' : 'Unschedulable',
      node: r.node ?? null,
      feasible: shown.map((i) => r.feasible[i].name),
      filtered,
      filteredBy,
      scores,
      total,
      time: this.store.clock.iso(),
    };
    if (bounded) a.omitted = bounded.omitted;
    if (message !== undefined) a.message = message;
    if (r.scores) {
      // The nodes that shared the top total (the pick was among them).
      const best = r.scores.total.reduce((m, t) => Math.max(m, t), -Infinity);
      const tied = r.feasible.filter((_, i) => r.scores!.total[i] === best).map((n) => n.name);
      if (tied.length > 1) a.tied = tied;
    }
    if (preemption) a.preemption = preemption;
    this.opts.onAttempt?.(a);
    if (this.opts.keepAttempts === false) return;
    this.attempts.push(a);
    this.lastByPod.set(a.pod, a);
  }
}

/**
 * The detail a `traceTop` attempt keeps: the indexes in r.feasible of the N best feasible nodes
 * (the chosen one first, then by total, then in the order examined), the first N rejected nodes by
 * name with their statuses, and counts of the rest by `<plugin>: <reasons>`. Undefined when no
 * more than N of each: the attempt then keeps everything, as an untruncated one.
 */
function boundedDetail(
  r: CycleResult,
  nodeInfos: readonly NodeInfo[],
  top: number,
):
  | { feasible: number[]; rejected: [string, Status][]; omitted: NonNullable<SchedulingAttempt['omitted']> }
  | undefined {
  const absent = r.diagnosis.absentNodesStatus && !r.noNodes ? r.diagnosis.absentNodesStatus : undefined;
  const feasibleNames = new Set(r.feasible.map((f) => f.name));
  // every rejected node, without building a record per node: name and status
  const rejected: [string, Status][] = [...r.diagnosis.nodeToStatus];
  if (absent)
    for (const ni of nodeInfos)
      if (!r.diagnosis.nodeToStatus.has(ni.name) && !feasibleNames.has(ni.name)) rejected.push([ni.name, absent]);
  if (r.feasible.length <= top && rejected.length <= top) return undefined;
  const total = r.scores?.total;
  const rank = r.feasible
    .map((_f, i) => i)
    .sort(
      (x, y) =>
        (r.feasible[x].name === r.node ? -1 : r.feasible[y].name === r.node ? 1 : 0) ||
        (total ? total[y] - total[x] : 0) ||
        x - y,
    );
  rejected.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const omitted: NonNullable<SchedulingAttempt['omitted']> = {
    feasible: Math.max(0, r.feasible.length - top),
    filtered: {},
  };
  for (const [, st] of rejected.slice(top)) {
    const reason = `${st.plugin || '?'}: ${st.reasons.join(', ')}`;
    omitted.filtered[reason] = (omitted.filtered[reason] ?? 0) + 1;
  }
  return { feasible: rank.slice(0, top), rejected: rejected.slice(0, top), omitted };
}

/** Shared answer for the (usual) node without nominated pods: filtering asks once per node. */
const NO_PODS: readonly PodInfo[] = [];
const noNominatedPods = (): readonly PodInfo[] => NO_PODS;

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

function storeListers(store: ObjectStore): Listers {
  return {
    namespace: (n) => store.get<Namespace>('Namespace', undefined, n),
    namespaces: () => store.list<Namespace>('Namespace'),
    // (the informers' namespace index: no copy or sort per pod scheduled)
    services: (ns) => store.inNamespace<Service>('Service', ns),
    replicaSets: (ns) => store.inNamespace<ReplicaSet>('ReplicaSet', ns),
    statefulSets: (ns) => store.inNamespace<StatefulSet>('StatefulSet', ns),
    replicationControllers: (ns) =>
      store.inNamespace<
        KubeObject & { spec?: { selector?: Record<string, string> }; metadata: { name?: string; uid?: string } }
      >('ReplicationController', ns),
  };
}
