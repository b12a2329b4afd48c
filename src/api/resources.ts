// Pod resource requests as the scheduler and kubelet admission compute them
// (component-helpers/resource PodRequests): containers + sidecars, max with each init
// container's need, plus overhead; and the scheduler's "non-zero" variant used for scoring
// (100m cpu / 200Mi memory assumed for a container that sets no request: pkg/scheduler/util/pod_resources.go).

import { resourceAmount } from './quantity.ts';
import type { Container, Pod, ResourceList } from './types.ts';

/** Integer amounts per resource name: cpu in millicores, everything else in whole units. */
export type Amounts = Record<string, number>;

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function toAmounts(list: ResourceList | undefined): Amounts {
  const out: Amounts = {};
  if (list) for (const name in list) out[name] = resourceAmount(name, list[name]);
  return out;
}

// (for…in over these plain records: no [key, value] pairs allocated; they run for every pod)
function addInto(into: Amounts, from: Amounts): void {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k];
}
function maxInto(into: Amounts, from: Amounts): void {
  for (const k in from) if (from[k] > (into[k] ?? 0)) into[k] = from[k];
}

export const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

function aggregate(pod: Pod, perContainer: (c: Container) => Amounts): Amounts {
  const regular: Amounts = {};
  for (const c of pod.spec.containers ?? []) addInto(regular, perContainer(c));
  const sidecarsSoFar: Amounts = {};
  const initMax: Amounts = {};
  for (const c of pod.spec.initContainers ?? []) {
    const req = perContainer(c);
    if (isSidecar(c)) {
      addInto(sidecarsSoFar, req);
      addInto(regular, req);
      maxInto(initMax, sidecarsSoFar);
    } else {
      const need: Amounts = { ...sidecarsSoFar };
      addInto(need, req);
      maxInto(initMax, need);
    }
  }
  const total: Amounts = { ...regular };
  maxInto(total, initMax);
  addInto(total, toAmounts(pod.spec.overhead));
  return total;
}

/** Effective pod request (PodRequests): what NodeResourcesFit compares with allocatable. */
export function podRequests(pod: Pod): Amounts {
  return aggregate(pod, (c) => toAmounts(c.resources?.requests));
}

/** PodRequests with NonMissingContainerRequests: cpu 100m / memory 200Mi when a container omits them. */
export function podNonZeroRequests(pod: Pod): { cpu: number; memory: number } {
  const total = aggregate(pod, (c) => {
    const req = toAmounts(c.resources?.requests);
    const has = c.resources?.requests ?? {};
    return {
      cpu: 'cpu' in has ? req.cpu : DEFAULT_MILLI_CPU_REQUEST,
      memory: 'memory' in has ? req.memory : DEFAULT_MEMORY_REQUEST,
    };
  });
  return { cpu: total.cpu ?? 0, memory: total.memory ?? 0 };
}

/** Pod limits aggregated the same way (used by describe/QoS). */
export function podLimits(pod: Pod): Amounts {
  return aggregate(pod, (c) => toAmounts(c.resources?.limits));
}

/**
 * QoS class (pkg/apis/core/helper/qos GetPodQOS): Guaranteed when every container sets cpu and
 * memory limits equal to its requests; BestEffort when none sets any cpu/memory request or limit;
 * Burstable otherwise.
 */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = toAmounts(c.resources?.requests);
    const lim = toAmounts(c.resources?.limits);
    for (const r of ['cpu', 'memory']) {
      if ((req[r] ?? 0) > 0 || (lim[r] ?? 0) > 0) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
