// NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): Filter rejecting
// cordoned nodes (spec.unschedulable) unless the pod tolerates the synthetic taint
// node.kubernetes.io/unschedulable:NoSchedule.

import type { Taint } from '../../api/types.ts';
import { isTolerated } from '../../api/taints.ts';
import { unresolvable } from '../framework/types.ts';
import { AMOUNT_COLUMNS, filterWhereSet } from '../framework/snapshot.ts';
import type {
  CycleState,
  FilterPlugin,
  NodeFilter,
  NodeInfo,
  NodesFilter,
  PodInfo,
  SchedulerContext,
  Status,
} from '../framework/types.ts';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** The taint a cordoned node is treated as carrying (v1.TaintNodeUnschedulable, NoSchedule). */
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

const UNSCHEDULABLE = AMOUNT_COLUMNS.UNSCHEDULABLE; // a local constant: see noderesourcesfit.ts

export class NodeUnschedulable implements FilterPlugin {
  readonly name = 'NodeUnschedulable';

  filter(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pod)?.(node, ctx.snapshot.amounts.row(node)) ?? null;
  }

  /** null (every node passes) when the pod tolerates the taint; else spec.unschedulable is read from the node's row. */
  filterFor(ctx: SchedulerContext, _state: CycleState, pod: PodInfo): NodeFilter | null {
    if (isTolerated(UNSCHEDULABLE_TAINT, pod.pod.spec.tolerations)) return null;
    const d = ctx.snapshot.amounts.data;
    return (node, row) =>
      (row >= 0 ? d[row + UNSCHEDULABLE] !== 0 : node.unschedulable) ? unresolvable(ERR_REASON_UNSCHEDULABLE) : null;
  }

  /** Over a chunk: null when no node of the snapshot is cordoned; else nodes whose row shows them schedulable pass without a call. */
  filterNodesFor(ctx: SchedulerContext, _state: CycleState, _pod: PodInfo, one: NodeFilter): NodesFilter | null {
    const amounts = ctx.snapshot.amounts;
    return amounts.cordoned === 0 ? null : filterWhereSet(amounts, UNSCHEDULABLE, one);
  }
}
