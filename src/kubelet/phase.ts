// Pod phase and kubelet-owned pod conditions, derived from container statuses exactly as the
// kubelet does: getPhase (pkg/kubelet/kubelet_pods.go) copied branch by branch, and
// the conditions of kubelet/status/generate.go in the order the kubelet appends them:
// PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.

import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.ts';
import { isSidecar } from '../api/resources.ts';

type Phase = NonNullable<PodStatus['phase']>;

const statusOf = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);

/** An app container has been created at some point (running, terminated, or waiting after a termination). */
export function anyAppContainerStarted(pod: Pod, statuses: ContainerStatus[] | undefined): boolean {
  return pod.spec.containers.some((c) => {
    const s = statusOf(statuses, c.name);
    return !!s && (!!s.state.running || !!s.state.terminated || !!s.lastState?.terminated);
  });
}

/**
 * getPhase. `statuses`/`initStatuses` are the statuses being written; `podIsTerminal` is true
 * for a pod being deleted or evicted; static pods never take that shortcut.
 */
export function getPhase(
  pod: Pod,
  initStatuses: ContainerStatus[] | undefined,
  statuses: ContainerStatus[] | undefined,
  podIsTerminal: boolean,
  isStatic: boolean,
): Phase {
  const spec = pod.spec;
  let pendingInit = 0;
  let failedInit = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) continue;
    const s = statusOf(initStatuses, c.name);
    if (!s) {
      pendingInit++;
      continue;
    }
    if (s.state.running) pendingInit++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const s = statusOf(initStatuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state.running) {
      if (s.started !== true) pendingInit++;
      running++;
    } else if (s.state.terminated) {
      /* not counted */
    } else if (s.state.waiting) {
      if (!s.lastState?.terminated) {
        pendingInit++;
        waiting++;
      }
    } else unknown++;
  }
  for (const c of spec.containers) {
    const s = statusOf(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if ((pendingInit > 0 && !anyAppContainerStarted(pod, statuses)) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal && !isStatic) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** Go's %s of a []string: [a b]. */
const goList = (names: string[]) => `[${names.join(' ')}]`;

interface Cond {
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

function initializedCondition(
  pod: Pod,
  initStatuses: ContainerStatus[] | undefined,
  statuses: ContainerStatus[] | undefined,
  phase: Phase,
): Cond {
  const inits = pod.spec.initContainers ?? [];
  if (inits.length === 0) return { status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = statusOf(initStatuses, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    if (isSidecar(c) ? s.started !== true : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { status: 'True', reason: 'PodCompleted' };
  if (anyAppContainerStarted(pod, statuses)) return { status: 'True' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
  return msgs.length
    ? { status: 'False', reason: 'ContainersNotInitialized', message: msgs.join(', ') }
    : { status: 'True' };
}

function containersReadyCondition(
  pod: Pod,
  initStatuses: ContainerStatus[] | undefined,
  statuses: ContainerStatus[] | undefined,
  phase: Phase,
): Cond {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (c: Container, list: ContainerStatus[] | undefined) => {
    const s = statusOf(list, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  };
  for (const c of (pod.spec.initContainers ?? []).filter(isSidecar)) check(c, initStatuses);
  for (const c of pod.spec.containers) check(c, statuses);
  if (phase === 'Succeeded' && unknown.length === 0) return { status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { status: 'False', reason: 'PodFailed' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${goList(unready)}`);
  return msgs.length ? { status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') } : { status: 'True' };
}

function readyCondition(pod: Pod, containersReady: Cond): Cond {
  if (containersReady.status !== 'True') return containersReady;
  const msgs: string[] = [];
  for (const g of (pod.spec.readinessGates as { conditionType: string }[] | undefined) ?? []) {
    const c = pod.status?.conditions?.find((x) => x.type === g.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
    else if (c.status !== 'True')
      msgs.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
  }
  return msgs.length
    ? { status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') }
    : { status: 'True' };
}

const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/**
 * The pod's conditions after a kubelet status update: conditions owned by others first (kept),
 * then the kubelet's in order. lastTransitionTime is kept while a condition's status is unchanged.
 */
export function podConditions(
  pod: Pod,
  initStatuses: ContainerStatus[] | undefined,
  statuses: ContainerStatus[] | undefined,
  phase: Phase,
  sandboxReady: boolean,
  now: string,
): PodCondition[] {
  const old = pod.status?.conditions ?? [];
  const mk = (type: string, c: Cond): PodCondition => {
    const prev = old.find((x) => x.type === type);
    const out: PodCondition = {
      type,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : now,
    };
    if (c.reason) out.reason = c.reason;
    if (c.message) out.message = c.message;
    return out;
  };
  const containersReady = containersReadyCondition(pod, initStatuses, statuses, phase);
  const scheduled = old.find((x) => x.type === 'PodScheduled');
  return [
    ...old.filter((c) => !KUBELET_CONDITIONS.includes(c.type)),
    mk('PodReadyToStartContainers', { status: sandboxReady ? 'True' : 'False' }),
    mk('Initialized', initializedCondition(pod, initStatuses, statuses, phase)),
    mk('Ready', readyCondition(pod, containersReady)),
    mk('ContainersReady', containersReady),
    scheduled && scheduled.status === 'True' ? scheduled : mk('PodScheduled', { status: 'True' }),
  ];
}
