// `kubectl describe pod` (staging/src/k8s.io/kubectl/pkg/describe/describe.go: PodDescriber,
// describePod; qos.GetPodQOS for the QoS class).

import type { CoreEvent, Pod } from '../../api/types.ts';
import { resourceAmount } from '../../api/quantity.ts';
import type { Ctx } from '../flags.ts';
import { rfc1123z, since } from '../duration.ts';
import { describeContainers, describeTopologySpread, describeVolumes } from './containers.ts';
import { describeEvents, PrefixWriter, printAnnotations, printLabels, printTolerations } from './writer.ts';

/** qos.GetPodQOS. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  let anySet = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if ((r in req && resourceAmount(r, req[r]) !== 0) || (r in lim && resourceAmount(r, lim[r]) !== 0)) anySet = true;
      if (!(r in lim)) guaranteed = false;
      else if (r in req && resourceAmount(r, req[r]) !== resourceAmount(r, lim[r])) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * The events PodDescriber.Describe finds (staging/src/k8s.io/kubectl/pkg/describe/describe.go):
 * a reference without a kind (events of the pod's name and uid, whatever their kind), and for a
 * mirror pod the uid in its kubernetes.io/config.mirror annotation (the static pod's, which
 * the kubelet records its events against).
 */
export function podEvents(ctx: Ctx, pod: Pod): CoreEvent[] {
  const mirror = pod.metadata.annotations?.['kubernetes.io/config.mirror'];
  const uid = mirror !== undefined ? mirror : (pod.metadata.uid ?? '');
  return ctx.cluster.store
    .list<CoreEvent>('Event', pod.metadata.namespace)
    .filter(
      (e) =>
        e.involvedObject.name === pod.metadata.name &&
        (e.involvedObject.namespace ?? '') === (pod.metadata.namespace ?? '') &&
        (uid === '' || e.involvedObject.uid === uid),
    );
}

export function describePod(ctx: Ctx, pod: Pod): string {
  const w = new PrefixWriter();
  const st = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (pod.spec.priority !== undefined && pod.spec.priority !== null) w.write(0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec.priorityClassName) w.write(0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  if (pod.spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${pod.spec.runtimeClassName}\n`);
  if (pod.spec.serviceAccountName) w.write(0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  w.write(0, pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  printLabels(w, 'Labels', pod.metadata.labels);
  printAnnotations(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(ctx.cluster.clock, pod.metadata.deletionTimestamp)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${st.phase ?? ''}\n`);
  }
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  const seccomp = (
    pod.spec.securityContext as { seccompProfile?: { type?: string; localhostProfile?: string } } | undefined
  )?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${st.podIP ?? ''}\n`);
  if (!st.podIPs?.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of st.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ctrl = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (pod.spec.initContainers?.length)
    describeContainers(w, pod, 'Init Containers', pod.spec.initContainers, st.initContainerStatuses ?? []);
  describeContainers(w, pod, 'Containers', pod.spec.containers ?? [], st.containerStatuses ?? []);
  const gates = (pod.spec.readinessGates as { conditionType: string }[] | undefined) ?? [];
  if (gates.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates)
      w.write(
        1,
        `${g.conditionType} \t${(st.conditions ?? []).find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`,
      );
  }
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec.volumes);
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabels(w, 'Node-Selectors', pod.spec.nodeSelector);
  printTolerations(w, 'Tolerations', pod.spec.tolerations);
  describeTopologySpread(w, pod.spec.topologySpreadConstraints);
  describeEvents(ctx, w, podEvents(ctx, pod));
  return w.toString();
}
