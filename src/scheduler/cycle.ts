// One scheduling cycle for one pod (schedule_one.go: schedulePod, findNodesThatFitPod,
// findNodesThatPassFilters, prioritizeNodes, selectHost in pkg/scheduler/schedule_one.go). Pure: it
// reads a snapshot and returns a decision; the Scheduler component writes the outcome.

import { type Framework, named, runBoundFiltersOver, UNNAMED } from './framework/framework.ts';
import { addPodToNodeInfo, cloneNodeInfo } from './framework/nodeinfo.ts';
import { CycleState } from './framework/types.ts';
import type { NodeInfo, PodInfo, SchedulerContext, Status } from './framework/types.ts';
import type { PreFilterRun, ScoreRun } from './framework/framework.ts';
import type { Diagnosis } from './fiterror.ts';
import { NO_NODES_AVAILABLE } from './fiterror.ts';
import type { Rng } from '../util/rng.ts';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: all nodes below 100; else the (adaptive) percentage, at least 100. */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p <= 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * p) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

export interface CycleInput {
  fw: Framework;
  ctx: SchedulerContext;
  pod: PodInfo;
  rng: Rng;
  percentageOfNodesToScore: number;
  /** Rotating start offset (sched.nextStartNodeIndex). */
  nextStartNodeIndex: number;
  /** Pods nominated to a node with priority ≥ the pod's, other than the pod itself. */
  nominatedPodsFor(nodeName: string): readonly PodInfo[];
  /** False when no pod is nominated to any node: filtering then need not ask node by node. */
  anyNominatedPods?: boolean;
  /**
   * False when the caller does not read the per-plugin scores (result.scores.scores stays empty,
   * and result.scores.total is reused by the next cycle). Default true.
   */
  keepScores?: boolean;
  /**
   * False when the caller reads the rejected nodes' statuses (result.diagnosis.nodeToStatus) only
   * if no node fits: a cycle that finds one then leaves the map empty. Default true.
   */
  keepDiagnosis?: boolean;
}

export interface CycleResult {
  /** The chosen node, if any. */
  node?: string;
  state: CycleState;
  preFilter?: PreFilterRun;
  feasible: NodeInfo[];
  diagnosis: Diagnosis;
  numAllNodes: number;
  scores?: ScoreRun;
  /** New rotating start offset. */
  nextStartNodeIndex: number;
  /** Set when there are no nodes at all. */
  noNodes?: boolean;
}

/**
 * RunFilterPluginsWithNominatedPods: first with higher/equal-priority nominated pods added, then
 * (if any were added and it passed) without.
 */
export function filterWithNominated(
  input: Pick<CycleInput, 'fw' | 'ctx' | 'pod' | 'nominatedPodsFor'>,
  state: CycleState,
  node: NodeInfo,
  skipped: Set<string>,
): Status | null {
  return (
    withNominatedStatus(input, state, node, skipped) ?? input.fw.runFilters(input.ctx, state, input.pod, node, skipped)
  );
}

/** The first pass of RunFilterPluginsWithNominatedPods: null when no pod is nominated to the node or it passes with them. */
function withNominatedStatus(
  input: Pick<CycleInput, 'fw' | 'ctx' | 'pod' | 'nominatedPodsFor'>,
  state: CycleState,
  node: NodeInfo,
  skipped: Set<string>,
): Status | null {
  const { fw, ctx, pod } = input;
  const nominated = input.nominatedPodsFor(node.name);
  if (nominated.length === 0) return null;
  const s2 = state.clone();
  const n2 = cloneNodeInfo(node);
  for (const np of nominated) {
    addPodToNodeInfo(n2, np);
    for (const p of fw.preFilters) if (!skipped.has(p.name)) p.addPod?.(ctx, s2, pod, np, n2);
  }
  return fw.runFilters(ctx, s2, pod, n2, skipped);
}

/**
 * runCycle's per-node working arrays, reused from cycle to cycle: a cycle does not keep them, and
 * cycles do not nest. rows, statuses, by: of the nodes being filtered (see runBoundFiltersOver);
 * failed, failedStatus, failedBy: the rejected nodes, in the order examined.
 */
const scratch = {
  rows: [] as number[],
  statuses: [] as (Status | null)[],
  by: [] as number[],
  failed: [] as NodeInfo[],
  failedStatus: [] as Status[],
  failedBy: [] as number[],
};

/** NAMED: a status from the nominated-pods pass, already named after its plugin. */
const NAMED = -2;

/**
 * The nodes of a PreFilterResult, in snapshot order (the nodes it names that are not in the
 * snapshot are left out, as findNodesThatFitPod's nodeInfoSnapshot.Get). A short list (a
 * DaemonSet pod's one node) is looked up by name instead of scanning every node.
 */
function restrictTo(ctx: SchedulerContext, names: Set<string>): NodeInfo[] {
  const all = ctx.snapshot.nodeInfos;
  if (names.size * 16 > all.length) return all.filter((n) => names.has(n.name));
  const out: NodeInfo[] = [];
  for (const name of names) {
    const ni = ctx.snapshot.get(name);
    if (ni) out.push(ni);
  }
  return out.sort((a, b) => a.snapshotIndex - b.snapshotIndex);
}

export function runCycle(input: CycleInput): CycleResult {
  const { fw, ctx, pod } = input;
  const all = ctx.snapshot.nodeInfos;
  const state = new CycleState();
  const diagnosis: Diagnosis = { nodeToStatus: new Map() };
  const base = {
    state,
    feasible: [] as NodeInfo[],
    diagnosis,
    numAllNodes: all.length,
    nextStartNodeIndex: input.nextStartNodeIndex,
  };
  if (all.length === 0) {
    return {
      ...base,
      noNodes: true,
      diagnosis: {
        nodeToStatus: new Map(),
        preFilterMsg: undefined,
        absentNodesStatus: { code: 'UnschedulableAndUnresolvable', reasons: [NO_NODES_AVAILABLE] },
      },
    };
  }

  const pre = fw.runPreFilter(ctx, state, pod);
  if (pre.rejected) {
    diagnosis.preFilterMsg = pre.rejected.reasons.join(', ');
    diagnosis.absentNodesStatus = pre.rejected;
    return { ...base, preFilter: pre };
  }

  // Nominated node fast path: a pod that preempted is tried on its nominated node first.
  const nominatedName = pod.pod.status?.nominatedNodeName;
  if (nominatedName) {
    const ni = ctx.snapshot.get(nominatedName);
    if (ni && (!pre.nodeNames || pre.nodeNames.has(ni.name)) && !filterWithNominated(input, state, ni, pre.skipped)) {
      return { ...base, preFilter: pre, node: ni.name, feasible: [ni] };
    }
  }

  let nodes = all;
  if (pre.nodeNames) {
    nodes = restrictTo(ctx, pre.nodeNames);
    diagnosis.absentNodesStatus = {
      code: 'UnschedulableAndUnresolvable',
      reasons: [`node(s) didn't satisfy plugin(s) [${[...new Set(pre.restrictedBy)].sort().join(' ')}]`],
    };
  }

  const toFind = numFeasibleNodesToFind(input.percentageOfNodesToScore, nodes.length);
  // Sized for the most that can be found (trimmed below): growing by push copies them several times over.
  const feasible = new Array<NodeInfo>(Math.min(toFind, nodes.length));
  const { rows, statuses, by, failed, failedStatus, failedBy } = scratch; // rows[i]: feasible[i]'s NodeAmounts row offset; statuses[i]: its Filter status
  if (rows.length < feasible.length) {
    rows.length = feasible.length;
    statuses.length = feasible.length;
    by.length = feasible.length;
  }
  let rejected = 0;
  let found = 0;
  let processed = 0;
  let k = nodes.length ? input.nextStartNodeIndex % nodes.length : 0; // the next node: (start + processed) % nodes.length
  // The state does not change while nodes are filtered: the filters are bound to it once.
  const bound = fw.bindFilters(ctx, state, pod, pre.skipped);
  const anyNominated = input.anyNominatedPods !== false;
  const runFilters = runBoundFiltersOver; // one read of the imported binding (a getter call under tsx)
  // Unrestricted, the k-th node is the snapshot's k-th and its row is known without visiting it.
  const amounts = ctx.snapshot.amounts,
    unrestricted = nodes === all;
  // Filters run plugin by plugin over chunks of nodes (a loop per plugin instead of calls per
  // node), each chunk no larger than the number of feasible nodes still wanted: exactly the nodes
  // kube-scheduler examines before it has found `toFind`, in its order. A chunk is laid out in
  // `feasible` itself; the nodes that fail are then dropped, their statuses recorded in node order.
  while (found < toFind && processed < nodes.length) {
    const end = found + Math.min(toFind - found, nodes.length - processed);
    for (let i = found; i < end; i++, k = k + 1 === nodes.length ? 0 : k + 1) {
      const ni = nodes[k];
      feasible[i] = ni;
      rows[i] = unrestricted ? amounts.rowAt(k) : amounts.row(ni);
      statuses[i] = anyNominated ? withNominatedStatus(input, state, ni, pre.skipped) : null;
      by[i] = statuses[i] === null ? UNNAMED : NAMED;
    }
    processed += end - found;
    runFilters(bound, feasible, rows, found, end, statuses, by);
    let kept = found;
    for (let i = found; i < end; i++) {
      const st = statuses[i];
      if (st !== null) {
        failed[rejected] = feasible[i];
        failedStatus[rejected] = st;
        failedBy[rejected] = by[i];
        rejected++;
      } else {
        feasible[kept] = feasible[i];
        rows[kept] = rows[i];
        kept++;
      }
    }
    found = kept;
  }
  if (found < feasible.length) feasible.length = found;
  // The rejected nodes' statuses, named after their plugins: kept when the caller reads them or no node fits.
  if (found === 0 || input.keepDiagnosis !== false) {
    for (let j = 0; j < rejected; j++)
      diagnosis.nodeToStatus.set(failed[j].name, named(bound, failedStatus[j], failedBy[j]));
  }
  const nextStartNodeIndex = nodes.length ? (input.nextStartNodeIndex + processed) % nodes.length : 0;
  if (feasible.length === 0) return { ...base, preFilter: pre, feasible, nextStartNodeIndex };
  if (feasible.length === 1) return { ...base, preFilter: pre, feasible, nextStartNodeIndex, node: feasible[0].name };

  const skippedScore = fw.runPreScore(ctx, state, pod, feasible);
  const scores = fw.runScore(ctx, state, pod, feasible, rows, skippedScore, input.keepScores !== false);
  // selectHost: the top total, a uniform pick among the nodes sharing it (in feasible order).
  const total = scores.total;
  let best = -1,
    ties = 0;
  for (let i = 0; i < feasible.length; i++) {
    const t = total[i];
    if (t > best) {
      best = t;
      ties = 1;
    } else if (t === best) ties++;
  }
  let pick = ties === 1 ? 0 : input.rng.int(ties);
  let chosen = 0;
  while (total[chosen] !== best || pick-- > 0) chosen++;
  return {
    state,
    preFilter: pre,
    feasible,
    diagnosis,
    numAllNodes: all.length,
    scores,
    nextStartNodeIndex,
    node: feasible[chosen].name,
  };
}
