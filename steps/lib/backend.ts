// The seam between the step definitions and a cluster. Steps read through a ClusterView (a store
// to get and list objects, a clock for kubectl's cells, events, and the "why" of a placement) inside
// `expect`, run kubectl through `kubectl`, and create what the Given-steps need through the
// backend. Two backends implement it: the simulator (this file: the in-memory Cluster, checked
// once, since a settled cluster does not change until the clock moves) and the kubeconfig backend
// (steps/lib/kubeconfig-backend.ts: a real cluster, each check polled until it holds or times out).
// The world parameter `cluster` chooses (`simulator`, the default, or `kubeconfig`).

import type { CoreEvent, KubeObject } from '../../src/api/types.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';
import type { NodeSpecInput } from '../../src/cluster/bootstrap.ts';
import type { ReadStore } from '../../src/store/store.ts';
import type { VirtualClock } from '../../src/util/clock.ts';
import type { CommandResult, KubeWorld } from '../world.ts';
import { explainForAssertion } from './explain.ts';
import { waitUntil } from './lifecycle.ts';
import type { ObjRef } from './parse.ts';
import type { PodHistory } from '../../src/backends/podrecord.ts';

/** What an assertion reads. */
export interface ClusterView {
  readonly store: ReadStore;
  /** The cluster's time (kubectl's ages: the RESTARTS cell). */
  readonly clock: Pick<VirtualClock, 'now'>;
  /** Events about the object, oldest first. */
  events(obj: KubeObject): CoreEvent[];
  /** "why: …" for the pods (namespace/name) that break an assertion's rule. */
  why(podKeys: string | string[]): string;
}

/** What a check needs listed from a real cluster (the simulator's store has everything). */
export interface ViewScope {
  /** Namespaces whose pods and workloads the check reads (as the scenario names them: `default` is the scenario's own). */
  namespaces?: readonly string[];
  nodes?: boolean;
  events?: boolean;
}

export interface ExpectOptions {
  /**
   * A span the scenario says the outcome may take (`within 5 minutes`): the simulator moves its
   * clock until `holds` (or the span is over), then checks; the kubeconfig backend polls at least
   * that long.
   */
  withinMs?: number;
  holds?: (v: ClusterView) => boolean;
}

/** A bare pod bound to a node (no scheduler), as `Given pod X is running on node Y` creates it. */
export interface BarePod {
  ref: ObjRef;
  node: string;
  labels: Record<string, string>;
  cpu?: string;
}

export interface Backend {
  readonly kind: 'simulator' | 'kubeconfig';
  /** Runs the check (it throws AssertionError when the cluster is not as expected) until it passes; returns its value. */
  expect<T>(scope: ViewScope, check: (v: ClusterView) => T | Promise<T>, opts?: ExpectOptions): Promise<T>;
  /** Runs a kubectl command line (without "kubectl"). */
  kubectl(args: string | string[]): Promise<Omit<CommandResult, 'command'>>;
  /** `Given the lab cluster`. */
  useLab(): Promise<void>;
  /** `Given a cluster with nodes:` / `the nodes from`: exactly these nodes; `where` names each spec for errors. */
  useNodes(specs: Array<{ spec: NodeSpecInput; where: string }>): Promise<void>;
  /** Creates the pod bound to its node and waits until it runs. */
  runBarePod(pod: BarePod): Promise<void>;
  /**
   * How many times a pod of that name (`namespace/name` as the scenario names it) was created and
   * deleted since the scenario started; `existsNow`: whether the check's view has it.
   */
  podHistory(key: string, existsNow: boolean): PodHistory;
  /** Before the scenario (a namespace of its own on a real cluster). */
  start(scenario: { name: string; id: string }): Promise<void>;
  /** After it, failed or not: undo what it changed; returns a report of what was undone (or undefined). */
  finish(): Promise<string | undefined>;
}

/** The simulator's view of its cluster: the store itself, its clock and events, the scheduler's explanations. */
export function simulatorView(world: KubeWorld, cluster: Cluster): ClusterView {
  return {
    store: cluster.store,
    clock: cluster.clock,
    events: (obj) => cluster.events.for(obj),
    why: (keys) => explainForAssertion(world, cluster, keys),
  };
}

/** Checks once on the settled cluster; a `withinMs` wait moves the virtual clock first. */
export async function simulatorExpect<T>(
  world: KubeWorld,
  check: (v: ClusterView) => T | Promise<T>,
  opts: ExpectOptions = {},
): Promise<T> {
  const cluster = world.cluster;
  const view = simulatorView(world, cluster);
  if (opts.withinMs !== undefined) {
    const holds = opts.holds;
    if (holds) waitUntil(cluster, opts.withinMs, () => holds(view));
  }
  return check(view);
}
