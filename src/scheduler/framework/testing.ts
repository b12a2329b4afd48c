// Builders for scheduler unit tests: concise nodes and pods (like the upstream
// st.MakeNode()/st.MakePod() wrappers) and a SchedulerContext over them.

import type { Namespace, Node, Pod, PodSpec, ReplicaSet, Service, StatefulSet, Taint } from '../../api/types.ts';
import { defaultPodSpec } from '../../api/defaults.ts';
import { buildSnapshot } from './snapshot.ts';
import {
  CycleState,
  type Code,
  type FilterPlugin,
  type Listers,
  type PreFilterPlugin,
  type SchedulerContext,
} from './types.ts';
import { newPodInfo } from './nodeinfo.ts';

export interface NodeOpts {
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  /** e.g. { cpu: '2', memory: '4Gi', pods: 110 } (pods defaults to 110) */
  allocatable?: Record<string, string | number>;
  images?: { names: string[]; sizeBytes: number }[];
}

export function makeNode(name: string, o: NodeOpts = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: {
      allocatable: { pods: 110, ...(o.allocatable ?? {}) },
      capacity: { pods: 110, ...(o.allocatable ?? {}) },
      images: o.images,
    },
  };
}

export interface PodOpts extends Partial<PodSpec> {
  namespace?: string;
  labels?: Record<string, string>;
  /** Shorthand: one container with these requests, e.g. { cpu: '500m', memory: '1Gi' }. */
  requests?: Record<string, string>;
  ownerKind?: string;
  ownerName?: string;
  deleting?: boolean;
  phase?: Pod['status'] extends infer S ? (S extends { phase?: infer P } ? P : never) : never;
}

export function makePod(name: string, o: PodOpts = {}): Pod {
  const { namespace, labels, requests, ownerKind, ownerName, deleting, phase, ...spec } = o;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: namespace ?? 'default', labels, uid: `uid-${name}` },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: requests ? { requests } : {} }], ...spec } as PodSpec,
    status: { phase: phase ?? 'Pending' },
  };
  if (ownerKind)
    pod.metadata.ownerReferences = [
      {
        apiVersion: 'apps/v1',
        kind: ownerKind,
        name: ownerName ?? 'owner',
        uid: `uid-${ownerName ?? 'owner'}`,
        controller: true,
      },
    ];
  if (deleting) pod.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  defaultPodSpec(pod.spec);
  pod.spec.priority ??= 0;
  return pod;
}

export interface ObjectsOpts {
  namespaces?: Namespace[];
  services?: Service[];
  replicaSets?: ReplicaSet[];
  statefulSets?: StatefulSet[];
}

export function makeListers(o: ObjectsOpts = {}): Listers {
  const nss: Namespace[] =
    o.namespaces ??
    ['default'].map((n) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: n, labels: { 'kubernetes.io/metadata.name': n } },
    }));
  return {
    namespace: (n) => nss.find((x) => x.metadata.name === n),
    namespaces: () => nss,
    services: (ns) => (o.services ?? []).filter((s) => (s.metadata.namespace ?? 'default') === ns),
    replicaSets: (ns) => (o.replicaSets ?? []).filter((s) => (s.metadata.namespace ?? 'default') === ns),
    statefulSets: (ns) => (o.statefulSets ?? []).filter((s) => (s.metadata.namespace ?? 'default') === ns),
    replicationControllers: () => [],
  };
}

/** A context whose snapshot holds these nodes with the pods that name them in spec.nodeName. */
export function makeContext(nodes: Node[], pods: Pod[] = [], objects: ObjectsOpts = {}): SchedulerContext {
  return { snapshot: buildSnapshot(nodes, pods), listers: makeListers(objects) };
}

/** The outcome of one node's Filter: its status code, or 'Success'. */
export type FilterOutcome = Code | 'Success';

/**
 * Runs a plugin's PreFilter, then its Filter on every node of the snapshot (the framework's order
 * for one plugin). 'Skip' when PreFilter skipped; throws if PreFilter rejected the pod.
 */
export function preFilterThenFilter(
  plugin: PreFilterPlugin & FilterPlugin,
  incoming: Pod,
  nodes: Node[],
  existing: Pod[] = [],
  objs: ObjectsOpts = {},
): Record<string, FilterOutcome> | 'Skip' {
  const ctx = makeContext(nodes, existing, objs);
  const state = new CycleState();
  const pi = newPodInfo(incoming);
  const pre = plugin.preFilter(ctx, state, pi);
  if (pre.status?.code === 'Skip') return 'Skip';
  if (pre.status) throw new Error(`PreFilter of ${plugin.name} rejected the pod: ${pre.status.reasons.join(', ')}`);
  const out: Record<string, FilterOutcome> = {};
  for (const ni of ctx.snapshot.nodeInfos) out[ni.name] = plugin.filter(ctx, state, pi, ni)?.code ?? 'Success';
  return out;
}
