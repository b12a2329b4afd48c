// getPodStatusForController of `kubectl describe` (staging/src/k8s.io/kubectl/pkg/describe/describe.go):
// the `Pods Status:` counts of a ReplicaSet, ReplicationController, DaemonSet or StatefulSet — the
// pods matching its selector whose controller reference is the owner, by phase.

import type { KubeObject, Pod } from '../../api/types.ts';
import { controllerRef, ownedInNamespace } from '../../controllers/common.ts';
import type { Ctx } from '../flags.ts';

/** `N Running / N Waiting / N Succeeded / N Failed` of the pods `matches` selects that `owner` controls. */
export function podsStatus(
  ctx: Ctx,
  owner: KubeObject,
  matches: (labels: Record<string, string> | undefined) => boolean,
): string {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of ownedInNamespace<Pod>(ctx.cluster.store, 'Pod', owner)) {
    if (controllerRef(p)?.uid !== owner.metadata.uid || !matches(p.metadata.labels)) continue;
    const phase = p.status?.phase ?? '';
    if (phase in n) n[phase]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}
