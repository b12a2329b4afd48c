// The FailedScheduling text (FitError.Error(), pkg/scheduler/framework/types.go):
// "0/N nodes are available: <sorted histogram of reasons>." + optional " <postfilter message>".

import type { Status } from './framework/types.ts';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface Diagnosis {
  /** Rejected node → its status (only nodes that were evaluated or rejected in PreFilter). */
  nodeToStatus: Map<string, Status>;
  /** Status of every node not listed in nodeToStatus (PreFilterResult exclusion or PreFilter rejection). */
  absentNodesStatus?: Status;
  /** Set when a PreFilter plugin rejected the pod: its message replaces the per-node histogram. */
  preFilterMsg?: string;
  /** The PostFilter (preemption) message, already prefixed with "preemption: ". */
  postFilterMsg?: string;
}

/** Counts each reason of each node once and renders `<count> <reason>` sorted byte-wise. */
export function reasonsHistogram(numAllNodes: number, nodeToStatus: Map<string, Status>, absent?: Status): string[] {
  const counts = new Map<string, number>();
  for (const st of nodeToStatus.values()) for (const r of st.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  if (absent && nodeToStatus.size < numAllNodes) {
    for (const r of absent.reasons) counts.set(r, (counts.get(r) ?? 0) + numAllNodes - nodeToStatus.size);
  }
  return [...counts].map(([r, n]) => `${n} ${r}`).sort(byteOrder);
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const hist = reasonsHistogram(numAllNodes, d.nodeToStatus, d.absentNodesStatus);
    if (hist.length) msg += ` ${hist.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** Go's string comparison: by UTF-8 bytes (for ASCII the same as code units). */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
