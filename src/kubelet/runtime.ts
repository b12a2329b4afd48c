// What a kubelet keeps about the pods it runs: per pod its sandbox and containers (PodRuntime), per
// container the state of the lifecycle state machine and its instances (one per containerd
// container: what crictl lists and logs are read from).

import type { Container, Pod, Service } from '../api/types.ts';
import type { Behaviour, Yield } from './behaviour.ts';

/** One container instance (a containerd container): what crictl lists and logs are read from. */
export interface Instance {
  id: string;
  attempt: number;
  image: string;
  createdAt: number;
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  logs: { at: number; line: string }[];
  /** The imageID of an adopted container (as captured); else derived from the image. */
  imageID?: string;
  /** Services whose link variables the container got (snapshot at start). */
  services: Service[];
  gen?: Generator<Yield, number>;
  /** When the program continues (after a sleep); Infinity while it runs until stopped. */
  resumeAt: number;
  oomAt: number;
  readyAt: number;
  startedProbeAt: number;
  killAt?: number;
}

export type Step = 'pending' | 'pulling' | 'pullFailed' | 'running' | 'exited' | 'backoff' | 'done';

export interface CState {
  c: Container;
  kind: 'init' | 'sidecar' | 'app';
  step: Step;
  instances: Instance[];
  behaviour?: Behaviour;
  pullDoneAt?: number;
  pullError?: { at: number; message: string };
  waiting?: { reason: string; message?: string };
  /** Restarts an adopted container had before the kubelet knew it (not in `instances`). */
  priorRestarts?: number;
  /** Being killed because its definition changed: started again from the new spec once it exits. */
  replaced?: boolean;
}

/** What the kubelet takes over from an adopted container's captured status. */
export interface AdoptedContainer {
  startedAt: number;
  attempt: number;
  id?: string;
  imageID?: string;
  ready: boolean;
  started: boolean;
}

/**
 * A pod the kubelet adopts as it is instead of starting it: one that arrives bound, already
 * Running and with container statuses — a pod imported from a capture of a real cluster
 * (src/inventory). Pods created through the API always reach the kubelet Pending with no
 * container statuses, so no other pod qualifies.
 */
export function adoptable(pod: Pod): boolean {
  return (
    pod.status?.phase === 'Running' &&
    (pod.status.containerStatuses?.length ?? 0) > 0 &&
    !pod.metadata.deletionTimestamp
  );
}

/** A pod sandbox; `ips` are the pod IPs as the kubelet reports them (sortPodIPs), `ip` the first. */
export interface Sandbox {
  id: string;
  createdAt: number;
  ip: string;
  ips: string[];
  ready: boolean;
  attempt: number;
  removed?: boolean;
}

/**
 * Copies of the runtime state of a clone of the cluster: each PodRuntime and Sandbox copied once,
 * so what the kubelets and the manager's sandbox lists share in the original they share in the
 * copy. Pod objects, containers and behaviours are immutable and shared.
 */
export class RuntimeCopies {
  private readonly runtimes = new Map<PodRuntime, PodRuntime>();
  private readonly sandboxes = new Map<Sandbox, Sandbox>();

  sandbox(s: Sandbox): Sandbox {
    let c = this.sandboxes.get(s);
    if (!c) {
      c = { ...s, ips: [...s.ips] };
      this.sandboxes.set(s, c);
    }
    return c;
  }

  runtime(rt: PodRuntime): PodRuntime {
    let c = this.runtimes.get(rt);
    if (!c) {
      const containers = new Map<string, CState>();
      for (const [name, cs] of rt.containers)
        containers.set(name, { ...cs, instances: cs.instances.map(copyInstance) });
      c = {
        ...rt,
        sandbox: rt.sandbox && this.sandbox(rt.sandbox),
        containers,
        notModelledReported: new Set(rt.notModelledReported),
        lastLook: rt.lastLook && { ...rt.lastLook },
        wakes: [...rt.wakes],
      };
      this.runtimes.set(rt, c);
    }
    return c;
  }
}

/**
 * A copy of an instance. A program that sleeps is resumed by a clock timer, and a clock with
 * pending timers is not cloned; one that runs until stopped has no program left (runContainer).
 */
function copyInstance(inst: Instance): Instance {
  if (inst.gen) throw new Error(`container ${inst.id}: a running program cannot be cloned`);
  return { ...inst, logs: [...inst.logs] };
}

/** What the kubelet keeps about one pod it runs. */
export interface PodRuntime {
  uid: string;
  /** The object events are recorded on (the static pod itself for static pods). */
  pod: Pod;
  isStatic: boolean;
  sandbox?: Sandbox;
  sandboxAt: number;
  startTime: string;
  containers: Map<string, CState>;
  terminating: boolean;
  deletionAt?: number;
  finished: boolean;
  notModelledReported: Set<string>;
  /**
   * The last sync that changed nothing: the pod object's `<resourceVersion>/<uid>` and the time.
   * Every time the pod's progress depends on (sandbox, pulls, sleeps, probes, back-off, kills)
   * is in `wakes`, so until the pod object changes or one of those times is reached another sync
   * would change nothing either.
   */
  lastLook?: { at: number; key: string };
  /** Wake-up times registered for this pod and not yet passed at its last look. */
  wakes: number[];
}
