// TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): Filter on the first
// untolerated NoSchedule/NoExecute taint; PreScore/Score counting untolerated PreferNoSchedule
// taints, normalised in reverse (fewer such taints → higher score).
// Also hosts defaultNormalizeScore (helper.DefaultNormalizeScore), shared with NodeAffinity.

import type { Taint, TaintEffect, Toleration } from '../../api/types.ts';
import { firstUntoleratedTaint, isTolerated, taintBraces } from '../../api/taints.ts';
import { MAX_NODE_SCORE, unresolvable, scoreOneNode } from '../framework/types.ts';
import { AMOUNT_COLUMNS, filterWhereSet } from '../framework/snapshot.ts';
import type {
  CycleState,
  FilterPlugin,
  NodeFilter,
  NodeInfo,
  NodesFilter,
  PodInfo,
  PreScorePlugin,
  SchedulerContext,
  ScorePlugin,
  Status,
} from '../framework/types.ts';

/** MAX_NODE_SCORE read once: under tsx's CommonJS transform every read of an imported binding is a getter call, which hot loops feel. */
const MAX_SCORE = MAX_NODE_SCORE;

const TAINTS = AMOUNT_COLUMNS.TAINTS; // (see MAX_SCORE)

const PRE_SCORE_KEY = 'PreScoreTaintToleration';
const FILTER_EFFECTS: TaintEffect[] = ['NoSchedule', 'NoExecute'];

/**
 * helper.DefaultNormalizeScore: scale scores to [0, MAX] by the maximum (Go int64 division);
 * reverse flips them (MAX − score). An all-zero list stays 0, or becomes MAX when reversed.
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  const n = scores.length;
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) scores.fill(MAX_SCORE);
    return;
  }
  for (let i = 0; i < n; i++) {
    const scaled = Math.trunc((MAX_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_SCORE - scaled : scaled;
  }
}

/** Tolerations that can tolerate a PreferNoSchedule taint: effect empty or PreferNoSchedule. */
function preferNoScheduleTolerations(tolerations: Toleration[] | undefined): Toleration[] {
  return (tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/**
 * The Filter rejection naming a taint, made once per taint object (a Node's taints stay the same
 * objects until the Node changes; statuses are never changed once made).
 */
const untolerated = new WeakMap<Taint, Status>();
function untoleratedStatus(taint: Taint): Status {
  let st = untolerated.get(taint);
  if (!st) {
    st = unresolvable(`node(s) had untolerated taint ${taintBraces(taint)}`);
    untolerated.set(taint, st);
  }
  return st;
}

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'TaintToleration';

  filter(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pod)(node, ctx.snapshot.amounts.row(node));
  }

  filterFor(ctx: SchedulerContext, _state: CycleState, pod: PodInfo): NodeFilter {
    const tolerations = pod.pod.spec.tolerations;
    const firstUntolerated = firstUntoleratedTaint; // one read of the imported binding per cycle (a getter call under tsx)
    const d = ctx.snapshot.amounts.data;
    return (node, row) => {
      if (row >= 0 && d[row + TAINTS] === 0) return null; // most nodes: nothing to tolerate (read from the row)
      const taints = node.taints;
      if (!taints) return null;
      const taint = firstUntolerated(taints, tolerations, FILTER_EFFECTS);
      return taint ? untoleratedStatus(taint) : null;
    };
  }

  /** Over a chunk: null when no node of the snapshot has taints; else nodes whose row shows none pass without a call. */
  filterNodesFor(ctx: SchedulerContext, _state: CycleState, _pod: PodInfo, one: NodeFilter): NodesFilter | null {
    const amounts = ctx.snapshot.amounts;
    return amounts.tainted === 0 ? null : filterWhereSet(amounts, TAINTS, one);
  }

  preScore(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, nodes: NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    state.write(PRE_SCORE_KEY, preferNoScheduleTolerations(pod.pod.spec.tolerations));
    return null;
  }

  /** Raw score: how many PreferNoSchedule taints of the node the pod does not tolerate. */
  score(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return scoreOneNode(this, ctx, state, pod, node);
  }

  scoreNodes(
    ctx: SchedulerContext,
    state: CycleState,
    pod: PodInfo,
    nodes: NodeInfo[],
    rows: readonly number[],
    out: number[],
  ): void {
    const tolerations =
      state.read<Toleration[]>(PRE_SCORE_KEY) ?? preferNoScheduleTolerations(pod.pod.spec.tolerations);
    const tolerated = isTolerated; // one read of the imported binding per cycle
    const d = ctx.snapshot.amounts.data;
    for (let i = 0; i < nodes.length; i++) {
      const row = rows[i];
      if (row >= 0 && d[row + TAINTS] === 0) {
        out[i] = 0;
        continue;
      } // no taints (read from the row)
      const taints = nodes[i].taints;
      let count = 0;
      if (taints) {
        for (const taint of taints) {
          if (taint.effect === 'PreferNoSchedule' && !tolerated(taint, tolerations)) count++;
        }
      }
      out[i] = count;
    }
  }

  normalize(
    _ctx: SchedulerContext,
    _state: CycleState,
    _pod: PodInfo,
    _nodes: readonly NodeInfo[],
    scores: number[],
  ): void {
    defaultNormalizeScore(scores, true);
  }
}
