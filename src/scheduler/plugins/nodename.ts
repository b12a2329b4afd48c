// NodeName (pkg/scheduler/framework/plugins/nodename): Filter that, when the pod names a node in
// spec.nodeName, lets only that node pass. Scheduler-spec 5.2.

import { unresolvable } from '../framework/types.ts';
import type { CycleState, FilterPlugin, NodeInfo, PodInfo, SchedulerContext, Status } from '../framework/types.ts';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = 'NodeName';

  filter(_ctx: SchedulerContext, _state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const wanted = pod.pod.spec.nodeName;
    if (!wanted || wanted === node.name) return null;
    return unresolvable(ERR_REASON_NODE_NAME);
  }
}
