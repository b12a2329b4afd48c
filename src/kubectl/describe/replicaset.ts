// `kubectl describe replicaset` and `kubectl describe replicationcontroller`
// (staging/src/k8s.io/kubectl/pkg/describe/describe.go: describeReplicaSet,
// describeReplicationController): replicas, the controlled pods by phase, the pod template,
// conditions and events.

import type { KubeObject, PodTemplateSpec, ReplicaSet } from '../../api/types.ts';
import { matchesLabelSelector, matchesMap } from '../../api/selectors.ts';
import type { Ctx } from '../flags.ts';
import { formatLabelSelector } from '../printers.ts';
import { describePodTemplate } from './containers.ts';
import { podsStatus } from './workload.ts';
import { describeEvents, eventsOf, formatLabels, PrefixWriter, printAnnotations, printLabels } from './writer.ts';

interface ReplicatedView {
  spec: { replicas?: number; template?: PodTemplateSpec };
  status?: { replicas?: number; conditions?: { type: string; status: string; reason?: string }[] };
}

function describeReplicated(
  ctx: Ctx,
  obj: KubeObject,
  selector: string,
  matches: (labels: Record<string, string> | undefined) => boolean,
  controlledBy: boolean,
): string {
  const v = obj as unknown as ReplicatedView;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace}\n`);
  w.write(0, `Selector:\t${selector}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  const ctrl = obj.metadata.ownerReferences?.find((r) => r.controller);
  if (controlledBy && ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
  w.write(0, `Replicas:\t${v.status?.replicas ?? 0} current / ${v.spec.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${podsStatus(ctx, obj, matches)}\n`);
  describePodTemplate(w, v.spec.template);
  const conds = v.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(ctx, w, eventsOf(ctx, obj));
  return w.toString();
}

export function describeReplicaSet(ctx: Ctx, rs: ReplicaSet): string {
  const sel = rs.spec.selector;
  return describeReplicated(ctx, rs, formatLabelSelector(sel), (l) => matchesLabelSelector(sel, l), true);
}

export function describeReplicationController(ctx: Ctx, rc: KubeObject): string {
  const sel = (rc as unknown as { spec: { selector?: Record<string, string> } }).spec.selector;
  return describeReplicated(ctx, rc, formatLabels(sel), (l) => matchesMap(sel, l), false);
}
