// What "settled" means before a kubectl command on a real cluster. On the simulator a When-step
// returns with its cluster settled (the scheduler has placed or refused every pod, each bound
// pod's kubelet has started its containers, each controller has caught up), so the next command
// reads that state. A real cluster gets there a moment later; the kubeconfig backend waits (a
// bounded time) until the scenario's namespace shows none of the states below before it runs the
// next kubectl command, so that `kubectl exec` right after `kubectl run` finds its container, as
// on the simulator. States that last (CrashLoopBackOff, ImagePullBackOff, an unschedulable pod, an
// init container waiting for a Service) are settled states: they do not hold the command back.

import type { CoreEvent, KubeObject, Pod } from '../api/types.ts';

interface Workload extends KubeObject {
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; replicas?: number };
}

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** Why the namespace's objects are not settled yet (one line per object), or an empty list. */
export function unsettled(objects: readonly KubeObject[], events: readonly CoreEvent[]): string[] {
  const refused = new Set(
    events
      .filter((e) => e.reason === 'FailedScheduling' && e.involvedObject.kind === 'Pod')
      .map((e) => e.involvedObject.uid ?? e.involvedObject.name),
  );
  const out: string[] = [];
  for (const o of objects) {
    const name = `${o.kind.toLowerCase()} ${o.metadata.name}`;
    if (o.kind === 'Pod') {
      const p = o as Pod;
      if (p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      if (!p.spec.nodeName) {
        // the scheduler has not decided yet: neither bound nor refused (FailedScheduling, PodScheduled False)
        const decided =
          (p.spec.schedulingGates ?? []).length > 0 ||
          refused.has(p.metadata.uid ?? '') ||
          refused.has(p.metadata.name!) ||
          p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False');
        if (!decided) out.push(`${name}: not scheduled yet`);
        continue;
      }
      const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
      if (statuses.length === 0) out.push(`${name}: its kubelet has not reported yet`);
      else if (statuses.some((s) => s.state?.waiting?.reason === 'ContainerCreating'))
        out.push(`${name}: ContainerCreating`);
      continue;
    }
    if (!WORKLOADS.has(o.kind)) continue;
    const w = o as Workload;
    if ((w.status?.observedGeneration ?? 0) < (w.metadata.generation ?? 0))
      out.push(`${name}: its controller has not seen generation ${w.metadata.generation} yet`);
    else if (o.kind === 'ReplicaSet' && (w.status?.replicas ?? 0) !== (w.spec?.replicas ?? 1))
      out.push(`${name}: ${w.status?.replicas ?? 0} of ${w.spec?.replicas ?? 1} pods`);
  }
  return out;
}
