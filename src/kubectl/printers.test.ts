import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, Job, Node, Pod } from '../api/types.ts';
import { VirtualClock } from '../util/clock.ts';
import { describePair } from './describe/testing.ts';
import {
  buildTable,
  formatLabelSelector,
  jobCompletions,
  jobDuration,
  jobStatus,
  nameLine,
  nodeRoles,
  nodeStatus,
  podCells,
} from './printers.ts';
import { labNode } from './testing.ts';

const clock = new VirtualClock(Date.UTC(2026, 0, 1, 0, 10, 0));
const T0 = '2026-01-01T00:00:00Z';

function pod(
  statuses: Partial<ContainerStatus>[],
  extra: {
    init?: Partial<ContainerStatus>[];
    initSpecs?: { name: string; restartPolicy?: string }[];
    phase?: string;
    conditions?: { type: string; status: 'True' | 'False' }[];
    deleting?: boolean;
    reason?: string;
  } = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      namespace: 'default',
      creationTimestamp: T0,
      ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:10:30Z' } : {}),
    },
    spec: {
      containers: statuses.map((s) => ({ name: s.name!, image: 'img' })),
      initContainers: extra.initSpecs?.map((c) => ({ name: c.name, image: 'img', restartPolicy: c.restartPolicy })),
    },
    status: {
      phase: (extra.phase ?? 'Running') as 'Running',
      reason: extra.reason,
      conditions: extra.conditions,
      containerStatuses: statuses.map(
        (s) => ({ image: 'img', ready: false, restartCount: 0, state: {}, ...s }) as ContainerStatus,
      ),
      initContainerStatuses: extra.init?.map(
        (s) => ({ image: 'img', ready: false, restartCount: 0, state: {}, ...s }) as ContainerStatus,
      ),
    },
  };
}

test('printPod: a running ready container gives READY 1/1, STATUS Running, RESTARTS 0', () => {
  assert.deepEqual(podCells(pod([{ name: 'a', ready: true, state: { running: {} } }]), clock), {
    ready: '1/1',
    status: 'Running',
    restarts: '0',
  });
});

test('printPod: a waiting reason wins (CrashLoopBackOff) and RESTARTS shows the last restart age', () => {
  const c = podCells(
    pod([
      {
        name: 'a',
        restartCount: 5,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:08:48Z' } },
      },
    ]),
    clock,
  );
  assert.deepEqual(c, { ready: '0/1', status: 'CrashLoopBackOff', restarts: '5 (72s ago)' });
});

test('printPod: the alphabetically first waiting/terminated container decides STATUS (statuses iterated backwards)', () => {
  const c = podCells(
    pod([
      { name: 'a', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } },
      { name: 'b', state: { waiting: { reason: 'ErrImagePull' } } },
    ]),
    clock,
  );
  assert.equal(c.status, 'OOMKilled');
});

test('printPod: a terminated container without reason shows ExitCode:N or Signal:N', () => {
  assert.equal(podCells(pod([{ name: 'a', state: { terminated: { exitCode: 2 } } }]), clock).status, 'ExitCode:2');
  assert.equal(
    podCells(pod([{ name: 'a', state: { terminated: { exitCode: 0, signal: 9 } } }]), clock).status,
    'Signal:9',
  );
});

test('printPod: init containers show Init:i/n, Init:<reason>, and PodInitializing does not count as a reason', () => {
  const initSpecs = [{ name: 'i1' }, { name: 'i2' }];
  const app = [{ name: 'a', state: { waiting: { reason: 'PodInitializing' } } }];
  assert.equal(
    podCells(
      pod(app, {
        phase: 'Pending',
        initSpecs,
        init: [
          { name: 'i1', state: { running: {} } },
          { name: 'i2', state: { waiting: { reason: 'PodInitializing' } } },
        ],
      }),
      clock,
    ).status,
    'Init:0/2',
  );
  assert.equal(
    podCells(
      pod(app, {
        phase: 'Pending',
        initSpecs,
        init: [
          { name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'i2', state: { running: {} } },
        ],
      }),
      clock,
    ).status,
    'Init:1/2',
  );
  assert.equal(
    podCells(
      pod(app, {
        phase: 'Pending',
        initSpecs,
        init: [
          { name: 'i1', state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'i2', state: { waiting: {} } },
        ],
      }),
      clock,
    ).status,
    'Init:CrashLoopBackOff',
  );
  assert.equal(
    podCells(
      pod(app, {
        phase: 'Pending',
        initSpecs,
        init: [
          { name: 'i1', state: { terminated: { exitCode: 1, reason: 'Error' } } },
          { name: 'i2', state: { waiting: {} } },
        ],
      }),
      clock,
    ).status,
    'Init:Error',
  );
});

test('printPod: a started ready sidecar counts in READY and in the total', () => {
  const c = podCells(
    pod([{ name: 'a', ready: true, state: { running: {} } }], {
      initSpecs: [{ name: 'side', restartPolicy: 'Always' }],
      init: [{ name: 'side', started: true, ready: true, state: { running: {} } }],
      conditions: [{ type: 'Initialized', status: 'True' }],
    }),
    clock,
  );
  assert.deepEqual(c, { ready: '2/2', status: 'Running', restarts: '0' });
});

test('printPod: Completed with another container running is Running if Ready, NotReady otherwise', () => {
  const statuses = [
    { name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    { name: 'b', ready: true, state: { running: {} } },
  ];
  assert.equal(podCells(pod(statuses, { conditions: [{ type: 'Ready', status: 'True' }] }), clock).status, 'Running');
  assert.equal(podCells(pod(statuses, { conditions: [{ type: 'Ready', status: 'False' }] }), clock).status, 'NotReady');
});

test('printPod: a deleted pod shows Terminating unless finished; NodeLost shows Unknown; status.reason (Evicted) is used', () => {
  assert.equal(
    podCells(pod([{ name: 'a', ready: true, state: { running: {} } }], { deleting: true }), clock).status,
    'Terminating',
  );
  assert.equal(
    podCells(
      pod([{ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }], {
        deleting: true,
        phase: 'Succeeded',
      }),
      clock,
    ).status,
    'Completed',
  );
  assert.equal(
    podCells(pod([{ name: 'a', ready: true, state: { running: {} } }], { deleting: true, reason: 'NodeLost' }), clock)
      .status,
    'Unknown',
  );
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
  const dep = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', creationTimestamp: T0 },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } } },
    status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  };
  assert.deepEqual(buildTable('Deployment', [dep], opts), [
    ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    ['web', '2/3', '3', '2', '10m'],
  ]);
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', creationTimestamp: T0 },
    spec: { selector: {}, template: { spec: { containers: [], nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
    status: {
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberReady: 4,
      updatedNumberScheduled: 4,
      numberAvailable: 4,
    },
  };
  assert.deepEqual(buildTable('DaemonSet', [ds], opts)[1], [
    'kube-proxy',
    '4',
    '4',
    '4',
    '4',
    '4',
    'kubernetes.io/os=linux',
    '10m',
  ]);
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', creationTimestamp: T0 },
    spec: {
      type: 'NodePort',
      clusterIP: '10.97.1.2',
      clusterIPs: ['10.97.1.2'],
      ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
      selector: { app: 'web' },
    },
  };
  assert.deepEqual(buildTable('Service', [svc], { ...opts, wide: true })[1], [
    'web',
    'NodePort',
    '10.97.1.2',
    '<none>',
    '80:30080/TCP',
    '10m',
    'app=web',
  ]);
});

test('name printer and selectors: deployment.apps/web, core kinds unqualified; FormatLabelSelector', () => {
  assert.equal(
    nameLine({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, 'created'),
    'deployment.apps/web created',
  );
  assert.equal(nameLine({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }, 'created'), 'pod/x created');
  assert.equal(
    formatLabelSelector({
      matchLabels: { b: '2', a: '1' },
      matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }],
    }),
    'a=1,b=2,c in (x,y)',
  );
});

test('printStatefulSet: READY is readyReplicas/spec.replicas; -o wide adds CONTAINERS and IMAGES but no SELECTOR', () => {
  const sts = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', creationTimestamp: T0 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'db' } },
      template: {
        spec: {
          containers: [
            { name: 'mysql', image: 'mysql:8' },
            { name: 'exporter', image: 'prom/mysqld-exporter' },
          ],
        },
      },
    },
    status: { replicas: 2, readyReplicas: 1 },
  };
  const opts = { wide: false, withNamespace: false, showLabels: false, clock };
  assert.deepEqual(buildTable('StatefulSet', [sts], opts), [
    ['NAME', 'READY', 'AGE'],
    ['db', '1/3', '10m'],
  ]);
  assert.deepEqual(buildTable('StatefulSet', [sts], { ...opts, wide: true }), [
    ['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES'],
    ['db', '1/3', '10m', 'mysql,exporter', 'mysql:8,prom/mysqld-exporter'],
  ]);
  assert.deepEqual(buildTable('StatefulSet', [{ ...sts, status: undefined }], opts)[1], ['db', '0/3', '10m']);
});

function job(spec: Record<string, unknown>, status: Job['status'], deleting = false): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', creationTimestamp: T0, ...(deleting ? { deletionTimestamp: '2026-01-01T00:09:00Z' } : {}) },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } },
      template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } },
      ...spec,
    },
    status,
  } as Job;
}
const cond = (type: string, status: 'True' | 'False' = 'True') => ({ type, status });

test('printJob STATUS: Complete, then Failed, then Terminating, then Suspended, then FailureTarget, else Running; only True conditions count', () => {
  assert.equal(jobStatus(job({}, {})), 'Running');
  assert.equal(jobStatus(job({}, { conditions: [cond('SuccessCriteriaMet'), cond('Complete')] })), 'Complete');
  assert.equal(jobStatus(job({}, { conditions: [cond('FailureTarget'), cond('Failed')] })), 'Failed');
  assert.equal(jobStatus(job({}, { conditions: [cond('FailureTarget')] })), 'FailureTarget');
  assert.equal(jobStatus(job({}, { conditions: [cond('Suspended')] })), 'Suspended');
  assert.equal(jobStatus(job({}, { conditions: [cond('Suspended', 'False')] })), 'Running');
  assert.equal(jobStatus(job({}, { conditions: [cond('Suspended')] }, true)), 'Terminating');
  assert.equal(jobStatus(job({}, { conditions: [cond('Complete')] }, true)), 'Complete');
});

test('printJob COMPLETIONS: succeeded/completions; without completions succeeded/1, plus "of <parallelism>" when parallelism > 1', () => {
  assert.equal(jobCompletions(job({ completions: 3, parallelism: 2 }, { succeeded: 1 })), '1/3');
  assert.equal(jobCompletions(job({ completions: 1 }, {})), '0/1');
  assert.equal(jobCompletions(job({ parallelism: 3 }, { succeeded: 0 })), '0/1 of 3');
  assert.equal(jobCompletions(job({ parallelism: 1 }, { succeeded: 1 })), '1/1');
});

test('printJob DURATION: empty before startTime, completionTime − startTime when done, now − startTime while running (HumanDuration)', () => {
  assert.equal(jobDuration(job({}, {}), clock), '');
  assert.equal(
    jobDuration(job({}, { startTime: '2026-01-01T00:00:02Z', completionTime: '2026-01-01T00:00:39Z' }), clock),
    '37s',
  );
  assert.equal(jobDuration(job({}, { startTime: '2026-01-01T00:00:30Z' }), clock), '9m30s');
});

test('printJob: NAME STATUS COMPLETIONS DURATION AGE; -o wide adds CONTAINERS, IMAGES and the SELECTOR', () => {
  const j = job(
    { completions: 1, parallelism: 1 },
    {
      succeeded: 1,
      startTime: T0,
      completionTime: '2026-01-01T00:00:09Z',
      conditions: [cond('SuccessCriteriaMet'), cond('Complete')],
    },
  );
  assert.deepEqual(buildTable('Job', [j], { wide: true, withNamespace: false, showLabels: false, clock }), [
    ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
    ['pi', 'Complete', '1/1', '9s', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=u1'],
  ]);
});

test('printConfigMap, printSecret, printServiceAccount, printPriorityClass, printReplicationController (pkg/printers/internalversion/printers.go): their columns and cells', () => {
  const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: T0 });
  const o = { wide: false, withNamespace: false, showLabels: false, clock };
  assert.deepEqual(
    buildTable(
      'ConfigMap',
      [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: meta('c'),
          data: { a: '1', b: '2' },
          binaryData: { c: 'AA==' },
        } as never,
      ],
      o,
    ),
    [
      ['NAME', 'DATA', 'AGE'],
      ['c', '3', '10m'],
    ],
  );
  assert.deepEqual(
    buildTable(
      'Secret',
      [{ apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), type: 'Opaque', data: { t: 'eA==' } } as never],
      o,
    ),
    [
      ['NAME', 'TYPE', 'DATA', 'AGE'],
      ['s', 'Opaque', '1', '10m'],
    ],
  );
  assert.deepEqual(
    buildTable('ServiceAccount', [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('sa') } as never], o),
    [
      ['NAME', 'SECRETS', 'AGE'],
      ['sa', '0', '10m'],
    ],
  );
  assert.deepEqual(
    buildTable(
      'PriorityClass',
      [
        {
          apiVersion: 'scheduling.k8s.io/v1',
          kind: 'PriorityClass',
          metadata: { name: 'high', creationTimestamp: T0 },
          value: 1000,
          preemptionPolicy: 'PreemptLowerPriority',
        } as never,
      ],
      o,
    ),
    [
      ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
      ['high', '1000', 'false', '10m', 'PreemptLowerPriority'],
    ],
  );
  const rc = {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: meta('rc'),
    spec: { replicas: 2, selector: { app: 'x' }, template: { spec: { containers: [{ name: 'a', image: 'nginx' }] } } },
    status: { replicas: 2, readyReplicas: 1 },
  };
  assert.deepEqual(buildTable('ReplicationController', [rc as never], { ...o, wide: true }), [
    ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
    ['rc', '2', '2', '1', '10m', 'a', 'nginx', 'app=x'],
  ]);
});

test('kubectl get poddisruptionbudgets: MIN AVAILABLE / MAX UNAVAILABLE as set else N/A, ALLOWED DISRUPTIONS from the status the disruption controller keeps (printPodDisruptionBudget; golden of real kubectl 1.33)', () => {
  for (const cmd of ['get pdb', 'get pdb -A -o wide --show-labels']) {
    const { sim, real } = describePair(cmd);
    assert.equal(sim, real, cmd);
  }
});

test('printControllerRevision: NAME, CONTROLLER as formatResourceName with its kind (`statefulset.apps/db`, `<none>` without one), REVISION, AGE', () => {
  const clock = new VirtualClock(Date.parse('2026-01-01T00:01:00Z'));
  const rev = (name: string, revision: number, owner?: { apiVersion: string; kind: string; name: string }) => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...(owner ? { ownerReferences: [{ ...owner, uid: 'u', controller: true }] } : {}),
    },
    revision,
  });
  const rows = buildTable(
    'ControllerRevision',
    [rev('db-5888b7ddcb', 3, { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }), rev('orphan-1', 1)],
    { wide: false, withNamespace: false, showLabels: false, clock },
  );
  assert.deepEqual(rows, [
    ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
    ['db-5888b7ddcb', 'statefulset.apps/db', '3', '60s'],
    ['orphan-1', '<none>', '1', '60s'],
  ]);
});
