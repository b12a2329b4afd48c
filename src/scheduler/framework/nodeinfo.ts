// Building and updating NodeInfo/PodInfo (framework/types.go NewNodeInfo, AddPod, RemovePod,
// NewPodInfo). Kept incremental so the scheduler cache never rebuilds a node from scratch.

import type { Container, Node, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/types.ts';
import { podNonZeroRequests, podRequests, toAmounts, isSidecar } from '../../api/resources.ts';
import type { AffinityTerm, HostPortEntry, NodeInfo, PodInfo, WeightedAffinityTerm } from './types.ts';

export const podKey = (pod: Pod): string => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;

function affinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const explicit = t.namespaces ?? [];
  const namespaces =
    explicit.length === 0 && !t.namespaceSelector ? new Set([pod.metadata.namespace ?? 'default']) : new Set(explicit);
  return {
    namespaces,
    namespaceSelector: t.namespaceSelector ?? null,
    selector: t.labelSelector ?? null,
    topologyKey: t.topologyKey,
  };
}

function weighted(pod: Pod, terms: WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight }));
}

export function newPodInfo(pod: Pod): PodInfo {
  const a = pod.spec.affinity;
  return {
    pod,
    key: podKey(pod),
    requests: podRequests(pod),
    nonZero: podNonZeroRequests(pod),
    requiredAffinityTerms: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      affinityTerm(pod, t),
    ),
    requiredAntiAffinityTerms: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      affinityTerm(pod, t),
    ),
    preferredAffinityTerms: weighted(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weighted(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

export const hasAffinity = (p: PodInfo): boolean =>
  p.requiredAffinityTerms.length +
    p.requiredAntiAffinityTerms.length +
    p.preferredAffinityTerms.length +
    p.preferredAntiAffinityTerms.length >
  0;

/** Image name normalisation of ImageLocality: `nginx` → `nginx:latest`; tags and digests kept. */
export function normalizedImageName(name: string): string {
  if (name.includes('@')) return name;
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export function newNodeInfo(node: Node): NodeInfo {
  const imageSizes = new Map<string, number>();
  for (const img of node.status?.images ?? []) for (const n of img.names ?? []) imageSizes.set(n, img.sizeBytes ?? 0);
  const allocatable = toAmounts(node.status?.allocatable);
  return {
    name: node.metadata.name!,
    node,
    pods: [],
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
    requested: {},
    nonZeroRequestedCpu: 0,
    nonZeroRequestedMemory: 0,
    allocatable,
    allocatableCpu: allocatable.cpu ?? 0,
    allocatableMemory: allocatable.memory ?? 0,
    allocatableEphemeralStorage: allocatable['ephemeral-storage'] ?? 0,
    allocatablePods: allocatable.pods ?? 0,
    requestedCpu: 0,
    requestedMemory: 0,
    requestedEphemeralStorage: 0,
    usedPorts: [],
    unschedulable: !!node.spec?.unschedulable,
    taints: node.spec?.taints?.length ? node.spec.taints : undefined,
    labels: node.metadata.labels,
    snapshotIndex: -1,
    imageSizes,
  };
}

function addHostPorts(c: Container, out: HostPortEntry[]): void {
  if (!c.ports) return;
  for (const p of c.ports) {
    if (p.hostPort && p.hostPort > 0)
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
  }
}

/** Host ports a pod occupies: containers and sidecar init containers with hostPort > 0. */
export function podHostPorts(pod: Pod): HostPortEntry[] {
  const out: HostPortEntry[] = [];
  for (const c of pod.spec.initContainers ?? []) if (isSidecar(c)) addHostPorts(c, out);
  for (const c of pod.spec.containers ?? []) addHostPorts(c, out);
  return out;
}

/** Copies the map's cpu / memory / ephemeral-storage into the plain fields. */
function syncRequested(ni: NodeInfo): void {
  const r = ni.requested;
  ni.requestedCpu = r.cpu ?? 0;
  ni.requestedMemory = r.memory ?? 0;
  ni.requestedEphemeralStorage = r['ephemeral-storage'] ?? 0;
}

export function addPodToNodeInfo(ni: NodeInfo, pi: PodInfo): void {
  ni.pods.push(pi);
  if (hasAffinity(pi)) ni.podsWithAffinity.push(pi);
  if (pi.requiredAntiAffinityTerms.length) ni.podsWithRequiredAntiAffinity.push(pi);
  const requests = pi.requests,
    requested = ni.requested;
  for (const k in requests) requested[k] = (requested[k] ?? 0) + requests[k]; // (no entry arrays: every binding comes here)
  syncRequested(ni);
  ni.nonZeroRequestedCpu += pi.nonZero.cpu;
  ni.nonZeroRequestedMemory += pi.nonZero.memory;
  const ports = podHostPorts(pi.pod);
  if (ports.length > 0) ni.usedPorts.push(...ports);
}

/** Removes the pod with this key; returns false if it was not on the node. */
export function removePodFromNodeInfo(ni: NodeInfo, key: string): boolean {
  const i = ni.pods.findIndex((p) => p.key === key);
  if (i < 0) return false;
  const pi = ni.pods[i];
  ni.pods.splice(i, 1);
  // The two lists hold the very PodInfo that was added, and only when it has such terms.
  if (hasAffinity(pi)) ni.podsWithAffinity = ni.podsWithAffinity.filter((p) => p.key !== key);
  if (pi.requiredAntiAffinityTerms.length)
    ni.podsWithRequiredAntiAffinity = ni.podsWithRequiredAntiAffinity.filter((p) => p.key !== key);
  for (const [k, v] of Object.entries(pi.requests)) ni.requested[k] = (ni.requested[k] ?? 0) - v;
  syncRequested(ni);
  ni.nonZeroRequestedCpu -= pi.nonZero.cpu;
  ni.nonZeroRequestedMemory -= pi.nonZero.memory;
  const ports = ni.usedPorts.length > 0 ? podHostPorts(pi.pod) : [];
  for (const p of ports) {
    const j = ni.usedPorts.findIndex((u) => u.ip === p.ip && u.protocol === p.protocol && u.port === p.port);
    if (j >= 0) ni.usedPorts.splice(j, 1);
  }
  return true;
}

export function cloneNodeInfo(ni: NodeInfo): NodeInfo {
  return {
    ...ni,
    pods: [...ni.pods],
    podsWithAffinity: [...ni.podsWithAffinity],
    podsWithRequiredAntiAffinity: [...ni.podsWithRequiredAntiAffinity],
    requested: { ...ni.requested },
    usedPorts: [...ni.usedPorts],
  };
}
