// Building clusters: an empty cluster with what the API server bootstraps (the system
// PriorityClasses, the `kubernetes` Service), Ready nodes as a kubeadm-joined kubelet with
// containerd and Calico registers them (labels, annotations, podCIDR, conditions, node info), and
// a cluster built from a lab description (labs/<name>/lab.yaml: phases of nodes, node files and
// objects; loadLab, buildLab). The lab cluster (lab.ts) and the step tables (`addNode`) build on it.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ContainerImage, KubeObject, Node, NodeCondition, PriorityClass, Service, Taint } from '../api/types.ts';
import { loadManifests, PARSE_OPTIONS } from '../api/manifest.ts';
import { UserError } from '../util/errors.ts';
import { Cluster, type ClusterOptions } from './cluster.ts';
import { healthyNodeConditions, nodeCondition } from '../kubelet/nodestatus.ts';

export const K8S_VERSION = 'v1.33.1';
const CONTAINERD = 'containerd://1.7.27';

export interface NodeSpecInput {
  name: string;
  /** Extra labels (merged over the kubelet's own: arch, os, hostname). */
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Allocatable cpu (quantity), default "2". */
  cpu?: string;
  /** Allocatable memory (quantity), default "2Gi". */
  memory?: string;
  /** Allocatable pods, default 110. */
  pods?: number;
  unschedulable?: boolean;
  images?: ContainerImage[];
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** The labels every kubelet sets on its Node. */
export function kubeletLabels(name: string): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
}

function readyConditions(now: string): NodeCondition[] {
  return [
    nodeCondition(now, {
      type: 'NetworkUnavailable',
      status: 'False',
      reason: 'CalicoIsUp',
      message: 'Calico is running on this node',
    }),
    ...healthyNodeConditions(now),
  ];
}

export interface BuildNode {
  name: string;
  labels: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ip: string;
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  images?: ContainerImage[];
}

/**
 * The /24 the controller manager's range allocator gives the next node out of kubeadm's
 * --pod-network-cidr 172.16.0.0/16 (pkg/controller/nodeipam/ipam/range_allocator.go); undefined
 * once all 256 are taken (the node then has no podCIDR; Calico does not use it anyway).
 */
function nextPodCidr(cluster: Cluster): string | undefined {
  const used = new Set(cluster.store.list<Node>('Node').map((n) => n.spec?.podCIDR));
  for (let i = 0; i < 256; i++) if (!used.has(`172.16.${i}.0/24`)) return `172.16.${i}.0/24`;
  return undefined;
}

export function createNode(cluster: Cluster, b: BuildNode): Node {
  const now = cluster.clock.iso();
  const podCIDR = nextPodCidr(cluster);
  const id = sha(`node:${b.name}`);
  const tunnel = cluster.kubelets.ipam.tunnelAddress(b.name); // none only when the Calico pool is exhausted
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: b.name,
      labels: b.labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'projectcalico.org/IPv4Address': `${b.ip}/24`,
        ...(tunnel ? { 'projectcalico.org/IPv4IPIPTunnelAddr': tunnel } : {}),
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
    status: {
      addresses: [
        { type: 'InternalIP', address: b.ip },
        { type: 'Hostname', address: b.name },
      ],
      allocatable: b.allocatable,
      capacity: b.capacity,
      conditions: readyConditions(now),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: b.images ?? [],
      nodeInfo: {
        architecture: 'amd64',
        bootID: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
        containerRuntimeVersion: CONTAINERD,
        kernelVersion: '3.10.0-1160.el7.x86_64',
        kubeProxyVersion: '',
        kubeletVersion: K8S_VERSION,
        machineID: id.slice(32, 64),
        operatingSystem: 'linux',
        osImage: 'CentOS Linux 7 (Core)',
        systemUUID:
          id.slice(40, 48).toUpperCase() +
          '-' +
          id.slice(48, 52).toUpperCase() +
          '-' +
          id.slice(52, 56).toUpperCase() +
          '-' +
          id.slice(56, 60).toUpperCase() +
          '-' +
          id.slice(0, 12).toUpperCase(),
      },
    } as Node['status'],
  };
  if (b.taints?.length) node.spec!.taints = b.taints;
  if (b.unschedulable) node.spec!.unschedulable = true;
  // the kubelet registers its node (pkg/kubelet/kubelet_node_status.go registerWithAPIServer)
  return cluster.store.as({ manager: 'kubelet' }, () => cluster.api.create(node));
}

/**
 * Adds a Ready node: the kubelet's labels plus `labels`, the taints, allocatable cpu / memory /
 * pods (capacity equal), an InternalIP 192.168.1.<101+n>. The cluster is not settled.
 */
export function addNode(cluster: Cluster, spec: NodeSpecInput): Node {
  const resources = {
    cpu: spec.cpu ?? '2',
    'ephemeral-storage': '38770180Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: spec.memory ?? '2Gi',
    pods: String(spec.pods ?? 110),
  };
  return createNode(cluster, {
    name: spec.name,
    labels: { ...kubeletLabels(spec.name), ...(spec.labels ?? {}) },
    taints: spec.taints,
    unschedulable: spec.unschedulable,
    ip: `192.168.1.${101 + cluster.store.count('Node')}`,
    capacity: resources,
    allocatable: { ...resources },
    images: spec.images,
  });
}

/** A cluster with no nodes but what the API server bootstraps: system PriorityClasses, `kubernetes` Service. */
export function createEmptyCluster(opts: ClusterOptions = {}): Cluster {
  const cluster = new Cluster(opts);
  const pcs: [string, number, string][] = [
    [
      'system-cluster-critical',
      2000000000,
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    ],
    [
      'system-node-critical',
      2000001000,
      'Used for system critical pods that must not be moved from their current node.',
    ],
  ];
  for (const [name, value, description] of pcs) {
    if (cluster.store.get('PriorityClass', undefined, name)) continue;
    cluster.api.create<PriorityClass>({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      value,
      description,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  }
  if (!cluster.store.get('Service', 'default', 'kubernetes')) {
    cluster.api.create<Service>({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
    });
  }
  cluster.settle();
  return cluster;
}

// ---- labs: clusters described as data ------------------------------------------------------

/** A node of a lab: kubeletLabels(name) plus `labels`, and what createNode takes. */
export interface LabNode extends Omit<BuildNode, 'labels'> {
  labels?: Record<string, string>;
}

/**
 * One phase of building a lab: its nodes join, the files are written into their nodes'
 * filesystems (`text`: the content of `file`, relative to the lab's folder), the objects are
 * created in order; then the cluster settles.
 */
export interface LabPhase {
  nodes: LabNode[];
  files: { node: string; path: string; file: string; text: string }[];
  objects: KubeObject[];
}

/** A cluster described as data: labs/<name>/lab.yaml and the files it names. */
export interface Lab {
  phases: LabPhase[];
}

/**
 * Reads labs/<name>/lab.yaml: `phases`, each with `nodes` (name, ip, labels, taints, unschedulable,
 * capacity, allocatable, images as in Node status), `files` (node, path on the node, file in the
 * lab's folder) and `objects` (manifest files in the lab's folder, created in order). A malformed
 * lab is a UserError naming the file and the field.
 */
export function loadLab(dir: string): Lab {
  const labFile = join(dir, 'lab.yaml');
  const read = (file: string) => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch {
      throw new UserError(`${labFile}: cannot read ${join(dir, file)}: the lab names a file its folder does not have`);
    }
  };
  const bad = (where: string, what: string): never => {
    throw new UserError(`${labFile}: ${where}: ${what}`);
  };
  const doc = parseYaml(read('lab.yaml'), PARSE_OPTIONS) as { phases?: unknown } | null;
  if (!Array.isArray(doc?.phases)) bad('phases', 'expected a list of phases');
  const list = (v: unknown, where: string): unknown[] =>
    v === undefined ? [] : Array.isArray(v) ? v : bad(where, 'expected a list');
  const text = (v: unknown, where: string): string =>
    typeof v === 'string' && v !== '' ? v : bad(where, 'expected a non-empty string');
  const phases = (doc!.phases as unknown[]).map((raw, i): LabPhase => {
    const at = `phases[${i}]`;
    const ph = (raw ?? {}) as Record<string, unknown>;
    const nodes = list(ph.nodes, `${at}.nodes`).map((n, j) => {
      const node = (n ?? {}) as LabNode;
      const where = `${at}.nodes[${j}]`;
      text(node.name, `${where}.name`);
      text(node.ip, `${where}.ip`);
      if (typeof node.capacity !== 'object' || node.capacity === null) bad(`${where}.capacity`, 'expected a map');
      if (typeof node.allocatable !== 'object' || node.allocatable === null)
        bad(`${where}.allocatable`, 'expected a map');
      return node;
    });
    const files = list(ph.files, `${at}.files`).map((f, j) => {
      const e = (f ?? {}) as Record<string, unknown>;
      const where = `${at}.files[${j}]`;
      const file = text(e.file, `${where}.file`);
      return { node: text(e.node, `${where}.node`), path: text(e.path, `${where}.path`), file, text: read(file) };
    });
    const objects = list(ph.objects, `${at}.objects`).flatMap((f, j) => {
      const file = text(f, `${at}.objects[${j}]`);
      return loadManifests(read(file), join(dir, file)).map((e) => e.object as KubeObject);
    });
    return { nodes, files, objects };
  });
  return { phases };
}

/** A cluster built from a lab, phase by phase (settled after each). */
export function buildLab(lab: Lab, opts: ClusterOptions = {}): Cluster {
  const cluster = createEmptyCluster(opts);
  for (const phase of lab.phases) {
    for (const n of phase.nodes)
      createNode(cluster, { ...n, labels: { ...kubeletLabels(n.name), ...(n.labels ?? {}) } });
    for (const f of phase.files) cluster.kubelets.fs(f.node).write(f.path, f.text);
    // the add-ons kubeadm installs (coredns, kube-proxy, …)
    cluster.store.as({ manager: 'kubeadm' }, () => {
      for (const o of phase.objects) cluster.api.create(o);
    });
    cluster.settle();
  }
  return cluster;
}
