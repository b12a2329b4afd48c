// NodeName (pkg/scheduler/framework/plugins/nodename): Filter that, when the pod names a node in
// spec.nodeName, lets only that node pass.

import { unresolvable } from '../framework/types.ts';
import type {
  CycleState,
  FilterPlugin,
  NodeFilter,
  NodeInfo,
  PodInfo,
  SchedulerContext,
  Status,
} from '../framework/types.ts';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = 'NodeName';

  filter(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pod)?.(node, ctx.snapshot.amounts.row(node)) ?? null;
  }

  /** null (every node passes) when the pod names no node. */
  filterFor(_ctx: SchedulerContext, _state: CycleState, pod: PodInfo): NodeFilter | null {
    const wanted = pod.pod.spec.nodeName;
    if (!wanted) return null;
    return (node) => (wanted === node.name ? null : unresolvable(ERR_REASON_NODE_NAME));
  }
}
