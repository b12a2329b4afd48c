// One scheduling cycle for one pod (schedule_one.go: schedulePod, findNodesThatFitPod,
// findNodesThatPassFilters, prioritizeNodes, selectHost), scheduler-spec section 2. Pure: it
// reads a snapshot and returns a decision; the Scheduler component writes the outcome.

import { Framework, runBoundFilters } from './framework/framework.ts';
import { addPodToNodeInfo, cloneNodeInfo } from './framework/nodeinfo.ts';
import { CycleState } from './framework/types.ts';
import type { NodeInfo, PodInfo, SchedulerContext, Status } from './framework/types.ts';
import type { BoundFilters, PreFilterRun, ScoreRun } from './framework/framework.ts';
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
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
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
  /** False when the caller does not read the per-plugin scores (result.scores.scores stays empty). Default true. */
  keepScores?: boolean;
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
 * (if any were added and it passed) without. `bound`: the filters already bound to `state`;
 * `row`: the node's NodeAmounts row offset, for them.
 */
export function filterWithNominated(input: Pick<CycleInput, 'fw' | 'ctx' | 'pod' | 'nominatedPodsFor'>, state: CycleState, node: NodeInfo, skipped: Set<string>, bound?: BoundFilters, row = -1): Status | null {
  const { fw, ctx, pod } = input;
  const nominated = input.nominatedPodsFor(node.name);
  if (nominated.length === 0) return bound ? runBoundFilters(bound, node, row) : fw.runFilters(ctx, state, pod, node, skipped);
  const s2 = state.clone();
  const n2 = cloneNodeInfo(node);
  for (const np of nominated) {
    addPodToNodeInfo(n2, np);
    for (const p of fw.preFilters) if (!skipped.has(p.name)) p.addPod?.(ctx, s2, pod, np, n2);
  }
  const withNominated = fw.runFilters(ctx, s2, pod, n2, skipped);
  if (withNominated) return withNominated;
  return bound ? runBoundFilters(bound, node, row) : fw.runFilters(ctx, state, pod, node, skipped);
}

export function runCycle(input: CycleInput): CycleResult {
  const { fw, ctx, pod } = input;
  const all = ctx.snapshot.nodeInfos;
  const state = new CycleState();
  const diagnosis: Diagnosis = { nodeToStatus: new Map() };
  const base = { state, feasible: [] as NodeInfo[], diagnosis, numAllNodes: all.length, nextStartNodeIndex: input.nextStartNodeIndex };
  if (all.length === 0) {
    return { ...base, noNodes: true, diagnosis: { nodeToStatus: new Map(), preFilterMsg: undefined, absentNodesStatus: { code: 'UnschedulableAndUnresolvable', reasons: [NO_NODES_AVAILABLE] } } };
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
    nodes = all.filter((n) => pre.nodeNames!.has(n.name));
    diagnosis.absentNodesStatus = { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) didn't satisfy plugin(s) [${[...new Set(pre.restrictedBy)].sort().join(' ')}]`] };
  }

  const toFind = numFeasibleNodesToFind(input.percentageOfNodesToScore, nodes.length);
  // Sized for the most that can be found (trimmed below): growing by push copies them several times over.
  const feasible = new Array<NodeInfo>(Math.min(toFind, nodes.length));
  const rows = new Array<number>(feasible.length); // rows[i]: feasible[i]'s NodeAmounts row offset
  let found = 0;
  let processed = 0;
  const start = nodes.length ? input.nextStartNodeIndex % nodes.length : 0;
  // The state does not change while nodes are filtered: the filters are bound to it once.
  const bound = fw.bindFilters(ctx, state, pod, pre.skipped);
  const anyNominated = input.anyNominatedPods !== false;
  const runBound = runBoundFilters; // one read of the imported binding (a getter call under tsx), not one per node
  // Unrestricted, the k-th node is the snapshot's k-th and its row is known without visiting it.
  const amounts = ctx.snapshot.amounts, unrestricted = nodes === all;
  for (let i = 0, k = start; i < nodes.length && found < toFind; i++, k = k + 1 === nodes.length ? 0 : k + 1) {
    const ni = nodes[k]; // k = (start + i) % nodes.length
    const row = unrestricted ? amounts.rowAt(k) : amounts.row(ni);
    processed++;
    const st = anyNominated ? filterWithNominated(input, state, ni, pre.skipped, bound, row) : runBound(bound, ni, row);
    if (st) diagnosis.nodeToStatus.set(ni.name, st);
    else { feasible[found] = ni; rows[found] = row; found++; }
  }
  if (found < feasible.length) { feasible.length = found; rows.length = found; }
  const nextStartNodeIndex = nodes.length ? (input.nextStartNodeIndex + processed) % nodes.length : 0;
  const result: CycleResult = { ...base, preFilter: pre, feasible, nextStartNodeIndex };
  if (feasible.length === 0) return result;
  if (feasible.length === 1) { result.node = feasible[0].name; return result; }

  const skippedScore = fw.runPreScore(ctx, state, pod, feasible);
  const scores = fw.runScore(ctx, state, pod, feasible, rows, skippedScore, input.keepScores !== false);
  // selectHost: the top total, a uniform pick among the nodes sharing it (in feasible order).
  const total = scores.total;
  let best = -1, ties = 0;
  for (let i = 0; i < feasible.length; i++) {
    const t = total[i];
    if (t > best) { best = t; ties = 1; } else if (t === best) ties++;
  }
  let pick = ties === 1 ? 0 : input.rng.int(ties);
  let chosen = 0;
  while (total[chosen] !== best || pick-- > 0) chosen++;
  result.scores = scores;
  result.node = feasible[chosen].name;
  return result;
}
