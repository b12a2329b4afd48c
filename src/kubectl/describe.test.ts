import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { k, runningPod, testCluster } from './testing.ts';

const MSG =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) had untolerated taint {key01: value01}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';

function pendingPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { requests: { cpu: '250m' } },
        },
      ],
      priority: 0,
      serviceAccountName: 'default',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: MSG }],
    },
  };
}

test('kubectl describe pod: layout, tabwriter alignment and a repeated FailedScheduling event shown as "Ns (xN over M)"', () => {
  const c = testCluster();
  const pod = c.store.create(pendingPod());
  for (let i = 0; i < 4; i++) {
    if (i > 0) c.clock.advanceTo(c.clock.now() + 26_000);
    c.events.record(pod, 'Warning', 'FailedScheduling', MSG, 'default-scheduler');
  }
  c.clock.advanceTo(c.clock.now() + 12_000);
  const r = k(c, 'describe pod web');
  assert.equal(r.exitCode, 0);
  assert.equal(
    r.stdout,
    [
      'Name:             web',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      'Node:             <none>',
      'Labels:           app=web',
      'Annotations:      <none>',
      'Status:           Pending',
      'IP:               ',
      'IPs:              <none>',
      'Containers:',
      '  nginx:',
      '    Image:      nginx',
      '    Port:       80/TCP',
      '    Host Port:  0/TCP',
      '    Requests:',
      '      cpu:        250m',
      '    Environment:  <none>',
      '    Mounts:       <none>',
      'Conditions:',
      '  Type           Status',
      '  PodScheduled   False ',
      'Volumes:         <none>',
      'QoS Class:       Burstable',
      'Node-Selectors:  <none>',
      'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      '                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      'Events:',
      '  Type     Reason            Age                From               Message',
      '  ----     ------            ----               ----               -------',
      `  Warning  FailedScheduling  12s (x4 over 90s)  default-scheduler  ${MSG}`,
      '',
    ].join('\n'),
  );
});

test('kubectl describe pod: running pod with IPs, Controlled By, container state and no events', () => {
  const c = testCluster();
  const p = runningPod('web-1', 'w1-k8s');
  p.metadata.ownerReferences = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f5d', uid: 'u', controller: true },
  ];
  c.store.create(p);
  const out = k(c, 'describe pod web-1').stdout;
  assert.match(out, /\nNode:         w1-k8s\/192\.168\.1\.101\n/);
  assert.match(out, /\nIPs:\n  IP:           172\.16\.1\.2\nControlled By:  ReplicaSet\/web-7d4b9c8f5d\n/);
  assert.match(
    out,
    /\n    State:          Running\n      Started:      Thu, 01 Jan 2026 00:00:01 \+0000\n    Ready:          True\n    Restart Count:  0\n/,
  );
  assert.match(out, /\nEvents:          <none>\n$/);
});

test("kubectl describe pod: downward-API env shows metadata values; spec.* and status.* paths show empty, as kubectl's EnvValueRetriever (describe.go) resolves only metadata", () => {
  const c = testCluster();
  const p = runningPod('web-1', 'w1-k8s');
  p.spec.containers[0].env = [
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'POD_NS', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
    { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
  ];
  c.store.create(p);
  const out = k(c, 'describe pod web-1').stdout;
  assert.match(
    out,
    /\n      POD_NAME:  web-1 \(v1:metadata\.name\)\n      POD_NS:    default \(v1:metadata\.namespace\)\n      NODE:       \(v1:spec\.nodeName\)\n      POD_IP:     \(v1:status\.podIP\)\n/,
  );
});

test('kubectl describe: a name prefix describes every matching pod; an unknown name is NotFound', () => {
  const c = testCluster();
  c.store.create(runningPod('web-a', 'w1-k8s'));
  c.store.create(runningPod('web-b', 'w2-k8s'));
  const out = k(c, 'describe pod web').stdout;
  assert.equal(out.match(/^Name:/gm)?.length, 2);
  assert.ok(out.includes('\n\n\nName:'));
  assert.deepEqual(k(c, 'describe pod nope'), {
    stdout: '',
    stderr: 'Error from server (NotFound): pods "nope" not found\n',
    exitCode: 1,
  });
});

test('kubectl describe node: taints, conditions table, system info, non-terminated pods with request percentages', () => {
  const c = testCluster();
  const p = runningPod('web', 'w1-k8s');
  p.spec.containers[0].resources = { requests: { cpu: '500m', memory: '128Mi' }, limits: { memory: '256Mi' } };
  c.store.create(p);
  const out = k(c, 'describe node m-k8s').stdout;
  assert.match(out, /^Name:               m-k8s\nRoles:              control-plane\n/);
  assert.match(
    out,
    /\nTaints:             node-role\.kubernetes\.io\/control-plane:NoSchedule\nUnschedulable:      false\n/,
  );
  const w1 = k(c, 'describe node w1-k8s').stdout;
  assert.ok(
    w1.includes(
      '\nNon-terminated Pods:          (1 in total)\n' +
        '  Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n' +
        '  ---------                   ----    ------------  ----------  ---------------  -------------  ---\n' +
        '  default                     web     500m (25%)    0 (0%)      128Mi (3%)       256Mi (6%)     0s\n' +
        'Allocated resources:\n' +
        '  (Total limits may be over 100 percent, i.e., overcommitted.)\n' +
        '  Resource           Requests    Limits\n' +
        '  --------           --------    ------\n' +
        '  cpu                500m (25%)  0 (0%)\n' +
        '  memory             128Mi (3%)  256Mi (6%)\n' +
        '  ephemeral-storage  0 (0%)      0 (0%)\n',
    ),
  );
  assert.match(w1, /\nEvents:              <none>\n$/);
});

test('kubectl describe pod: a mirror pod shows the events recorded against its static pod (uid from kubernetes.io/config.mirror, any kind), as PodDescriber does', () => {
  const c = testCluster();
  const mirror = c.store.create(runningPod('etcd-m-k8s', 'm-k8s', { namespace: 'kube-system' }));
  mirror.metadata.annotations = { 'kubernetes.io/config.mirror': 'static-uid-1' };
  c.store.update(mirror);
  // The kubelet records against the static pod: same name and namespace, the static pod's uid.
  const staticPod = { ...mirror, metadata: { ...mirror.metadata, uid: 'static-uid-1' } };
  c.events.record(staticPod, 'Normal', 'Started', 'Started container etcd', 'kubelet', 'm-k8s');
  // An event of the same name with another uid is not the pod's.
  c.events.record(
    { ...mirror, metadata: { ...mirror.metadata, uid: 'other' } },
    'Normal',
    'Killing',
    'Stopping container etcd',
    'kubelet',
    'm-k8s',
  );
  const out = k(c, 'describe pod -n kube-system etcd-m-k8s').stdout;
  assert.ok(out.endsWith('\n  Normal  Started  0s    kubelet  Started container etcd\n'), out);
  assert.doesNotMatch(out, /Killing/);
});

test("kubectl describe pod: SeccompProfile of the pod and of a container; env fieldRefs resolve only metadata.name and metadata.namespace (kubectl's scheme has no other Pod field labels)", () => {
  const c = testCluster();
  const pod = runningPod('web', 'w1-k8s');
  (pod.spec as Record<string, unknown>).securityContext = { seccompProfile: { type: 'RuntimeDefault' } };
  pod.spec.containers[0] = {
    ...pod.spec.containers[0],
    securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } },
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'POD_NS', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    ],
  } as Pod['spec']['containers'][0];
  c.store.create(pod);
  const out = k(c, 'describe pod web').stdout;
  assert.ok(
    out.includes('\nStatus:          Running\nSeccompProfile:  RuntimeDefault\nIP:              172.16.1.2\n'),
    out,
  );
  assert.ok(
    out.includes(
      '\n    Host Port:           <none>\n    SeccompProfile:      Localhost\n      LocalhostProfile:  profiles/audit.json\n',
    ),
    out,
  );
  assert.ok(
    out.includes(
      '\n      POD_NAME:   web (v1:metadata.name)\n      POD_NS:     default (v1:metadata.namespace)\n      NODE_NAME:   (v1:spec.nodeName)\n      POD_IP:      (v1:status.podIP)\n',
    ),
    out,
  );
});
