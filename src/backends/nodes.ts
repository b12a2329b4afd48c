// The nodes a scenario describes (`Given a cluster with nodes:`, `Given the nodes from …`) on a
// real cluster: how an existing node differs from the description (then the scenario is skipped,
// not run on a cluster it does not describe), and the Node object the kubeconfig backend creates
// where the run allows it (createNodes, on kube-scenarios serve) — the same node the simulator's
// addNode builds (src/cluster/bootstrap.ts). Taints compare by key, value and effect (MatchTaint).

import type { Node } from '../api/types.ts';
import { kubeletLabels, type NodeSpecInput } from '../cluster/bootstrap.ts';

/** How an existing node differs from the scenario's: labels it lacks, taints missing or extra, cordon. */
export function nodeDifferences(spec: NodeSpecInput, node: Node): string[] {
  const out: string[] = [];
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.labels ?? {}))
    if (labels[k] !== v)
      out.push(`node ${spec.name} has ${k in labels ? `label ${k}=${labels[k]}` : `no label ${k}`}, not ${k}=${v}`);
  const text = (t: { key: string; value?: string; effect: string }) =>
    `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
  const want = new Set((spec.taints ?? []).map(text));
  const have = new Set((node.spec?.taints ?? []).map(text));
  for (const t of want) if (!have.has(t)) out.push(`node ${spec.name} has no taint ${t}`);
  for (const t of have)
    if (!want.has(t)) out.push(`node ${spec.name} has the taint ${t}, which the scenario does not give it`);
  if ((node.spec?.unschedulable === true) !== (spec.unschedulable === true))
    out.push(`node ${spec.name} is ${node.spec?.unschedulable ? '' : 'not '}cordoned`);
  return out;
}

/** A Ready node as the simulator's addNode builds it (kubelet labels, 2 CPUs, 2Gi, 110 pods by default). */
export function nodeObject(spec: NodeSpecInput): Node {
  const resources = { cpu: spec.cpu ?? '2', memory: spec.memory ?? '2Gi', pods: String(spec.pods ?? 110) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: spec.name, labels: { ...kubeletLabels(spec.name), ...(spec.labels ?? {}) } },
    spec: {
      ...(spec.taints?.length ? { taints: spec.taints } : {}),
      ...(spec.unschedulable ? { unschedulable: true } : {}),
    },
    status: { capacity: resources, allocatable: { ...resources } },
  } as Node;
}
