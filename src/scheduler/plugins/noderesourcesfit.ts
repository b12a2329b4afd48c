// NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go + resource_allocation.go,
// least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go): PreFilter storing the pod
// request, Filter reporting every insufficient resource ("Too many pods", "Insufficient cpu", …),
// PreScore/Score with the configured scoring strategy (LeastAllocated by default, on the non-zero
// requests). Also exports the resource-allocation scoring helpers NodeResourcesBalancedAllocation
// shares, and NODE_RESOURCES_FIT_ARGS (NodeResourcesFitArgs: fields, defaults, validation). Integer
// arithmetic truncates like Go int64.

import type { Amounts } from '../../api/resources.ts';
import { forbidden, invalid, notSupported, required, type FieldError } from '../../api/fielderrors.ts';
import { labelNameErrors, type PluginArgsSpec } from '../pluginargs.ts';
import { MAX_NODE_SCORE, errorStatus, scoreOneNode } from '../framework/types.ts';
import { AMOUNT_COLUMNS } from '../framework/snapshot.ts';
import type { NodeAmounts } from '../framework/snapshot.ts';
import type {
  CycleState,
  FilterPlugin,
  NodeFilter,
  NodeInfo,
  NodesFilter,
  PodInfo,
  PreFilterOutcome,
  PreFilterPlugin,
  PreScorePlugin,
  SchedulerContext,
  ScorePlugin,
  Status,
} from '../framework/types.ts';

/** MAX_NODE_SCORE read once: under tsx's CommonJS transform every read of an imported binding is a getter call, which hot loops feel. */
const MAX_SCORE = MAX_NODE_SCORE;

// NodeAmounts columns as local constants (see MAX_SCORE).
const {
  PODS,
  ALLOCATABLE_PODS,
  ALLOCATABLE_CPU,
  REQUESTED_CPU,
  NON_ZERO_CPU,
  ALLOCATABLE_MEMORY,
  REQUESTED_MEMORY,
  NON_ZERO_MEMORY,
} = AMOUNT_COLUMNS;

const PRE_FILTER_KEY = 'PreFilterNodeResourcesFit';
const PRE_SCORE_KEY = 'PreScoreNodeResourcesFit';

export interface ResourceSpec {
  name: string;
  weight: number;
}
export const DEFAULT_RESOURCES: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
/** One point of the RequestedToCapacityRatio shape: utilization 0–100, score 0–10. */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

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

// ---- args (apis/config/v1/defaults.go, apis/config/validation/validation_pluginargs.go) ----------

/** validateFunctionShape (validation_pluginargs.go): the requestedToCapacityRatio shape, as field errors. */
function validateShapeArgs(shape: unknown, path: string): FieldError[] {
  const pts = Array.isArray(shape) ? (shape as { utilization?: number; score?: number }[]) : [];
  if (pts.length === 0) return [required(path, 'at least one point must be specified')];
  const errs: FieldError[] = [];
  for (let i = 1; i < pts.length; i++) {
    if ((pts[i - 1].utilization ?? 0) >= (pts[i].utilization ?? 0)) {
      errs.push(
        invalid(`${path}[${i}].utilization`, pts[i].utilization ?? 0, 'values must be sorted in increasing order'),
      );
      break;
    }
  }
  pts.forEach((p, i) => {
    const u = p.utilization ?? 0,
      s = p.score ?? 0;
    if (u < 0 || u > 100) errs.push(invalid(`${path}[${i}].utilization`, u, 'not in valid range [0, 100]'));
    if (s < 0 || s > 10) errs.push(invalid(`${path}[${i}].score`, s, 'not in valid range [0, 10]'));
  });
  return errs;
}

/** ValidateNodeResourcesFitArgs; kube-scheduler runs it when building the plugin (path without prefix). */
function validateNodeResourcesFitArgs(a: Record<string, unknown>, path: string): FieldError[] {
  const p = (f: string) => (path ? `${path}.${f}` : f);
  const errs: FieldError[] = [];
  ((a.ignoredResources as string[] | undefined) ?? []).forEach((r, i) =>
    errs.push(...labelNameErrors(r, `${p('ignoredResources')}[${i}]`)),
  );
  ((a.ignoredResourceGroups as string[] | undefined) ?? []).forEach((g, i) => {
    const gp = `${p('ignoredResourceGroups')}[${i}]`;
    if (g.includes('/')) errs.push(invalid(gp, g, "resource group name can't contain '/'"));
    errs.push(...labelNameErrors(g, gp));
  });
  const s = a.scoringStrategy as
    | { type?: string; resources?: { name: string; weight: number }[]; requestedToCapacityRatio?: { shape?: unknown } }
    | undefined;
  const sp = p('scoringStrategy');
  if (!s) return [...errs, required(sp, 'ScoringStrategy field is required')];
  const types = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];
  if (!types.includes(s.type ?? '')) errs.push(notSupported(`${sp}.type`, s.type ?? '', types));
  (s.resources ?? []).forEach((r, i) => {
    if (r.weight <= 0 || r.weight > 100)
      errs.push(
        invalid(`${sp}.resources[${i}].weight`, r.weight, `resource weight of ${r.name} not in valid range (0, 100]`),
      );
  });
  if (s.type === 'RequestedToCapacityRatio') {
    if (!s.requestedToCapacityRatio)
      errs.push(required(`${sp}.requestedToCapacityRatio`, 'must be specified when type is RequestedToCapacityRatio'));
    else errs.push(...validateShapeArgs(s.requestedToCapacityRatio.shape, `${sp}.requestedToCapacityRatio.shape`));
  } else if (s.requestedToCapacityRatio) {
    errs.push(forbidden(`${sp}.requestedToCapacityRatio`, 'must be nil when type is not RequestedToCapacityRatio'));
  }
  return errs;
}

export const NODE_RESOURCES_FIT_ARGS: PluginArgsSpec = {
  fields: ['ignoredResources', 'ignoredResourceGroups', 'scoringStrategy'],
  setDefaults: (a) => {
    const s = (a.scoringStrategy as Record<string, unknown> | undefined) ?? { type: 'LeastAllocated' };
    const resources = (s.resources as { name: string; weight?: number }[] | undefined) ?? [];
    a.scoringStrategy = {
      ...s,
      resources: resources.length
        ? resources.map((r) => ({ ...r, weight: r.weight || 1 }))
        : DEFAULT_RESOURCES.map((r) => ({ ...r })),
    };
  },
  // upstream registers its validator under the name "NodeResourcesFitArgs", so the
  // configuration-level check never runs for it: the plugin's constructor validates.
  validateOnBuild: validateNodeResourcesFitArgs,
};

// ---- resource names (schedutil.IsScalarResourceName, v1helper.IsExtendedResourceName) ----------

/** Resources the scheduler tracks besides cpu/memory/ephemeral-storage/pods: extended, hugepages, … */
export function isScalarResourceName(name: string): boolean {
  return (
    name.startsWith('hugepages-') ||
    name.startsWith('attachable-volumes-') ||
    (name.includes('/') && !name.startsWith('requests.'))
  );
}

/** Extended resources (vendor-domain names, e.g. nvidia.com/gpu): the ones ignoredResources may skip. */
const isExtendedResourceName = (name: string): boolean =>
  name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');

// ---- Filter -----------------------------------------------------------------------------------

/** A pod's request prepared once per cycle (PreFilter) for the per-node fitsRequest check. */
export interface PreparedRequest {
  request: Amounts;
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Scalar resources (extended, hugepages…) requested > 0 and not ignored, sorted. */
  scalars: string[];
  /** Nothing requested at all (cpu, memory, ephemeral-storage and every scalar are 0): only the pod count is checked. */
  empty: boolean;
}

export function prepareRequest(
  req: Amounts,
  ignored: ReadonlySet<string> = new Set(),
  ignoredGroups: ReadonlySet<string> = new Set(),
): PreparedRequest {
  const all = Object.keys(req).filter(isScalarResourceName).sort();
  const cpu = req.cpu ?? 0,
    memory = req.memory ?? 0,
    ephemeralStorage = req['ephemeral-storage'] ?? 0;
  const scalars = all.filter(
    (r) =>
      (req[r] ?? 0) !== 0 && !(isExtendedResourceName(r) && (ignored.has(r) || ignoredGroups.has(r.split('/')[0]))),
  );
  const empty = cpu === 0 && memory === 0 && ephemeralStorage === 0 && all.every((r) => (req[r] ?? 0) === 0);
  return { request: req, cpu, memory, ephemeralStorage, scalars, empty };
}

/**
 * fitsRequest: every reason the prepared request does not fit `node`, or null when it fits. The
 * pod count is checked even for pods without requests; a resource counts only when the pod
 * requests > 0 of it and that exceeds allocatable − already requested (equality fits).
 */
export function insufficientFor(p: PreparedRequest, node: NodeInfo): string[] | null {
  let reasons: string[] | null = null;
  if (node.pods.length + 1 > node.allocatablePods) reasons = ['Too many pods'];
  if (p.empty) return reasons;
  if (p.cpu > 0 && p.cpu > node.allocatableCpu - node.requestedCpu) (reasons ??= []).push('Insufficient cpu');
  if (p.memory > 0 && p.memory > node.allocatableMemory - node.requestedMemory)
    (reasons ??= []).push('Insufficient memory');
  if (p.ephemeralStorage > 0 && p.ephemeralStorage > node.allocatableEphemeralStorage - node.requestedEphemeralStorage)
    (reasons ??= []).push('Insufficient ephemeral-storage');
  const scalars = p.scalars;
  if (scalars.length > 0) {
    const alloc = node.allocatable,
      used = node.requested;
    for (const r of scalars) {
      if (p.request[r] > (alloc[r] ?? 0) - (used[r] ?? 0)) (reasons ??= []).push(`Insufficient ${r}`);
    }
  }
  return reasons;
}

/** fitsRequest as a list: every reason the pod (with request `req`) does not fit `node`. */
export function insufficientResources(
  req: Amounts,
  node: NodeInfo,
  ignored: ReadonlySet<string> = new Set(),
  ignoredGroups: ReadonlySet<string> = new Set(),
): string[] {
  return insufficientFor(prepareRequest(req, ignored, ignoredGroups), node) ?? [];
}

/** The Filter's status from insufficientFor: Unschedulable with every reason, or null when the pod fits. */
function insufficientStatus(p: PreparedRequest, node: NodeInfo): Status | null {
  const reasons = insufficientFor(p, node);
  return reasons ? { code: 'Unschedulable', reasons } : null;
}

/** Whether the Filter answers a node with room from its NodeAmounts row: a pod requesting at most cpu and memory. */
function readsRows(ctx: SchedulerContext, s: PreparedRequest | undefined): s is PreparedRequest {
  return !!s && !!ctx.snapshot.amounts && s.ephemeralStorage === 0 && s.scalars.length === 0;
}

/** Whether NodeAmounts row `o` has room for one more pod requesting `cpu` and `memory` (0: not requested). */
function roomInRow(d: Float64Array, o: number, cpu: number, memory: number): boolean {
  return (
    d[o + PODS] + 1 <= d[o + ALLOCATABLE_PODS] &&
    (cpu === 0 || cpu <= d[o + ALLOCATABLE_CPU] - d[o + REQUESTED_CPU]) &&
    (memory === 0 || memory <= d[o + ALLOCATABLE_MEMORY] - d[o + REQUESTED_MEMORY])
  );
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

/** Per-resource working arrays of a scorer, reused from node to node. */
export interface AllocationScratch {
  requested: number[];
  allocatable: number[];
}
export const newAllocationScratch = (n: number): AllocationScratch => ({
  requested: new Array<number>(n).fill(0),
  allocatable: new Array<number>(n).fill(0),
});

// How resourceAllocationScore reads a configured resource from a NodeInfo.
const KIND_CPU = 0,
  KIND_MEMORY = 1,
  KIND_EPHEMERAL = 2,
  KIND_SCALAR = 3,
  KIND_UNTRACKED = 4;

/**
 * The configured resources prepared once (names and how each is read from a NodeInfo); when all
 * of them are cpu or memory, their NodeAmounts columns (allocatable, requested, non-zero requested).
 */
export interface AllocationResources {
  specs: ResourceSpec[];
  names: string[];
  kinds: number[];
  columns?: { allocatable: number[]; requested: number[]; nonZero: number[] };
  /** Positions of cpu and memory among the resources (-1: not configured). */
  cpuAt: number;
  memoryAt: number;
}

export function allocationResources(resources: ResourceSpec[]): AllocationResources {
  const kind = (name: string): number =>
    name === 'cpu'
      ? KIND_CPU
      : name === 'memory'
        ? KIND_MEMORY
        : name === 'ephemeral-storage'
          ? KIND_EPHEMERAL
          : isScalarResourceName(name)
            ? KIND_SCALAR
            : KIND_UNTRACKED;
  const kinds = resources.map((r) => kind(r.name));
  const inRow = kinds.every((k) => k === KIND_CPU || k === KIND_MEMORY);
  const column = (cpu: number, memory: number) => kinds.map((k) => (k === KIND_CPU ? cpu : memory));
  return {
    specs: resources,
    names: resources.map((r) => r.name),
    kinds,
    cpuAt: kinds.indexOf(KIND_CPU),
    memoryAt: kinds.indexOf(KIND_MEMORY),
    columns: inRow
      ? {
          allocatable: column(ALLOCATABLE_CPU, ALLOCATABLE_MEMORY),
          requested: column(REQUESTED_CPU, REQUESTED_MEMORY),
          nonZero: column(NON_ZERO_CPU, NON_ZERO_MEMORY),
        }
      : undefined,
  };
}

/**
 * resourceAllocationScorer.score over the configured resources, for each node: per resource
 * (calculateResourceAllocatableRequest) the node's allocatable and requested + the pod's request;
 * allocatable 0 skips the resource (as do scalar resources the pod does not request, and resources
 * the scheduler does not track, such as pods). out[i] is the score of nodes[i], whose NodeAmounts
 * row is at rows[i] (-1: none). The general form: the plugins score nodes with a row and
 * cpu/memory resources in a loop of their own, without the per-node arrays and scorer call.
 */
export function resourceAllocationScores(
  nodes: NodeInfo[],
  rows: readonly number[],
  out: number[],
  res: AllocationResources,
  podRequests: number[],
  useRequested: boolean,
  scorer: AllocationScorer,
  scratch: AllocationScratch,
  amounts?: NodeAmounts,
): void {
  for (let n = 0; n < nodes.length; n++)
    out[n] = resourceAllocationScore(
      nodes[n],
      amounts ? rows[n] : -1,
      res,
      podRequests,
      useRequested,
      scorer,
      scratch,
      amounts,
    );
}

/** resourceAllocationScores for one node, whose NodeAmounts row is at `o` (-1: none). */
export function resourceAllocationScore(
  node: NodeInfo,
  o: number,
  res: AllocationResources,
  podRequests: number[],
  useRequested: boolean,
  scorer: AllocationScorer,
  scratch: AllocationScratch,
  amounts?: NodeAmounts,
): number {
  const { requested, allocatable } = scratch;
  const { kinds, names, columns } = res;
  // When the configured resources are all cpu / memory, a node of the snapshot is read from its
  // row (see NodeAmounts); other nodes and resources from the NodeInfo.
  if (o >= 0 && amounts && columns) {
    const d = amounts.data,
      requestedColumns = useRequested ? columns.requested : columns.nonZero;
    for (let i = 0; i < kinds.length; i++) {
      const alloc = d[o + columns.allocatable[i]];
      allocatable[i] = alloc;
      requested[i] = alloc === 0 ? 0 : d[o + requestedColumns[i]] + podRequests[i];
    }
    return scorer(requested, allocatable);
  }
  for (let i = 0; i < kinds.length; i++) {
    const podRequest = podRequests[i];
    let alloc = 0,
      req = 0;
    switch (kinds[i]) {
      case KIND_CPU:
        alloc = node.allocatableCpu;
        req = (useRequested ? node.requestedCpu : node.nonZeroRequestedCpu) + podRequest;
        break;
      case KIND_MEMORY:
        alloc = node.allocatableMemory;
        req = (useRequested ? node.requestedMemory : node.nonZeroRequestedMemory) + podRequest;
        break;
      case KIND_EPHEMERAL:
        alloc = node.allocatableEphemeralStorage;
        req = node.requestedEphemeralStorage + podRequest;
        break;
      case KIND_SCALAR:
        if (podRequest !== 0 && names[i] in node.allocatable) {
          alloc = node.allocatable[names[i]];
          req = (node.requested[names[i]] ?? 0) + podRequest;
        }
        break;
    }
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : req;
  }
  return scorer(requested, allocatable);
}

/** Weighted average (int64 division) of per-resource scores over resources with allocatable > 0. */
function weightedScorer(
  resources: ResourceSpec[],
  perResource: (requested: number, capacity: number) => number,
): AllocationScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      nodeScore += perResource(requested[i], allocatable[i]) * resources[i].weight;
      weightSum += resources[i].weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

/** LeastAllocated: (capacity − requested)·100/capacity, 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_SCORE) / capacity);
}

/** MostAllocated: requested·100/capacity, requested capped at capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_SCORE) / capacity);
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
  const f = brokenLinear(
    shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_SCORE / MAX_CUSTOM_PRIORITY_SCORE) })),
  );
  const perResource = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity
      ? f(MAX_UTILIZATION)
      : f(Math.trunc((requested * MAX_UTILIZATION) / capacity));
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
    if (!Number.isInteger(r.weight) || r.weight < 1 || r.weight > 100)
      throw new Error(`${what}: resource ${r.name} weight ${r.weight} not in valid range [1, 100]`);
    if (seen.has(r.name)) throw new Error(`${what}: duplicate resource ${r.name}`);
    seen.add(r.name);
  }
}

function validateShape(shape: UtilizationShapePoint[] | undefined): UtilizationShapePoint[] {
  if (!shape || shape.length === 0)
    throw new Error('NodeResourcesFit: requestedToCapacityRatio.shape: at least one point must be specified');
  shape.forEach((p, i) => {
    if (!Number.isInteger(p.utilization) || p.utilization < 0 || p.utilization > 100)
      throw new Error(`NodeResourcesFit: shape[${i}].utilization not in valid range [0, 100]`);
    if (!Number.isInteger(p.score) || p.score < 0 || p.score > MAX_CUSTOM_PRIORITY_SCORE)
      throw new Error(`NodeResourcesFit: shape[${i}].score not in valid range [0, 10]`);
    if (i > 0 && p.utilization <= shape[i - 1].utilization)
      throw new Error(`NodeResourcesFit: shape[${i}].utilization values must be sorted in increasing order`);
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
  private readonly scratch: AllocationScratch;
  private readonly allocation: AllocationResources;
  private readonly weights: number[];

  constructor(args: NodeResourcesFitArgs = {}) {
    this.ignored = new Set(args.ignoredResources ?? []);
    this.ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
    this.strategy = args.scoringStrategy?.type ?? 'LeastAllocated';
    const given = args.scoringStrategy?.resources;
    this.resources = given && given.length > 0 ? given : DEFAULT_RESOURCES;
    validateResources(this.resources, 'NodeResourcesFit');
    this.scratch = newAllocationScratch(this.resources.length);
    this.allocation = allocationResources(this.resources);
    this.weights = this.resources.map((r) => r.weight);
    switch (this.strategy) {
      case 'LeastAllocated':
        this.scorer = weightedScorer(this.resources, leastRequestedScore);
        break;
      case 'MostAllocated':
        this.scorer = weightedScorer(this.resources, mostRequestedScore);
        break;
      case 'RequestedToCapacityRatio':
        this.scorer = requestedToCapacityRatioScorer(
          this.resources,
          validateShape(args.scoringStrategy?.requestedToCapacityRatio?.shape),
        );
        break;
      default:
        throw new Error(`scoring strategy ${String(this.strategy)} is not supported`);
    }
  }

  preFilter(_ctx: SchedulerContext, state: CycleState, pod: PodInfo): PreFilterOutcome {
    state.write(PRE_FILTER_KEY, prepareRequest({ ...pod.requests }, this.ignored, this.ignoredGroups));
    return { status: null };
  }

  filter(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pod)(node, ctx.snapshot.amounts.row(node));
  }

  filterFor(ctx: SchedulerContext, state: CycleState, _pod: PodInfo): NodeFilter {
    const s = state.read<PreparedRequest>(PRE_FILTER_KEY);
    if (!s) {
      const missing = errorStatus(`error reading "${PRE_FILTER_KEY}" from cycleState: not found`);
      return () => missing;
    }
    // Pods requesting at most cpu and memory (the usual case): a node of the snapshot whose row
    // shows room passes without visiting its NodeInfo's fields; anything else (no room, so the
    // reasons are wanted, or a copy of a node) takes insufficientFor.
    if (!readsRows(ctx, s)) return (node) => insufficientStatus(s, node);
    const d = ctx.snapshot.amounts.data,
      cpu = s.cpu,
      memory = s.memory;
    return (node, o) => (o >= 0 && roomInRow(d, o, cpu, memory) ? null : insufficientStatus(s, node));
  }

  /** Over a chunk: nodes whose row shows room pass without a call (see filterFor). */
  filterNodesFor(ctx: SchedulerContext, state: CycleState, _pod: PodInfo, one: NodeFilter): NodesFilter {
    const s = state.read<PreparedRequest>(PRE_FILTER_KEY);
    const fast = readsRows(ctx, s);
    const d = ctx.snapshot.amounts?.data,
      cpu = s?.cpu ?? 0,
      memory = s?.memory ?? 0;
    return (nodes, rows, from, to, statuses) => {
      for (let i = from; i < to; i++) {
        const o = rows[i];
        if (statuses[i] !== null || (fast && roomInRow(d, o, cpu, memory))) continue;
        statuses[i] = one(nodes[i], o);
      }
    };
  }

  preScore(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, _nodes: NodeInfo[]): Status | null {
    state.write(PRE_SCORE_KEY, podResourceRequests(pod, this.resources, false));
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
    const podRequests = state.read<number[]>(PRE_SCORE_KEY) ?? podResourceRequests(pod, this.resources, false);
    const amounts = ctx.snapshot.amounts,
      columns = this.allocation.columns;
    if (!columns || this.strategy === 'RequestedToCapacityRatio') {
      resourceAllocationScores(
        nodes,
        rows,
        out,
        this.allocation,
        podRequests,
        false,
        this.scorer,
        this.scratch,
        amounts,
      );
      return;
    }
    // LeastAllocated / MostAllocated over cpu and memory (the defaults): the weighted scorer
    // computed from each node's row, resource by resource with direct calls (an indirect scorer
    // call, per-node arrays and per-resource column lookups cost more than the arithmetic); a
    // node without a row takes the general form. Weights are ≥ 1, so 0 means not configured.
    const d = amounts.data,
      least = this.strategy === 'LeastAllocated';
    const { cpuAt, memoryAt } = this.allocation;
    const cpuWeight = cpuAt < 0 ? 0 : this.weights[cpuAt],
      cpuRequest = cpuAt < 0 ? 0 : podRequests[cpuAt];
    const memoryWeight = memoryAt < 0 ? 0 : this.weights[memoryAt],
      memoryRequest = memoryAt < 0 ? 0 : podRequests[memoryAt];
    for (let n = 0; n < nodes.length; n++) {
      const o = rows[n];
      if (o < 0) {
        out[n] = resourceAllocationScore(nodes[n], o, this.allocation, podRequests, false, this.scorer, this.scratch);
        continue;
      }
      let nodeScore = 0,
        weightSum = 0;
      const cpu = cpuWeight === 0 ? 0 : d[o + ALLOCATABLE_CPU];
      if (cpu !== 0) {
        const requested = d[o + NON_ZERO_CPU] + cpuRequest;
        nodeScore += (least ? leastRequestedScore(requested, cpu) : mostRequestedScore(requested, cpu)) * cpuWeight;
        weightSum += cpuWeight;
      }
      const memory = memoryWeight === 0 ? 0 : d[o + ALLOCATABLE_MEMORY];
      if (memory !== 0) {
        const requested = d[o + NON_ZERO_MEMORY] + memoryRequest;
        nodeScore +=
          (least ? leastRequestedScore(requested, memory) : mostRequestedScore(requested, memory)) * memoryWeight;
        weightSum += memoryWeight;
      }
      out[n] = weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
    }
  }
}
