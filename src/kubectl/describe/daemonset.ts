// `kubectl describe daemonset` (staging/src/k8s.io/kubectl/pkg/describe/describe.go:
// describeDaemonSet): the scheduling counts of the status (printed without a tab, so unaligned),
// the controlled pods by phase, the pod template and events.

import type { DaemonSet } from '../../api/types.ts';
import { matchesLabelSelector } from '../../api/selectors.ts';
import type { Ctx } from '../flags.ts';
import { describePodTemplate } from './containers.ts';
import { podsStatus } from './workload.ts';
import {
  describeEvents,
  eventsOf,
  formatLabels,
  PrefixWriter,
  printAnnotations,
  printLabels,
  selectorString,
} from './writer.ts';

export function describeDaemonSet(ctx: Ctx, ds: DaemonSet): string {
  const st = ds.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace}\n`);
  w.write(0, `Selector:\t${selectorString(ds.spec.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`);
  printLabels(w, 'Labels', ds.metadata.labels);
  printAnnotations(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podsStatus(ctx, ds, (l) => matchesLabelSelector(ds.spec.selector, l))}\n`);
  describePodTemplate(w, ds.spec.template);
  describeEvents(ctx, w, eventsOf(ctx, ds));
  return w.toString();
}
