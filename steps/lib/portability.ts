// Which steps work on a real cluster. A step that needs the simulator's internals (per-plugin
// scores, the virtual clock, behaviour annotations, crictl, node files, …) is registered through
// `simulatorOnly(reason, handler)`: on the kubeconfig backend it throws ScenarioSkipped, and the
// definition wrapper of steps/hooks.ts turns that into cucumber's `skipped` with the reason logged
// in the report — never a silent pass. A backend throws ScenarioSkipped too when the cluster
// cannot give a scenario what it needs (nodes it does not have, a destructive command the run did
// not opt in to). scripts/docs-steps.ts reads the `simulatorOnly` calls to say, per step, whether
// it works on a real cluster (docs/steps.md).

import type { KubeWorld } from '../world.ts';

/** Thrown to skip the scenario on this backend, with the reason every report shows. */
export class ScenarioSkipped extends Error {
  override name = 'ScenarioSkipped';
}

/** Why a step needs the simulator: shared wordings (docs/steps.md shows them per step). */
export const NEEDS = {
  scores:
    "reads the simulator scheduler's per-plugin scores and filter reasons, which a real kube-scheduler does not publish",
  clock: "moves the simulator's virtual clock; a real cluster's clock cannot be moved",
  seed: "relies on the simulator's seeded tie-breaks; a real cluster's are its own",
  nodeCommands: 'runs crictl or curl in the simulated node runtime and network',
  nodeFiles: "writes files on a simulated node's filesystem",
  sandboxes: "reads the simulated node's container runtime",
  kubelet: 'stops or starts a simulated kubelet; not supported yet on a real cluster',
  restartsAge: "reads the RESTARTS cell's age (`3 (20s ago)`), which depends on the moment it is read",
  captures: 'builds or replays a simulated cluster from captured files (kube-scenarios simulate)',
  schedulerConfig: "configures the simulator's scheduler",
} as const;

export type PortabilityReason = (typeof NEEDS)[keyof typeof NEEDS];

/** The handler, made to skip the scenario (with the reason) on any backend but the simulator. */
export function simulatorOnly<A extends unknown[], R>(
  reason: PortabilityReason,
  handler: (this: KubeWorld, ...args: A) => R,
): (this: KubeWorld, ...args: A) => R {
  const wrapped = function (this: KubeWorld, ...args: A): R {
    if (this.backend.kind !== 'simulator') throw new ScenarioSkipped(`simulator-only step: it ${reason}`);
    return handler.apply(this, args);
  };
  // cucumber tells a callback-style step from the others by its arity: keep the handler's.
  return Object.defineProperty(wrapped, 'length', { value: handler.length });
}
