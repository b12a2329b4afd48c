// `kubectl drain NODE [--ignore-daemonsets] [--force] [--delete-emptydir-data] [--pod-selector]
// [--disable-eviction] [--grace-period] [--timeout]` (kubectl pkg/drain,
// pkg/cmd/drain): cordon, list the node's pods, run the filters in kubectl's order
// (skip-deleted, DaemonSet, mirror, local storage, unreplicated — the last filter's verdict
// counts), refuse with grouped errors or evict everything left through the Eviction API
// (PodDisruptionBudgets honoured, 429 retried every 5 s), print `pod/x evicted` as each pod
// disappears, then `node/<n> drained`.
//
// Evictions run concurrently in kubectl; here they advance together on the virtual clock:
// retries every 5 s, disappearance polled every 1 s. Error and warning groups come out in the
// order their first pod is listed (kubectl iterates a Go map, so its order varies).

import type { Node, Pod } from '../api/types.ts';
import { parseSelectorString, matchesLabelSelector } from '../api/selectors.ts';
import { ApiError } from '../store/errors.ts';
import { evictPod } from '../store/eviction.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { Aggregate, aggregateText, type Command, type Ctx } from './flags.ts';
import { nodesFromArgs, setUnschedulable } from './cordon.ts';
import { goDuration, parseGoDuration } from './duration.ts';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

/** Without --timeout, give up (as a simulator limit) after this much virtual time. */
export const DRAIN_MAX_WAIT_MS = 60 * 60 * 1000;

type Reason = 'Okay' | 'Skip' | 'Warning' | 'Error';
interface Verdict {
  delete: boolean;
  reason: Reason;
  message?: string;
}
const okay: Verdict = { delete: true, reason: 'Okay' };

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  skipWaitForDeleteTimeoutSeconds: number;
}

const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const controllerOf = (p: Pod) => p.metadata.ownerReferences?.find((r) => r.controller);

/** The drain filters in kubectl's order; the verdict of the last filter run counts. */
export function classifyPod(ctx: Ctx, pod: Pod, o: DrainOptions): Verdict {
  const filters: ((p: Pod) => Verdict)[] = [
    (p) => {
      if (
        o.skipWaitForDeleteTimeoutSeconds > 0 &&
        p.metadata.deletionTimestamp &&
        Math.trunc((ctx.cluster.clock.now() - Date.parse(p.metadata.deletionTimestamp)) / 1000) >
          o.skipWaitForDeleteTimeoutSeconds
      ) {
        return { delete: false, reason: 'Skip' };
      }
      return okay;
    },
    (p) => {
      const ref = controllerOf(p);
      if (ref?.kind !== 'DaemonSet' || finished(p)) return okay;
      if (!ctx.cluster.store.get('DaemonSet', p.metadata.namespace, ref.name)) {
        const msg = `daemonsets.apps "${ref.name}" not found`;
        return o.force
          ? { delete: true, reason: 'Warning', message: msg }
          : { delete: false, reason: 'Error', message: msg };
      }
      if (!o.ignoreDaemonSets) return { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
      return { delete: false, reason: 'Warning', message: DAEMONSET_WARNING };
    },
    (p) =>
      p.metadata.annotations && 'kubernetes.io/config.mirror' in p.metadata.annotations
        ? { delete: false, reason: 'Skip' }
        : okay,
    (p) => {
      if (!(p.spec.volumes ?? []).some((v) => v.emptyDir !== undefined && v.emptyDir !== null) || finished(p))
        return okay;
      if (!o.deleteEmptyDirData) return { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
      return { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING };
    },
    (p) => {
      if (finished(p) || controllerOf(p)) return okay;
      if (o.force) return { delete: true, reason: 'Warning', message: UNMANAGED_WARNING };
      return { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  let verdict = okay;
  for (const f of filters) {
    verdict = f(pod);
    if (!verdict.delete) break;
  }
  return verdict;
}

/** Groups `ns/name` by message, in first-seen order: `msg: ns/a, ns/b`. */
function group(items: { pod: Pod; v: Verdict }[], reason: Reason): { message: string; pods: string[] }[] {
  const out: { message: string; pods: string[] }[] = [];
  for (const { pod, v } of items) {
    if (v.reason !== reason) continue;
    const message = v.message || 'unexpected error';
    let g = out.find((x) => x.message === message);
    if (!g) {
      g = { message, pods: [] };
      out.push(g);
    }
    g.pods.push(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }
  return out;
}

/** `writes`: the cluster's write count when the pod was last refused or seen still there. */
interface Tracked {
  pod: Pod;
  state: 'evicting' | 'waiting' | 'done';
  at: number;
  writes: number;
  refusal?: string;
}

/**
 * DeleteOrEvictPods on the virtual clock. Returns the error messages (kubectl's aggregate).
 */
function evictOrDelete(ctx: Ctx, pods: Pod[], grace: number, disableEviction: boolean, timeoutSec: number): string[] {
  const { cluster } = ctx;
  const opts = grace >= 0 ? { gracePeriodSeconds: grace } : {};
  const start = cluster.clock.now();
  const deadline = timeoutSec > 0 ? start + timeoutSec * 1000 : start + DRAIN_MAX_WAIT_MS;
  const verb = disableEviction ? 'deleted' : 'evicted';
  const errors: string[] = [];
  const tracked: Tracked[] = pods.map((pod) => ({
    pod,
    state: disableEviction ? 'waiting' : 'evicting',
    at: start,
    writes: -1,
  }));
  const timeoutText = timeoutSec > 0 ? goDuration(timeoutSec) : '';
  // Without --timeout kubectl waits as long as it takes; the cluster can still change while a
  // timer is due or something was written since a pod was last refused or seen.
  let writes = 0;
  const unwatch = cluster.store.watch(() => {
    writes++;
  });
  try {
    if (disableEviction) {
      for (const t of tracked) {
        try {
          cluster.api.delete('Pod', t.pod.metadata.namespace, t.pod.metadata.name!, opts);
        } catch (e) {
          if (!(e instanceof ApiError) || e.reason !== 'NotFound') throw e;
        }
      }
    }
    for (;;) {
      const now = cluster.clock.now();
      let attempted = false;
      for (const t of tracked) {
        if (t.state !== 'evicting' || t.at > now) continue;
        const { namespace, name } = t.pod.metadata;
        ctx.print(`evicting pod ${namespace}/${name}`);
        if (timeoutSec > 0 && now >= deadline) {
          errors.push(`error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${timeoutText}`);
          t.state = 'done';
          continue;
        }
        attempted = true;
        try {
          evictPod(cluster.api, cluster.store, namespace!, name!, opts);
          t.state = 'waiting';
          t.at = now;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          if (e.reason === 'NotFound') {
            t.state = 'done';
            continue;
          }
          if (e.reason === 'TooManyRequests') {
            ctx.eprint(`error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${e.message}`);
            t.at = now + 5000;
            t.writes = writes;
            t.refusal = e.message;
            continue;
          }
          errors.push(`error when evicting pods/"${name}" -n "${namespace}": ${e.message}`);
          t.state = 'done';
        }
      }
      if (attempted) cluster.settle();
      for (const t of tracked) {
        if (t.state !== 'waiting' || t.at > now) continue;
        const cur = cluster.store.get<Pod>('Pod', t.pod.metadata.namespace, t.pod.metadata.name!);
        if (!cur || cur.metadata.uid !== t.pod.metadata.uid) {
          ctx.print(`pod/${t.pod.metadata.name} ${verb}`);
          t.state = 'done';
        } else if (timeoutSec > 0 && now >= deadline) {
          errors.push(
            disableEviction
              ? 'timed out waiting for the condition'
              : `error when waiting for pod "${t.pod.metadata.name}" in namespace "${t.pod.metadata.namespace}" to terminate: global timeout reached: ${timeoutText}`,
          );
          t.state = 'done';
        } else {
          t.at = now + 1000;
          t.writes = writes;
        }
      }
      const pending = tracked.filter((t) => t.state !== 'done');
      if (pending.length === 0) break;
      const next = Math.min(...pending.map((t) => t.at));
      if (timeoutSec <= 0) {
        const names = pending.map((t) => `${t.pod.metadata.namespace}/${t.pod.metadata.name}`).join(', ');
        if (cluster.clock.nextTimer() === undefined && pending.every((t) => t.writes === writes)) {
          // Every retry would meet the same cluster: a real kubectl waits forever.
          const why = [...new Set(pending.map((t) => (t.state === 'evicting' ? t.refusal : 'it is still there')))].join(
            '; ',
          );
          throw new UserError(
            `kubectl drain would wait forever for ${names}: nothing can change anymore in the simulated cluster (${why}); pass --timeout to see kubectl give up`,
          );
        }
        if (next > deadline) {
          throw new NotSupportedError(
            `kubectl drain waiting longer than ${goDuration(DRAIN_MAX_WAIT_MS / 1000)} of virtual time for ${names} (pass --timeout)`,
          );
        }
      }
      cluster.advance(Math.max(0, next - now));
    }
  } finally {
    unwatch();
  }
  return disableEviction ? [...new Set(errors)] : errors;
}

/** deleteOrEvictPodsSimple for one node; returns error messages (empty on success). */
function drainNode(
  ctx: Ctx,
  node: Node,
  o: DrainOptions,
  podSelector: ((l: Record<string, string> | undefined) => boolean) | undefined,
): string[] {
  const listPods = () =>
    ctx.cluster.store
      .podsOnNode<Pod>(node.metadata.name!)
      .filter((p) => !podSelector || podSelector(p.metadata.labels))
      .map((pod) => ({ pod, v: classifyPod(ctx, pod, o) }));
  const items = listPods();
  // Every message gets "cannot delete " (PodDeleteList.errors, staging/src/k8s.io/kubectl/pkg/drain/filters.go),
  // the unmanaged one too, whose text starts with it already: kubectl 1.33 prints "cannot delete cannot delete Pods
  // that declare no controller …". (kubectl ranges over a map there, so its order of two messages varies.)
  const errs = group(items, 'Error').map((g) => `cannot delete ${g.message}: ${g.pods.join(', ')}`);
  if (errs.length) return errs;
  const warnings = group(items, 'Warning').map((g) => `${g.message}: ${g.pods.join(', ')}`);
  if (warnings.length) ctx.eprint(`Warning: ${warnings.join('; ')}`);
  const toDelete = items.filter((i) => i.v.delete).map((i) => i.pod);
  if (toDelete.length === 0) return [];
  const grace = ctx.flag<number>('grace-period');
  const errors = evictOrDelete(ctx, toDelete, grace, ctx.bool('disable-eviction'), parseGoDuration(ctx.str('timeout')));
  if (errors.length) {
    const pending = listPods()
      .filter((i) => i.v.delete)
      .map((i) => i.pod);
    if (pending.length) {
      ctx.eprint(
        `There are pending pods in node "${node.metadata.name}" when an error occurred: ${aggregateText(errors)}`,
      );
      for (const p of pending) ctx.eprint(`pod/${p.metadata.name}`);
    }
    return errors;
  }
  return [];
}

export const drainCommand: Command = {
  name: 'drain',
  flags: [
    { name: 'force', type: 'bool' },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'pod-selector', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  ],
  run(ctx) {
    if (ctx.has('dry-run') && ctx.str('dry-run') !== 'none') throw new NotSupportedError('kubectl drain --dry-run');
    if (ctx.bool('delete-local-data'))
      ctx.eprint(
        'Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.',
      );
    const nodes = nodesFromArgs(ctx, 'drain NODE');
    let podSelector: ((l: Record<string, string> | undefined) => boolean) | undefined;
    if (ctx.str('pod-selector')) {
      let sel: ReturnType<typeof parseSelectorString>;
      try {
        sel = parseSelectorString(ctx.str('pod-selector'));
      } catch {
        throw new UserError('--pod-selector=<pod_selector> must be a valid label selector');
      }
      podSelector = (l) => matchesLabelSelector(sel, l);
    }
    parseGoDuration(ctx.str('timeout'));
    const o: DrainOptions = {
      force: ctx.bool('force'),
      ignoreDaemonSets: ctx.bool('ignore-daemonsets'),
      deleteEmptyDirData: ctx.bool('delete-emptydir-data') || ctx.bool('delete-local-data'),
      skipWaitForDeleteTimeoutSeconds: ctx.flag<number>('skip-wait-for-delete-timeout'),
    };
    for (const node of nodes) setUnschedulable(ctx, node, true);
    ctx.cluster.settle();

    const fatal: string[][] = [];
    const remaining: string[] = [];
    for (const node of nodes) {
      const errs = drainNode(ctx, node, o, podSelector);
      if (errs.length === 0) {
        ctx.print(`node/${node.metadata.name} drained`);
        continue;
      }
      ctx.eprint(
        `error: unable to drain node "${node.metadata.name}" due to error: ${aggregateText(errs)}, continuing command...`,
      );
      fatal.push(errs);
      remaining.push(node.metadata.name!);
    }
    if (remaining.length === 0) return 0;
    ctx.eprint('There are pending nodes to be drained:');
    for (const n of remaining) ctx.eprint(` ${n}`);
    // CheckErr of Aggregate(fatal): an aggregate of one node's aggregate prints its errors one
    // per line without a prefix; several nodes print each node's aggregate text.
    throw new Aggregate(fatal.length === 1 ? fatal[0] : fatal.map(aggregateText), true);
  },
};
