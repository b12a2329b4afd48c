// The scheduler's per-pod and per-node records (pkg/scheduler/framework/types.go PodInfo,
// NodeInfo, AffinityTerm): data only, below the rest of framework/ (types.ts re-exports them), so
// that the snapshot, the affinity index and the node amounts can name them without a cycle.

import type { LabelSelector, Node, Pod, Taint } from '../../api/types.ts';
import type { Amounts } from '../../api/resources.ts';
import type { CompiledSelector } from './selector.ts';

/** A pod-(anti-)affinity term with its namespaces resolved (framework.AffinityTerm). */
export interface AffinityTerm {
  /** Explicit namespaces (or the owner pod's own namespace when neither list nor selector is set). */
  namespaces: Set<string>;
  /** namespaceSelector as written; null when absent. `{}` selects every namespace. */
  namespaceSelector: LabelSelector | null;
  /** labelSelector; null matches no pod. */
  selector: LabelSelector | null;
  topologyKey: string;
  /** `selector` compiled on first use (see termMatchesLabels). */
  compiled?: CompiledSelector;
}
export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** Per-pod data computed once (framework.PodInfo). */
export interface PodInfo {
  pod: Pod;
  /** namespace/name */
  key: string;
  /** Effective requests (cpu millicores, memory bytes, ephemeral-storage, extended resources). */
  requests: Amounts;
  /** Requests with 100m / 200Mi assumed for containers that set none (scoring only). */
  nonZero: { cpu: number; memory: number };
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
}

export interface HostPortEntry {
  ip: string;
  protocol: string;
  port: number;
}

/** Aggregated state of one node (framework.NodeInfo). */
export interface NodeInfo {
  name: string;
  node: Node;
  /** Pods assigned to the node (bound or assumed), terminal pods excluded. */
  pods: PodInfo[];
  podsWithAffinity: PodInfo[];
  podsWithRequiredAntiAffinity: PodInfo[];
  /** Σ requests of pods (Amounts keys: cpu, memory, ephemeral-storage, extended names). */
  requested: Amounts;
  /** Σ non-zero cpu / memory requests of pods (scoring). */
  nonZeroRequestedCpu: number;
  nonZeroRequestedMemory: number;
  /** status.allocatable as integer amounts (cpu in millicores, pods as a count). */
  allocatable: Amounts;
  /**
   * The amounts every cycle reads, as plain numbers (always equal to the maps' entries, 0 when
   * absent): per-node resource checks and scores read fields instead of string-keyed lookups.
   */
  allocatableCpu: number;
  allocatableMemory: number;
  allocatableEphemeralStorage: number;
  allocatablePods: number;
  requestedCpu: number;
  requestedMemory: number;
  requestedEphemeralStorage: number;
  usedPorts: HostPortEntry[];
  /** node.spec.unschedulable, and node.spec.taints when there are any: read by every cycle's filters without visiting the Node (the cache builds a new NodeInfo whenever its Node changes). */
  unschedulable: boolean;
  taints: Taint[] | undefined;
  /** node.metadata.labels (the same object), read per node by the topology-aware plugins. */
  labels: Record<string, string> | undefined;
  /** Position in the nodeInfos of the latest snapshot built over this NodeInfo (for NodeMemo); -1 before any. */
  snapshotIndex: number;
  /** Image name exactly as listed in node.status.images → size in bytes (the cache does not normalise node-side names). */
  imageSizes: Map<string, number>;
}
