// Job controller (pkg/controller/job), NonIndexed completion mode: keeps
// min(parallelism, completions − succeeded) pods active; pods are `<job>-<5 chars>` with the
// labels batch.kubernetes.io/controller-uid, batch.kubernetes.io/job-name, controller-uid and
// job-name (the selector the API server generates is added on first sync). Failed pods count
// against backoffLimit (default 6), plus container restarts when the pod restartPolicy is
// OnFailure; replacements of failed pods wait 10s, 20s, 40s … (cap 6 min) after the last failure.
// When failures exceed the limit: conditions FailureTarget and Failed (BackoffLimitExceeded, "Job
// has reached the specified backoff limit"), active pods deleted. When enough pods succeeded:
// SuccessCriteriaMet and Complete, event `Completed` "Job completed". Events from `job-controller`
// (pkg/controller/job/job_controller.go). Not modelled (NotSupportedError): Indexed mode, podFailurePolicy,
// successPolicy, activeDeadlineSeconds, suspend.

import type { Component } from '../util/component.ts';
import type { Job, JobCondition, Pod } from '../api/types.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore } from '../store/store.ts';
import { NotSupportedError } from '../util/errors.ts';
import {
  createPod,
  deletePod,
  isPodActive,
  isPodReady,
  ownedInNamespace,
  podFromTemplate,
  timeMs,
  type ControllerHost,
} from './common.ts';
import { sameJson } from '../util/json.ts';

export const JOB_CONTROLLER = 'job-controller';
const DEFAULT_BACKOFF_LIMIT = 6;
const RECREATE_INITIAL_MS = 10_000;
const RECREATE_MAX_MS = 360_000;

const finished = (j: Job) =>
  (j.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

export class JobController implements Component {
  readonly name = JOB_CONTROLLER;
  private readonly store: ObjectStore;
  private readonly wakeups = new Set<string>();

  constructor(
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
  ) {
    this.store = api.store;
  }

  /** The same controller over a clone of its cluster's store (Cluster.clone), with the wake-ups it registered. */
  clone(to: ControllerHost): JobController {
    const c = new JobController(to.api, to.events);
    for (const key of this.wakeups) c.wakeups.add(key);
    return c;
  }

  sync(): boolean {
    let changed = false;
    for (const job of this.store.list<Job>('Job')) if (this.syncOne(job)) changed = true;
    return changed;
  }

  /** The API server's Job strategy: generated selector and labels, defaults. */
  private defaulted(job: Job): boolean {
    const uid = job.metadata.uid!;
    const t = job.spec.template;
    const labels = t.metadata?.labels ?? {};
    if (
      job.spec.selector &&
      job.spec.backoffLimit !== undefined &&
      labels['batch.kubernetes.io/controller-uid'] === uid
    )
      return false;
    for (const f of ['podFailurePolicy', 'successPolicy', 'activeDeadlineSeconds'])
      if (job.spec[f] !== undefined) throw new NotSupportedError(`Job spec.${f}`);
    if (job.spec.suspend) throw new NotSupportedError('Job spec.suspend');
    if ((job.spec.completionMode ?? 'NonIndexed') !== 'NonIndexed')
      throw new NotSupportedError(`Job completionMode ${job.spec.completionMode}`);
    this.store.mutate<Job>('Job', job.metadata.namespace, job.metadata.name!, (j) => {
      const gen = {
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': j.metadata.name!,
        'controller-uid': uid,
        'job-name': j.metadata.name!,
      };
      if (!j.spec.manualSelector) j.spec.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      j.spec.template.metadata = {
        ...(j.spec.template.metadata ?? {}),
        labels: { ...gen, ...(j.spec.template.metadata?.labels ?? {}) },
      };
      if (j.spec.completions === undefined && j.spec.parallelism === undefined) j.spec.completions = 1;
      j.spec.parallelism ??= 1;
      j.spec.backoffLimit ??= DEFAULT_BACKOFF_LIMIT;
      j.spec.completionMode ??= 'NonIndexed';
      j.spec.suspend ??= false;
      j.spec.manualSelector ??= undefined;
    });
    return true;
  }

  private syncOne(input: Job): boolean {
    if (this.defaulted(input)) return true;
    const job = input;
    if (finished(job)) return false;
    const now = this.store.clock.now();
    const iso = this.store.clock.iso();
    const pods = ownedInNamespace<Pod>(this.store, 'Pod', job).filter((p) =>
      matchesLabelSelector(job.spec.selector!, p.metadata.labels),
    );
    const active = pods.filter(isPodActive);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
    const restarts =
      job.spec.template.spec.restartPolicy === 'OnFailure'
        ? active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, s) => m + s.restartCount, 0), 0)
        : 0;
    const failed = failedPods.length;
    const completions = job.spec.completions;
    const parallelism = job.spec.parallelism ?? 1;
    let changed = false;
    const conditions = [...(job.status?.conditions ?? [])];
    const cond = (type: string, reason: string, message: string): JobCondition => ({
      type,
      status: 'True',
      reason,
      message,
      lastProbeTime: iso,
      lastTransitionTime: iso,
    });
    let completionTime: string | undefined;
    if (failed + restarts > (job.spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT)) {
      for (const p of active) {
        deletePod(this.api, this.events, job, p, JOB_CONTROLLER);
        changed = true;
      }
      conditions.push(
        cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
        cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
      );
      this.events.record(
        job,
        'Warning',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        JOB_CONTROLLER,
      );
    } else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) {
      conditions.push(
        cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
        cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
      );
      completionTime = iso;
      this.events.record(job, 'Normal', 'Completed', 'Job completed', JOB_CONTROLLER);
    } else {
      const want =
        completions !== undefined ? Math.min(parallelism, completions - succeeded) : succeeded > 0 ? 0 : parallelism;
      let missing = want - active.length;
      if (missing > 0 && failed > 0) {
        const lastFailure = Math.max(...failedPods.map((p) => lastFinish(p)));
        const delay = Math.min(RECREATE_INITIAL_MS * 2 ** (failed - 1), RECREATE_MAX_MS);
        if (now < lastFailure + delay) {
          const key = `${job.metadata.uid}@${lastFailure + delay}`;
          if (!this.wakeups.has(key)) {
            this.wakeups.add(key);
            this.store.clock.at(lastFailure + delay, () => {});
          }
          missing = 0;
        }
      }
      for (let i = 0; i < missing; i++) {
        const pod = podFromTemplate(job.spec.template, job);
        if (!createPod(this.api, this.events, job, pod, JOB_CONTROLLER)) break;
        changed = true;
      }
      if (missing < 0)
        for (const p of active.slice(missing)) {
          deletePod(this.api, this.events, job, p, JOB_CONTROLLER);
          changed = true;
        }
    }
    const after = ownedInNamespace<Pod>(this.store, 'Pod', job);
    const status: Job['status'] = {
      ...(after.some(isPodActive) ? { active: after.filter(isPodActive).length } : {}),
      ...(completionTime
        ? { completionTime }
        : job.status?.completionTime
          ? { completionTime: job.status.completionTime }
          : {}),
      ...(conditions.length ? { conditions } : {}),
      ...(failed ? { failed } : {}),
      ready: after.filter((p) => isPodActive(p) && isPodReady(p)).length,
      startTime: job.status?.startTime ?? iso,
      ...(succeeded ? { succeeded } : {}),
      terminating: after.filter((p) => !!p.metadata.deletionTimestamp).length,
      uncountedTerminatedPods: {},
    };
    if (!sameJson(job.status ?? {}, status)) {
      this.store.mutate<Job>('Job', job.metadata.namespace, job.metadata.name!, (j) => {
        j.status = status;
      });
      changed = true;
    }
    return changed;
  }
}

/** When the pod's last container finished (or its last status change). */
function lastFinish(p: Pod): number {
  const times = (p.status?.containerStatuses ?? []).map((s) => timeMs(s.state.terminated?.finishedAt));
  return times.length ? Math.max(...times) : timeMs(p.metadata.creationTimestamp);
}
