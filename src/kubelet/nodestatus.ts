// The node status a kubelet posts: its InternalIP and the conditions of a healthy node.

import type { Node, NodeCondition } from '../api/types.ts';

/** The node's InternalIP (status.addresses). */
export function nodeIP(node: Node): string {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}

/** The conditions a healthy kubelet posts (pkg/kubelet/nodestatus/setters.go), with the event of a transition to each. */
export const HEALTHY_NODE_CONDITIONS: readonly {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  event: string;
}[] = [
  {
    type: 'MemoryPressure',
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
    event: 'NodeHasSufficientMemory',
  },
  {
    type: 'DiskPressure',
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
    event: 'NodeHasNoDiskPressure',
  },
  {
    type: 'PIDPressure',
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
    event: 'NodeHasSufficientPID',
  },
  {
    type: 'Ready',
    status: 'True',
    reason: 'KubeletReady',
    message: 'kubelet is posting ready status',
    event: 'NodeReady',
  },
];

/** A condition as a Node status carries it (keys in Go struct order), transitioned and heard from at `now`. */
export function nodeCondition(
  now: string,
  { type, status, reason, message }: { type: string; status: 'True' | 'False'; reason: string; message: string },
): NodeCondition {
  return { type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message };
}

/** The healthy conditions as a Node status carries them, transitioned and heard from at `now`. */
export function healthyNodeConditions(
  now: string,
  types: readonly string[] = HEALTHY_NODE_CONDITIONS.map((c) => c.type),
): NodeCondition[] {
  return HEALTHY_NODE_CONDITIONS.filter((c) => types.includes(c.type)).map((c) => nodeCondition(now, c));
}
