// Kubelet admission (lifecycle/predicate.go): before running a pod bound to its node the kubelet
// re-checks node selector/affinity and resources against the pods it already runs. A rejected pod
// gets phase Failed, reason `OutOfcpu`/`OutOfmemory`/`OutOfpods`/`NodeAffinity`, message
// `Pod was rejected: <message>`, and a Warning event `<reason>` with the message. Only the first
// failure is reported, in the order of scheduler.AdmissionCheck: resources (pods, cpu, memory,
// ephemeral-storage, extended) before node affinity/selector.

import type { Node, Pod } from '../api/types.ts';
import { matchesMap, matchesNodeSelector } from '../api/selectors.ts';
import { podRequests } from '../api/resources.ts';
import { resourceAmount } from '../api/quantity.ts';

export interface Rejection {
  reason: string;
  message: string;
}

/** The first reason the pod does not fit next to `running` (the node's admitted, non-terminal pods). */
export function admitPod(node: Node, pod: Pod, running: Pod[]): Rejection | undefined {
  const alloc = node.status?.allocatable ?? {};
  const insufficient = (name: string, requested: number, used: number, capacity: number): Rejection => ({
    reason: `OutOf${name}`,
    message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
  });
  if (alloc.pods !== undefined) {
    const cap = resourceAmount('pods', alloc.pods);
    if (running.length + 1 > cap) return insufficient('pods', 1, running.length, cap);
  }
  const want = podRequests(pod);
  const used: Record<string, number> = {};
  for (const p of running) {
    const r = podRequests(p);
    for (const k in r) used[k] = (used[k] ?? 0) + r[k];
  }
  const order = [
    'cpu',
    'memory',
    'ephemeral-storage',
    ...Object.keys(want)
      .filter((k) => !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(k))
      .sort(),
  ];
  for (const r of order) {
    const v = want[r] ?? 0;
    if (v === 0) continue;
    const cap = alloc[r] === undefined ? 0 : resourceAmount(r, alloc[r]);
    if ((used[r] ?? 0) + v > cap) return insufficient(r, v, used[r] ?? 0, cap);
  }
  if (
    !matchesMap(pod.spec.nodeSelector, node.metadata.labels) ||
    !matchesNodeSelector(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node)
  ) {
    return {
      reason: 'NodeAffinity',
      message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    };
  }
  return undefined;
}
