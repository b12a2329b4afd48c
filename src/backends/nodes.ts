// The nodes a scenario describes (`Given a cluster with nodes:`, `Given the nodes from …`) on a
// real cluster: how an existing node differs from the description (then the scenario is skipped,
// not run on a cluster it does not describe), and the Node object the kubeconfig backend creates
// where the run allows it (createNodes, on kube-scenarios serve) — the same node the simulator's
// addNode builds (src/cluster/bootstrap.ts), and the status a kubelet posts for it: a Node created
// through the API has no conditions (kube-apiserver keeps no kubelet's status) and stays NotReady
// until its kubelet reports, so the backend posts the healthy status the simulator's node starts
// with (pkg/kubelet/kubelet_node_status.go setNodeStatus). Taints compare by key, value and effect (MatchTaint).

import type { Node } from '../api/types.ts';
import { K8S_VERSION, kubeletLabels, type NodeSpecInput } from '../cluster/bootstrap.ts';
import { healthyNodeConditions } from '../kubelet/nodestatus.ts';

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

/** The Node object of the simulator's addNode (kubelet labels, taints, cordon); its status comes from nodeStatus. */
export function nodeObject(spec: NodeSpecInput): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: spec.name, labels: { ...kubeletLabels(spec.name), ...(spec.labels ?? {}) } },
    spec: {
      ...(spec.taints?.length ? { taints: spec.taints } : {}),
      ...(spec.unschedulable ? { unschedulable: true } : {}),
    },
  } as Node;
}

/** The status a kubelet posts for the node: capacity, allocatable, healthy conditions at `now`, its address and version. */
export function nodeStatus(spec: NodeSpecInput, now: string): NonNullable<Node['status']> {
  const resources = { cpu: spec.cpu ?? '2', memory: spec.memory ?? '2Gi', pods: String(spec.pods ?? 110) };
  return {
    capacity: resources,
    allocatable: { ...resources },
    conditions: healthyNodeConditions(now),
    addresses: [{ type: 'Hostname', address: spec.name }],
    nodeInfo: { kubeletVersion: K8S_VERSION, operatingSystem: 'linux', architecture: 'amd64' },
    ...(spec.images ? { images: spec.images } : {}),
  } as NonNullable<Node['status']>;
}
