// `kubectl describe deployment` (staging/src/k8s.io/kubectl/pkg/describe/describe.go:
// DeploymentDescriber, describeDeployment, printReplicaSetsByLabels; the old and new ReplicaSets
// as staging/src/k8s.io/kubectl/pkg/util/deployment/deployment.go GetAllReplicaSetsInChunks finds
// them: the ReplicaSets the Deployment controls, the oldest whose template equals the
// Deployment's (ignoring pod-template-hash) being the new one).

import type { Deployment, ReplicaSet } from '../../api/types.ts';
import { matchesLabelSelector } from '../../api/selectors.ts';
import { controllerRef, ownedInNamespace, timeMs } from '../../controllers/common.ts';
import { equalIgnoreHash } from '../../controllers/deployment.ts';
import type { Ctx } from '../flags.ts';
import { describePodTemplate } from './containers.ts';
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

interface DeploymentView {
  spec: {
    replicas?: number;
    minReadySeconds?: number;
    strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
  };
  status?: {
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: { type: string; status: string; reason?: string }[];
  };
}

const replicaSetsText = (list: ReplicaSet[]) =>
  list
    .map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`)
    .join(', ') || '<none>';

export function describeDeployment(ctx: Ctx, d: Deployment): string {
  const v = d as unknown as DeploymentView;
  const st = v.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${time(d.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', d.metadata.labels);
  printAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${v.spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${v.spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${v.spec.minReadySeconds ?? 0}\n`);
  const ru = v.spec.strategy?.rollingUpdate;
  if (ru)
    w.write(
      0,
      `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`,
    );
  describePodTemplate(w, d.spec.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const owned = ownedInNamespace<ReplicaSet>(ctx.cluster.store, 'ReplicaSet', d).filter(
    (rs) => controllerRef(rs)?.uid === d.metadata.uid && matchesLabelSelector(d.spec.selector, rs.metadata.labels),
  );
  const byCreation = [...owned].sort(
    (a, b) =>
      timeMs(a.metadata.creationTimestamp) - timeMs(b.metadata.creationTimestamp) ||
      (a.metadata.name! < b.metadata.name! ? -1 : 1),
  );
  const newRS = byCreation.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const oldRSs = owned.filter((rs) => rs !== newRS);
  if (owned.length) {
    w.write(0, `OldReplicaSets:\t${replicaSetsText(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetsText(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(ctx, w, eventsOf(ctx, d));
  return w.toString();
}
