// The in-memory cluster: one virtual clock, one store behind one API server, the scheduler,
// the controllers and a kubelet per node, wired together. settle() runs every component until
// nothing changes; advance() moves virtual time, settling after every timer that fires. clone()
// builds the same wiring over copies of every component's state (each component's own clone(),
// as kube-scheduler's NodeInfo.Snapshot() copies a node): a clone goes on exactly as the original
// would, and shares no mutable state with it.

import { ApiServer } from '../store/apiserver.ts';
import { EventRecorder } from '../store/events.ts';
import { ObjectStore } from '../store/store.ts';
import type { FieldWriter } from '../store/managedfields.ts';
import { DEFAULT_EPOCH, VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import { Scheduler, type SchedulerOptions } from '../scheduler/scheduler.ts';
import { DEFAULT_SCHEDULER_NAME } from '../api/defaults.ts';
import type { Component } from '../util/component.ts';
import { DeploymentController } from '../controllers/deployment.ts';
import { ReplicaSetController } from '../controllers/replicaset.ts';
import { DaemonSetController } from '../controllers/daemonset.ts';
import { GarbageCollector } from '../controllers/garbagecollector.ts';
import { NodeLifecycleController } from '../controllers/nodelifecycle.ts';
import { TaintEvictionController } from '../controllers/tainteviction.ts';
import { KubeletManager } from '../kubelet/manager.ts';
import { ClusterIPAllocator } from '../services/clusterip.ts';
import { DisruptionController } from '../controllers/disruption.ts';
import { JobController } from '../controllers/job.ts';
import { StatefulSetController } from '../controllers/statefulset.ts';
import { NamespaceController } from '../controllers/namespace.ts';
import { ServiceAccountsController } from '../controllers/serviceaccounts.ts';
import { RootCACertPublisher } from '../controllers/rootcacertpublisher.ts';
import { rootCACertificatePem } from '../util/x509.ts';
import { SettleTrace } from './settle-trace.ts';
import type { PortForward } from '../network/network.ts';
import { NotSupportedError } from '../util/errors.ts';

/** A controller, which clone() builds again over a clone of the cluster (each takes what it needs of it). */
interface ClonableController extends Component {
  clone(to: Cluster): ClonableController;
}

export interface ClusterOptions extends SchedulerOptions {
  /** Seed for every random choice (names, uids, scheduler tie-breaks). Default 1. */
  seed?: number;
  /** One Scheduler per profile (KubeSchedulerConfiguration profiles, each with its schedulerName); replaces the single default one. */
  profiles?: SchedulerOptions[];
  /** Where the virtual clock starts, ms since the epoch (default DEFAULT_EPOCH; `serve` starts it near the wall clock). */
  clockStart?: number;
  /**
   * Whether writes record metadata.managedFields as kube-apiserver's field manager does (default
   * true; src/store/managedfields.ts). `kube-scenarios simulate` turns it off: it shows no object's
   * managedFields, and recording them costs time on large captures.
   */
  managedFields?: boolean;
}

export const DEFAULT_SEED = 1;
const KUBELET_WRITER: FieldWriter = { manager: 'kubelet', splitStatus: true };
const SCHEDULER_WRITER: FieldWriter = { manager: 'kube-scheduler', splitStatus: true };
const CONTROLLER_MANAGER_WRITER: FieldWriter = { manager: 'kube-controller-manager', splitStatus: true };
const MAX_SETTLE_ROUNDS = 100_000;
/** Rounds after which settleNow traces what changes (see SettleTrace); a settle normally takes a handful. */
export const TRACE_AFTER_ROUNDS = 1_000;
/** A traced settle whose rounds end this many times in the same state goes round in circles. */
const SAME_STATE_ROUNDS = 3;
/** How far settle() lets virtual time run for kubelet start-up steps (see settle). */
export const STARTUP_WINDOW_MS = 30_000;

export class Cluster {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly store: ObjectStore;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  /** The default-scheduler profile's scheduler (else the first profile's). */
  readonly scheduler: Scheduler;
  /** Every scheduler: one per profile (just `scheduler` without profiles). */
  readonly schedulers: Scheduler[];
  /** One kubelet per Node (static pods are given to `kubelets.get(node)`). */
  readonly kubelets: KubeletManager;
  readonly components: Component[] = [];
  /** The `kubectl port-forward`s running against this cluster (in start order). */
  readonly portForwards: PortForward[] = [];
  /** The controllers, in sync order (they run before the schedulers and the kubelets). */
  private readonly controllers: ClonableController[];

  /** A new cluster; with `from`, a clone of it (see clone()). */
  constructor(
    private readonly opts: ClusterOptions = {},
    from?: Cluster,
  ) {
    this.seed = opts.seed ?? DEFAULT_SEED;
    this.clock = from ? from.clock.clone() : new VirtualClock(opts.clockStart);
    this.store = from
      ? from.store.clone(this.clock)
      : new ObjectStore(this.clock, new Rng(this.seed, 1), new Rng(this.seed, 3), new Rng(this.seed, 4));
    if (!from) this.store.trackManagedFields = opts.managedFields ?? true;
    this.api = new ApiServer(this.store);
    this.events = from ? from.events.clone(this.store) : new EventRecorder(this.store);
    // (the components register their store watchers as they are built: a clone builds them in the same order)
    this.schedulers = from
      ? from.schedulers.map((s) => s.clone(this))
      : (opts.profiles ?? [opts]).map(
          (p, i) =>
            new Scheduler(this.store, this.events, new Rng(this.seed, i === 0 ? 2 : 100 + i), { ...opts, ...p }),
        );
    this.scheduler = this.schedulers.find((s) => s.profileName === DEFAULT_SCHEDULER_NAME) ?? this.schedulers[0];
    this.kubelets = from ? from.kubelets.clone(this) : new KubeletManager(this.api, this.events);
    // Order inside one round: controllers create pods, the scheduler binds them, kubelets run them.
    // Namespaces first (their deletion, their ServiceAccount and root CA ConfigMap), node taints
    // (the scheduler and the eviction controller read them), owners before what they own
    // (Deployment → ReplicaSet → Pod), the garbage collector after its owners.
    this.controllers = from
      ? from.controllers.map((c) => c.clone(this))
      : [
          new NamespaceController(this.api),
          new ServiceAccountsController(this.api),
          new RootCACertPublisher(this.api, rootCACertificatePem(this.seed, opts.clockStart ?? DEFAULT_EPOCH)),
          new NodeLifecycleController(this.store, this.events, this.kubelets),
          new ClusterIPAllocator(this.store, this.seed),
          new DeploymentController(this.api, this.events),
          new ReplicaSetController(this.api, this.events),
          new DaemonSetController(this.api, this.events),
          new StatefulSetController(this.api, this.events),
          new JobController(this.api, this.events),
          new DisruptionController(this.store, this.events),
          new GarbageCollector(this.api),
          new TaintEvictionController(this.api, this.events),
        ];
    this.components.push(...this.controllers, ...this.schedulers, this.kubelets);
    // ServiceAccount admission waits for the controller to create a namespace's `default` account
    const serviceAccounts = this.controllers.find((c) => c instanceof ServiceAccountsController)!;
    this.api.serviceAccounts = {
      ensureDefault: (ns) => this.store.as(CONTROLLER_MANAGER_WRITER, () => serviceAccounts.ensureDefault(ns)),
    };
    if (from) for (const f of from.portForwards) this.portForwards.push({ ...f });
  }

  /**
   * A cluster that goes on exactly as this one would — same objects, events, random streams, clock,
   * scheduler cache and queues, kubelet runtimes, IPAM, node files, port-forwards — and shares no
   * mutable state with it. Pending timers (a program that sleeps, a back-off, a grace period) are
   * closures over this cluster's components: a cluster with any cannot be cloned yet.
   */
  clone(): Cluster {
    const wired = [...this.controllers, ...this.schedulers, this.kubelets];
    if (this.components.length !== wired.length || this.components.some((c, i) => c !== wired[i]))
      throw new NotSupportedError('cloning a cluster whose component list was changed after it was built');
    const next = this.clock.nextTimer();
    if (next !== undefined)
      throw new NotSupportedError(
        `cloning a cluster with pending timers (the next at ${this.clock.iso(next)}): clone it when nothing waits on the clock`,
      );
    return new Cluster(this.opts, this);
  }

  /**
   * Runs all components until none changes anything, then lets virtual time run while kubelets
   * have start-up steps pending (sandbox, image pull, container start, the kubelet noticing an
   * exit, probe initial delays), at most STARTUP_WINDOW_MS: `kubectl apply` followed by
   * `kubectl get pods` shows what a user sees after waiting a moment. Everything due inside that
   * window happens, in time order. Long waits (back-off, `sleep N`, grace periods) need advance().
   */
  settle(): void {
    this.settleNow();
    const bound = this.clock.now() + STARTUP_WINDOW_MS;
    for (
      let next = this.kubelets.nextStartupWake();
      next !== undefined && next <= bound;
      next = this.kubelets.nextStartupWake()
    ) {
      this.clock.advanceTo(next, () => this.settleNow());
    }
  }

  /**
   * Runs all components until none changes anything (the clock does not move). A settle that
   * cannot end — components undoing each other's changes, or reporting changes they do not make —
   * stops with an error naming the components and the objects they keep writing: as soon as the
   * cluster comes back to a state it was already in (SettleTrace), at the latest after
   * MAX_SETTLE_ROUNDS rounds.
   */
  settleNow(): void {
    let trace: SettleTrace | undefined;
    try {
      for (let round = 1; round <= MAX_SETTLE_ROUNDS; round++) {
        if (round === TRACE_AFTER_ROUNDS) trace = new SettleTrace(this.store);
        const changed: string[] = [];
        for (const c of this.components) {
          trace?.enter(c.name);
          if (this.store.as(this.writerOf(c), () => c.sync())) changed.push(c.name);
        }
        if (!changed.length) return;
        if (trace && trace.endRound(changed) >= SAME_STATE_ROUNDS) {
          throw new Error(
            `the cluster cannot settle at ${this.clock.iso()}: after ${round} rounds it keeps coming back to the same state — ` +
              `these components keep changing each other's objects, or report changes they do not make (a bug in the simulator; please report it with the manifests):\n${trace.describe()}`,
          );
        }
      }
      throw new Error(
        `the cluster did not settle at ${this.clock.iso()} after ${MAX_SETTLE_ROUNDS} rounds — these components kept changing objects ` +
          `(a bug in the simulator; please report it with the manifests):\n${trace!.describe()}`,
      );
    } finally {
      trace?.stop();
    }
  }

  /**
   * The field manager a component's writes are recorded under (managedFields): the user agent of
   * the kubelet, kube-scheduler, kube-controller-manager. Service ClusterIPs are allocated by
   * kube-apiserver's registry, past the field manager: no entry.
   */
  private writerOf(c: Component): FieldWriter | undefined {
    if (c === this.kubelets) return KUBELET_WRITER;
    if (c instanceof Scheduler) return SCHEDULER_WRITER;
    if (c instanceof ClusterIPAllocator) return undefined;
    return CONTROLLER_MANAGER_WRITER;
  }

  /** Moves virtual time forward by exactly ms, firing timers in order and settling after each (no start-up fast-forward). */
  advance(ms: number): void {
    this.settleNow();
    this.clock.advanceTo(this.clock.now() + ms, () => this.settleNow());
    this.settleNow();
  }
}
