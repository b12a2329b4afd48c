// NodePorts (pkg/scheduler/framework/plugins/nodeports): PreFilter collecting the pod's host ports
// (Skip when it has none) and Filter rejecting nodes where one of them is already taken.

import { podHostPorts } from '../framework/nodeinfo.ts';
import { errorStatus, skip, unschedulable } from '../framework/types.ts';
import type {
  CycleState,
  FilterPlugin,
  HostPortEntry,
  NodeFilter,
  NodeInfo,
  PodInfo,
  PreFilterOutcome,
  PreFilterPlugin,
  SchedulerContext,
  Status,
} from '../framework/types.ts';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

const PRE_FILTER_KEY = 'PreFilterNodePorts';
const BIND_ALL = '0.0.0.0';

/**
 * HostPortInfo.CheckConflict: same protocol and port, and overlapping host IPs — 0.0.0.0 overlaps
 * every IP, other IPs only themselves. Entries are already sanitised (empty IP → 0.0.0.0, TCP).
 */
export function portConflicts(used: HostPortEntry[], want: HostPortEntry): boolean {
  if (want.port <= 0) return false;
  return used.some(
    (u) =>
      u.protocol === want.protocol &&
      u.port === want.port &&
      (want.ip === BIND_ALL || u.ip === BIND_ALL || u.ip === want.ip),
  );
}

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = 'NodePorts';

  preFilter(_ctx: SchedulerContext, state: CycleState, pod: PodInfo): PreFilterOutcome {
    const ports = podHostPorts(pod.pod);
    if (ports.length === 0) return { status: skip() };
    state.write(PRE_FILTER_KEY, ports);
    return { status: null };
  }

  filter(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pod)(node, ctx.snapshot.amounts.row(node));
  }

  filterFor(_ctx: SchedulerContext, state: CycleState, _pod: PodInfo): NodeFilter {
    const wanted = state.read<HostPortEntry[]>(PRE_FILTER_KEY);
    if (!wanted) {
      const missing = errorStatus(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
      return () => missing;
    }
    return (node) =>
      node.usedPorts.length > 0 && wanted.some((p) => portConflicts(node.usedPorts, p))
        ? unschedulable(ERR_REASON_PORTS)
        : null;
  }
}
