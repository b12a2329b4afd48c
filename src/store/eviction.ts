// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, policy/v1): deletes
// a pod unless a PodDisruptionBudget forbids it. It reads the budget's status, which the disruption
// controller (src/controllers/disruption.ts) keeps: a budget whose status is older than its spec
// (observedGeneration < generation) or that allows no disruption answers 429 TooManyRequests
// "Cannot evict pod as it would violate the pod's disruption budget."; otherwise the eviction takes
// one disruption (checkAndDecrement: disruptionsAllowed - 1, the pod recorded in disruptedPods, so
// the controller counts it as unhealthy until it is gone) before deleting the pod. A pod that is
// not ready may go without taking one while the budget is met (unhealthyPodEvictionPolicy
// IfHealthyBudget), or always (AlwaysAllow). Terminal, Pending and deleting pods ignore budgets.

import type { Pod, PodDisruptionBudget } from '../api/types.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import type { ApiServer, DeleteOptions } from './apiserver.ts';
import { ApiError, notFound, tooManyRequests } from './errors.ts';
import type { ObjectStore } from './store.ts';

export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** pdbhelper.UpdateDisruptionAllowedCondition once disruptionsAllowed reaches 0: DisruptionAllowed False/InsufficientPods. */
function insufficientPods(status: NonNullable<PodDisruptionBudget['status']>, now: string) {
  const conds = status.conditions ?? [];
  const old = conds.find((c) => c.type === 'DisruptionAllowed');
  const next = {
    type: 'DisruptionAllowed',
    status: 'False' as const,
    observedGeneration: status.observedGeneration,
    lastTransitionTime: old && old.status === 'False' ? old.lastTransitionTime : now,
    reason: 'InsufficientPods',
    message: '',
  };
  return old ? conds.map((c) => (c === old ? next : c)) : [...conds, next];
}

/** checkAndDecrement: refuses (429) or takes one disruption from the budget's status. */
function checkAndDecrement(store: ObjectStore, pdb: PodDisruptionBudget, podName: string): void {
  const st = pdb.status ?? {};
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw tooManyRequests(PDB_VIOLATION);
  const allowed = st.disruptionsAllowed ?? 0;
  if (allowed < 0)
    throw new ApiError(
      'Forbidden',
      `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`,
      403,
    );
  if (allowed === 0) throw tooManyRequests(PDB_VIOLATION);
  // the eviction REST's PodDisruptionBudgets(ns).UpdateStatus, through kube-apiserver's loopback client
  store.as({ manager: 'kube-apiserver', subresource: 'status' }, () =>
    store.mutate<PodDisruptionBudget>('PodDisruptionBudget', pdb.metadata.namespace, pdb.metadata.name!, (b) => {
      const s = b.status ?? {};
      s.disruptionsAllowed = allowed - 1;
      if (s.disruptionsAllowed === 0) s.conditions = insufficientPods(s, store.clock.iso());
      s.disruptedPods = { ...(s.disruptedPods ?? {}), [podName]: store.clock.iso() };
      b.status = s;
    }),
  );
}

/**
 * POST pods/<name>/eviction. Throws ApiError NotFound (no such pod), TooManyRequests (a budget
 * forbids it) or InternalError (more than one budget); otherwise the pod is marked
 * DisruptionTarget and deleted with `opts`.
 */
export function evictPod(
  api: ApiServer,
  store: ObjectStore,
  namespace: string,
  name: string,
  opts: DeleteOptions = {},
): void {
  const pod = store.get<Pod>('Pod', namespace, name);
  if (!pod) throw notFound('Pod', name);
  const phase = pod.status?.phase;
  const ignoreBudgets =
    phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!ignoreBudgets) {
    const pdbs = store
      .list<PodDisruptionBudget>('PodDisruptionBudget', namespace)
      .filter((b) => b.spec.selector && matchesLabelSelector(b.spec.selector, pod.metadata.labels));
    if (pdbs.length > 1)
      throw new ApiError(
        'InternalError',
        'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
        500,
      );
    if (pdbs.length === 1) {
      const pdb = pdbs[0];
      const st = pdb.status ?? {};
      const unhealthyMayGo =
        !isReady(pod) &&
        (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow' ||
          ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0));
      if (!unhealthyMayGo) checkAndDecrement(store, pdb, name);
    }
  }
  if (pod.spec.nodeName && !pod.metadata.deletionTimestamp) {
    // the eviction REST updates the pod in its storage directly: no field manager (pkg/registry/core/pod/storage/eviction.go)
    store.as(undefined, () =>
      store.mutate<Pod>('Pod', namespace, name, (p) => {
        p.status = p.status ?? {};
        const conds = (p.status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
        conds.push({
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'EvictionByEvictionAPI',
          message: 'Eviction API: evicting',
          lastTransitionTime: store.clock.iso(),
          lastProbeTime: null,
        });
        p.status.conditions = conds;
      }),
    );
  }
  api.delete('Pod', namespace, name, opts);
}
