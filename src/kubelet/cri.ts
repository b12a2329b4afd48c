// The node's container runtime as `crictl pods` / `crictl ps [-a]` show it (cri-tools cmd/crictl):
// one sandbox (pause container) per pod the kubelet runs, created with the pod and removed
// with it; the containers of each sandbox, one entry per instance (restarts are new instances
// with ATTEMPT = their restart count). The printers are kubectl/crictl's business; these are data.

import type { KubeletHost } from './manager.ts';
import { imageRef } from './images.ts';

export interface RuntimeSandbox {
  id: string;
  createdAt: number;
  state: 'Ready' | 'NotReady';
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  runtime: string;
}

export interface RuntimeContainer {
  id: string;
  image: string;
  imageRef: string;
  createdAt: number;
  state: 'Running' | 'Exited' | 'Created';
  name: string;
  attempt: number;
  podSandboxId: string;
  podName: string;
  namespace: string;
}

/** `crictl pods`: newest first, like crictl sorts by creation time. */
export function runtimeSandboxes(cluster: KubeletHost, node: string): RuntimeSandbox[] {
  return cluster.kubelets
    .sandboxes(node)
    .filter((s) => !s.sandbox.removed)
    .map(({ sandbox, rt }) => ({
      id: sandbox.id,
      createdAt: sandbox.createdAt,
      state: sandbox.ready ? ('Ready' as const) : ('NotReady' as const),
      name: rt.pod.metadata.name!,
      namespace: rt.pod.metadata.namespace ?? 'default',
      uid: rt.uid,
      attempt: sandbox.attempt,
      runtime: '(default)',
    }))
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** `crictl ps` (running only) or `crictl ps -a` (with exited instances); the pause container is never listed. */
export function runtimeContainers(
  cluster: KubeletHost,
  node: string,
  opts: { all?: boolean } = {},
): RuntimeContainer[] {
  const out: RuntimeContainer[] = [];
  for (const { sandbox, rt } of cluster.kubelets.sandboxes(node)) {
    if (sandbox.removed) continue;
    for (const cs of rt.containers.values()) {
      for (const inst of cs.instances) {
        const state = inst.finishedAt === undefined ? ('Running' as const) : ('Exited' as const);
        if (state !== 'Running' && !opts.all) continue;
        out.push({
          id: inst.id,
          image: inst.image,
          imageRef: imageRef(inst.image),
          createdAt: inst.createdAt,
          state,
          name: cs.c.name,
          attempt: inst.attempt,
          podSandboxId: sandbox.id,
          podName: rt.pod.metadata.name!,
          namespace: rt.pod.metadata.namespace ?? 'default',
        });
      }
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || (a.name < b.name ? -1 : 1));
}
