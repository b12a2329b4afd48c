// The in-memory cluster: one virtual clock, one store behind one API server, the scheduler,
// the controllers and a kubelet per node, wired together. settle() runs every component until
// nothing changes; advance() moves virtual time, settling after every timer that fires.

import { ApiServer } from '../store/apiserver.ts';
import { EventRecorder } from '../store/events.ts';
import { ObjectStore } from '../store/store.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import { Scheduler, type SchedulerOptions } from '../scheduler/scheduler.ts';
import type { Component } from './component.ts';
import { DeploymentController } from '../controllers/deployment.ts';
import { ReplicaSetController } from '../controllers/replicaset.ts';
import { DaemonSetController } from '../controllers/daemonset.ts';
import { GarbageCollector } from '../controllers/garbagecollector.ts';
import { NodeLifecycleController } from '../controllers/nodelifecycle.ts';
import { TaintEvictionController } from '../controllers/tainteviction.ts';
import { KubeletManager } from '../kubelet/kubelet.ts';

export interface ClusterOptions extends SchedulerOptions {
  /** Seed for every random choice (names, uids, scheduler tie-breaks). Default 1. */
  seed?: number;
}

export const DEFAULT_SEED = 1;
const MAX_SETTLE_ROUNDS = 100_000;

export class Cluster {
  readonly seed: number;
  readonly clock = new VirtualClock();
  readonly store: ObjectStore;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly scheduler: Scheduler;
  /** One kubelet per Node (static pods are given to `kubelets.get(node)`). */
  readonly kubelets: KubeletManager;
  readonly components: Component[] = [];

  constructor(opts: ClusterOptions = {}) {
    this.seed = opts.seed ?? DEFAULT_SEED;
    this.store = new ObjectStore(this.clock, new Rng(this.seed, 1), new Rng(this.seed, 3));
    this.api = new ApiServer(this.store);
    this.events = new EventRecorder(this.store);
    this.scheduler = new Scheduler(this.store, this.events, new Rng(this.seed, 2), opts);
    this.kubelets = new KubeletManager(this.api, this.events);
    // Order inside one round: controllers create pods, the scheduler binds them, kubelets run them.
    // Node taints first (the scheduler and the eviction controller read them), owners before
    // what they own (Deployment → ReplicaSet → Pod), the garbage collector after its owners.
    this.components.push(
      new NodeLifecycleController(this.store),
      new DeploymentController(this.api, this.events),
      new ReplicaSetController(this.api, this.events),
      new DaemonSetController(this.api, this.events),
      new GarbageCollector(this.api),
      new TaintEvictionController(this.api, this.events),
      this.scheduler,
      this.kubelets,
    );
  }

  /** Runs all components until none changes anything. */
  settle(): void {
    for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
      let changed = false;
      for (const c of this.components) if (c.sync()) changed = true;
      if (!changed) return;
    }
    throw new Error(`the cluster did not settle after ${MAX_SETTLE_ROUNDS} rounds (components keep changing each other's objects)`);
  }

  /** Moves virtual time forward by ms, firing timers in order and settling after each. */
  advance(ms: number): void {
    this.settle();
    this.clock.advanceTo(this.clock.now() + ms, () => this.settle());
    this.settle();
  }
}
