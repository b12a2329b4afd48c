// NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/
// balanced_allocation.go): favours nodes whose cpu and memory fractions (actual requests, no
// non-zero defaults) stay close: score = (1 − std of the fractions)·100. 1.33: PreScore Skips
// best-effort pods. Scheduler-spec 6.2.

import { MAX_NODE_SCORE, skip } from '../framework/types.ts';
import type { CycleState, NodeInfo, PodInfo, PreScorePlugin, SchedulerContext, ScorePlugin, Status } from '../framework/types.ts';
import { DEFAULT_RESOURCES, podResourceRequests, resourceAllocationScore, validateResources } from './noderesourcesfit.ts';
import type { ResourceSpec } from './noderesourcesfit.ts';

const PRE_SCORE_KEY = 'PreScoreNodeResourcesBalancedAllocation';

export interface BalancedAllocationArgs { resources?: ResourceSpec[] }

/** balancedResourceScorer: fractions capped at 1; |f1 − f2|/2 for two resources, population std-dev beyond. */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  requested.forEach((req, i) => {
    if (allocatable[i] === 0) return;
    fractions.push(Math.min(req / allocatable[i], 1));
  });
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((sum, f) => sum + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const isBestEffort = (podRequests: number[]): boolean => podRequests.every((r) => r === 0);

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';
  readonly resources: ResourceSpec[];

  constructor(args: BalancedAllocationArgs = {}) {
    this.resources = args.resources && args.resources.length > 0 ? args.resources : DEFAULT_RESOURCES;
    validateResources(this.resources, 'NodeResourcesBalancedAllocation');
  }

  preScore(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, _nodes: NodeInfo[]): Status | null {
    const podRequests = podResourceRequests(pod, this.resources, true);
    // Best-effort pods would otherwise all pile onto the same (most balanced) node (#129138).
    if (isBestEffort(podRequests)) return skip();
    state.write(PRE_SCORE_KEY, podRequests);
    return null;
  }

  score(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let podRequests = state.read<number[]>(PRE_SCORE_KEY);
    if (!podRequests) {
      podRequests = podResourceRequests(pod, this.resources, true);
      if (isBestEffort(podRequests)) return 0;
    }
    return resourceAllocationScore(node, this.resources, podRequests, true, balancedResourceScore);
  }
}
