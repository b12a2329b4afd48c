// `kubectl describe statefulset` (staging/src/k8s.io/kubectl/pkg/describe/describe.go:
// describeStatefulSet, describeVolumeClaimTemplates; storageutil.GetPersistentVolumeClaimClass).

import type { StatefulSet } from '../../api/types.ts';
import { matchesLabelSelector } from '../../api/selectors.ts';
import type { Ctx } from '../flags.ts';
import { describePodTemplate } from './containers.ts';
import { podsStatus } from './workload.ts';
import {
  describeEvents,
  eventsOf,
  intOrString,
  PrefixWriter,
  printAnnotations,
  printLabels,
  selectorString,
  time,
} from './writer.ts';

interface ClaimTemplate {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { storageClassName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> } };
}

interface StatefulSetView {
  spec: {
    replicas?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    volumeClaimTemplates?: ClaimTemplate[];
  };
  status?: { replicas?: number };
}

function describeClaimTemplates(w: PrefixWriter, templates: ClaimTemplate[] | undefined): void {
  if (!templates?.length) {
    w.write(0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(0, 'Volume Claims:\n');
  for (const t of templates) {
    const annotations = t.metadata?.annotations;
    w.write(1, `Name:\t${t.metadata?.name ?? ''}\n`);
    w.write(
      1,
      `StorageClass:\t${annotations?.['volume.beta.kubernetes.io/storage-class'] ?? t.spec?.storageClassName ?? ''}\n`,
    );
    // printLabelsMultilineWithIndent for both: annotations print as key=value here.
    printLabels(w, 'Labels', t.metadata?.labels, '  ');
    printLabels(w, 'Annotations', annotations, '  ');
    const storage = t.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${storage !== undefined ? String(storage) : '<default>'}\n`);
    w.write(1, `Access Modes:\t[${(t.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

export function describeStatefulSet(ctx: Ctx, sts: StatefulSet): string {
  const v = sts as unknown as StatefulSetView;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sts.metadata.name}\n`);
  w.write(0, `Namespace:\t${sts.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${time(sts.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(sts.spec.selector)}\n`);
  printLabels(w, 'Labels', sts.metadata.labels);
  printAnnotations(w, 'Annotations', sts.metadata.annotations);
  w.write(0, `Replicas:\t${v.spec.replicas ?? 1} desired | ${v.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${v.spec.updateStrategy?.type ?? ''}\n`);
  const ru = v.spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
  }
  w.write(0, `Pods Status:\t${podsStatus(ctx, sts, (l) => matchesLabelSelector(sts.spec.selector, l))}\n`);
  describePodTemplate(w, sts.spec.template);
  describeClaimTemplates(w, v.spec.volumeClaimTemplates);
  describeEvents(ctx, w, eventsOf(ctx, sts));
  return w.toString();
}
