// `kubectl describe job` (staging/src/k8s.io/kubectl/pkg/describe/describe.go: describeJob,
// capIndexesListOrNone): the spec's knobs as set, start and completion times with the duration
// between them, the pod counts of the status and the pod template.

import type { Job } from '../../api/types.ts';
import type { Ctx } from '../flags.ts';
import { humanDuration, rfc1123z } from '../duration.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents, eventsOf, PrefixWriter, printAnnotations, printLabels, selectorString } from './writer.ts';

interface JobView {
  spec: {
    suspend?: boolean;
    ttlSecondsAfterFinished?: number;
    activeDeadlineSeconds?: number;
  };
  status?: { completedIndexes?: string };
}

/** capIndexesListOrNone: the completed indexes cut after the first comma past `softLimit`. */
export function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

export function describeJob(ctx: Ctx, job: Job): string {
  const spec = job.spec;
  const v = job as unknown as JobView;
  const st = job.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${job.metadata.name}\n`);
  w.write(0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabels(w, 'Labels', job.metadata.labels);
  printAnnotations(w, 'Annotations', job.metadata.annotations);
  const ctrl = job.metadata.ownerReferences?.find((r) => r.controller);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode !== undefined) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (v.spec.suspend !== undefined) w.write(0, `Suspend:\t${v.spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (v.spec.ttlSecondsAfterFinished !== undefined)
    w.write(0, `TTL Seconds After Finished:\t${v.spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime)
    w.write(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  if (v.spec.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${v.spec.activeDeadlineSeconds}s\n`);
  w.write(
    0,
    st.ready === undefined
      ? `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`
      : `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`,
  );
  if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${capIndexes(v.status?.completedIndexes)}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(ctx, w, eventsOf(ctx, job));
  return w.toString();
}
