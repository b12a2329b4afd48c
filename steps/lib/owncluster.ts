// What the own-cluster steps remember per scenario: the scheduler configuration and the files
// loaded (inventories, existing pods, installed charts), in order, so that a scenario's input can
// be replayed under another configuration (comparisons) or another seed ("for every seed …").
// Only these files are replayed — kubectl commands run by the scenario are not.
// Drains ("draining any one node …") run on copies of such a replay, one per node.

import type { Pod } from '../../src/api/types.ts';
import type { Cluster, ClusterOptions } from '../../src/cluster/cluster.ts';
import { runKubectl, type KubectlResult } from '../../src/kubectl/kubectl.ts';
import { createEmptyCluster } from '../../src/cluster/bootstrap.ts';
import { clusterOptionsFor, type Comparison } from '../../src/report/compare.ts';
import type { ResolvedProfile } from '../../src/scheduler/profile.ts';
import { applyInventory, readInventoryShared, type Inventory } from '../../src/inventory/inventory.ts';

export interface LoadedFile {
  file: string;
  text: string;
}

export interface OwnClusterState {
  config?: { file: string; text: string; profiles: ResolvedProfile[] };
  files: LoadedFile[];
  comparison?: Comparison;
  /** Notes about skipped documents, for error messages. */
  skipped: string[];
  /** Clusters replayed for "for every seed" steps, by seed, for the input in `key` (see replayFor). */
  replays?: { key: string[]; bySeed: Map<number, Cluster> };
}

const states = new WeakMap<object, OwnClusterState>();

export function stateOf(world: object): OwnClusterState {
  let s = states.get(world);
  if (!s) {
    s = { files: [], skipped: [] };
    states.set(world, s);
  }
  return s;
}

const optionsFor = (profiles: ResolvedProfile[] | undefined, seed: number): ClusterOptions =>
  profiles ? clusterOptionsFor(profiles, seed) : { seed };

/** An empty cluster (bootstrap objects only) running the profiles, or kube-scheduler's defaults. */
export function emptyCluster(profiles: ResolvedProfile[] | undefined, seed: number): Cluster {
  return createEmptyCluster(optionsFor(profiles, seed));
}

/** The file parsed once for every replay (see readInventoryShared). */
const inventoryOf = (f: LoadedFile): Inventory => readInventoryShared(f.text, f.file);

/** Applies a file's objects (skipping kinds the simulator does not model); returns the skipped note entries. */
export function applyFile(cluster: Cluster, f: LoadedFile): string[] {
  const inv = inventoryOf(f);
  applyInventory(cluster, inv.entries, { settleEach: false });
  return inv.skipped.map((s) => `${s.kind}/${s.name}`);
}

/** The scenario's files replayed on a fresh cluster under the profiles and seed. */
export function replay(files: LoadedFile[], profiles: ResolvedProfile[] | undefined, seed: number): Cluster {
  const cluster = emptyCluster(profiles, seed);
  for (const f of files) applyFile(cluster, f);
  return cluster;
}

/**
 * The scenario's files replayed with a seed; a scenario with several "for every seed" steps over
 * the same input replays each seed once (replays are deterministic and the steps only read them).
 */
export function replayFor(s: OwnClusterState, seed: number): Cluster {
  // (Compared item by item: joining the texts into one key cost more than some replays.)
  const key = [s.config?.text ?? '', ...s.files.flatMap((f) => [f.file, f.text])];
  const old = s.replays;
  const replays =
    old && old.key.length === key.length && key.every((k, i) => k === old.key[i])
      ? old
      : (s.replays = { key, bySeed: new Map() });
  let cluster = replays.bySeed.get(seed);
  if (!cluster) {
    cluster = replay(s.files, s.config?.profiles, seed);
    replays.bySeed.set(seed, cluster);
  }
  return cluster;
}

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export const isLive = (p: Pod) =>
  p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp;

/**
 * Pods of the scenario's captures (`kubectl get pods -A -o yaml`) that are bound to a node and
 * were created by a ReplicaSet, StatefulSet, Job or ReplicationController, by namespace/name.
 * The import drops their owner references (the owners are not in the capture), so in the
 * simulator nothing would recreate them after an eviction; a real cluster's controller would.
 */
function capturedReplicatedPods(files: LoadedFile[]): Map<string, Pod> {
  const m = new Map<string, Pod>();
  for (const f of files) {
    for (const e of inventoryOf(f).entries) {
      const p = e.object as Pod;
      if (p.kind !== 'Pod' || !p.spec?.nodeName) continue;
      const controller = p.metadata.ownerReferences?.find((o) => o.controller);
      if (controller && controller.kind !== 'DaemonSet')
        m.set(`${p.metadata.namespace ?? 'default'}/${p.metadata.name}`, p);
    }
  }
  return m;
}

/**
 * The scenario's files replayed with a seed, for the caller to change: a clone of replayFor's
 * replay (Cluster.clone: it behaves as a fresh replay), or a fresh replay when something waits on
 * the replay's clock (a sleeping program's timer, say), which a clone cannot take over.
 */
function freshReplay(s: OwnClusterState, seed: number): Cluster {
  const replayed = replayFor(s, seed);
  return replayed.clock.nextTimer() === undefined ? replayed.clone() : replay(s.files, s.config?.profiles, seed);
}

export interface DrainRun {
  cluster: Cluster;
  drain: KubectlResult;
  recreated: string[];
}

/**
 * The scenario's files replayed, then `kubectl drain NODE --ignore-daemonsets
 * --delete-emptydir-data --force`, as an operator drains a node for maintenance. `--force`
 * because imported pods have lost their owner references (see importBoundPod); for the same
 * reason, each imported pod the drain removes that had a ReplicaSet/StatefulSet/Job controller
 * in the capture is recreated from its captured spec (unbound), as its controller would, so that
 * it competes for room as it would in the real cluster. Imported DaemonSet and mirror pods are
 * deleted from the drained node (a real drain leaves them): they only ever ran on that node,
 * which is cordoned, so where other pods can go does not change.
 */
export function replayAndDrain(s: OwnClusterState, node: string, seed: number): DrainRun {
  const cluster = freshReplay(s, seed);
  const onNode = cluster.store.podsOnNode<Pod>(node).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  const drain = runKubectl(cluster, ['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--force']);
  const replicated = capturedReplicatedPods(s.files);
  const recreated: string[] = [];
  for (const key of onNode) {
    const captured = replicated.get(key);
    const [ns, name] = key.split('/');
    if (!captured || cluster.store.get<Pod>('Pod', ns, name)) continue;
    const { nodeName: _bound, ...spec } = structuredClone(captured.spec);
    const generateName = captured.metadata.generateName;
    const meta = captured.metadata;
    cluster.api.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(generateName ? { generateName } : { name }),
        namespace: ns,
        labels: meta.labels,
        annotations: meta.annotations,
      },
      spec,
    });
    recreated.push(key);
  }
  cluster.settle();
  return { cluster, drain, recreated };
}
