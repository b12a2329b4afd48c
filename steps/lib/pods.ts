// Read-only queries the assertions make on the cluster's store: a pod by name, the pods of a
// workload (following controller ownerReferences: Pod → ReplicaSet → Deployment), and a short
// text describing where pods are.

import type { Pod } from '../../src/api/types.ts';
import type { ReadStore } from '../../src/store/store.ts';
import { AssertionError } from './assertion.ts';
import { formatRef, type ObjRef } from './parse.ts';

export function getPod(store: ReadStore, ref: ObjRef): Pod | undefined {
  return store.get<Pod>('Pod', ref.namespace, ref.name);
}

/** The pod, or an assertion failure naming the pods that do exist in its namespace. */
export function mustGetPod(store: ReadStore, ref: ObjRef): Pod {
  const pod = getPod(store, ref);
  if (!pod) {
    const names =
      store
        .list<Pod>('Pod', ref.namespace)
        .map((p) => p.metadata.name)
        .join(', ') || '(none)';
    throw new AssertionError(`there is no pod ${formatRef(ref)}; pods in namespace ${ref.namespace}: ${names}`);
  }
  return pod;
}

export { isControlledBy, podsOf } from '../../src/controllers/common.ts';

/** Pods a failing assertion lists by name; more are counted. */
export const MAX_LISTED = 10;

const podLine = (p: Pod) =>
  `  ${p.metadata.name} on ${p.spec.nodeName ?? '<none>'} (${p.status?.phase ?? 'no phase'}${p.metadata.deletionTimestamp ? ', terminating' : ''})`;

/** `web-abc12 on w1-k8s (Running)`, one per line (at most `limit`, then a count): what the assertion saw. */
export function describePods(pods: Pod[], limit = MAX_LISTED): string {
  if (pods.length === 0) return '  (no pods)';
  const lines = pods.slice(0, limit).map(podLine);
  if (pods.length > limit) lines.push(`  … and ${pods.length - limit} more pod(s)`);
  return lines.join('\n');
}

/**
 * The pods that break an assertion's rule (at most `limit` by name, then a count), and a count of
 * the workload's other pods, which keep it: a failure lists what is wrong, not all 60 replicas.
 */
export function describeOffenders(offenders: Pod[], all: Pod[], limit = MAX_LISTED): string {
  const rest = all.length - offenders.length;
  return `${describePods(offenders, limit)}${rest > 0 ? `\n  (${rest} other pod(s) keep the rule)` : ''}`;
}

/** Pod count per node name for the given pods (unbound pods under "<none>"). */
export function countByNode(pods: Pod[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of pods) m.set(p.spec.nodeName ?? '<none>', (m.get(p.spec.nodeName ?? '<none>') ?? 0) + 1);
  return m;
}
