// NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/
// balanced_allocation.go): favours nodes whose cpu and memory fractions (actual requests, no
// non-zero defaults) stay close: score = (1 − std of the fractions)·100. 1.33: PreScore Skips
// best-effort pods. BALANCED_ALLOCATION_ARGS: its args (fields, defaults, validation).

import { MAX_NODE_SCORE, skip, scoreOneNode } from '../framework/types.ts';
import { AMOUNT_COLUMNS } from '../framework/snapshot.ts';
import type {
  CycleState,
  NodeInfo,
  PodInfo,
  PreScorePlugin,
  SchedulerContext,
  ScorePlugin,
  Status,
} from '../framework/types.ts';
import {
  allocationResources,
  DEFAULT_RESOURCES,
  newAllocationScratch,
  podResourceRequests,
  resourceAllocationScore,
  resourceAllocationScores,
  validateResources,
} from './noderesourcesfit.ts';
import type { AllocationResources, AllocationScratch, ResourceSpec } from './noderesourcesfit.ts';
import { invalid, type FieldError } from '../../api/fielderrors.ts';
import type { PluginArgsSpec } from '../pluginargs.ts';

/** MAX_NODE_SCORE read once: under tsx's CommonJS transform every read of an imported binding is a getter call, which hot loops feel. */
const MAX_SCORE = MAX_NODE_SCORE;

const { ALLOCATABLE_CPU, REQUESTED_CPU, ALLOCATABLE_MEMORY, REQUESTED_MEMORY } = AMOUNT_COLUMNS; // (see MAX_SCORE)

const PRE_SCORE_KEY = 'PreScoreNodeResourcesBalancedAllocation';

export interface BalancedAllocationArgs {
  resources?: ResourceSpec[];
}

// ---- args (apis/config/v1/defaults.go, apis/config/validation/validation_pluginargs.go) ----------

export const BALANCED_ALLOCATION_ARGS: PluginArgsSpec = {
  fields: ['resources'],
  setDefaults: (a) => {
    const r = (a.resources as { name: string; weight?: number }[] | undefined) ?? [];
    a.resources = r.length ? r.map((x) => ({ ...x, weight: x.weight || 1 })) : DEFAULT_RESOURCES.map((d) => ({ ...d }));
  },
  validate: (a, path) => {
    const errs: FieldError[] = [];
    const seen = new Set<string>();
    (a.resources as { name: string; weight: number }[]).forEach((r, i) => {
      if (seen.has(r.name)) errs.push({ type: 'Duplicate', field: `${path}.resources[${i}].name`, value: r.name });
      seen.add(r.name);
      if (r.weight !== 1) errs.push(invalid(`${path}.resources[${i}].weight`, r.weight, 'must be 1'));
    });
    return errs;
  },
};

/** balancedResourceScorer: fractions capped at 1; |f1 − f2|/2 for two resources, population std-dev beyond. */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  // Fractions of the resources with allocatable > 0, without building a list (hot path).
  let count = 0,
    first = 0,
    second = 0,
    sum = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i] / allocatable[i], 1);
    if (count === 0) first = f;
    else if (count === 1) second = f;
    sum += f;
    count++;
  }
  if (count <= 2) return balancedScoreOfTwo(count, first, second);
  const mean = sum / count;
  let sq = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i] / allocatable[i], 1);
    sq += (f - mean) * (f - mean);
  }
  return Math.trunc((1 - Math.sqrt(sq / count)) * MAX_SCORE);
}

/** balancedResourceScore of at most two fractions: std = |f1 − f2|/2 for two, 0 for fewer. */
function balancedScoreOfTwo(count: number, first: number, second: number): number {
  const std = count === 2 ? Math.abs((first - second) / 2) : 0;
  return Math.trunc((1 - std) * MAX_SCORE);
}

const isBestEffort = (podRequests: number[]): boolean => podRequests.every((r) => r === 0);

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';
  readonly resources: ResourceSpec[];
  private readonly scratch: AllocationScratch;
  private readonly allocation: AllocationResources;

  constructor(args: BalancedAllocationArgs = {}) {
    this.resources = args.resources && args.resources.length > 0 ? args.resources : DEFAULT_RESOURCES;
    validateResources(this.resources, 'NodeResourcesBalancedAllocation');
    this.scratch = newAllocationScratch(this.resources.length);
    this.allocation = allocationResources(this.resources);
  }

  preScore(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, _nodes: NodeInfo[]): Status | null {
    const podRequests = podResourceRequests(pod, this.resources, true);
    // Best-effort pods would otherwise all pile onto the same (most balanced) node (#129138).
    if (isBestEffort(podRequests)) return skip();
    state.write(PRE_SCORE_KEY, podRequests);
    return null;
  }

  score(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return scoreOneNode(this, ctx, state, pod, node);
  }

  scoreNodes(
    ctx: SchedulerContext,
    state: CycleState,
    pod: PodInfo,
    nodes: NodeInfo[],
    rows: readonly number[],
    out: number[],
  ): void {
    let podRequests = state.read<number[]>(PRE_SCORE_KEY);
    if (!podRequests) {
      podRequests = podResourceRequests(pod, this.resources, true);
      if (isBestEffort(podRequests)) {
        out.fill(0, 0, nodes.length);
        return;
      }
    }
    const amounts = ctx.snapshot.amounts,
      columns = this.allocation.columns;
    if (!columns) {
      resourceAllocationScores(
        nodes,
        rows,
        out,
        this.allocation,
        podRequests,
        true,
        balancedResourceScore,
        this.scratch,
        amounts,
      );
      return;
    }
    // cpu and memory (the defaults; at most two resources, as names are unique): the fractions
    // read from each node's row, without the per-node arrays or per-resource column lookups (the
    // score does not depend on their order); a node without a row takes the general form.
    const d = amounts.data,
      { cpuAt, memoryAt } = this.allocation;
    const cpuRequest = cpuAt < 0 ? 0 : podRequests[cpuAt],
      memoryRequest = memoryAt < 0 ? 0 : podRequests[memoryAt];
    for (let n = 0; n < nodes.length; n++) {
      const o = rows[n];
      if (o < 0) {
        out[n] = resourceAllocationScore(
          nodes[n],
          o,
          this.allocation,
          podRequests,
          true,
          balancedResourceScore,
          this.scratch,
        );
        continue;
      }
      let count = 0,
        first = 0,
        second = 0;
      const cpu = cpuAt < 0 ? 0 : d[o + ALLOCATABLE_CPU];
      if (cpu !== 0) {
        first = Math.min((d[o + REQUESTED_CPU] + cpuRequest) / cpu, 1);
        count++;
      }
      const memory = memoryAt < 0 ? 0 : d[o + ALLOCATABLE_MEMORY];
      if (memory !== 0) {
        const f = Math.min((d[o + REQUESTED_MEMORY] + memoryRequest) / memory, 1);
        if (count === 0) first = f;
        else second = f;
        count++;
      }
      out[n] = balancedScoreOfTwo(count, first, second);
    }
  }
}
