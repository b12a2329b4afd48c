// Steps that build the scenario's cluster and move it: the lab cluster, nodes from a table or
// from Node manifests, bare pods bound to a node, scaling, and the virtual clock.

import { Given, When, type DataTable } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { Node, Pod, Taint } from '../src/api/types.ts';
import { createLabCluster } from '../src/cluster/lab.ts';
import { createEmptyCluster, addNode, type NodeSpecInput } from '../src/cluster/bootstrap.ts';
import type { Cluster } from '../src/cluster/cluster.ts';
import { renderApiError } from '../src/kubectl/flags.ts';
import { ApiError } from '../src/store/errors.ts';
import { loadManifests } from '../src/api/manifest.ts';
import { UserError } from '../src/util/errors.ts';
import type { KubeWorld } from './world.ts';
import { mustRun } from './kubectl.steps.ts';
import { formatRef, parseLabels, parseNodeName, parseNodeRow, type ObjRef, type WorkloadRef } from './lib/parse.ts';
import { getPod } from './lib/pods.ts';
import { noSuchNodeMessage } from '../src/store/errors.ts';

/** How long `Given pod X is running on node Y` lets the kubelet take (virtual time). */
const START_TIMEOUT_SECONDS = 300;

export function labCluster(this: KubeWorld): void {
  this.useCluster(createLabCluster({ seed: this.seed }));
}
/**
 * The reference notes' kubeadm lab: `m-k8s` (control plane, tainted
 * `node-role.kubernetes.io/control-plane:NoSchedule`, with the static control-plane pods and
 * CoreDNS) and the workers `w1-k8s`, `w2-k8s`, `w3-k8s`, with the kube-proxy and calico-node
 * DaemonSets; every node has 2 CPUs, and all pods are Running.
 * @example Given the lab cluster
 */
Given('the lab cluster', labCluster);

export function labClusterWithSeed(this: KubeWorld, seed: number): void {
  if (seed < 0) throw new UserError(`invalid seed ${seed}: expected a non-negative integer`);
  this.useCluster(createLabCluster({ seed }));
}
/**
 * The same lab cluster, with its own seed instead of the world parameter `seed` (for a Scenario
 * Outline over seeds).
 * @example Given the lab cluster with seed 3
 */
Given('the lab cluster with seed {int}', labClusterWithSeed);

const NODE_COLUMNS = ['name', 'labels', 'taints', 'cpu', 'memory', 'pods', 'unschedulable'];

export function clusterWithNodes(this: KubeWorld, table: DataTable): void {
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
  const cluster = createEmptyCluster({ seed: this.seed });
  rows.forEach((row, i) =>
    addNodeOrFail(
      cluster,
      parseNodeRow(row, i + 1),
      `nodes table, row ${i + 1} (name ${JSON.stringify(row.name ?? '')})`,
    ),
  );
  cluster.settle();
  this.useCluster(cluster);
}
/**
 * A cluster of only the nodes of the data table. Columns (only `name` is required): `name`,
 * `labels` (`a=b,c=d`), `taints` (`k=v:NoSchedule,k2:NoExecute`), `cpu`, `memory`, `pods`
 * (allocatable; default 2 CPUs, 2Gi, 110 pods), `unschedulable` (`true` or empty). An unknown
 * column or a malformed cell fails the step naming the row.
 * @example Given a cluster with nodes:
 */
Given('a cluster with nodes:', clusterWithNodes);

/** addNode, with the API server's refusal (a negative cpu, say) as a user error naming `where`. */
function addNodeOrFail(cluster: Cluster, spec: NodeSpecInput, where: string): void {
  try {
    addNode(cluster, spec);
  } catch (e) {
    if (e instanceof ApiError) throw new UserError(`${where}: ${renderApiError(e).trimEnd()}`);
    throw e;
  }
}

// Names, labels, taints, allocatable cpu/memory/pods, unschedulable and images are kept; the rest
// of a saved Node (conditions, addresses, …) is rebuilt by addNode as a healthy node.
export function nodesFromFile(this: KubeWorld, path: string): void {
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
  const cluster = createEmptyCluster({ seed: this.seed });
  for (const n of nodes) {
    const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
    addNodeOrFail(
      cluster,
      {
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
      `${path}: node ${n.metadata.name}`,
    );
  }
  cluster.settle();
  this.useCluster(cluster);
}
/**
 * A cluster of the nodes in a file of Node manifests, such as the saved output of `kubectl get
 * nodes -o yaml` (a `List` is fine): names, labels, taints, allocatable cpu/memory/pods,
 * `unschedulable` and images are kept; conditions and addresses are rebuilt as a healthy node's.
 * @example Given the nodes from "small-cluster-nodes.yaml"
 */
Given('the nodes from {string}', nodesFromFile);

/** Creates a bare pod bound to the node (no scheduler involved) and waits until it runs. */
function runBarePod(world: KubeWorld, ref: ObjRef, node: string, labels: Record<string, string>, cpu?: string): void {
  const cluster = world.cluster;
  if (!cluster.store.get('Node', undefined, node)) throw new UserError(noSuchNodeMessage(cluster.store, node));
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: ref.name, namespace: ref.namespace, ...(Object.keys(labels).length ? { labels } : {}) },
    spec: {
      nodeName: node,
      containers: [{ name: ref.name, image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }],
    },
  };
  cluster.api.create(pod);
  cluster.settle();
  for (let s = 0; s < START_TIMEOUT_SECONDS && getPod(cluster.store, ref)?.status?.phase !== 'Running'; s++)
    cluster.advance(1000);
  const now = getPod(cluster.store, ref);
  if (now?.status?.phase !== 'Running') {
    throw new AssertionError(
      `pod ${formatRef(ref)} bound to ${node} did not reach Running within ${START_TIMEOUT_SECONDS}s of virtual time: ${now ? `phase ${now.status?.phase ?? '(none)'}, status ${JSON.stringify(now.status ?? {})}` : 'the pod is gone'}`,
    );
  }
}

export function podRunningOnNode(this: KubeWorld, ref: ObjRef, node: string): void {
  runBarePod(this, ref, node, {});
}
/**
 * Creates a bare nginx pod with `spec.nodeName` set (the scheduler is not involved), then waits
 * (virtual time, up to 300 s) until it is Running.
 * @example Given pod backend is running on node w3-k8s
 */
Given('pod {pod} is running on node {node}', podRunningOnNode);

export function labelledPodRunningOnNode(this: KubeWorld, ref: ObjRef, labels: string, node: string): void {
  runBarePod(this, ref, node, parseLabels(labels));
}
/**
 * The same, with labels (comma-separated `k=v`).
 * @example Given pod backend labelled "app=backend" is running on node w3-k8s
 */
Given('pod {pod} labelled {string} is running on node {node}', labelledPodRunningOnNode);

export function podRequestingCpuRunningOnNode(this: KubeWorld, ref: ObjRef, cpu: string, node: string): void {
  runBarePod(this, ref, node, {}, cpu);
}
/**
 * The same, with a cpu request.
 * @example Given pod hog requesting 1500m cpu is running on node n2
 */
Given('pod {pod} requesting {quantity} cpu is running on node {node}', podRequestingCpuRunningOnNode);

export function scaleWorkload(this: KubeWorld, w: WorkloadRef, replicas: number): void {
  mustRun(this, `scale ${w.kind.toLowerCase()} ${w.name} --replicas=${replicas} -n ${w.namespace}`);
}
/**
 * Runs `kubectl scale <kind> <name> --replicas=N -n <namespace>`; fails if kubectl fails.
 * @example When the deployment weserver is scaled to 8
 */
When('the {workload} is scaled to {int}', scaleWorkload);

export function secondsPass(this: KubeWorld, seconds: number): void {
  this.cluster.advance(seconds * 1000);
}
/**
 * Moves the virtual clock forward; controllers, the scheduler and the kubelets react on the way,
 * timer by timer.
 * @example When 30 seconds pass
 */
When('{int} second(s) pass(es)', secondsPass);

export function minutesPass(this: KubeWorld, minutes: number): void {
  this.cluster.advance(minutes * 60_000);
}
/**
 * The same, in minutes.
 * @example When 1 minute passes
 */
When('{int} minute(s) pass(es)', minutesPass);
