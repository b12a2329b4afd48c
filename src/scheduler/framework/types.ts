// The scheduling framework's contracts (pkg/scheduler/framework/interface.go, types.go):
// statuses, NodeInfo/PodInfo (infos.ts, re-exported here), the snapshot, and the plugin extension points. Plugins live in
// ../plugins, one file each; the cycle that calls them is ../cycle.ts.

import type { Namespace, ReplicaSet, Service, StatefulSet } from '../../api/types.ts';
import type { Labels } from '../../api/selectors.ts';
import { CompiledSelector } from './selector.ts';
import type { AffinityIndex } from './affinityindex.ts';
import type { NodeAmounts } from './nodeamounts.ts';
import type { AffinityTerm, NodeInfo, PodInfo } from './infos.ts';

export type { AffinityTerm, HostPortEntry, NodeInfo, PodInfo, WeightedAffinityTerm } from './infos.ts';

/** Status codes (framework.Code). Filters return null for Success. */
export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip' | 'Error';

export interface Status {
  code: Code;
  /** Reason strings exactly as they appear in the FailedScheduling message. */
  reasons: string[];
  /** The plugin that produced the status (set by the framework if the plugin leaves it empty). */
  plugin?: string;
}

export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });
export const skip = (): Status => ({ code: 'Skip', reasons: [] });
export const errorStatus = (reason: string): Status => ({ code: 'Error', reasons: [reason] });

/** Whether the term's labelSelector matches these labels (null selector: never). */
export function termMatchesLabels(term: AffinityTerm, labels: Labels): boolean {
  return (term.compiled ??= new CompiledSelector(term.selector)).matches(labels);
}

/** The scheduler's view of the cluster for one cycle (framework.SharedLister + extras). */
/**
 * A node label's values over a snapshot's nodes: domainOf[snapshotIndex] is the index in values of
 * the node's value, or -1 when the node does not carry the label.
 */
export interface TopologyDomains {
  values: readonly string[];
  domainOf: Int32Array;
  /** value → its index in values */
  idOf: ReadonlyMap<string, number>;
}

export interface Snapshot {
  /** Every node, in node-tree order (zones interleaved); the order filtering walks. */
  nodeInfos: NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** Nodes that have at least one pod with (anti-)affinity terms. */
  havePodsWithAffinity: NodeInfo[];
  /** Nodes that have at least one pod with required anti-affinity terms. */
  havePodsWithRequiredAntiAffinity: NodeInfo[];
  /** The distinct values of a node label over the nodes that carry it, in node order. */
  topologyValues(key: string): string[];
  /** Each node's value of a label as an index into topologyValues(key), by snapshot index. */
  topologyDomains(key: string): TopologyDomains;
  /** Pods grouped by namespace + labels and existing pods' terms grouped, with topology counts (InterPodAffinity). */
  affinityIndex: AffinityIndex;
  /** For ImageLocality: how many nodes have each normalised image. */
  imageNodeCount(image: string): number;
  /**
   * Memo of a yes/no question that depends on the Node object only (e.g. "does it match this
   * required node affinity?"), under a key naming the question: see NodeMemo.
   */
  nodeMemo(key: string): NodeMemo;
  /**
   * Memo of a score (0..100) that depends on the Node object only, under a key naming the
   * question: by snapshot index, -1 until set.
   */
  scoreMemo(key: string): Int16Array;
  /**
   * ni's index in nodeInfos when ni is this snapshot's node or a copy of it (the same Node: a
   * preemption or nominated-pods copy), else -1. What is kept by snapshot index applies to it.
   */
  indexOf(ni: NodeInfo): number;
  /** The nodes' pod counts and cpu/memory amounts in one typed array (see NodeAmounts). */
  amounts: NodeAmounts;
}

/**
 * Answers cached per node of one snapshot: get() is undefined until set(). A NodeInfo's Node
 * never changes (the cache builds a new NodeInfo and snapshot when it does), so an answer about
 * the Node stays right for the snapshot's life; a NodeInfo the snapshot does not hold (a copy
 * for a dry run) is asked afresh.
 */
export interface NodeMemo {
  get(node: NodeInfo): boolean | undefined;
  set(node: NodeInfo, answer: boolean): void;
}

/** Read access to other objects, as the scheduler's informers give it. */
export interface Listers {
  namespace(name: string): Namespace | undefined;
  namespaces(): Namespace[];
  services(namespace: string): readonly Service[];
  replicaSets(namespace: string): readonly ReplicaSet[];
  statefulSets(namespace: string): readonly StatefulSet[];
  replicationControllers(
    namespace: string,
  ): readonly { spec?: { selector?: Record<string, string> }; metadata: { name?: string; uid?: string } }[];
}

export interface SchedulerContext {
  snapshot: Snapshot;
  listers: Listers;
}

/** Per-cycle plugin state (framework.CycleState). Values that PreFilter extensions change must be cloneable. */
export class CycleState {
  private data = new Map<string, unknown>();
  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  /** read() of what an earlier extension point of the plugin wrote: an error (as kube-scheduler's) when it is missing. */
  mustRead<T>(key: string): T {
    const v = this.data.get(key);
    if (v === undefined) throw new Error(`reading "${key}" from cycleState: not found`);
    return v as T;
  }
  write(key: string, v: unknown): void {
    this.data.set(key, v);
  }
  /** Deep-enough copy for preemption dry runs: values with a clone() method are cloned. */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data)
      c.data.set(
        k,
        v && typeof (v as { clone?: unknown }).clone === 'function' ? (v as { clone(): unknown }).clone() : v,
      );
    return c;
  }
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterOutcome {
  /** null = Success; Skip = this plugin's Filter is skipped; U/UU = the cycle is rejected. */
  status: Status | null;
  /** Optional PreFilterResult: the only node names worth filtering. */
  nodeNames?: Set<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(ctx: SchedulerContext, state: CycleState, pod: PodInfo): PreFilterOutcome;
  /** PreFilterExtensions.AddPod: update cycle state as if podToAdd ran on node (preemption, nominated pods). */
  addPod?(ctx: SchedulerContext, state: CycleState, pod: PodInfo, podToAdd: PodInfo, node: NodeInfo): void;
  /** PreFilterExtensions.RemovePod. */
  removePod?(ctx: SchedulerContext, state: CycleState, pod: PodInfo, podToRemove: PodInfo, node: NodeInfo): void;
}

/**
 * A Filter bound to one cycle's state and pod: null = the node passes. `row` is the node's
 * offset in the snapshot's NodeAmounts (-1 when the snapshot does not hold this NodeInfo, e.g. a
 * dry-run copy): what the row holds is read from it, not from the NodeInfo.
 */
export type NodeFilter = (node: NodeInfo, row: number) => Status | null;

/**
 * A Filter bound to one cycle, run over a chunk of the snapshot's nodes (the cycle filters plugin
 * by plugin): for each i in [from, to) whose statuses[i] is still null, sets statuses[i] to the
 * rejection of nodes[i], whose NodeAmounts row is at rows[i] (≥ 0), if any. The same answers as
 * the plugin's NodeFilter.
 */
export type NodesFilter = (
  nodes: readonly NodeInfo[],
  rows: readonly number[],
  from: number,
  to: number,
  statuses: (Status | null)[],
) => void;

export interface FilterPlugin extends Plugin {
  /** null = the node passes. */
  filter(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /**
   * Optional: the Filter with the cycle state read once, for the per-node loop — the same answer
   * as filter() for every node while the state is unchanged; null when it passes every node.
   */
  filterFor?(ctx: SchedulerContext, state: CycleState, pod: PodInfo): NodeFilter | null;
  /**
   * Optional, with filterFor: the bound Filter `one` as a loop over chunks of the snapshot's nodes,
   * for plugins that answer most nodes from their NodeAmounts rows without a call per node; null
   * when every node of the snapshot passes.
   */
  filterNodesFor?(ctx: SchedulerContext, state: CycleState, pod: PodInfo, one: NodeFilter): NodesFilter | null;
}

export interface PreScorePlugin extends Plugin {
  /** null = Success; Skip = the plugin's Score is not run (contributes 0 everywhere). */
  preScore(ctx: SchedulerContext, state: CycleState, pod: PodInfo, nodes: NodeInfo[]): Status | null;
}

export interface ScorePlugin extends Plugin {
  score(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /**
   * Optional: score() of every node at once (out[i] for nodes[i]), the cycle state read once;
   * rows[i] is nodes[i]'s NodeAmounts row offset (-1 when the snapshot does not hold it).
   */
  scoreNodes?(
    ctx: SchedulerContext,
    state: CycleState,
    pod: PodInfo,
    nodes: NodeInfo[],
    rows: readonly number[],
    out: number[],
  ): void;
  /** NormalizeScore: rewrite scores (scores[i] of nodes[i]) in place to [0, 100]. */
  normalize?(
    ctx: SchedulerContext,
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    scores: number[],
  ): void;
}

/** score() of a plugin that scores nodes in bulk: its scoreNodes over the one node. */
export function scoreOneNode(
  plugin: Required<Pick<ScorePlugin, 'scoreNodes'>>,
  ctx: SchedulerContext,
  state: CycleState,
  pod: PodInfo,
  node: NodeInfo,
): number {
  const out = [0];
  plugin.scoreNodes(ctx, state, pod, [node], [ctx.snapshot.amounts.row(node)], out);
  return out[0];
}

export const MAX_NODE_SCORE = 100;

export function isPreFilter(p: Plugin): p is PreFilterPlugin {
  return typeof (p as PreFilterPlugin).preFilter === 'function';
}
export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as FilterPlugin).filter === 'function';
}
export function isPreScore(p: Plugin): p is PreScorePlugin {
  return typeof (p as PreScorePlugin).preScore === 'function';
}
export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as ScorePlugin).score === 'function';
}
