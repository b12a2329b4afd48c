// The lab cluster of the reference notes: a kubeadm 1.33
// cluster with containerd and Calico (pod network 172.16.0.0/16) on the notes' Vagrant VMs —
// control plane m-k8s (192.168.1.10) and workers w1-k8s, w2-k8s, w3-k8s (192.168.1.101–103),
// CentOS 7. Built in the order kubeadm builds it: m-k8s with its static control-plane pods,
// the kube-proxy and calico-node DaemonSets and CoreDNS (which therefore lands on m-k8s, the only
// node when it is scheduled, as in a real kubeadm lab), then the workers join (nodes and the empty
// cluster: bootstrap.ts). Built once per seed and process (createLabCluster).
// Sizes: 2 CPUs everywhere (the notes give no sizes), memory from the
// lab Vagrantfile (3072 MiB master, 2560 MiB workers) minus what the kernel keeps, allocatable =
// capacity − 100Mi (kubelet eviction threshold), 110 pods. Image sizes are approximate.

import type { ContainerImage, DaemonSet, Deployment, Pod, PodSpec, Service } from '../api/types.ts';
import { stringify as stringifyYaml } from 'yaml';
import { DEFAULT_SEED, type Cluster, type ClusterOptions } from './cluster.ts';
import { DEFAULT_STATIC_POD_PATH } from '../kubelet/nodefs.ts';
import { createHash } from 'node:crypto';
import { createEmptyCluster, createNode, K8S_VERSION, kubeletLabels } from './bootstrap.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.21-0';
const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.0';
const CALICO_VERSION = 'v3.29.3';

// ---- the lab ---------------------------------------------------------------------------

const MASTER_IP = '192.168.1.10';
const ETCD_PKI = '/etc/kubernetes/pki/etcd';
const Ki = 1024;

/** A VM's memory as the node reports it: capacity (kernel MemTotal) and allocatable (−100Mi). */
function vmResources(memTotalKi: number): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const ephemeralKi = 38770180; // root filesystem of the 40 GB Vagrant disk
  const common = { cpu: '2', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', pods: '110' };
  return {
    capacity: { ...common, 'ephemeral-storage': `${ephemeralKi}Ki`, memory: `${memTotalKi}Ki` },
    allocatable: {
      ...common,
      'ephemeral-storage': String(Math.floor(ephemeralKi * Ki * 0.9)),
      memory: `${memTotalKi - 100 * Ki}Ki`,
    },
  };
}

function image(name: string, sizeBytes: number): ContainerImage {
  const repo = name.slice(0, name.lastIndexOf(':'));
  return { names: [`${repo}@sha256:${sha(`image:${name}`)}`, name], sizeBytes };
}

const NODE_IMAGES = [
  image(`docker.io/calico/node:${CALICO_VERSION}`, 142546497),
  image(`docker.io/calico/cni:${CALICO_VERSION}`, 99244893),
  image(`registry.k8s.io/kube-proxy:${K8S_VERSION}`, 30896474),
  image('registry.k8s.io/pause:3.10', 320368),
];
const MASTER_IMAGES = [
  image(ETCD_IMAGE, 58938593),
  image(`registry.k8s.io/kube-apiserver:${K8S_VERSION}`, 30071307),
  image(`registry.k8s.io/kube-controller-manager:${K8S_VERSION}`, 27646507),
  image(`registry.k8s.io/kube-scheduler:${K8S_VERSION}`, 21776381),
  image(COREDNS_IMAGE, 20939036),
];

/** kubeadm's probes; readiness probes have no initial delay. */
const httpProbe = (
  host: string,
  path: string,
  port: number,
  scheme: 'HTTP' | 'HTTPS',
  failureThreshold: number,
  periodSeconds = 10,
  initialDelaySeconds: number | undefined = 10,
) => ({
  failureThreshold,
  httpGet: { host, path, port, scheme },
  ...(initialDelaySeconds !== undefined ? { initialDelaySeconds } : {}),
  periodSeconds,
  timeoutSeconds: 15,
});

const hostPath = (name: string, path: string, type: string) => ({ name, hostPath: { path, type } });

/** kubeadm's static pod shape: hostNetwork, system-node-critical, RuntimeDefault seccomp. */
function staticPod(
  name: string,
  tier: Record<string, string>,
  annotations: Record<string, string>,
  spec: Partial<PodSpec> & { containers: PodSpec['containers'] },
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'kube-system',
      labels: { component: name, tier: 'control-plane', ...tier },
      annotations,
    },
    spec: {
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      ...spec,
    },
  };
}

function controlPlaneManifests(): Pod[] {
  const k8sVolumes = [
    hostPath('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'),
    hostPath('etc-pki', '/etc/pki', 'DirectoryOrCreate'),
    hostPath('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'),
  ];
  const mounts = (vols: { name: string; hostPath: { path: string } }[]) =>
    vols.map((v) => ({ mountPath: v.hostPath.path, name: v.name, readOnly: true }));
  const etcd = staticPod(
    'etcd',
    {},
    { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${MASTER_IP}:2379` },
    {
      containers: [
        {
          name: 'etcd',
          image: ETCD_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          command: [
            'etcd',
            `--advertise-client-urls=https://${MASTER_IP}:2379`,
            `--cert-file=${ETCD_PKI}/server.crt`,
            '--client-cert-auth=true',
            '--data-dir=/var/lib/etcd',
            '--feature-gates=InitialCorruptCheck=true',
            `--initial-advertise-peer-urls=https://${MASTER_IP}:2380`,
            `--initial-cluster=m-k8s=https://${MASTER_IP}:2380`,
            `--key-file=${ETCD_PKI}/server.key`,
            `--listen-client-urls=https://127.0.0.1:2379,https://${MASTER_IP}:2379`,
            '--listen-metrics-urls=http://127.0.0.1:2381',
            `--listen-peer-urls=https://${MASTER_IP}:2380`,
            '--name=m-k8s',
            `--peer-cert-file=${ETCD_PKI}/peer.crt`,
            '--peer-client-cert-auth=true',
            `--peer-key-file=${ETCD_PKI}/peer.key`,
            `--peer-trusted-ca-file=${ETCD_PKI}/ca.crt`,
            '--snapshot-count=10000',
            `--trusted-ca-file=${ETCD_PKI}/ca.crt`,
            '--watch-progress-notify-interval=5s',
          ],
          livenessProbe: httpProbe('127.0.0.1', '/livez', 2381, 'HTTP', 8),
          readinessProbe: httpProbe('127.0.0.1', '/readyz', 2381, 'HTTP', 3, 1, undefined),
          startupProbe: httpProbe('127.0.0.1', '/readyz', 2381, 'HTTP', 24),
          resources: { requests: { cpu: '100m', memory: '100Mi' } },
          volumeMounts: [
            { mountPath: '/var/lib/etcd', name: 'etcd-data' },
            { mountPath: ETCD_PKI, name: 'etcd-certs' },
          ],
        },
      ],
      volumes: [
        hostPath('etcd-certs', ETCD_PKI, 'DirectoryOrCreate'),
        hostPath('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate'),
      ],
    },
  );
  const apiserver = staticPod(
    'kube-apiserver',
    {},
    { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${MASTER_IP}:6443` },
    {
      containers: [
        {
          name: 'kube-apiserver',
          image: `registry.k8s.io/kube-apiserver:${K8S_VERSION}`,
          imagePullPolicy: 'IfNotPresent',
          command: [
            'kube-apiserver',
            `--advertise-address=${MASTER_IP}`,
            '--allow-privileged=true',
            '--authorization-mode=Node,RBAC',
            '--client-ca-file=/etc/kubernetes/pki/ca.crt',
            '--enable-admission-plugins=NodeRestriction',
            '--enable-bootstrap-token-auth=true',
            `--etcd-cafile=${ETCD_PKI}/ca.crt`,
            '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
            '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
            '--etcd-servers=https://127.0.0.1:2379',
            '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
            '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
            '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
            '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
            '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
            '--requestheader-allowed-names=front-proxy-client',
            '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
            '--requestheader-extra-headers-prefix=X-Remote-Extra-',
            '--requestheader-group-headers=X-Remote-Group',
            '--requestheader-username-headers=X-Remote-User',
            '--secure-port=6443',
            '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
            '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
            '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
            '--service-cluster-ip-range=10.96.0.0/12',
            '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
            '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
          ],
          livenessProbe: httpProbe(MASTER_IP, '/livez', 6443, 'HTTPS', 8),
          readinessProbe: httpProbe(MASTER_IP, '/readyz', 6443, 'HTTPS', 3, 1, undefined),
          startupProbe: httpProbe(MASTER_IP, '/livez', 6443, 'HTTPS', 24),
          resources: { requests: { cpu: '250m' } },
          volumeMounts: mounts(k8sVolumes),
        },
      ],
      volumes: k8sVolumes,
    },
  );
  const cmVolumes = [
    ...k8sVolumes.slice(0, 2),
    hostPath('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'),
    k8sVolumes[2],
    hostPath('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate'),
  ];
  const controllerManager = staticPod(
    'kube-controller-manager',
    {},
    {},
    {
      containers: [
        {
          name: 'kube-controller-manager',
          image: `registry.k8s.io/kube-controller-manager:${K8S_VERSION}`,
          imagePullPolicy: 'IfNotPresent',
          command: [
            'kube-controller-manager',
            '--allocate-node-cidrs=true',
            '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
            '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
            '--bind-address=127.0.0.1',
            '--client-ca-file=/etc/kubernetes/pki/ca.crt',
            '--cluster-cidr=172.16.0.0/16',
            '--cluster-name=kubernetes',
            '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
            '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
            '--controllers=*,bootstrapsigner,tokencleaner',
            '--kubeconfig=/etc/kubernetes/controller-manager.conf',
            '--leader-elect=true',
            '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
            '--root-ca-file=/etc/kubernetes/pki/ca.crt',
            '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
            '--service-cluster-ip-range=10.96.0.0/12',
            '--use-service-account-credentials=true',
          ],
          livenessProbe: httpProbe('127.0.0.1', '/healthz', 10257, 'HTTPS', 8),
          startupProbe: httpProbe('127.0.0.1', '/healthz', 10257, 'HTTPS', 24),
          resources: { requests: { cpu: '200m' } },
          volumeMounts: mounts(cmVolumes),
        },
      ],
      volumes: cmVolumes,
    },
  );
  const schedVolumes = [hostPath('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')];
  const scheduler = staticPod(
    'kube-scheduler',
    {},
    {},
    {
      containers: [
        {
          name: 'kube-scheduler',
          image: `registry.k8s.io/kube-scheduler:${K8S_VERSION}`,
          imagePullPolicy: 'IfNotPresent',
          command: [
            'kube-scheduler',
            '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
            '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
            '--bind-address=127.0.0.1',
            '--kubeconfig=/etc/kubernetes/scheduler.conf',
            '--leader-elect=true',
          ],
          livenessProbe: httpProbe('127.0.0.1', '/livez', 10259, 'HTTPS', 8),
          readinessProbe: httpProbe('127.0.0.1', '/readyz', 10259, 'HTTPS', 3, 1, undefined),
          startupProbe: httpProbe('127.0.0.1', '/livez', 10259, 'HTTPS', 24),
          resources: { requests: { cpu: '100m' } },
          volumeMounts: mounts(schedVolumes),
        },
      ],
      volumes: schedVolumes,
    },
  );
  return [etcd, apiserver, controllerManager, scheduler];
}

const envFromField = (name: string, fieldPath: string) => ({
  name,
  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } },
});

function kubeProxy(): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'kube-proxy',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-proxy' },
      annotations: { 'deprecated.daemonset.template.generation': '1' },
    },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [
            {
              name: 'kube-proxy',
              image: `registry.k8s.io/kube-proxy:${K8S_VERSION}`,
              imagePullPolicy: 'IfNotPresent',
              command: [
                '/usr/local/bin/kube-proxy',
                '--config=/var/lib/kube-proxy/config.conf',
                '--hostname-override=$(NODE_NAME)',
              ],
              env: [envFromField('NODE_NAME', 'spec.nodeName')],
              securityContext: { privileged: true },
              volumeMounts: [
                { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
              ],
            },
          ],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          volumes: [
            { name: 'kube-proxy', configMap: { defaultMode: 420, name: 'kube-proxy' } },
            hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
            hostPath('lib-modules', '/lib/modules', ''),
          ],
        },
      },
    },
  };
}

function calicoNode(): DaemonSet {
  const cni = `docker.io/calico/cni:${CALICO_VERSION}`;
  const node = `docker.io/calico/node:${CALICO_VERSION}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'calico-node',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'calico-node' },
      annotations: { 'deprecated.daemonset.template.generation': '1' },
    },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'calico-node' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'calico-node' } },
        spec: {
          initContainers: [
            {
              name: 'upgrade-ipam',
              image: cni,
              imagePullPolicy: 'IfNotPresent',
              command: ['/opt/cni/bin/calico-ipam', '-upgrade'],
              securityContext: { privileged: true },
            },
            {
              name: 'install-cni',
              image: cni,
              imagePullPolicy: 'IfNotPresent',
              command: ['/opt/cni/bin/install'],
              securityContext: { privileged: true },
            },
            {
              name: 'mount-bpffs',
              image: node,
              imagePullPolicy: 'IfNotPresent',
              command: ['calico-node', '-init', '-best-effort'],
              securityContext: { privileged: true },
            },
          ],
          containers: [
            {
              name: 'calico-node',
              image: node,
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'DATASTORE_TYPE', value: 'kubernetes' },
                { name: 'WAIT_FOR_DATASTORE', value: 'true' },
                envFromField('NODENAME', 'spec.nodeName'),
                { name: 'CALICO_NETWORKING_BACKEND', value: 'bird' },
                { name: 'CLUSTER_TYPE', value: 'k8s,bgp' },
                { name: 'IP', value: 'autodetect' },
                { name: 'CALICO_IPV4POOL_IPIP', value: 'Always' },
                { name: 'CALICO_IPV4POOL_CIDR', value: '172.16.0.0/16' },
                { name: 'FELIX_IPINIPMTU', value: '1480' },
                { name: 'CALICO_DISABLE_FILE_LOGGING', value: 'true' },
                { name: 'FELIX_DEFAULTENDPOINTTOHOSTACTION', value: 'ACCEPT' },
                { name: 'FELIX_IPV6SUPPORT', value: 'false' },
                { name: 'FELIX_HEALTHENABLED', value: 'true' },
              ],
              livenessProbe: {
                exec: { command: ['/bin/calico-node', '-felix-live', '-bird-live'] },
                failureThreshold: 6,
                initialDelaySeconds: 10,
                periodSeconds: 10,
                timeoutSeconds: 10,
              },
              readinessProbe: {
                exec: { command: ['/bin/calico-node', '-felix-ready', '-bird-ready'] },
                failureThreshold: 3,
                periodSeconds: 10,
                timeoutSeconds: 10,
              },
              resources: { requests: { cpu: '250m' } },
              securityContext: { privileged: true },
            },
          ],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'calico-node',
          terminationGracePeriodSeconds: 0,
          tolerations: [
            { effect: 'NoSchedule', operator: 'Exists' },
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoExecute', operator: 'Exists' },
          ],
        },
      },
    },
  };
}

function coreDns(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
          containers: [
            {
              name: 'coredns',
              image: COREDNS_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              args: ['-conf', '/etc/coredns/Corefile'],
              livenessProbe: {
                failureThreshold: 5,
                httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                initialDelaySeconds: 60,
                periodSeconds: 10,
                successThreshold: 1,
                timeoutSeconds: 5,
              },
              readinessProbe: {
                failureThreshold: 3,
                httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
                periodSeconds: 10,
                successThreshold: 1,
                timeoutSeconds: 1,
              },
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: true,
              },
              volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
            },
          ],
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
          ],
          volumes: [
            {
              name: 'config-volume',
              configMap: { defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' },
            },
          ],
        },
      },
    },
  };
}

function kubeDnsService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}

/** The control-plane manifests as kubeadm writes them: [path, YAML], rendered once per process (they never change). */
let manifestFiles: [string, string][] | undefined;
function controlPlaneManifestFiles(): [string, string][] {
  manifestFiles ??= controlPlaneManifests().map((m) => [
    `${DEFAULT_STATIC_POD_PATH}/${m.metadata.name}.yaml`,
    stringifyYaml(m),
  ]);
  return manifestFiles;
}

/** Lab clusters built by this process, by seed: createLabCluster hands out clones of them. */
const builtLabs = new Map<number, Cluster>();

/**
 * the reference notes' lab, settled: 4 Ready nodes and the kube-system pods Running.
 * Built once per seed and process; every call returns a clone that behaves as a freshly built one
 * (Cluster.clone). Scheduler options other than the seed build a cluster of its own.
 */
export function createLabCluster(opts: ClusterOptions = {}): Cluster {
  if (Object.keys(opts).some((k) => k !== 'seed')) return buildLabCluster(opts);
  const seed = opts.seed ?? DEFAULT_SEED;
  let built = builtLabs.get(seed);
  if (!built) {
    built = buildLabCluster({ seed });
    builtLabs.set(seed, built);
  }
  return built.clone();
}

/** The lab cluster built step by step, as kubeadm builds it. */
export function buildLabCluster(opts: ClusterOptions = {}): Cluster {
  const cluster = createEmptyCluster(opts);
  // kubeadm init on m-k8s: the node, its static pods, the add-ons; then the CNI.
  createNode(cluster, {
    name: 'm-k8s',
    labels: {
      ...kubeletLabels('m-k8s'),
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    },
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    ip: MASTER_IP,
    ...vmResources(2931464),
    images: [...NODE_IMAGES, ...MASTER_IMAGES],
  });
  // kubeadm writes the control-plane manifests into the kubelet's staticPodPath
  const fs = cluster.kubelets.fs('m-k8s');
  for (const [path, text] of controlPlaneManifestFiles()) fs.write(path, text);
  cluster.api.create(kubeProxy());
  cluster.api.create(coreDns());
  cluster.api.create(kubeDnsService());
  cluster.api.create(calicoNode());
  cluster.settle();
  // kubeadm join on the workers.
  for (const [i, name] of ['w1-k8s', 'w2-k8s', 'w3-k8s'].entries()) {
    createNode(cluster, {
      name,
      labels: kubeletLabels(name),
      ip: `192.168.1.${101 + i}`,
      ...vmResources(2417880),
      images: [...NODE_IMAGES],
    });
  }
  cluster.settle();
  return cluster;
}
