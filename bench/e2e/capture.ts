// Generated inputs shaped like a platform team's captures, for the end-to-end benchmarks:
// `kubectl get nodes -o yaml` (a v1 List with managed fields, labels, annotations, pod CIDRs,
// addresses, conditions, images and node info, as GKE writes them) in four pools over three
// zones — two of them tainted — and a workload file as `helm template` writes one: namespaces,
// PriorityClasses, three system DaemonSets tolerating everything, Deployments with zone spread
// and hostname anti-affinity, a pool-pinned Deployment, StatefulSets on the tainted critical
// pool, bare pods, PodDisruptionBudgets and Services.
//
//   npx tsx bench/e2e/capture.ts --nodes 500 --pods 5000 --out DIR   → DIR/nodes.yaml, DIR/workload.yaml
//
// `pods` counts every pod the workload makes, DaemonSet pods included (3 per node), so the
// workload needs pods ≥ 4 × nodes. Everything is derived from the sizes: the same sizes give the
// same files byte for byte.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CaptureSize {
  nodes: number;
  pods: number;
}

const ZONES = ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'];

interface Pool {
  name: string;
  share: number;
  machine: string;
  cpu: string;
  allocCpu: string;
  memKi: number;
  taint?: { key: string; value: string };
}

/** Pools by share of the nodes (the last takes the rest). */
const POOLS: Pool[] = [
  { name: 'general', share: 0.6, machine: 'e2-standard-8', cpu: '8', allocCpu: '7910m', memKi: 32_880_232 },
  { name: 'highmem', share: 0.2, machine: 'e2-highmem-8', cpu: '8', allocCpu: '7910m', memKi: 65_848_320 },
  {
    name: 'critical',
    share: 0.15,
    machine: 'n2-standard-8',
    cpu: '8',
    allocCpu: '7910m',
    memKi: 32_880_232,
    taint: { key: 'dedicated', value: 'critical' },
  },
  {
    name: 'gpu',
    share: 0.05,
    machine: 'n1-standard-8',
    cpu: '8',
    allocCpu: '7910m',
    memKi: 30_817_220,
    taint: { key: 'nvidia.com/gpu', value: 'present' },
  },
];

const IMAGES = [
  ['registry.k8s.io/kube-proxy:v1.33.2', 31_450_112],
  ['gke.gcr.io/fluent-bit:v3.2.4-gke.1', 58_112_030],
  ['quay.io/prometheus/node-exporter:v1.9.1', 12_001_931],
  ['registry.k8s.io/pause:3.10', 320_368],
  ['nginx:1.27', 72_099_410],
  ['redis:7.4', 45_201_880],
  ['postgres:16.4', 157_440_124],
  ['ghcr.io/acme/checkout:2.14.0', 88_303_115],
  ['ghcr.io/acme/payments-api:5.2.1', 96_511_002],
  ['ghcr.io/acme/search:1.9.3', 131_023_404],
] as const;

/** The pool of node i: pools take contiguous shares, as node pools of a real capture do. */
function poolOf(i: number, n: number): Pool {
  let upTo = 0;
  for (const p of POOLS) {
    upTo += Math.round(p.share * n);
    if (i < upTo) return p;
  }
  return POOLS[POOLS.length - 1];
}

export function nodeName(i: number, n: number): string {
  const pool = poolOf(i, n);
  return `gke-prod-eu-${pool.name}-pool-${((0x5a17c3d0 + i * 2654435761) >>> 0).toString(16).padStart(8, '0').slice(0, 8)}-${i.toString(36).padStart(4, '0')}`;
}

function nodeYaml(i: number, n: number): string {
  const pool = poolOf(i, n);
  const name = nodeName(i, n);
  const zone = ZONES[i % ZONES.length];
  const cidr = `10.${64 + (i >> 8)}.${i & 255}.0/24`;
  const ip = `10.132.${(i >> 8) & 255}.${i & 255}`;
  const taints = pool.taint
    ? `
    taints:
    - effect: NoSchedule
      key: ${pool.taint.key}
      value: ${pool.taint.value}`
    : '';
  const images = IMAGES.map(
    ([img, size]) => `
    - names:
      - ${img}
      sizeBytes: ${size}`,
  ).join('');
  const cond = (type: string, status: string, reason: string, message: string) => `
    - lastHeartbeatTime: "2026-11-30T10:41:07Z"
      lastTransitionTime: "2026-09-14T08:12:31Z"
      message: ${message}
      reason: ${reason}
      status: "${status}"
      type: ${type}`;
  return `
- apiVersion: v1
  kind: Node
  metadata:
    annotations:
      container.googleapis.com/instance_id: "${4812345678901234000n + BigInt(i)}"
      node.alpha.kubernetes.io/ttl: "0"
      volumes.kubernetes.io/controller-managed-attach-detach: "true"
    creationTimestamp: "2026-09-14T08:12:31Z"
    labels:
      beta.kubernetes.io/arch: amd64
      beta.kubernetes.io/instance-type: ${pool.machine}
      beta.kubernetes.io/os: linux
      cloud.google.com/gke-nodepool: ${pool.name}-pool
      kubernetes.io/arch: amd64
      kubernetes.io/hostname: ${name}
      kubernetes.io/os: linux
      node.kubernetes.io/instance-type: ${pool.machine}
      pool: ${pool.name}
      topology.kubernetes.io/region: europe-west1
      topology.kubernetes.io/zone: ${zone}
    managedFields:
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:metadata:
          f:annotations:
            .: {}
            f:node.alpha.kubernetes.io/ttl: {}
        f:spec:
          f:podCIDR: {}
          f:podCIDRs:
            .: {}
            v:"${cidr}": {}
      manager: kube-controller-manager
      operation: Update
      time: "2026-09-14T08:12:31Z"
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:status:
          f:conditions:
            k:{"type":"Ready"}:
              f:lastHeartbeatTime: {}
          f:images: {}
      manager: kubelet
      operation: Update
      subresource: status
      time: "2026-11-30T10:41:07Z"
    name: ${name}
    resourceVersion: "${183400000 + i}"
    uid: 0d9c9837-5fc6-43e4-8f72-${(0xa8b24b9e0000 + i).toString(16).padStart(12, '0')}
  spec:
    podCIDR: ${cidr}
    podCIDRs:
    - ${cidr}
    providerID: gce://acme-prod/${zone}/${name}${taints}
  status:
    addresses:
    - address: ${ip}
      type: InternalIP
    - address: ${name}
      type: Hostname
    allocatable:
      cpu: ${pool.allocCpu}
      ephemeral-storage: "47060071478"
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: ${pool.memKi - 3_000_000}Ki
      pods: "110"
    capacity:
      cpu: "${pool.cpu}"
      ephemeral-storage: 98831908Ki
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: ${pool.memKi}Ki
      pods: "110"
    conditions:${cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available')}${cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure')}${cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available')}${cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')}
    daemonEndpoints:
      kubeletEndpoint:
        Port: 10250
    images:${images}
    nodeInfo:
      architecture: amd64
      bootID: 6a3f4c1e-2b7d-4e59-9c1a-${(0x3e5f00000000 + i).toString(16).padStart(12, '0')}
      containerRuntimeVersion: containerd://1.7.24
      kernelVersion: 6.6.56+
      kubeProxyVersion: v1.33.2-gke.1240000
      kubeletVersion: v1.33.2-gke.1240000
      machineID: ${(0x9f3a0000 + i).toString(16)}e1c7a0b94d5f8e2a1c3b6d7f0a
      operatingSystem: linux
      osImage: Container-Optimized OS from Google
      systemUUID: ${(0x9f3a0000 + i).toString(16)}-e1c7-a0b9-4d5f-8e2a1c3b6d7f`;
}

export function nodesYaml(n: number): string {
  const parts = [
    '# kubectl get nodes -o yaml  (generated: GKE 1.33, europe-west1, pools general/highmem/critical/gpu)\napiVersion: v1\nitems:',
  ];
  for (let i = 0; i < n; i++) parts.push(nodeYaml(i, n));
  parts.push('\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  return parts.join('');
}

const TOLERATE_ALL = `
      tolerations:
      - operator: Exists`;

function daemonSet(name: string, image: string, cpu: string, mem: string): string {
  return `---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: kube-system
  labels:
    k8s-app: ${name}
spec:
  selector:
    matchLabels:
      k8s-app: ${name}
  template:
    metadata:
      labels:
        k8s-app: ${name}
    spec:
      priorityClassName: system-node-critical
      containers:
      - name: ${name}
        image: ${image}
        resources:
          requests:
            cpu: ${cpu}
            memory: ${mem}${TOLERATE_ALL}
`;
}

interface App {
  ns: string;
  name: string;
  replicas: number;
  image: string;
  cpu: string;
  mem: string;
  kind: 'spread' | 'pinned' | 'plain' | 'stateful';
}

function container(a: App): string {
  return `
      containers:
      - name: ${a.name}
        image: ${a.image}
        ports:
        - containerPort: 8080
        resources:
          requests:
            cpu: ${a.cpu}
            memory: ${a.mem}
          limits:
            memory: ${a.mem}`;
}

function scheduling(a: App): string {
  switch (a.kind) {
    case 'spread':
      return `
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: ${a.name}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels:
                  app: ${a.name}`;
    case 'pinned':
      return `
      nodeSelector:
        pool: highmem`;
    case 'stateful':
      return `
      priorityClassName: business-critical
      nodeSelector:
        pool: critical
      tolerations:
      - key: dedicated
        operator: Equal
        value: critical
        effect: NoSchedule
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels:
                app: ${a.name}`;
    case 'plain':
      return `
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: pool
                operator: In
                values: [general, highmem]`;
  }
}

function appYaml(a: App): string {
  const kind = a.kind === 'stateful' ? 'StatefulSet' : 'Deployment';
  // Parallel: every replica at once (OrderedReady would create one per readiness, minutes in all)
  const svc = a.kind === 'stateful' ? `\n  serviceName: ${a.name}\n  podManagementPolicy: Parallel` : '';
  return `---
apiVersion: v1
kind: Service
metadata:
  name: ${a.name}
  namespace: ${a.ns}
  labels:
    app: ${a.name}
spec:${a.kind === 'stateful' ? '\n  clusterIP: None' : ''}
  selector:
    app: ${a.name}
  ports:
  - name: http
    port: 80
    targetPort: 8080
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${a.name}
  namespace: ${a.ns}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: ${a.name}
---
apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${a.name}
  namespace: ${a.ns}
  labels:
    app: ${a.name}
    app.kubernetes.io/managed-by: Helm
spec:
  replicas: ${a.replicas}${svc}
  selector:
    matchLabels:
      app: ${a.name}
  template:
    metadata:
      labels:
        app: ${a.name}
    spec:${container(a)}${scheduling(a)}
`;
}

function barePod(i: number): string {
  return `---
apiVersion: v1
kind: Pod
metadata:
  name: debug-${i}
  namespace: batch
  labels:
    run: debug
spec:
  containers:
  - name: debug
    image: nginx:1.27
    resources:
      requests:
        cpu: 50m
        memory: 64Mi
`;
}

/** Splits `total` into parts of at most `size` (the last one smaller). */
function chunks(total: number, size: number): number[] {
  const out: number[] = [];
  for (let left = total; left > 0; left -= size) out.push(Math.min(size, left));
  return out;
}

export function workloadYaml({ nodes, pods }: CaptureSize): string {
  const rest = pods - 3 * nodes;
  if (rest < nodes)
    throw new Error(
      `a workload of ${pods} pods on ${nodes} nodes leaves fewer than one non-DaemonSet pod per node; give at least ${4 * nodes} pods`,
    );
  const criticalNodes = Math.round(POOLS[2].share * nodes);
  // Shares of the non-DaemonSet pods: StatefulSets fill a third of the critical nodes (required
  // hostname anti-affinity: at most one replica per node), bare pods 5 %, the highmem-pinned
  // Deployments 15 %, the plain ones 20 %, the zone-spread ones the rest.
  const stateful = Math.min(Math.floor(criticalNodes / 3) * 3, Math.floor(rest * 0.1));
  const bare = Math.floor(rest * 0.05);
  const pinned = Math.floor(rest * 0.15);
  const plain = Math.floor(rest * 0.2);
  const spread = rest - stateful - bare - pinned - plain;
  const apps: App[] = [];
  const images = [
    'ghcr.io/acme/checkout:2.14.0',
    'ghcr.io/acme/search:1.9.3',
    'nginx:1.27',
    'ghcr.io/acme/payments-api:5.2.1',
  ];
  chunks(spread, 300).forEach((r, i) =>
    apps.push({
      ns: 'shop',
      name: `shop-${i}`,
      replicas: r,
      image: images[i % images.length],
      cpu: ['100m', '250m', '200m'][i % 3],
      mem: '256Mi',
      kind: 'spread',
    }),
  );
  chunks(pinned, 400).forEach((r, i) =>
    apps.push({
      ns: 'data',
      name: `cache-${i}`,
      replicas: r,
      image: 'redis:7.4',
      cpu: '200m',
      mem: '1Gi',
      kind: 'pinned',
    }),
  );
  chunks(plain, 500).forEach((r, i) =>
    apps.push({
      ns: 'shop',
      name: `web-${i}`,
      replicas: r,
      image: 'nginx:1.27',
      cpu: '100m',
      mem: '128Mi',
      kind: 'plain',
    }),
  );
  chunks(stateful, Math.max(3, Math.floor(criticalNodes / 3))).forEach((r, i) =>
    apps.push({
      ns: 'payments',
      name: `ledger-${i}`,
      replicas: r,
      image: 'postgres:16.4',
      cpu: '500m',
      mem: '2Gi',
      kind: 'stateful',
    }),
  );
  const parts = [
    `# helm template acme-platform ./charts/platform  (generated: ${pods} pods on ${nodes} nodes)\n`,
    ...['shop', 'data', 'payments', 'batch'].map(
      (ns) => `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`,
    ),
    '---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: business-critical\nvalue: 100000\nglobalDefault: false\n',
    daemonSet('kube-proxy', 'registry.k8s.io/kube-proxy:v1.33.2', '100m', '64Mi'),
    daemonSet('node-exporter', 'quay.io/prometheus/node-exporter:v1.9.1', '50m', '64Mi'),
    daemonSet('fluent-bit', 'gke.gcr.io/fluent-bit:v3.2.4-gke.1', '100m', '200Mi'),
    ...apps.map(appYaml),
  ];
  for (let i = 0; i < bare; i++) parts.push(barePod(i));
  return parts.join('');
}

/** Writes nodes.yaml and workload.yaml into dir; returns their paths. */
export function writeCapture(dir: string, size: CaptureSize): { nodes: string; workload: string } {
  mkdirSync(dir, { recursive: true });
  const nodes = join(dir, 'nodes.yaml');
  const workload = join(dir, 'workload.yaml');
  writeFileSync(nodes, nodesYaml(size.nodes));
  writeFileSync(workload, workloadYaml(size));
  return { nodes, workload };
}

if (require.main === module) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const nodes = Number(arg('nodes') ?? 500);
  const pods = Number(arg('pods') ?? nodes * 10);
  const out = arg('out') ?? '.';
  const files = writeCapture(out, { nodes, pods });
  console.log(`${files.nodes}\n${files.workload}`);
}
