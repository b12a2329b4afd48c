// Read-only queries the assertions make on the cluster's store: a pod by name, the pods of a
// workload (following controller ownerReferences: Pod → ReplicaSet → Deployment), and a short
// text describing where pods are.

import type { KubeObject, Pod } from '../../src/api/types.ts';
import type { ObjectStore } from '../../src/store/store.ts';
import { AssertionError } from 'chai';
import { formatRef, type ObjRef, type WorkloadRef } from './parse.ts';

export function getPod(store: ObjectStore, ref: ObjRef): Pod | undefined {
  return store.get<Pod>('Pod', ref.namespace, ref.name);
}

/** The pod, or an assertion failure naming the pods that do exist in its namespace. */
export function mustGetPod(store: ObjectStore, ref: ObjRef): Pod {
  const pod = getPod(store, ref);
  if (!pod) {
    const names = store.list<Pod>('Pod', ref.namespace).map((p) => p.metadata.name).join(', ') || '(none)';
    throw new AssertionError(`there is no pod ${formatRef(ref)}; pods in namespace ${ref.namespace}: ${names}`);
  }
  return pod;
}

function controllerOf(store: ObjectStore, obj: KubeObject): KubeObject | undefined {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return undefined;
  const owner = store.get(ref.kind, obj.metadata.namespace, ref.name);
  return owner && owner.metadata.uid === ref.uid ? owner : undefined;
}

/** True if the workload is somewhere up the pod's chain of controllers. */
export function isControlledBy(store: ObjectStore, pod: Pod, w: WorkloadRef): boolean {
  let cur: KubeObject | undefined = pod;
  for (let depth = 0; depth < 4 && cur; depth++) {
    cur = controllerOf(store, cur);
    if (cur && cur.kind === w.kind && cur.metadata.name === w.name) return true;
  }
  return false;
}

/**
 * The workload's live pods: those it controls, directly or through a ReplicaSet, that are not
 * being deleted (no deletionTimestamp), in API order.
 */
export function podsOf(store: ObjectStore, w: WorkloadRef): Pod[] {
  return store.list<Pod>('Pod', w.namespace).filter((p) => !p.metadata.deletionTimestamp && isControlledBy(store, p, w));
}

/** `web-abc12 on w1-k8s (Running)`, one per line: what the assertion saw. */
export function describePods(pods: Pod[]): string {
  if (pods.length === 0) return '  (no pods)';
  return pods.map((p) => `  ${p.metadata.name} on ${p.spec.nodeName ?? '<none>'} (${p.status?.phase ?? 'no phase'}${p.metadata.deletionTimestamp ? ', terminating' : ''})`).join('\n');
}

/** Pod count per node name for the given pods (unbound pods under "<none>"). */
export function countByNode(pods: Pod[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of pods) m.set(p.spec.nodeName ?? '<none>', (m.get(p.spec.nodeName ?? '<none>') ?? 0) + 1);
  return m;
}
