// Steps that build the scenario's cluster and move it: the lab cluster, nodes from a table or
// from Node manifests, bare pods bound to a node, scaling, and the virtual clock. On a real
// cluster (the kubeconfig backend) the Given-steps check that the cluster has the nodes, or create
// them where the run allows it (steps/lib/kubeconfig-backend.ts).

import { Given, When, type DataTable } from '@cucumber/cucumber';
import type { Node, Taint } from '../src/api/types.ts';
import { createLabCluster } from '../src/cluster/lab.ts';
import type { NodeSpecInput } from '../src/cluster/bootstrap.ts';
import { loadManifests } from '../src/api/manifest.ts';
import { UserError } from '../src/util/errors.ts';
import type { KubeWorld } from './world.ts';
import { mustRun } from './kubectl.steps.ts';
import { parseLabels, parseNodeName, parseNodeRow, type ObjRef, type WorkloadRef } from './lib/parse.ts';
import { NEEDS, simulatorOnly } from './lib/portability.ts';

export function labCluster(this: KubeWorld): Promise<void> {
  return this.backend.useLab();
}
/**
 * The reference notes' kubeadm lab: `m-k8s` (control plane, tainted
 * `node-role.kubernetes.io/control-plane:NoSchedule`, with the static control-plane pods and
 * CoreDNS) and the workers `w1-k8s`, `w2-k8s`, `w3-k8s`, with the kube-proxy and calico-node
 * DaemonSets; every node has 2 CPUs, and all pods are Running.
 * @example Given the lab cluster
 */
Given('the lab cluster', labCluster);

export const labClusterWithSeed = simulatorOnly(NEEDS.seed, function labClusterWithSeed(this: KubeWorld, seed: number) {
  if (seed < 0) throw new UserError(`invalid seed ${seed}: expected a non-negative integer`);
  this.useCluster(createLabCluster({ seed }));
});
/**
 * The same lab cluster, with its own seed instead of the world parameter `seed` (for a Scenario
 * Outline over seeds).
 * @example Given the lab cluster with seed 3
 */
Given('the lab cluster with seed {int}', labClusterWithSeed);

const NODE_COLUMNS = ['name', 'labels', 'taints', 'cpu', 'memory', 'pods', 'unschedulable'];

export function clusterWithNodes(this: KubeWorld, table: DataTable): Promise<void> {
  const rows = table.hashes();
  const header = table.raw()[0] ?? [];
  const unknown = header.filter((h) => !NODE_COLUMNS.includes(h));
  if (unknown.length)
    throw new UserError(
      `unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')} in the nodes table: the columns are ${NODE_COLUMNS.join(', ')} (only name is required)`,
    );
  if (!header.includes('name'))
    throw new UserError(`the nodes table needs a "name" column; the columns are ${NODE_COLUMNS.join(', ')}`);
  if (rows.length === 0) throw new UserError('the nodes table has no rows: a cluster needs at least one node');
  return this.backend.useNodes(
    rows.map((row, i) => ({
      spec: parseNodeRow(row, i + 1),
      where: `nodes table, row ${i + 1} (name ${JSON.stringify(row.name ?? '')})`,
    })),
  );
}
/**
 * A cluster of only the nodes of the data table. Columns (only `name` is required): `name`,
 * `labels` (`a=b,c=d`), `taints` (`k=v:NoSchedule,k2:NoExecute`), `cpu`, `memory`, `pods`
 * (allocatable; default 2 CPUs, 2Gi, 110 pods), `unschedulable` (`true` or empty). An unknown
 * column or a malformed cell fails the step naming the row.
 * @example Given a cluster with nodes:
 */
Given('a cluster with nodes:', clusterWithNodes);

// Names, labels, taints, allocatable cpu/memory/pods, unschedulable and images are kept; the rest
// of a saved Node (conditions, addresses, …) is rebuilt by addNode as a healthy node.
export function nodesFromFile(this: KubeWorld, path: string): Promise<void> {
  const entries = loadManifests(this.readFile(path), path);
  const nodes: Node[] = [];
  for (const e of entries) {
    if (e.object.kind !== 'Node')
      throw new UserError(
        `${e.file}:${e.line}: expected Node objects (such as \`kubectl get nodes -o yaml\` prints), found ${e.object.kind}`,
      );
    nodes.push(e.object as Node);
  }
  if (nodes.length === 0) throw new UserError(`${path}: no Node objects in this file`);
  const specs: Array<{ spec: NodeSpecInput; where: string }> = [];
  for (const n of nodes) {
    const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
    specs.push({
      spec: {
        name: parseNodeName(n.metadata.name ?? ''),
        labels: n.metadata.labels ?? {},
        taints: (n.spec?.taints ?? []).map(
          (t): Taint => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect }),
        ),
        ...(alloc.cpu !== undefined ? { cpu: String(alloc.cpu) } : {}),
        ...(alloc.memory !== undefined ? { memory: String(alloc.memory) } : {}),
        ...(alloc.pods !== undefined ? { pods: Number(alloc.pods) } : {}),
        unschedulable: n.spec?.unschedulable === true,
        ...(n.status?.images ? { images: n.status.images } : {}),
      },
      where: `${path}: node ${n.metadata.name}`,
    });
  }
  return this.backend.useNodes(specs);
}
/**
 * A cluster of the nodes in a file of Node manifests, such as the saved output of `kubectl get
 * nodes -o yaml` (a `List` is fine): names, labels, taints, allocatable cpu/memory/pods,
 * `unschedulable` and images are kept; conditions and addresses are rebuilt as a healthy node's.
 * @example Given the nodes from "small-cluster-nodes.yaml"
 */
Given('the nodes from {string}', nodesFromFile);

export function podRunningOnNode(this: KubeWorld, ref: ObjRef, node: string): Promise<void> {
  return this.backend.runBarePod({ ref, node, labels: {} });
}
/**
 * Creates a bare nginx pod with `spec.nodeName` set (the scheduler is not involved), then waits
 * (virtual time, up to 300 s) until it is Running.
 * @example Given pod backend is running on node w3-k8s
 */
Given('pod {pod} is running on node {node}', podRunningOnNode);

export function labelledPodRunningOnNode(this: KubeWorld, ref: ObjRef, labels: string, node: string): Promise<void> {
  return this.backend.runBarePod({ ref, node, labels: parseLabels(labels) });
}
/**
 * The same, with labels (comma-separated `k=v`).
 * @example Given pod backend labelled "app=backend" is running on node w3-k8s
 */
Given('pod {pod} labelled {string} is running on node {node}', labelledPodRunningOnNode);

export function podRequestingCpuRunningOnNode(this: KubeWorld, ref: ObjRef, cpu: string, node: string): Promise<void> {
  return this.backend.runBarePod({ ref, node, labels: {}, cpu });
}
/**
 * The same, with a cpu request.
 * @example Given pod hog requesting 1500m cpu is running on node n2
 */
Given('pod {pod} requesting {quantity} cpu is running on node {node}', podRequestingCpuRunningOnNode);

export async function scaleWorkload(this: KubeWorld, w: WorkloadRef, replicas: number): Promise<void> {
  await mustRun(this, `scale ${w.kind.toLowerCase()} ${w.name} --replicas=${replicas} -n ${w.namespace}`);
}
/**
 * Runs `kubectl scale <kind> <name> --replicas=N -n <namespace>`; fails if kubectl fails.
 * @example When the deployment weserver is scaled to 8
 */
When('the {workload} is scaled to {int}', scaleWorkload);

export const secondsPass = simulatorOnly(NEEDS.clock, function secondsPass(this: KubeWorld, seconds: number) {
  this.cluster.advance(seconds * 1000);
});
/**
 * Moves the virtual clock forward; controllers, the scheduler and the kubelets react on the way,
 * timer by timer.
 * @example When 30 seconds pass
 */
When('{int} second(s) pass(es)', secondsPass);

export const minutesPass = simulatorOnly(NEEDS.clock, function minutesPass(this: KubeWorld, minutes: number) {
  this.cluster.advance(minutes * 60_000);
});
/**
 * The same, in minutes.
 * @example When 1 minute passes
 */
When('{int} minute(s) pass(es)', minutesPass);
