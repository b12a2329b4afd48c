import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoreEvent, KubeObject, Pod } from '../api/types.ts';
import { unsettled } from './settle.ts';

const pod = (name: string, extra: Partial<Pod> = {}): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'ns', uid: `uid-${name}` },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    ...extra,
  }) as Pod;
const waiting = (reason: string) => ({
  phase: 'Pending' as const,
  containerStatuses: [{ name: 'c', image: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason } } }],
});

test("not settled: a pod the scheduler has not decided on, a bound pod its kubelet has not started (kubectl run's pod right after it)", () => {
  assert.deepEqual(unsettled([pod('new')], []), ['pod new: not scheduled yet']);
  assert.deepEqual(unsettled([pod('bound', { spec: { nodeName: 'w1', containers: [] } })], []), [
    'pod bound: its kubelet has not reported yet',
  ]);
  assert.deepEqual(
    unsettled([pod('pulling', { spec: { nodeName: 'w1', containers: [] }, status: waiting('ContainerCreating') })], []),
    ['pod pulling: ContainerCreating'],
  );
});

test('settled: states that last — an unschedulable pod (FailedScheduling), CrashLoopBackOff, ImagePullBackOff, Terminating', () => {
  const failed = {
    reason: 'FailedScheduling',
    involvedObject: { kind: 'Pod', name: 'big', uid: 'uid-big' },
  } as CoreEvent;
  assert.deepEqual(unsettled([pod('big')], [failed]), []);
  const bound = { nodeName: 'w1', containers: [] };
  assert.deepEqual(
    unsettled(
      [
        pod('crash', { spec: bound, status: waiting('CrashLoopBackOff') }),
        pod('pull', { spec: bound, status: waiting('ImagePullBackOff') }),
        pod('gone', { metadata: { name: 'gone', deletionTimestamp: '2026-01-01T00:00:00Z' }, spec: bound }),
      ],
      [],
    ),
    [],
  );
});

test('not settled: a workload whose controller has not seen its generation, a ReplicaSet short of pods (observedGeneration, status.replicas)', () => {
  const deploy = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', generation: 2 },
    status: { observedGeneration: 1 },
  } as unknown as KubeObject;
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-1', generation: 1 },
    spec: { replicas: 2 },
    status: { observedGeneration: 1, replicas: 1 },
  } as unknown as KubeObject;
  assert.deepEqual(unsettled([deploy, rs], []), [
    'deployment web: its controller has not seen generation 2 yet',
    'replicaset web-1: 1 of 2 pods',
  ]);
});
