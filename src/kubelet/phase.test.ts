import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, ContainerStatus, Pod } from '../api/types.ts';
import { getPhase, podConditions } from './phase.ts';

const pod = (
  containers: string[],
  inits: (string | [string, 'Always'])[] = [],
  restartPolicy: 'Always' | 'OnFailure' | 'Never' = 'Always',
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: {
    restartPolicy,
    containers: containers.map((name) => ({ name })),
    initContainers: inits.map(
      (i): Container => (typeof i === 'string' ? { name: i } : { name: i[0], restartPolicy: 'Always' }),
    ),
  },
});
const running = (name: string, started = true, ready = true): ContainerStatus => ({
  name,
  image: 'x',
  ready,
  started,
  restartCount: 0,
  state: { running: {} },
});
const exited = (name: string, exitCode: number): ContainerStatus => ({
  name,
  image: 'x',
  ready: exitCode === 0,
  restartCount: 0,
  state: { terminated: { exitCode } },
});
const waiting = (name: string, lastExit?: number): ContainerStatus => ({
  name,
  image: 'x',
  ready: false,
  restartCount: 0,
  state: { waiting: { reason: 'X' } },
  lastState: lastExit === undefined ? {} : { terminated: { exitCode: lastExit } },
});

test('getPhase: a failed regular init container fails the pod only with restartPolicy Never; otherwise the pod stays Pending', () => {
  assert.equal(getPhase(pod(['a'], ['i'], 'Never'), [exited('i', 1)], [waiting('a')], false, false), 'Failed');
  assert.equal(getPhase(pod(['a'], ['i'], 'Never'), [waiting('i', 1)], [waiting('a')], false, false), 'Failed');
  assert.equal(getPhase(pod(['a'], ['i'], 'Always'), [waiting('i', 1)], [waiting('a')], false, false), 'Pending');
  assert.equal(getPhase(pod(['a'], ['i'], 'OnFailure'), [exited('i', 1)], [waiting('a')], false, false), 'Pending');
});

test('getPhase: pending init containers (no status, running, waiting) keep the pod Pending until an app container has started', () => {
  assert.equal(getPhase(pod(['a'], ['i']), undefined, undefined, false, false), 'Pending');
  assert.equal(getPhase(pod(['a'], ['i']), [running('i')], [waiting('a')], false, false), 'Pending');
  assert.equal(
    getPhase(pod(['a'], ['i', 'j']), [exited('i', 0), waiting('j')], [waiting('a')], false, false),
    'Pending',
  );
  // an app container already ran (sandbox re-created, init re-running): not Pending
  assert.equal(getPhase(pod(['a'], ['i']), [running('i')], [running('a')], false, false), 'Running');
});

test('getPhase: a sidecar that is running but not started keeps the pod Pending; a started one counts as running', () => {
  const p = pod(['a'], [['side', 'Always']]);
  assert.equal(getPhase(p, [running('side', false)], [waiting('a')], false, false), 'Pending');
  assert.equal(getPhase(p, [running('side', true)], [running('a')], false, false), 'Running');
  assert.equal(getPhase(p, undefined, [running('a')], false, false), 'Pending'); // sidecar unknown
  assert.equal(getPhase(p, [waiting('side')], [running('a')], false, false), 'Pending'); // waiting++
  assert.equal(getPhase(p, [waiting('side', 1)], [running('a')], false, false), 'Running'); // after a termination: ignored
});

test('getPhase: app containers — waiting → Pending, running → Running, all exited 0 → Succeeded unless restartPolicy Always', () => {
  assert.equal(getPhase(pod(['a', 'b']), undefined, [running('a'), waiting('b')], false, false), 'Pending');
  assert.equal(getPhase(pod(['a', 'b']), undefined, [running('a'), exited('b', 1)], false, false), 'Running');
  assert.equal(getPhase(pod(['a'], [], 'Always'), undefined, [exited('a', 0)], false, false), 'Running');
  assert.equal(getPhase(pod(['a'], [], 'Never'), undefined, [exited('a', 0)], false, false), 'Succeeded');
  assert.equal(getPhase(pod(['a'], [], 'OnFailure'), undefined, [exited('a', 0)], false, false), 'Succeeded');
  assert.equal(getPhase(pod(['a'], [], 'Never'), undefined, [exited('a', 1)], false, false), 'Failed');
  assert.equal(getPhase(pod(['a'], [], 'OnFailure'), undefined, [exited('a', 1)], false, false), 'Running');
  assert.equal(getPhase(pod(['a'], [], 'Always'), undefined, [waiting('a', 1)], false, false), 'Running'); // CrashLoopBackOff
  assert.equal(getPhase(pod(['a']), undefined, undefined, false, false), 'Pending'); // unknown → default
});

test('getPhase: a pod being terminated takes Succeeded/Failed from its exit codes regardless of restartPolicy, except static pods', () => {
  assert.equal(getPhase(pod(['a'], [], 'Always'), undefined, [exited('a', 0)], true, false), 'Succeeded');
  assert.equal(getPhase(pod(['a'], [], 'Always'), undefined, [exited('a', 137)], true, false), 'Failed');
  assert.equal(getPhase(pod(['a'], [], 'Always'), undefined, [exited('a', 137)], true, true), 'Running');
});

test('kubelet conditions: order PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled with the kubelet reasons and Go list messages', () => {
  const p = pod(['web', 'app'], ['init-a', 'init-b']);
  p.status = { conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: 't0' }] };
  const c = podConditions(
    p,
    [exited('init-a', 0), running('init-b', true, false)],
    [waiting('app'), waiting('web')],
    'Pending',
    true,
    't1',
  );
  assert.deepEqual(
    c.map((x) => [x.type, x.status, x.reason, x.message]),
    [
      ['PodReadyToStartContainers', 'True', undefined, undefined],
      ['Initialized', 'False', 'ContainersNotInitialized', 'containers with incomplete status: [init-b]'],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [web app]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [web app]'],
      ['PodScheduled', 'True', undefined, undefined],
    ],
  );
  assert.equal(c[4].lastTransitionTime, 't0');
});

test('kubelet conditions: a Succeeded pod has Initialized True (PodCompleted) and Ready/ContainersReady False (PodCompleted); Failed → PodFailed', () => {
  const p = pod(['a'], ['i'], 'Never');
  const s = podConditions(p, [exited('i', 0)], [exited('a', 0)], 'Succeeded', false, 't');
  assert.deepEqual(
    s.slice(0, 4).map((x) => [x.type, x.status, x.reason]),
    [
      ['PodReadyToStartContainers', 'False', undefined],
      ['Initialized', 'True', 'PodCompleted'],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
    ],
  );
  const f = podConditions(p, [exited('i', 0)], [exited('a', 1)], 'Failed', false, 't');
  assert.equal(f[2].reason, 'PodFailed');
});
