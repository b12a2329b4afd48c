// `kubectl describe namespace|priorityclass|poddisruptionbudget` (staging/src/k8s.io/kubectl/pkg/describe/describe.go:
// describeNamespace with DescribeResourceQuotas and DescribeLimitRanges, describePriorityClass,
// describePodDisruptionBudgetV1). The simulator models no ResourceQuota or LimitRange, so a
// namespace has none, which kubectl prints as `No resource quota.` and `No LimitRange resource.`.

import type { Namespace, PodDisruptionBudget, PriorityClass } from '../../api/types.ts';
import type { Ctx } from '../flags.ts';
import { formatLabelSelector } from '../printers.ts';
import { describeEvents, eventsOf, formatLabels, PrefixWriter, printAnnotations, printLabels, time } from './writer.ts';

export function describeNamespace(_ctx: Ctx, ns: Namespace): string {
  const conds =
    (
      ns.status as {
        conditions?: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[];
      }
    )?.conditions ?? [];
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  printLabels(w, 'Labels', ns.metadata.labels);
  printAnnotations(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if (conds.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds)
      w.write(1, `${c.type}\t${c.status}\t${time(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(0, '\n');
  w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.toString();
}

export function describePriorityClass(ctx: Ctx, pc: PriorityClass): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pc.metadata.name}\n`);
  w.write(0, `Value:\t${pc.value}\n`);
  w.write(0, `GlobalDefault:\t${!!pc.globalDefault}\n`);
  w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(0, `Description:\t${pc.description ?? ''}\n`);
  w.write(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(ctx, w, eventsOf(ctx, pc));
  return w.toString();
}

export function describePodDisruptionBudget(ctx: Ctx, pdb: PodDisruptionBudget): string {
  const st = pdb.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pdb.metadata.name}\n`);
  w.write(0, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (pdb.spec.minAvailable !== undefined) w.write(0, `Min available:\t${pdb.spec.minAvailable}\n`);
  else if (pdb.spec.maxUnavailable !== undefined) w.write(0, `Max unavailable:\t${pdb.spec.maxUnavailable}\n`);
  w.write(0, `Selector:\t${pdb.spec.selector ? formatLabelSelector(pdb.spec.selector) : '<unset>'}\n`);
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(ctx, w, eventsOf(ctx, pdb));
  return w.toString();
}
