// Test fixtures for the kubectl command tests: a cluster with lab-like nodes and pods written
// straight into the store (no controllers, scheduler or kubelets needed), and a shorthand
// runner.

import type { Node, Pod } from '../api/types.ts';
import { Cluster } from '../cluster/cluster.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { runKubectl } from './kubectl.ts';
import type { KubectlOptions, KubectlResult } from './flags.ts';

export function labNode(name: string, opts: { controlPlane?: boolean; ip?: string } = {}): Node {
  const labels: Record<string, string> = {
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (opts.controlPlane) labels['node-role.kubernetes.io/control-plane'] = '';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: opts.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
    status: {
      capacity: { cpu: '2', memory: '4026060Ki', pods: '110', 'ephemeral-storage': '40Gi' },
      allocatable: { cpu: '2', memory: '3923660Ki', pods: '110', 'ephemeral-storage': '37Gi' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: '2026-01-01T00:00:00Z',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: opts.ip ?? '192.168.1.10' },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.33.1',
        osImage: 'Ubuntu 22.04.4 LTS',
        kernelVersion: '5.15.0-113-generic',
        containerRuntimeVersion: 'containerd://1.7.27',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/**
 * A cluster with m-k8s (control plane) and w1..w3 workers, created at the clock's start, with no
 * controllers, scheduler or kubelets: objects stay exactly as the test writes them (the namespaces'
 * ServiceAccounts and root CA ConfigMaps are made first).
 */
export function testCluster(): Cluster {
  const c = new Cluster();
  // what every cluster has before anything is written: each namespace's default ServiceAccount and kube-root-ca.crt
  c.settleNow();
  c.components.length = 0;
  c.store.create(labNode('m-k8s', { controlPlane: true, ip: '192.168.1.10' }));
  for (let i = 1; i <= 3; i++) c.store.create(labNode(`w${i}-k8s`, { ip: `192.168.1.10${i}` }));
  return c;
}

/** A running, ready pod bound to a node (as a kubelet would have reported it). */
export function runningPod(
  name: string,
  node: string,
  extra: Partial<Pod> & { labels?: Record<string, string>; namespace?: string } = {},
): Pod {
  const { labels, namespace, ...rest } = extra;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: namespace ?? 'default', labels: labels ?? { run: name } },
    spec: {
      containers: [{ name, image: 'nginx' }],
      nodeName: node,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      phase: 'Running',
      hostIP: '192.168.1.101',
      podIP: '172.16.1.2',
      podIPs: [{ ip: '172.16.1.2' }],
      startTime: '2026-01-01T00:00:00Z',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name,
          image: 'nginx',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: '2026-01-01T00:00:01Z' } },
        },
      ],
    },
    ...rest,
  } as Pod;
}

/**
 * The lab cluster after `kubectl run webserver --image=nginx --port 80` and `kubectl run crasher
 * --image=busybox -- false` (and `seconds` more): the state the golden outputs of real kubectl
 * in the tests were printed from.
 */
export function labWithPods(seconds = 0): Cluster {
  const c = createLabCluster();
  for (const line of ['run webserver --image=nginx --port 80', 'run crasher --image=busybox -- false']) {
    const r = runKubectl(c, line);
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
  }
  if (seconds) {
    c.clock.advanceTo(c.clock.now() + seconds * 1000);
    c.settle();
  }
  return c;
}

export function k(cluster: Cluster, line: string, opts?: KubectlOptions): KubectlResult {
  return runKubectl(cluster, line, opts);
}
