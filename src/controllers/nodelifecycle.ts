// Node lifecycle controller, taint part (pkg/controller/nodelifecycle, TaintNodeByCondition and
// the NoExecute tainting pass of node_lifecycle_controller.go): spec.unschedulable ⇔ taint
// node.kubernetes.io/unschedulable:NoSchedule; Ready False ⇒ node.kubernetes.io/not-ready
// NoSchedule + NoExecute; Ready Unknown ⇒ node.kubernetes.io/unreachable NoSchedule + NoExecute;
// MemoryPressure / DiskPressure / PIDPressure / NetworkUnavailable True ⇒ the matching NoSchedule
// taint. Taints are appended when they appear and removed when their cause goes; NoExecute taints
// carry timeAdded.
// Node health (monitorNodeHealth / tryUpdateNodeHealth): a node whose kubelet has posted no status
// for the node-monitor grace period — 50 s of virtual time (NODE_MONITOR_GRACE_MS: the
// kube-controller-manager default since 1.32; it was 40 s until 1.31) — gets its Ready,
// MemoryPressure, DiskPressure and PIDPressure conditions set to Unknown (reason
// NodeStatusUnknown, `Kubelet stopped posting node status.`), the Node event `NodeNotReady`
// (`Node <node> status is now: NodeNotReady`) and, for every pod on it, Ready False with the pod
// event Warning `NodeNotReady` `Node is not ready` (MarkPodsNotReady). The phase stays what it
// was: modern control planes never set Unknown. Heartbeats are not objects here: the controller
// asks the kubelets (NodeHeartbeats) since when a node has been silent; the last heartbeat is
// taken to be the moment the kubelet stopped, and the check runs exactly when the grace period
// ends (the real controller checks every 5 s, so a real node turns Unknown 40–55 s after).
// Like the real one it works from a watch: a node is looked at when its object changes, when its
// kubelet stops or starts posting, or when its grace period ends — never by scanning every node.

import type { Component } from '../util/component.ts';
import type { Node, NodeCondition, Pod, Taint } from '../api/types.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore, WatchEvent } from '../store/store.ts';

/** The node-monitor grace period (kube-controller-manager --node-monitor-grace-period), virtual ms. */
export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_CONTROLLER = 'node-controller';
/** The conditions the controller sets to Unknown on a silent node (nodeConditionTypes). */
const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** Since when a node's kubelet has posted no status (undefined while it posts). */
export interface NodeHeartbeats {
  silentSince(node: string): number | undefined;
  /** Calls fn with the node's name whenever silentSince(node) changes (heartbeats fixed at construction need not implement it). */
  onSilenceChange?(fn: (node: string) => void): void;
}

const CONDITION_TAINTS: { type: string; status: string; key: string }[] = [
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
];
export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED = new Set([NOT_READY, UNREACHABLE, UNSCHEDULABLE, ...CONDITION_TAINTS.map((c) => c.key)]);

/** The controller-managed taints a node should carry (key:effect pairs). */
export function wantedTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  const cond = (t: string) => node.status?.conditions?.find((c) => c.type === t)?.status;
  const ready = cond('Ready');
  if (ready === 'False') out.push({ key: NOT_READY, effect: 'NoSchedule' }, { key: NOT_READY, effect: 'NoExecute' });
  if (ready === 'Unknown')
    out.push({ key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' });
  for (const c of CONDITION_TAINTS) if (cond(c.type) === c.status) out.push({ key: c.key, effect: 'NoSchedule' });
  if (node.spec?.unschedulable) out.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

export class NodeLifecycleController implements Component {
  readonly name = 'node-lifecycle-controller';

  /** Grace-period ends a timer is registered for (`<node>@<ms>`), so the controller runs then. */
  private readonly timers = new Set<string>();

  /** Nodes to look at on the next sync (their object or heartbeat changed). */
  private dirty = new Set<string>();
  /** Silent nodes (kubelet not posting) → end of their grace period: looked at on every sync from then on, while silent. */
  private readonly silent = new Map<string, number>();

  constructor(
    private readonly store: ObjectStore,
    private readonly events?: EventRecorder,
    private readonly heartbeats?: NodeHeartbeats,
  ) {
    for (const n of store.values<Node>('Node')) this.dirty.add(n.metadata.name!);
    store.watch((e: WatchEvent) => {
      if (e.object.kind === 'Node' && e.type !== 'DELETED') this.dirty.add(e.object.metadata.name!);
    });
    heartbeats?.onSilenceChange?.((node) => this.dirty.add(node));
  }

  /** The same controller over a clone of its cluster (Cluster.clone): nodes to look at, silent nodes, timers registered. */
  clone(to: {
    readonly store: ObjectStore;
    readonly events: EventRecorder;
    readonly kubelets: NodeHeartbeats;
  }): NodeLifecycleController {
    const c = new NodeLifecycleController(to.store, to.events, to.kubelets);
    for (const key of this.timers) c.timers.add(key);
    c.dirty = new Set(this.dirty);
    for (const [node, due] of this.silent) c.silent.set(node, due);
    return c;
  }

  sync(): boolean {
    const nowMs = this.store.clock.now();
    for (const [name, due] of this.silent) if (due <= nowMs) this.dirty.add(name);
    if (this.dirty.size === 0) return false;
    let changed = false;
    // API order (node names), as a scan of every node would go; a node this pass writes is looked at again next time
    const names = [...this.dirty].sort();
    this.dirty = new Set();
    for (const name of names) {
      let node = this.store.get<Node>('Node', undefined, name);
      if (!node) {
        this.silent.delete(name);
        continue;
      }
      if (this.monitorHealth(node)) {
        changed = true;
        node = this.store.get<Node>('Node', undefined, name)!;
      }
      const want = wantedTaints(node);
      const has = node.spec?.taints ?? [];
      const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
      const keep = has.filter((t) => !MANAGED.has(t.key) || want.some((w) => same(w, t)));
      const add = want.filter((w) => !has.some((t) => same(w, t)));
      if (keep.length === has.length && add.length === 0) continue;
      const now = this.store.clock.iso();
      this.store.mutate<Node>('Node', undefined, name, (n) => {
        const taints = [...keep, ...add.map((t) => (t.effect === 'NoExecute' ? { ...t, timeAdded: now } : t))];
        n.spec = { ...(n.spec ?? {}) };
        if (taints.length) n.spec.taints = taints;
        else delete n.spec.taints;
      });
      changed = true;
    }
    return changed;
  }

  /** A node silent for the grace period: conditions Unknown, NodeNotReady event, pods marked not ready. */
  private monitorHealth(node: Node): boolean {
    const name = node.metadata.name!;
    const silent = this.heartbeats?.silentSince(name);
    if (silent === undefined) {
      this.silent.delete(name);
      return false;
    }
    const due = silent + NODE_MONITOR_GRACE_MS;
    this.silent.set(name, due);
    if (this.store.clock.now() < due) {
      const key = `${name}@${due}`;
      if (!this.timers.has(key)) {
        this.timers.add(key);
        this.store.clock.at(due, () => {
          this.timers.delete(key);
        });
      }
      return false;
    }
    const conditions = node.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (MONITORED_CONDITIONS.every((t) => conditions.find((c) => c.type === t)?.status === 'Unknown')) return false;
    const now = this.store.clock.iso();
    const unknown = (c: NodeCondition): NodeCondition =>
      c.status === 'Unknown'
        ? c
        : {
            ...c,
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: now,
          };
    const next = conditions.map((c) => (MONITORED_CONDITIONS.includes(c.type) ? unknown(c) : c));
    // a condition the kubelet never posted
    for (const type of MONITORED_CONDITIONS) {
      if (!next.some((c) => c.type === type))
        next.push({
          type,
          status: 'Unknown',
          reason: 'NodeStatusNeverUpdated',
          message: 'Kubelet never posted node status.',
          lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined,
          lastTransitionTime: now,
        });
    }
    const updated = this.store.update<Node>({ ...node, status: { ...node.status, conditions: next } });
    if (ready?.status === 'True')
      this.events?.record(
        updated,
        'Normal',
        'NodeNotReady',
        `Node ${name} status is now: NodeNotReady`,
        NODE_CONTROLLER,
      );
    if (ready?.status !== 'Unknown') this.markPodsNotReady(name);
    return true;
  }

  /** MarkPodsNotReady: every pod on the node whose Ready condition is not False gets Ready False (and the event). */
  private markPodsNotReady(nodeName: string): void {
    const now = this.store.clock.iso();
    const pods = this.store.podsOnNode<Pod>(nodeName);
    for (const pod of pods) {
      const conditions = pod.status?.conditions ?? [];
      const i = conditions.findIndex((c) => c.type === 'Ready');
      if (i < 0 || conditions[i].status === 'False') continue;
      const next = [...conditions];
      next[i] = { ...conditions[i], status: 'False', lastTransitionTime: now };
      const updated = this.store.update<Pod>({ ...pod, status: { ...pod.status, conditions: next } });
      this.events?.record(updated, 'Warning', 'NodeNotReady', 'Node is not ready', NODE_CONTROLLER);
    }
  }
}
