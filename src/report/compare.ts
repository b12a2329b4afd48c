// A/B comparison of scheduler configurations: the same inventory and workload files applied to
// a fresh cluster under each KubeSchedulerConfiguration (same seed), then where every pod ended
// up, which pods stayed pending, and how loaded each node is.
//
// Utilisation of a node = Σ requests of the non-terminal pods bound to it ÷ its allocatable, for
// cpu and memory. Imbalance = the coefficient of variation (population standard deviation ÷
// mean) of the cpu utilisation across the schedulable nodes (Ready, not cordoned); 0 when the
// mean is 0. 0 means perfectly even; bin-packing drives it up, spreading drives it down.

import { basename, extname } from 'node:path';
import type { Node, Pod } from '../api/types.ts';
import { podRequests, toAmounts } from '../api/resources.ts';
import type { Cluster, ClusterOptions } from '../cluster/cluster.ts';
import { createEmptyCluster } from '../cluster/bootstrap.ts';
import { applyInventory, readInventoryShared } from '../inventory/inventory.ts';
import { schedulerProfilesFrom } from '../config/schedulerconfig.ts';
import type { ResolvedProfile } from '../scheduler/profile.ts';
import { DEFAULT_SCHEDULER_NAME } from '../api/defaults.ts';

export interface ConfigSource {
  label: string;
  text: string;
  source: string;
}
export interface InputFile {
  text: string;
  file: string;
}

export interface NodeUsage {
  node: string;
  cpu: number;
  memory: number;
}

export interface ConfigRun {
  label: string;
  cluster: Cluster;
  /** namespace/name → node ('' = pending), for every pod. */
  placement: Map<string, string>;
  pending: string[];
  usage: NodeUsage[];
  imbalance: number;
}

export interface Comparison {
  runs: ConfigRun[];
  /** Pods whose node differs between at least two runs (a pod missing from a run counts as '-'). */
  differences: { pod: string; nodes: string[] }[];
}

/** `bin-packing.yaml` → `bin-packing`. */
export const labelOf = (path: string): string => basename(path, extname(path));

/** The ClusterOptions running these profiles (one Scheduler per schedulerName). */
export function clusterOptionsFor(profiles: ResolvedProfile[], seed: number): ClusterOptions {
  const opts = (p: ResolvedProfile) => ({ plugins: p.plugins, percentageOfNodesToScore: p.percentageOfNodesToScore });
  if (profiles.length === 1 && profiles[0].schedulerName === DEFAULT_SCHEDULER_NAME)
    return { seed, ...opts(profiles[0]) };
  return { seed, profiles: profiles.map((p) => ({ schedulerName: p.schedulerName, ...opts(p) })) };
}

/** A cluster under the configuration, with the files applied in order. */
export function runUnderConfig(config: ConfigSource | undefined, files: InputFile[], seed: number): Cluster {
  const profiles = config ? schedulerProfilesFrom(config.text, config.source) : undefined;
  const cluster = createEmptyCluster(profiles ? clusterOptionsFor(profiles, seed) : { seed });
  for (const f of files) applyInventory(cluster, readInventoryShared(f.text, f.file).entries);
  return cluster;
}

const key = (p: Pod) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function schedulable(n: Node): boolean {
  return !n.spec?.unschedulable && (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Per-node cpu and memory utilisation (0–1) of the cluster's schedulable nodes, by node name. */
export function nodeUsage(cluster: Cluster): NodeUsage[] {
  const pods = cluster.store.list<Pod>('Pod').filter((p) => p.spec.nodeName && !isTerminal(p));
  return cluster.store
    .list<Node>('Node')
    .filter(schedulable)
    .map((n) => {
      const alloc = toAmounts(n.status?.allocatable);
      const used = { cpu: 0, memory: 0 };
      for (const p of pods) {
        if (p.spec.nodeName !== n.metadata.name) continue;
        const r = podRequests(p);
        used.cpu += r.cpu ?? 0;
        used.memory += r.memory ?? 0;
      }
      return {
        node: n.metadata.name!,
        cpu: alloc.cpu ? used.cpu / alloc.cpu : 0,
        memory: alloc.memory ? used.memory / alloc.memory : 0,
      };
    })
    .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/** Coefficient of variation (population) of the values; 0 for an empty list or a zero mean. */
export function coefficientOfVariation(values: number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (mean === 0) return 0;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

export function summarise(label: string, cluster: Cluster): ConfigRun {
  const placement = new Map<string, string>();
  const pending: string[] = [];
  for (const p of cluster.store.list<Pod>('Pod')) {
    if (isTerminal(p)) continue;
    placement.set(key(p), p.spec.nodeName ?? '');
    if (!p.spec.nodeName) pending.push(key(p));
  }
  const usage = nodeUsage(cluster);
  return {
    label,
    cluster,
    placement,
    pending: pending.sort(),
    usage,
    imbalance: coefficientOfVariation(usage.map((u) => u.cpu)),
  };
}

/** Runs the files under each configuration and lines the results up. */
export function compareConfigs(configs: ConfigSource[], files: InputFile[], seed: number): Comparison {
  const runs = configs.map((c) => summarise(c.label, runUnderConfig(c, files, seed)));
  const pods = [...new Set(runs.flatMap((r) => [...r.placement.keys()]))].sort();
  const differences: Comparison['differences'] = [];
  for (const pod of pods) {
    const nodes = runs.map((r) => (r.placement.has(pod) ? r.placement.get(pod) || '<pending>' : '-'));
    if (new Set(nodes).size > 1) differences.push({ pod, nodes });
  }
  return { runs, differences };
}

/** Names of the nodes the pods matching `filter` run on, under one run. */
export function nodesUsed(run: ConfigRun, filter: (p: Pod) => boolean): string[] {
  return [
    ...new Set(
      run.cluster.store
        .list<Pod>('Pod')
        .filter((p) => p.spec.nodeName && !isTerminal(p) && filter(p))
        .map((p) => p.spec.nodeName!),
    ),
  ].sort();
}
