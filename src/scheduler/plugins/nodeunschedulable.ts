// NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): Filter rejecting
// cordoned nodes (spec.unschedulable) unless the pod tolerates the synthetic taint
// node.kubernetes.io/unschedulable:NoSchedule. Scheduler-spec 5.1.

import type { Taint } from '../../api/types.ts';
import { isTolerated } from '../../api/taints.ts';
import { unresolvable } from '../framework/types.ts';
import type { CycleState, FilterPlugin, NodeFilter, NodeInfo, PodInfo, SchedulerContext, Status } from '../framework/types.ts';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** The taint a cordoned node is treated as carrying (v1.TaintNodeUnschedulable, NoSchedule). */
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export class NodeUnschedulable implements FilterPlugin {
  readonly name = 'NodeUnschedulable';

  filter(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pod)(node);
  }

  filterFor(_ctx: SchedulerContext, _state: CycleState, pod: PodInfo): NodeFilter {
    const tolerates = isTolerated(UNSCHEDULABLE_TAINT, pod.pod.spec.tolerations);
    return (node) => (!node.unschedulable || tolerates ? null : unresolvable(ERR_REASON_UNSCHEDULABLE));
  }
}
