// Node registration: what a node's kubelet reports about itself when it registers, filled in where
// a Node manifest (a hand-written one, or a capture from a real cluster) is silent — allocatable
// from capacity, the kubelet's default of 110 pods, a Ready condition.

import type { Node } from '../api/types.ts';
import type { VirtualClock } from '../util/clock.ts';
import { healthyNodeConditions } from './nodestatus.ts';

/** The kubelet's default --max-pods. */
export const KUBELET_MAX_PODS = '110';

/**
 * What the node's kubelet would report on registration, where the manifest is silent. The result
 * shares what it does not change with `node` (the API server copies what it stores).
 */
export function ensureNodeStatus(node: Node, cluster: { clock: VirtualClock }): Node {
  const status = { ...node.status };
  const n = { ...node, status };
  if (!status.allocatable && status.capacity) status.allocatable = { ...status.capacity };
  if (status.allocatable?.pods === undefined && status.capacity?.pods === undefined) {
    status.allocatable = { ...(status.allocatable ?? {}), pods: KUBELET_MAX_PODS };
    status.capacity = { ...(status.capacity ?? {}), pods: KUBELET_MAX_PODS };
  }
  status.conditions = [...(status.conditions ?? [])];
  if (!status.conditions.some((c) => c.type === 'Ready')) {
    const now = cluster.clock.iso();
    status.conditions.push(...healthyNodeConditions(now, ['Ready']));
  }
  return n;
}
