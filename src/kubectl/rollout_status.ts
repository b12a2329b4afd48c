// `kubectl rollout status TYPE NAME | TYPE/NAME | TYPE -l SEL [--revision N] [-w=false] [--timeout D]`
// (staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_status.go and
// polymorphichelpers/rollout_status.go): the status viewers of Deployments, DaemonSets and
// StatefulSets, their messages word for word. With --watch (the default) kubectl prints the status
// at every change of the object until the rollout is done; here the virtual clock runs timer by
// timer, the status printed after each write of the object, until done or --timeout (`error: timed
// out waiting for the condition`). Without --timeout a rollout that cannot finish (nothing left
// to happen in the cluster) is an error rather than a wait that never ends.

import type { DaemonSet, Deployment, KubeObject, StatefulSet } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { parseGoDuration } from './duration.ts';
import { type Command, type Ctx, FlagError } from './flags.ts';
import { visitRolloutObjects } from './rollout_history.ts';
import { advanceUntil } from './clockwait.ts';

const REVISION = 'deployment.kubernetes.io/revision';

type Status = { message: string; done: boolean };

/** DeploymentStatusViewer.Status. */
function deploymentStatus(d: Deployment, revision: number): Status {
  const name = JSON.stringify(d.metadata.name);
  if (revision > 0) {
    const running = Number(d.metadata.annotations?.[REVISION] ?? '');
    if (revision !== running)
      throw new UserError(`desired revision (${revision}) is different from the running revision (${running})`);
  }
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
    return { message: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = (s as { conditions?: { type: string; reason?: string }[] }).conditions?.find(
    (c) => c.type === 'Progressing',
  );
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    throw new UserError(`deployment ${name} exceeded its progress deadline`);
  const replicas = d.spec.replicas;
  const updated = s.updatedReplicas ?? 0;
  if (replicas !== undefined && updated < replicas)
    return {
      message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
      done: false,
    };
  if ((s.replicas ?? 0) > updated)
    return {
      message: `Waiting for deployment ${name} rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`,
      done: false,
    };
  if ((s.availableReplicas ?? 0) < updated)
    return {
      message: `Waiting for deployment ${name} rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
      done: false,
    };
  return { message: `deployment ${name} successfully rolled out`, done: true };
}

/** DaemonSetStatusViewer.Status. */
function daemonSetStatus(ds: DaemonSet): Status {
  const name = JSON.stringify(ds.metadata.name);
  if ((ds.spec.updateStrategy as { type?: string } | undefined)?.type !== 'RollingUpdate')
    throw new UserError('rollout status is only available for RollingUpdate strategy type');
  const s = ds.status ?? ({} as NonNullable<DaemonSet['status']>);
  if ((ds.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
    return { message: 'Waiting for daemon set spec update to be observed...', done: false };
  const desired = s.desiredNumberScheduled ?? 0;
  if ((s.updatedNumberScheduled ?? 0) < desired)
    return {
      message: `Waiting for daemon set ${name} rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`,
      done: false,
    };
  if ((s.numberAvailable ?? 0) < desired)
    return {
      message: `Waiting for daemon set ${name} rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...`,
      done: false,
    };
  return { message: `daemon set ${name} successfully rolled out`, done: true };
}

/** StatefulSetStatusViewer.Status. */
function statefulSetStatus(sts: StatefulSet): Status {
  const strategy = (sts.spec as { updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } })
    .updateStrategy;
  if (strategy?.type !== 'RollingUpdate')
    throw new UserError('rollout status is only available for RollingUpdate strategy type');
  const s = (sts.status ?? {}) as {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    currentReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
  if (!s.observedGeneration || (sts.metadata.generation ?? 0) > s.observedGeneration)
    return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  const replicas = sts.spec.replicas;
  if (replicas !== undefined && (s.readyReplicas ?? 0) < replicas)
    return { message: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && (s.updatedReplicas ?? 0) < replicas - partition)
      return {
        message: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...`,
        done: false,
      };
    return {
      message: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...`,
      done: true,
    };
  }
  if (s.updateRevision !== s.currentRevision)
    return {
      message: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...`,
      done: false,
    };
  return {
    message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...`,
    done: true,
  };
}

/** StatusViewerFor(kind).Status. */
export function rolloutStatus(obj: KubeObject, revision = 0): Status {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentStatus(obj as Deployment, revision);
    case 'DaemonSet':
      return daemonSetStatus(obj as DaemonSet);
    case 'StatefulSet':
      return statefulSetStatus(obj as StatefulSet);
    default:
      throw new UserError(`no status viewer has been implemented for ${obj.kind}`);
  }
}

/** Waits for one object's rollout on the virtual clock, printing the status at each of its writes. */
function watchRollout(ctx: Ctx, obj: KubeObject, revision: number, deadline: number | undefined): void {
  const { cluster } = ctx;
  let status = rolloutStatus(obj, revision);
  ctx.print(status.message);
  if (status.done || !ctx.bool('watch')) return;
  let failure: unknown;
  const stop = cluster.store.watch((e) => {
    const o = e.object;
    if (status.done || failure || o.kind !== obj.kind || o.metadata.uid !== obj.metadata.uid) return;
    if (e.type === 'DELETED') {
      failure = new UserError('object has been deleted');
      return;
    }
    try {
      status = rolloutStatus(o, revision);
      ctx.print(status.message);
    } catch (err) {
      failure = err;
    }
  });
  try {
    const until = deadline ?? cluster.clock.now() + WAIT_CAP_MS;
    const finished = advanceUntil(cluster, () => status.done || !!failure, until, deadline !== undefined);
    if (failure) throw failure;
    if (finished) return;
    if (deadline !== undefined) throw new UserError('timed out waiting for the condition');
    throw new NotSupportedError(
      `kubectl rollout status without --timeout on a rollout that does not finish (nothing more happens in the simulated cluster within ${WAIT_CAP_MS / 3_600_000} hours; kubectl would wait forever)`,
    );
  } finally {
    stop();
  }
}

/** How long (virtual time) a status without --timeout follows a rollout at most. */
const WAIT_CAP_MS = 24 * 3_600_000;

export const rolloutStatusCommand: Command = {
  name: 'status',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'filename', short: 'f', type: 'array' },
  ],
  run(ctx) {
    if (ctx.flag<string[]>('filename').length) throw new NotSupportedError('kubectl rollout status -f');
    let timeoutSec: number;
    try {
      timeoutSec = parseGoDuration(ctx.str('timeout'));
    } catch (e) {
      throw new FlagError((e as Error).message, ctx.commandPath);
    }
    const deadline = timeoutSec > 0 ? ctx.cluster.clock.now() + timeoutSec * 1000 : undefined;
    return visitRolloutObjects(ctx, (obj) => watchRollout(ctx, obj, ctx.flag<number>('revision'), deadline));
  },
};
