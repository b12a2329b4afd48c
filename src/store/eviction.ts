// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, policy/v1): deletes
// a pod unless that would violate a PodDisruptionBudget, in which case it answers 429
// TooManyRequests "Cannot evict pod as it would violate the pod's disruption budget.".
//
// Simplification: the budget's numbers (expected pods, healthy pods, disruptions allowed) are
// computed from the live pods at the moment of the request, as the disruption controller would
// have computed them, instead of being read from a PDB status that a controller keeps current.
// Pods already being deleted are not healthy, which stands in for status.disruptedPods.

import type { Pod, PodDisruptionBudget } from '../api/types.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import { NotSupportedError } from '../util/errors.ts';
import type { ApiServer, DeleteOptions } from './apiserver.ts';
import { notFound, tooManyRequests } from './errors.ts';
import type { ObjectStore } from './store.ts';

export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

export interface BudgetNumbers {
  expectedPods: number;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
}

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true). */
function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (m) return Math.ceil((parseInt(m[1], 10) * total) / 100);
  if (/^\d+$/.test(v)) return parseInt(v, 10);
  throw new NotSupportedError(`PodDisruptionBudget value ${JSON.stringify(v)}`);
}

/** What the disruption controller would write into the budget's status now. */
export function budgetNumbers(pdb: PodDisruptionBudget, store: ObjectStore): BudgetNumbers {
  const sel = pdb.spec.selector;
  const pods = store
    .list<Pod>('Pod', pdb.metadata.namespace)
    .filter((p) => sel && matchesLabelSelector(sel, p.metadata.labels))
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const expectedPods = pods.length;
  const currentHealthy = pods.filter((p) => !p.metadata.deletionTimestamp && isReady(p)).length;
  let desiredHealthy: number;
  if (pdb.spec.minAvailable !== undefined) desiredHealthy = scaled(pdb.spec.minAvailable, expectedPods);
  else if (pdb.spec.maxUnavailable !== undefined)
    desiredHealthy = Math.max(0, expectedPods - scaled(pdb.spec.maxUnavailable, expectedPods));
  else desiredHealthy = expectedPods;
  return {
    expectedPods,
    currentHealthy,
    desiredHealthy,
    disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy),
  };
}

/**
 * POST pods/<name>/eviction. Throws ApiError NotFound (no such pod) or TooManyRequests (a
 * budget forbids it); otherwise the pod is marked DisruptionTarget and deleted with `opts`.
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
      throw new NotSupportedError(`evicting pod ${namespace}/${name}: it has more than one PodDisruptionBudget`);
    if (pdbs.length === 1) {
      const n = budgetNumbers(pdbs[0], store);
      // unhealthyPodEvictionPolicy IfHealthyBudget: an unready pod may go while the budget is met.
      const unhealthyOk = !isReady(pod) && n.currentHealthy >= n.desiredHealthy;
      if (!unhealthyOk && n.disruptionsAllowed <= 0) throw tooManyRequests(PDB_VIOLATION);
    }
  }
  if (pod.spec.nodeName && !pod.metadata.deletionTimestamp) {
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
    });
  }
  api.delete('Pod', namespace, name, opts);
}
