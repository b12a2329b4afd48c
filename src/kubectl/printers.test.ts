import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, Node, Pod } from '../api/types.ts';
import { VirtualClock } from '../util/clock.ts';
import { buildTable, formatLabelSelector, nameLine, nodeRoles, nodeStatus, podCells } from './printers.ts';
import { labNode } from './testing.ts';

const clock = new VirtualClock(Date.UTC(2026, 0, 1, 0, 10, 0));
const T0 = '2026-01-01T00:00:00Z';

function pod(statuses: Partial<ContainerStatus>[], extra: { init?: Partial<ContainerStatus>[]; initSpecs?: { name: string; restartPolicy?: string }[]; phase?: string; conditions?: { type: string; status: 'True' | 'False' }[]; deleting?: boolean; reason?: string } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: T0, ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:10:30Z' } : {}) },
    spec: {
      containers: statuses.map((s) => ({ name: s.name!, image: 'img' })),
      initContainers: extra.initSpecs?.map((c) => ({ name: c.name, image: 'img', restartPolicy: c.restartPolicy })),
    },
    status: {
      phase: (extra.phase ?? 'Running') as 'Running',
      reason: extra.reason,
      conditions: extra.conditions,
      containerStatuses: statuses.map((s) => ({ image: 'img', ready: false, restartCount: 0, state: {}, ...s }) as ContainerStatus),
      initContainerStatuses: extra.init?.map((s) => ({ image: 'img', ready: false, restartCount: 0, state: {}, ...s }) as ContainerStatus),
    },
  };
}

test('printPod: a running ready container gives READY 1/1, STATUS Running, RESTARTS 0', () => {
  assert.deepEqual(podCells(pod([{ name: 'a', ready: true, state: { running: {} } }]), clock), { ready: '1/1', status: 'Running', restarts: '0' });
});

test('printPod: a waiting reason wins (CrashLoopBackOff) and RESTARTS shows the last restart age', () => {
  const c = podCells(pod([{ name: 'a', restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:08:48Z' } } }]), clock);
  assert.deepEqual(c, { ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (72s ago)' });
});

test('printPod: the alphabetically first waiting/terminated container decides STATUS (statuses iterated backwards)', () => {
  const c = podCells(pod([{ name: 'a', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }, { name: 'b', state: { waiting: { reason: 'ErrImagePull' } } }]), clock);
  assert.equal(c.status, 'OOMKilled');
});

test('printPod: a terminated container without reason shows ExitCode:N or Signal:N', () => {
  assert.equal(podCells(pod([{ name: 'a', state: { terminated: { exitCode: 2 } } }]), clock).status, 'ExitCode:2');
  assert.equal(podCells(pod([{ name: 'a', state: { terminated: { exitCode: 0, signal: 9 } } }]), clock).status, 'Signal:9');
});

test('printPod: init containers show Init:i/n, Init:<reason>, and PodInitializing does not count as a reason', () => {
  const initSpecs = [{ name: 'i1' }, { name: 'i2' }];
  const app = [{ name: 'a', state: { waiting: { reason: 'PodInitializing' } } }];
  assert.equal(podCells(pod(app, { phase: 'Pending', initSpecs, init: [{ name: 'i1', state: { running: {} } }, { name: 'i2', state: { waiting: { reason: 'PodInitializing' } } }] }), clock).status, 'Init:0/2');
  assert.equal(podCells(pod(app, { phase: 'Pending', initSpecs, init: [{ name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } }, { name: 'i2', state: { running: {} } }] }), clock).status, 'Init:1/2');
  assert.equal(podCells(pod(app, { phase: 'Pending', initSpecs, init: [{ name: 'i1', state: { waiting: { reason: 'CrashLoopBackOff' } } }, { name: 'i2', state: { waiting: {} } }] }), clock).status, 'Init:CrashLoopBackOff');
  assert.equal(podCells(pod(app, { phase: 'Pending', initSpecs, init: [{ name: 'i1', state: { terminated: { exitCode: 1, reason: 'Error' } } }, { name: 'i2', state: { waiting: {} } }] }), clock).status, 'Init:Error');
});

test('printPod: a started ready sidecar counts in READY and in the total', () => {
  const c = podCells(pod([{ name: 'a', ready: true, state: { running: {} } }], {
    initSpecs: [{ name: 'side', restartPolicy: 'Always' }], init: [{ name: 'side', started: true, ready: true, state: { running: {} } }],
    conditions: [{ type: 'Initialized', status: 'True' }],
  }), clock);
  assert.deepEqual(c, { ready: '2/2', status: 'Running', restarts: '0' });
});

test('printPod: Completed with another container running is Running if Ready, NotReady otherwise', () => {
  const statuses = [{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }, { name: 'b', ready: true, state: { running: {} } }];
  assert.equal(podCells(pod(statuses, { conditions: [{ type: 'Ready', status: 'True' }] }), clock).status, 'Running');
  assert.equal(podCells(pod(statuses, { conditions: [{ type: 'Ready', status: 'False' }] }), clock).status, 'NotReady');
});

test('printPod: a deleted pod shows Terminating unless finished; NodeLost shows Unknown; status.reason (Evicted) is used', () => {
  assert.equal(podCells(pod([{ name: 'a', ready: true, state: { running: {} } }], { deleting: true }), clock).status, 'Terminating');
  assert.equal(podCells(pod([{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }], { deleting: true, phase: 'Succeeded' }), clock).status, 'Completed');
  assert.equal(podCells(pod([{ name: 'a', ready: true, state: { running: {} } }], { deleting: true, reason: 'NodeLost' }), clock).status, 'Unknown');
  assert.equal(podCells(pod([], { phase: 'Failed', reason: 'Evicted' }), clock).status, 'Evicted');
});

test('printPod: a SchedulingGated PodScheduled condition shows SchedulingGated', () => {
  const p = pod([{ name: 'a' }], { phase: 'Pending' });
  p.status!.containerStatuses = [];
  p.status!.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }];
  assert.equal(podCells(p, clock).status, 'SchedulingGated');
});

test('printNode: STATUS from the Ready condition plus SchedulingDisabled; Unknown without a Ready condition', () => {
  const n = labNode('w1');
  assert.equal(nodeStatus(n), 'Ready');
  n.spec = { unschedulable: true };
  assert.equal(nodeStatus(n), 'Ready,SchedulingDisabled');
  n.status!.conditions = [{ type: 'Ready', status: 'Unknown' }];
  assert.equal(nodeStatus(n), 'NotReady,SchedulingDisabled');
  n.status!.conditions = [];
  assert.equal(nodeStatus({ ...n, spec: {} } as Node), 'Unknown');
});

test('printNode: ROLES from node-role.kubernetes.io/<role> labels and kubernetes.io/role, sorted', () => {
  const n = labNode('m', { controlPlane: true });
  n.metadata.labels!['kubernetes.io/role'] = 'etcd';
  n.metadata.labels!['node-role.kubernetes.io/'] = '';
  assert.deepEqual(nodeRoles(n), ['control-plane', 'etcd']);
});

test('get printers: deployment, replicaset, daemonset and service columns', () => {
  const opts = { wide: false, withNamespace: false, showLabels: false, clock };
  const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', creationTimestamp: T0 }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } } }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } };
  assert.deepEqual(buildTable('Deployment', [dep], opts), [['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], ['web', '2/3', '3', '2', '10m']]);
  const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-proxy', creationTimestamp: T0 }, spec: { selector: {}, template: { spec: { containers: [], nodeSelector: { 'kubernetes.io/os': 'linux' } } } }, status: { desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4, updatedNumberScheduled: 4, numberAvailable: 4 } };
  assert.deepEqual(buildTable('DaemonSet', [ds], opts)[1], ['kube-proxy', '4', '4', '4', '4', '4', 'kubernetes.io/os=linux', '10m']);
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', creationTimestamp: T0 }, spec: { type: 'NodePort', clusterIP: '10.97.1.2', clusterIPs: ['10.97.1.2'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } } };
  assert.deepEqual(buildTable('Service', [svc], { ...opts, wide: true })[1], ['web', 'NodePort', '10.97.1.2', '<none>', '80:30080/TCP', '10m', 'app=web']);
});

test('name printer and selectors: deployment.apps/web, core kinds unqualified; FormatLabelSelector', () => {
  assert.equal(nameLine({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, 'created'), 'deployment.apps/web created');
  assert.equal(nameLine({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }, 'created'), 'pod/x created');
  assert.equal(formatLabelSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }] }), 'a=1,b=2,c in (x,y)');
});
