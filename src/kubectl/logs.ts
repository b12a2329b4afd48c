// `kubectl logs POD [CONTAINER] [-c C] [-p] [--timestamps] [--tail N] [--all-containers] [-f]`:
// the container's log lines as the kubelet serves them (src/kubelet/logs.ts). Since kubectl 1.21 a
// multi-container pod is no error: kubectl picks the default container and says so on stderr
// (podcmd.ts). A `-c` naming no container of the pod is rejected client-side in 1.33:
// `error: container wrong is not valid for pod web` (the ` out of: …` suffix came after 1.33).
// Kubelet-side errors (waiting to start, no previous instance) come back as BadRequest.
// `-f` prints what has been logged so far and returns (a scenario cannot follow a stream).
// `TYPE/NAME` of a workload or service picks one of its pods as kubectl does
// (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/logsforobject.go: SelectorsForObject, then
// GetFirstPod sorted by podutils.ByLogging, with `Found 3 pods, using pod/x` on stderr).

import type { KubeObject, LabelSelector, Pod } from '../api/types.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import { isPodReady } from '../controllers/common.ts';
import { containerLogs } from '../kubelet/logs.ts';
import { notFound } from '../store/errors.ts';
import { UserError } from '../util/errors.ts';
import { type Command, type Ctx, UsageError } from './flags.ts';
import { goSort } from './gosort.ts';
import { defaultContainer, hasContainer } from './podcmd.ts';
import { nsFor, resolveType } from './resources.ts';

const USAGE =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

function print(ctx: Ctx, pod: Pod, container: string): void {
  let lines = containerLogs(ctx.cluster, pod.metadata.namespace ?? 'default', pod.metadata.name!, container, {
    previous: ctx.bool('previous'),
  });
  const tail = ctx.flag<number>('tail');
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  for (const l of lines) ctx.print(ctx.bool('timestamps') ? `${l.time} ${l.line}` : l.line);
}

/** The pod selector of a workload or service (polymorphichelpers.SelectorsForObject), or why there is none. */
function podSelector(obj: KubeObject): LabelSelector {
  const spec = (obj as { spec?: { selector?: LabelSelector & Record<string, string> } }).spec;
  switch (obj.kind) {
    case 'ReplicationController':
      return { matchLabels: spec?.selector ?? {} };
    case 'Service':
      if (!spec?.selector || Object.keys(spec.selector).length === 0)
        throw new Error(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
      return { matchLabels: spec.selector };
    case 'ReplicaSet':
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return spec?.selector ?? {};
    default:
      throw new Error(`selector for *v1.${obj.kind} not implemented`);
  }
}

const readyTime = (p: Pod): number | undefined => {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
};
const maxRestarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
/** podutils afterOrZero: a zero time sorts last. */
const afterOrZero = (t1: number | undefined, t2: number | undefined) =>
  t1 === undefined || t2 === undefined ? t1 === undefined : t1 > t2;
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const rank = (p: Pod) => PHASE_RANK[p.status?.phase ?? ''] ?? 0;

/**
 * podutils.ByLogging (staging/src/k8s.io/kubectl/pkg/util/podutils/podutils.go): assigned before
 * unassigned, Running < Unknown < Pending, ready before not ready, ready longer before ready
 * shorter, more restarts before fewer, older before newer.
 */
export function byLogging(a: Pod, b: Pod): boolean {
  const na = a.spec.nodeName ?? '',
    nb = b.spec.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na !== '';
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a);
  if (isPodReady(a) && isPodReady(b) && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(b), readyTime(a));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = a.metadata.creationTimestamp ? Date.parse(a.metadata.creationTimestamp) : undefined;
  const cb = b.metadata.creationTimestamp ? Date.parse(b.metadata.creationTimestamp) : undefined;
  if (ca !== cb) return afterOrZero(cb, ca);
  return false;
}

/**
 * `POD`, `pod/NAME` or `TYPE/NAME`: the pod whose logs to print. A missing object reads as
 * kubectl's logs words it (`error from server (NotFound): pods "x" not found in namespace "default"`).
 */
export function logsPod(ctx: Ctx, arg: string): Pod {
  const slash = arg.indexOf('/');
  const info = resolveType(slash < 0 ? 'pod' : arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const obj = ctx.cluster.store.get(info.kind, nsFor(info, ctx), name);
  if (!obj)
    throw new UserError(
      `error from server (NotFound): ${notFound(info.kind, name).message} in namespace "${ctx.namespace()}"`,
    );
  if (obj.kind === 'Pod') return obj as Pod;
  let selector: LabelSelector;
  try {
    selector = podSelector(obj);
  } catch (e) {
    throw new UserError(`cannot get the logs from *v1.${obj.kind}: ${(e as Error).message}`);
  }
  const pods = ctx.cluster.store
    .list<Pod>('Pod', obj.metadata.namespace)
    .filter((p) => matchesLabelSelector(selector, p.metadata.labels));
  // GetFirstPod watches for a pod until --pod-running-timeout; the settled cluster has none coming.
  if (pods.length === 0) throw new UserError('timed out waiting for the condition');
  const sorted = goSort(pods, byLogging);
  if (pods.length > 1) ctx.eprint(`Found ${pods.length} pods, using pod/${sorted[0].metadata.name}`);
  return sorted[0];
}

export const logsCommand: Command = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'all-containers', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
  ],
  run(ctx) {
    const args = ctx.args.positional;
    if (args.length === 0) throw new UsageError(USAGE, ctx.commandPath);
    if (args.length > 2) throw new UsageError(USAGE, ctx.commandPath);
    const pod = logsPod(ctx, args[0]);
    let container = ctx.str('container');
    if (args.length === 2) {
      if (container) throw new UsageError('only one of -c or an inline [CONTAINER] arg is allowed', ctx.commandPath);
      container = args[1];
    }
    if (ctx.bool('all-containers')) {
      for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) print(ctx, pod, c.name);
      return 0;
    }
    if (!container) container = defaultContainer(ctx, pod, true);
    else if (!hasContainer(pod, container))
      throw new UserError(`container ${container} is not valid for pod ${pod.metadata.name}`);
    print(ctx, pod, container);
    return 0;
  },
};
