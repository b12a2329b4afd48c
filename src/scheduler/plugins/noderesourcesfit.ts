// NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go + resource_allocation.go,
// least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go): PreFilter storing the pod
// request, Filter reporting every insufficient resource ("Too many pods", "Insufficient cpu", …),
// PreScore/Score with the configured scoring strategy (LeastAllocated by default, on the non-zero
// requests). Also exports the resource-allocation scoring helpers NodeResourcesBalancedAllocation
// shares. Scheduler-spec 5.6, 6.1 and section 3. Integer arithmetic truncates like Go int64.

import type { Amounts } from '../../api/resources.ts';
import { MAX_NODE_SCORE, errorStatus, unschedulable } from '../framework/types.ts';
import type {
  CycleState, FilterPlugin, NodeInfo, PodInfo, PreFilterOutcome, PreFilterPlugin, PreScorePlugin, SchedulerContext,
  ScorePlugin, Status,
} from '../framework/types.ts';

const PRE_FILTER_KEY = 'PreFilterNodeResourcesFit';
const PRE_SCORE_KEY = 'PreScoreNodeResourcesFit';

export interface ResourceSpec { name: string; weight: number }
export const DEFAULT_RESOURCES: ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
/** One point of the RequestedToCapacityRatio shape: utilization 0–100, score 0–10. */
export interface UtilizationShapePoint { utilization: number; score: number }

/** NodeResourcesFitArgs as written in a KubeSchedulerConfiguration (field names kept). */
export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: ScoringStrategyType;
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape: UtilizationShapePoint[] };
  };
}

// ---- resource names (schedutil.IsScalarResourceName, v1helper.IsExtendedResourceName) ----------

/** Resources the scheduler tracks besides cpu/memory/ephemeral-storage/pods: extended, hugepages, … */
export function isScalarResourceName(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('attachable-volumes-') || (name.includes('/') && !name.startsWith('requests.'));
}

/** Extended resources (vendor-domain names, e.g. nvidia.com/gpu): the ones ignoredResources may skip. */
const isExtendedResourceName = (name: string): boolean =>
  name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');

// ---- Filter -----------------------------------------------------------------------------------

interface PreFilterState { request: Amounts }

/**
 * fitsRequest: every reason the pod (with request `req`) does not fit `node`. The pod count is
 * checked even for pods without requests; a resource counts only when the pod requests > 0 of it
 * and that exceeds allocatable − already requested (equality fits).
 */
export function insufficientResources(req: Amounts, node: NodeInfo, ignored: ReadonlySet<string> = new Set(), ignoredGroups: ReadonlySet<string> = new Set()): string[] {
  const reasons: string[] = [];
  if (node.pods.length + 1 > (node.allocatable.pods ?? 0)) reasons.push('Too many pods');

  const scalars = Object.keys(req).filter(isScalarResourceName).sort();
  const amount = (r: string): number => req[r] ?? 0;
  if (amount('cpu') === 0 && amount('memory') === 0 && amount('ephemeral-storage') === 0 && scalars.every((r) => amount(r) === 0)) {
    return reasons;
  }
  const free = (r: string): number => (node.allocatable[r] ?? 0) - (node.requested[r] ?? 0);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (amount(r) > 0 && amount(r) > free(r)) reasons.push(`Insufficient ${r}`);
  }
  for (const r of scalars) {
    if (amount(r) === 0) continue;
    if (isExtendedResourceName(r) && (ignored.has(r) || ignoredGroups.has(r.split('/')[0]))) continue;
    if (amount(r) > free(r)) reasons.push(`Insufficient ${r}`);
  }
  return reasons;
}

// ---- resource-allocation scoring (resource_allocation.go) -------------------------------------------

/** A scorer gets, per configured resource, the node's requested (incl. the pod) and allocatable; 0 allocatable = skipped. */
export type AllocationScorer = (requested: number[], allocatable: number[]) => number;

/** calculatePodResourceRequest: with useRequested false, cpu/memory use the non-zero (100m/200Mi) defaults. */
export function podResourceRequests(pod: PodInfo, resources: ResourceSpec[], useRequested: boolean): number[] {
  return resources.map(({ name }) => {
    if (!useRequested && name === 'cpu') return pod.nonZero.cpu;
    if (!useRequested && name === 'memory') return pod.nonZero.memory;
    return pod.requests[name] ?? 0;
  });
}

/** calculateResourceAllocatableRequest: [allocatable, node's requested + pod's]; [0, 0] skips the resource. */
function allocatableAndRequested(node: NodeInfo, name: string, podRequest: number, useRequested: boolean): [number, number] {
  if (podRequest === 0 && isScalarResourceName(name)) return [0, 0];
  switch (name) {
    case 'cpu':
    case 'memory': {
      const used = useRequested ? (node.requested[name] ?? 0) : node.nonZeroRequested[name];
      return [node.allocatable[name] ?? 0, used + podRequest];
    }
    case 'ephemeral-storage':
      return [node.allocatable[name] ?? 0, (node.requested[name] ?? 0) + podRequest];
    default:
      if (isScalarResourceName(name) && name in node.allocatable) return [node.allocatable[name], (node.requested[name] ?? 0) + podRequest];
      return [0, 0];
  }
}

/** resourceAllocationScorer.score over the configured resources. */
export function resourceAllocationScore(node: NodeInfo, resources: ResourceSpec[], podRequests: number[], useRequested: boolean, scorer: AllocationScorer): number {
  const requested = resources.map(() => 0);
  const allocatable = resources.map(() => 0);
  resources.forEach(({ name }, i) => {
    const [alloc, req] = allocatableAndRequested(node, name, podRequests[i], useRequested);
    if (alloc === 0) return;
    allocatable[i] = alloc;
    requested[i] = req;
  });
  return scorer(requested, allocatable);
}

/** Weighted average (int64 division) of per-resource scores over resources with allocatable > 0. */
function weightedScorer(resources: ResourceSpec[], perResource: (requested: number, capacity: number) => number): AllocationScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    requested.forEach((req, i) => {
      if (allocatable[i] === 0) return;
      nodeScore += perResource(req, allocatable[i]) * resources[i].weight;
      weightSum += resources[i].weight;
    });
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

/** LeastAllocated: (capacity − requested)·100/capacity, 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** MostAllocated: requested·100/capacity, requested capped at capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

const MAX_UTILIZATION = 100;
const MAX_CUSTOM_PRIORITY_SCORE = 10;

/** helper.BuildBrokenLinearFunction: piecewise-linear over (utilization, score) points, int64 division. */
function brokenLinear(shape: UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      if (p <= shape[i].utilization) {
        if (i === 0) return shape[0].score;
        const a = shape[i - 1];
        const b = shape[i];
        return a.score + Math.trunc(((b.score - a.score) * (p - a.utilization)) / (b.utilization - a.utilization));
      }
    }
    return shape[shape.length - 1].score;
  };
}

/** RequestedToCapacityRatio: the shape (scores ×10) at utilization requested·100/capacity; rounded weighted mean of positive scores. */
function requestedToCapacityRatioScorer(resources: ResourceSpec[], shape: UtilizationShapePoint[]): AllocationScorer {
  const f = brokenLinear(shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE) })));
  const perResource = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity ? f(MAX_UTILIZATION) : f(Math.trunc((requested * MAX_UTILIZATION) / capacity));
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    requested.forEach((req, i) => {
      if (allocatable[i] === 0) return;
      const s = perResource(req, allocatable[i]);
      if (s > 0) {
        nodeScore += s * resources[i].weight;
        weightSum += resources[i].weight;
      }
    });
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}

/** ValidateNodeResourcesFitArgs / BalancedAllocationArgs: weights 1–100, no duplicates. */
export function validateResources(resources: ResourceSpec[], what: string): void {
  const seen = new Set<string>();
  for (const r of resources) {
    if (!Number.isInteger(r.weight) || r.weight < 1 || r.weight > 100) throw new Error(`${what}: resource ${r.name} weight ${r.weight} not in valid range [1, 100]`);
    if (seen.has(r.name)) throw new Error(`${what}: duplicate resource ${r.name}`);
    seen.add(r.name);
  }
}

function validateShape(shape: UtilizationShapePoint[] | undefined): UtilizationShapePoint[] {
  if (!shape || shape.length === 0) throw new Error('NodeResourcesFit: requestedToCapacityRatio.shape: at least one point must be specified');
  shape.forEach((p, i) => {
    if (!Number.isInteger(p.utilization) || p.utilization < 0 || p.utilization > 100) throw new Error(`NodeResourcesFit: shape[${i}].utilization not in valid range [0, 100]`);
    if (!Number.isInteger(p.score) || p.score < 0 || p.score > MAX_CUSTOM_PRIORITY_SCORE) throw new Error(`NodeResourcesFit: shape[${i}].score not in valid range [0, 10]`);
    if (i > 0 && p.utilization <= shape[i - 1].utilization) throw new Error(`NodeResourcesFit: shape[${i}].utilization values must be sorted in increasing order`);
  });
  return shape;
}

// ---- the plugin -------------------------------------------------------------------------------------

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesFit';
  readonly strategy: ScoringStrategyType;
  readonly resources: ResourceSpec[];
  private readonly ignored: Set<string>;
  private readonly ignoredGroups: Set<string>;
  private readonly scorer: AllocationScorer;

  constructor(args: NodeResourcesFitArgs = {}) {
    this.ignored = new Set(args.ignoredResources ?? []);
    this.ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
    this.strategy = args.scoringStrategy?.type ?? 'LeastAllocated';
    const given = args.scoringStrategy?.resources;
    this.resources = given && given.length > 0 ? given : DEFAULT_RESOURCES;
    validateResources(this.resources, 'NodeResourcesFit');
    switch (this.strategy) {
      case 'LeastAllocated': this.scorer = weightedScorer(this.resources, leastRequestedScore); break;
      case 'MostAllocated': this.scorer = weightedScorer(this.resources, mostRequestedScore); break;
      case 'RequestedToCapacityRatio':
        this.scorer = requestedToCapacityRatioScorer(this.resources, validateShape(args.scoringStrategy?.requestedToCapacityRatio?.shape));
        break;
      default: throw new Error(`scoring strategy ${String(this.strategy)} is not supported`);
    }
  }

  preFilter(_ctx: SchedulerContext, state: CycleState, pod: PodInfo): PreFilterOutcome {
    const s: PreFilterState = { request: { ...pod.requests } };
    state.write(PRE_FILTER_KEY, s);
    return { status: null };
  }

  filter(_ctx: SchedulerContext, state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return errorStatus(`error reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    const reasons = insufficientResources(s.request, node, this.ignored, this.ignoredGroups);
    return reasons.length ? unschedulable(...reasons) : null;
  }

  preScore(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, _nodes: NodeInfo[]): Status | null {
    state.write(PRE_SCORE_KEY, podResourceRequests(pod, this.resources, false));
    return null;
  }

  score(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const podRequests = state.read<number[]>(PRE_SCORE_KEY) ?? podResourceRequests(pod, this.resources, false);
    return resourceAllocationScore(node, this.resources, podRequests, false, this.scorer);
  }
}
