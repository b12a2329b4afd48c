// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread, kube-scheduler 1.33):
// PreFilter (per-domain counts of matching pods for the DoNotSchedule constraints, with the
// AddPod/RemovePod extensions), Filter (skew ≤ maxSkew), PreScore/Score/NormalizeScore for the
// ScheduleAnyway constraints or the default constraints (the system defaults, or PodTopologySpreadArgs
// defaultConstraints with defaultingType: List); POD_TOPOLOGY_SPREAD_ARGS (fields, defaults, validation).

import { ScratchArrays } from '../framework/scratch.ts';
import type { LabelSelector, LabelSelectorRequirement, Node, Pod, TopologySpreadConstraint } from '../../api/types.ts';
import { isEmptySelector, matchesMap, matchesNodeSelector } from '../../api/selectors.ts';
import { firstUntoleratedTaint } from '../../api/taints.ts';
import {
  errorStatus,
  MAX_NODE_SCORE,
  skip,
  unresolvable,
  unschedulable,
  type CycleState,
  scoreOneNode,
  type FilterPlugin,
  type Listers,
  type NodeFilter,
  type NodeInfo,
  type PodInfo,
  type PreFilterOutcome,
  type PreFilterPlugin,
  type PreScorePlugin,
  type SchedulerContext,
  type ScorePlugin,
  type Status,
} from '../framework/types.ts';
import { CompiledSelector } from '../framework/selector.ts';
import { forbidden, invalid, notSupported, required, type FieldError } from '../../api/fielderrors.ts';
import { labelNameErrors, type PluginArgsSpec } from '../pluginargs.ts';
import type { PodGroup } from '../framework/affinityindex.ts';

/** MAX_NODE_SCORE read once: under tsx's CommonJS transform every read of an imported binding is a getter call, which hot loops feel. */
const MAX_SCORE = MAX_NODE_SCORE;

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';
const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

/** defaultingType: System — applied (ScheduleAnyway) to pods without constraints of their own. */
export const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { maxSkew: 3, topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway' },
  { maxSkew: 5, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway' },
];

/** A parsed labels.Selector: null is labels.Nothing() (matches no pod); `{}` is Everything. */
type Selector = LabelSelector | null;

/** Whether the constraint's selector matches these labels (compiled once per constraint). */
const constraintMatches = (c: Constraint, labels: Record<string, string> | undefined): boolean =>
  (c.compiled ??= new CompiledSelector(c.selector)).matches(labels);

/** topologySpreadConstraint: the internal form with defaults applied and matchLabelKeys merged. */
export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
  /** `selector` compiled on first use. */
  compiled?: CompiledSelector;
}

const ns = (pod: Pod): string => pod.metadata.namespace ?? 'default';

function toRequirements(sel: LabelSelector): LabelSelectorRequirement[] {
  return [
    ...Object.entries(sel.matchLabels ?? {}).map(
      ([key, v]): LabelSelectorRequirement => ({ key, operator: 'In', values: [v] }),
    ),
    ...(sel.matchExpressions ?? []),
  ];
}

/** filterTopologySpreadConstraints: the pod's constraints with this whenUnsatisfiable, parsed. */
function filterConstraints(
  constraints: TopologySpreadConstraint[],
  podLabels: Record<string, string> | undefined,
  action: TopologySpreadConstraint['whenUnsatisfiable'],
): Constraint[] {
  const out: Constraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector: Selector = c.labelSelector ?? null;
    const extra: LabelSelectorRequirement[] = [];
    for (const key of c.matchLabelKeys ?? []) {
      if (podLabels && Object.hasOwn(podLabels, key)) extra.push({ key, operator: 'In', values: [podLabels[key]] });
    }
    // mergeLabelSetWithSelector: a Nothing selector stays Nothing.
    if (extra.length > 0 && selector !== null) selector = { matchExpressions: [...extra, ...toRequirements(selector)] };
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/**
 * helper.DefaultSelector: the merged selectors of the Services selecting the pod and of its
 * controlling ReplicationController / ReplicaSet / StatefulSet (looked up by name).
 */
export function defaultSelector(pod: Pod, listers: Listers): LabelSelector {
  const set: Record<string, string> = {};
  for (const svc of listers.services(ns(pod))) {
    const sel = svc.spec?.selector;
    if (!sel) continue; // a nil Service selector matches nothing
    if (matchesMap(sel, pod.metadata.labels)) Object.assign(set, sel);
  }
  const exprs: LabelSelectorRequirement[] = [];
  const owner = (pod.metadata.ownerReferences ?? []).find((o) => o.controller === true);
  if (owner) {
    if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
      const rc = listers.replicationControllers(ns(pod)).find((r) => r.metadata.name === owner.name);
      if (rc) Object.assign(set, rc.spec?.selector ?? {});
    } else if (owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
      const list: readonly { metadata: { name?: string }; spec: { selector: LabelSelector } }[] =
        owner.kind === 'ReplicaSet' ? listers.replicaSets(ns(pod)) : listers.statefulSets(ns(pod));
      const obj = list.find((o) => o.metadata.name === owner.name);
      if (obj?.spec.selector) exprs.push(...toRequirements(obj.spec.selector));
    }
  }
  return { matchLabels: set, matchExpressions: exprs };
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector map and required node affinity. */
function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  if (!pod.spec.nodeSelector && !pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution)
    return true;
  return (
    matchesMap(pod.spec.nodeSelector, node.metadata.labels) &&
    matchesNodeSelector(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node)
  );
}

function matchNodeInclusionPolicies(c: Constraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !matchesRequiredNodeAffinity(pod, node)) return false;
  if (
    c.nodeTaintsPolicy === 'Honor' &&
    firstUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, ['NoSchedule', 'NoExecute'])
  )
    return false;
  return true;
}

/**
 * matchNodeInclusionPolicies of a constraint and pod as a test of nodes. Whether a node passes
 * depends on its Node and on the pod's node selector, required node affinity and tolerations
 * only: the answers are kept per snapshot for every pod asking the same (the pods of a workload).
 */
function inclusionTest(ctx: SchedulerContext, c: Constraint, pod: Pod): (node: NodeInfo) => boolean {
  const memo = ctx.snapshot.nodeMemo(inclusionKey(c, pod));
  return (ni) => {
    let ok = memo.get(ni);
    if (ok === undefined) {
      ok = matchNodeInclusionPolicies(c, pod, ni.node);
      memo.set(ni, ok);
    }
    return ok;
  };
}

/** What matchNodeInclusionPolicies of a constraint and pod depends on, as a memo key. */
function inclusionKey(c: Constraint, pod: Pod): string {
  const affinity = c.nodeAffinityPolicy === 'Honor';
  const taints = c.nodeTaintsPolicy === 'Honor';
  return `PodTopologySpread\x00${JSON.stringify([
    affinity,
    taints,
    affinity ? [pod.spec.nodeSelector ?? null, requiredAffinityOf(pod) ?? null] : null,
    taints ? (pod.spec.tolerations ?? null) : null,
  ])}`;
}

const requiredAffinityOf = (pod: Pod) =>
  pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;

/** matchNodeInclusionPolicies holds on every node: neither policy has anything to check for this pod. */
function includesEveryNode(c: Constraint, pod: Pod): boolean {
  const affinityFree =
    c.nodeAffinityPolicy === 'Ignore' ||
    (!pod.spec.nodeSelector && !pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  return affinityFree && c.nodeTaintsPolicy === 'Ignore';
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A domain's Filter verdict in one cycle: not yet worked out, within maxSkew, or over it. */
const UNKNOWN = -1,
  FITS = 0,
  SKEWED = 1;

function hasLabel(node: Node, key: string): boolean {
  const l = node.metadata.labels;
  return !!l && hasOwn.call(l, key);
}

function nodeHasAllKeys(node: Node, constraints: readonly Constraint[]): boolean {
  for (let i = 0; i < constraints.length; i++) if (!hasLabel(node, constraints[i].topologyKey)) return false;
  return true;
}

/**
 * countPodsMatchSelector (same namespace, not terminating, selector matches; an empty selector
 * counts nothing) over the node's pods, from the groups of matching pods: their members on the node.
 */
function countOnNode(groups: PodGroup[], ni: NodeInfo): number {
  let n = 0;
  for (let i = 0; i < groups.length; i++) n += groups[i].perNode.get(ni) ?? 0;
  return n;
}

interface CriticalPath {
  value: string;
  num: number;
}

/**
 * The two domains with the fewest matching pods (criticalPaths): paths[0].num is always the
 * minimum; paths[1] is ≥ it but not necessarily the second minimum after updates.
 */
class CriticalPaths {
  paths: [CriticalPath, CriticalPath] = [
    { value: '', num: 2147483647 },
    { value: '', num: 2147483647 },
  ];

  update(value: string, num: number): void {
    const p = this.paths;
    const existing = value === p[0].value ? p[0] : value === p[1].value ? p[1] : undefined;
    if (existing) {
      existing.num = num;
      if (p[0].num > p[1].num) this.paths = [p[1], p[0]];
    } else if (num < p[0].num) {
      this.paths = [{ value, num }, p[0]];
    } else if (num < p[1].num) {
      p[1] = { value, num };
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.paths = [{ ...this.paths[0] }, { ...this.paths[1] }];
    return c;
  }
}

/** The PreFilter cycle state; cloned for preemption dry runs. */
export class PodTopologySpreadPreFilterState {
  constructor(
    readonly constraints: Constraint[],
    /** Per constraint: topology value → matching pods in that domain (eligible nodes only). */
    readonly tpValueToMatchNum: Map<string, number>[],
    readonly criticalPaths: CriticalPaths[],
  ) {}

  /** The global minimum for constraint i; 0 when there are fewer domains than minDomains. */
  minMatchNum(i: number): number {
    if (this.tpValueToMatchNum[i].size < this.constraints[i].minDomains) return 0;
    return this.criticalPaths[i].paths[0].num;
  }

  clone(): PodTopologySpreadPreFilterState {
    return new PodTopologySpreadPreFilterState(
      this.constraints,
      this.tpValueToMatchNum.map((m) => new Map(m)),
      this.criticalPaths.map((p) => p.clone()),
    );
  }
}

interface PreScoreState {
  constraints: Constraint[];
  ignoredNodes: Set<string>;
  /** Per constraint (non-hostname keys): topology value of a scored node → matching pods. */
  topologyValueToPodCounts: Map<string, number>[];
  topologyNormalizingWeight: number[];
  /**
   * Per constraint: the groups of identical pods it counts (same namespace, not terminating,
   * selector matches). A node's count is the sum of their members on it, the very number
   * countPodsMatchSelector gives for the node's pods.
   */
  matchingGroups: PodGroup[][];
}

/** math.Round: half away from zero. */
const goRound = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** PodTopologySpreadArgs: defaultingType System (the system defaults) or List (defaultConstraints, possibly empty). */
export interface PodTopologySpreadArgs {
  defaultConstraints?: TopologySpreadConstraint[];
  defaultingType?: 'System' | 'List';
}

// ---- args (apis/config/v1/defaults.go, apis/config/validation/validation_pluginargs.go) ----------

function validatePodTopologySpreadArgs(a: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const constraints = (a.defaultConstraints as TopologySpreadConstraint[] | undefined) ?? [];
  const dt = a.defaultingType as string;
  if (dt !== 'System' && dt !== 'List') errs.push(notSupported(`${path}.defaultingType`, dt, ['System', 'List']));
  else if (dt === 'System' && constraints.length > 0)
    errs.push(invalid(`${path}.defaultingType`, dt, 'when .defaultConstraints are not empty'));
  constraints.forEach((c, i) => {
    const p = `${path}.defaultConstraints[${i}]`;
    if (!(c.maxSkew > 0)) errs.push(invalid(`${p}.maxSkew`, c.maxSkew ?? 0, 'not in valid range (0, inf)'));
    if (!c.topologyKey) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    else errs.push(...labelNameErrors(c.topologyKey, `${p}.topologyKey`));
    if (!c.whenUnsatisfiable) errs.push(required(`${p}.whenUnsatisfiable`, 'can not be empty'));
    else if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (c.labelSelector)
      errs.push(forbidden(`${p}.labelSelector`, 'constraint must not define a selector, as they deduced for each pod'));
    if (
      constraints
        .slice(0, i)
        .some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)
    ) {
      errs.push({
        type: 'Duplicate',
        field: `${path}.defaultConstraints[${i}]`,
        value: `{${c.topologyKey}, ${c.whenUnsatisfiable}}`,
      });
    }
  });
  return errs;
}

export const POD_TOPOLOGY_SPREAD_ARGS: PluginArgsSpec = {
  fields: ['defaultConstraints', 'defaultingType'],
  setDefaults: (a) => {
    a.defaultingType ??= 'System';
  },
  validate: validatePodTopologySpreadArgs,
};

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'PodTopologySpread';
  /** Constraints for pods without their own (built with the pod's default selector). */
  private readonly defaultConstraints: TopologySpreadConstraint[];
  /** defaultingType System: only then may default-constrained pods score nodes missing a topology key. */
  private readonly systemDefaulted: boolean;
  /** defaultConstraints parsed, by whenUnsatisfiable (see defaultsFor). */
  private readonly parsedDefaults = new Map<TopologySpreadConstraint['whenUnsatisfiable'], Constraint[]>();

  constructor(args: PodTopologySpreadArgs = {}) {
    this.systemDefaulted = args.defaultingType !== 'List';
    this.defaultConstraints = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? []);
  }

  /**
   * The default constraints with this whenUnsatisfiable, parsed once: only their selectors could
   * depend on the pod (matchLabelKeys), and buildDefaultConstraints replaces those with the pod's
   * default selector.
   */
  private defaultsFor(action: TopologySpreadConstraint['whenUnsatisfiable']): readonly Constraint[] {
    let parsed = this.parsedDefaults.get(action);
    if (!parsed) {
      parsed = filterConstraints(this.defaultConstraints, undefined, action);
      this.parsedDefaults.set(action, parsed);
    }
    return parsed;
  }

  /** Hard constraints: the pod's DoNotSchedule ones (system defaults are all ScheduleAnyway). */
  private hardConstraints(ctx: SchedulerContext, pod: Pod): Constraint[] {
    if ((pod.spec.topologySpreadConstraints ?? []).length > 0)
      return filterConstraints(pod.spec.topologySpreadConstraints!, pod.metadata.labels, 'DoNotSchedule');
    return this.buildDefaultConstraints(ctx, pod, 'DoNotSchedule');
  }

  private buildDefaultConstraints(
    ctx: SchedulerContext,
    pod: Pod,
    action: TopologySpreadConstraint['whenUnsatisfiable'],
  ): Constraint[] {
    const constraints = this.defaultsFor(action);
    if (constraints.length === 0) return [];
    const selector = defaultSelector(pod, ctx.listers);
    if (isEmptySelector(selector)) return [];
    return constraints.map((c) => ({ ...c, selector, compiled: undefined }));
  }

  preFilter(ctx: SchedulerContext, state: CycleState, pi: PodInfo): PreFilterOutcome {
    const pod = pi.pod;
    const constraints = this.hardConstraints(ctx, pod);
    if (constraints.length === 0) return { status: skip() };
    // Every eligible node's domain starts at 0 (in node order, as the critical paths see them);
    // matching pods are then added per group of identical pods, less those on ineligible nodes.
    const counts = constraints.map(() => new Map<string, number>());
    const ineligible = constraints.map((): NodeInfo[] => []);
    if (constraints.length === 1 && includesEveryNode(constraints[0], pod)) {
      // Every node with the key is eligible: its domains are the snapshot's values, in node order.
      for (const value of ctx.snapshot.topologyValues(constraints[0].topologyKey)) counts[0].set(value, 0);
    } else {
      const included = constraints.map((c) => inclusionTest(ctx, c, pod));
      for (const ni of ctx.snapshot.nodeInfos) {
        const all = nodeHasAllKeys(ni.node, constraints);
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i];
          if (!all || !included[i](ni)) {
            ineligible[i].push(ni);
            continue;
          }
          const value = ni.node.metadata.labels![c.topologyKey];
          if (!counts[i].has(value)) counts[i].set(value, 0);
        }
      }
    }
    for (const g of ctx.snapshot.affinityIndex.podGroups()) {
      const p = g.pod;
      if (p.metadata.deletionTimestamp || ns(p) !== ns(pod)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        if (c.selector !== null && isEmptySelector(c.selector)) continue;
        if (!constraintMatches(c, p.metadata.labels)) continue;
        const m = counts[i];
        for (const [value, n] of g.counts(c.topologyKey)) {
          const cur = m.get(value);
          if (cur !== undefined) m.set(value, cur + n);
        }
        for (const ni of ineligible[i]) {
          const n = g.perNode.get(ni);
          const value = ni.node.metadata.labels?.[c.topologyKey];
          const cur = value === undefined ? undefined : m.get(value);
          if (n && cur !== undefined) m.set(value!, cur - n);
        }
      }
    }
    const paths = counts.map((m) => {
      const p = new CriticalPaths();
      for (const [value, num] of m) p.update(value, num);
      return p;
    });
    state.write(PRE_FILTER_KEY, new PodTopologySpreadPreFilterState(constraints, counts, paths));
    return { status: null };
  }

  addPod(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, podToAdd: PodInfo, node: NodeInfo): void {
    this.updateWithPod(state, podToAdd.pod, pod.pod, node.node, 1);
  }

  removePod(_ctx: SchedulerContext, state: CycleState, pod: PodInfo, podToRemove: PodInfo, node: NodeInfo): void {
    this.updateWithPod(state, podToRemove.pod, pod.pod, node.node, -1);
  }

  private updateWithPod(state: CycleState, updated: Pod, preemptor: Pod, node: Node, delta: number): void {
    const s = state.read<PodTopologySpreadPreFilterState>(PRE_FILTER_KEY);
    if (!s || ns(updated) !== ns(preemptor)) return;
    if (!nodeHasAllKeys(node, s.constraints)) return;
    s.constraints.forEach((c, i) => {
      // As upstream: no empty-selector or terminating check here.
      if (!constraintMatches(c, updated.metadata.labels)) return;
      if (!matchNodeInclusionPolicies(c, preemptor, node)) return;
      const v = node.metadata.labels![c.topologyKey];
      const n = (s.tpValueToMatchNum[i].get(v) ?? 0) + delta;
      s.tpValueToMatchNum[i].set(v, n);
      s.criticalPaths[i].update(v, n);
    });
  }

  filter(ctx: SchedulerContext, state: CycleState, pi: PodInfo, ni: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pi)(ni, ctx.snapshot.amounts.row(ni));
  }

  filterFor(ctx: SchedulerContext, state: CycleState, pi: PodInfo): NodeFilter {
    const s = state.read<PodTopologySpreadPreFilterState>(PRE_FILTER_KEY);
    if (!s) {
      const missing = errorStatus(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
      return () => missing;
    }
    // Per constraint, what does not depend on the node: the pod's self-match and the global minimum.
    const { constraints, tpValueToMatchNum } = s;
    const keys = constraints.map((c) => c.topologyKey);
    const limits = constraints.map(
      (c, i) => c.maxSkew - (constraintMatches(c, pi.pod.metadata.labels) ? 1 : 0) + s.minMatchNum(i),
    );
    // statuses are never changed once made: the cycle's rejections share these two
    const labelMissing = unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH),
      skewed = unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
    // The answer is the same for every node of a domain: per constraint, each node's domain (from
    // the snapshot) and the domain's verdict, worked out on the first of its nodes examined.
    const snapshot = ctx.snapshot;
    const domains = keys.map((k) => snapshot.topologyDomains(k));
    const verdicts = domains.map((d) => new Int8Array(d.values.length).fill(UNKNOWN));
    const byLabels = (ni: NodeInfo): Status | null => {
      const labels = ni.labels;
      for (let i = 0; i < keys.length; i++) {
        if (!labels || !hasOwn.call(labels, keys[i])) return labelMissing;
        // skew = matching + selfMatch − min > maxSkew
        if ((tpValueToMatchNum[i].get(labels[keys[i]]) ?? 0) > limits[i]) return skewed;
      }
      return null;
    };
    return (ni) => {
      const at = snapshot.indexOf(ni);
      if (at < 0) return byLabels(ni); // not a node of this snapshot
      for (let i = 0; i < keys.length; i++) {
        const d = domains[i].domainOf[at];
        if (d < 0) return labelMissing;
        let v = verdicts[i][d];
        if (v === UNKNOWN) {
          v = (tpValueToMatchNum[i].get(domains[i].values[d]) ?? 0) > limits[i] ? SKEWED : FITS;
          verdicts[i][d] = v;
        }
        if (v === SKEWED) return skewed;
      }
      return null;
    };
  }

  preScore(ctx: SchedulerContext, state: CycleState, pi: PodInfo, nodes: NodeInfo[]): Status | null {
    const pod = pi.pod;
    const allNodes = ctx.snapshot.nodeInfos;
    if (allNodes.length === 0) return skip();
    const explicit = (pod.spec.topologySpreadConstraints ?? []).length > 0;
    // Explicit constraints and List defaults require nodes to carry every topology key; the system defaults do not.
    const requireAllTopologies = explicit || !this.systemDefaulted;
    const constraints = explicit
      ? filterConstraints(pod.spec.topologySpreadConstraints!, pod.metadata.labels, 'ScheduleAnyway')
      : this.buildDefaultConstraints(ctx, pod, 'ScheduleAnyway');
    if (constraints.length === 0) return skip();

    // The groups each constraint counts (the system defaults' constraints share one selector: matched once).
    const matchingGroups: PodGroup[][] = [];
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (i > 0 && c.selector === constraints[i - 1].selector) {
        matchingGroups.push(matchingGroups[i - 1]);
        continue;
      }
      const matching: PodGroup[] = [];
      if (!(c.selector !== null && isEmptySelector(c.selector))) {
        for (const g of ctx.snapshot.affinityIndex.podGroups()) {
          if (!g.pod.metadata.deletionTimestamp && ns(g.pod) === ns(pod) && constraintMatches(c, g.pod.metadata.labels))
            matching.push(g);
        }
      }
      matchingGroups.push(matching);
    }
    const s: PreScoreState = {
      constraints,
      ignoredNodes: new Set(),
      topologyValueToPodCounts: constraints.map(() => new Map()),
      topologyNormalizingWeight: [],
      matchingGroups,
    };
    const topoSize = constraints.map(() => 0);
    // A scored node's value per constraint, from the snapshot's domain index ('' when it lacks the
    // key, as a Go map read); seen[i][domain + 1] marks the values already registered.
    const domains = constraints.map((c) => ctx.snapshot.topologyDomains(c.topologyKey));
    const seen = domains.map((d) => new Uint8Array(d.values.length + 1));
    for (const ni of nodes) {
      if (requireAllTopologies && !nodeHasAllKeys(ni.node, constraints)) {
        s.ignoredNodes.add(ni.name);
        continue;
      }
      const at = ctx.snapshot.indexOf(ni);
      for (let i = 0; i < constraints.length; i++) {
        const key = constraints[i].topologyKey;
        if (key === HOSTNAME) continue; // per-node counts are taken in Score
        if (at >= 0) {
          const d = domains[i].domainOf[at];
          if (seen[i][d + 1]) continue;
          seen[i][d + 1] = 1;
        }
        const value = ni.node.metadata.labels?.[key] ?? '';
        const counts = s.topologyValueToPodCounts[i];
        if (!counts.has(value)) {
          counts.set(value, 0);
          topoSize[i]++;
        }
      }
    }
    s.topologyNormalizingWeight = constraints.map((c, i) =>
      Math.log((c.topologyKey === HOSTNAME ? nodes.length - s.ignoredNodes.size : topoSize[i]) + 2),
    );

    // kube-scheduler adds countPodsMatchSelector over every node's pods; the same sums come from
    // the groups of identical pods that match, visiting only the nodes where their members sit
    // (the hostname constraint has no domains here: Score counts it per node).
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      const counts = s.topologyValueToPodCounts[i];
      if (counts.size === 0) continue;
      const everyNode = includesEveryNode(c, pod);
      if (!requireAllTopologies && everyNode && !counts.has('')) {
        // Every member counts under its node's value (no node lacking the key is scored, so those
        // members count nowhere): the groups' own per-value counts give the sums.
        for (const g of matchingGroups[i]) {
          for (const [value, n] of g.counts(c.topologyKey)) {
            const cur = counts.get(value);
            if (cur !== undefined) counts.set(value, cur + n);
          }
        }
        continue;
      }
      // The members on the nodes that count, per value: a tally each group keeps for every pod
      // asking the same (the pods of a workload), instead of a visit to each member's node.
      const included = everyNode ? undefined : inclusionTest(ctx, c, pod);
      const name = JSON.stringify([
        c.topologyKey,
        requireAllTopologies ? constraints.map((x) => x.topologyKey) : null,
        everyNode ? null : inclusionKey(c, pod),
      ]);
      const tally = (ni: NodeInfo): string | undefined =>
        (requireAllTopologies && !nodeHasAllKeys(ni.node, constraints)) || (included && !included(ni))
          ? undefined
          : (ni.node.metadata.labels?.[c.topologyKey] ?? '');
      for (const g of matchingGroups[i]) {
        for (const [value, n] of g.countsWhere(name, tally)) {
          const cur = counts.get(value);
          if (cur !== undefined) counts.set(value, cur + n);
        }
      }
    }
    state.write(PRE_SCORE_KEY, s);
    return null;
  }

  score(ctx: SchedulerContext, state: CycleState, pi: PodInfo, ni: NodeInfo): number {
    return scoreOneNode(this, ctx, state, pi, ni);
  }

  /** The per-cycle arrays of scoreNodes. */
  private readonly scratches = new ScratchArrays();

  scoreNodes(
    ctx: SchedulerContext,
    state: CycleState,
    _pi: PodInfo,
    nodes: NodeInfo[],
    _rows: readonly number[],
    out: number[],
  ): void {
    const s = state.mustRead<PreScoreState>(PRE_SCORE_KEY);
    const ignored = s.ignoredNodes;
    const constraints = s.constraints;
    const snapshot = ctx.snapshot;
    // Per constraint, a snapshot node's count by its position: the hostname constraint's from the
    // matching groups' members (a walk over them, not a lookup per group and scored node), the
    // others' per domain of the snapshot's domain index.
    const domains = constraints.map((c) => snapshot.topologyDomains(c.topologyKey));
    const domainOf = domains.map((d) => d.domainOf);
    const counts = constraints.map((c, i) => {
      if (c.topologyKey === HOSTNAME) {
        const perNode = this.scratches.zeroed(i, snapshot.nodeInfos.length);
        for (const g of s.matchingGroups[i])
          g.perNode.forEach((n, ni) => {
            const at = snapshot.indexOf(ni);
            if (at >= 0) perNode[at] += n;
          });
        return perNode;
      }
      const values = domains[i].values;
      const perDomain = new Float64Array(values.length);
      for (let d = 0; d < values.length; d++) perDomain[d] = s.topologyValueToPodCounts[i].get(values[d]) ?? 0;
      return perDomain;
    });
    const hostname = constraints.map((c) => c.topologyKey === HOSTNAME);
    for (let j = 0; j < nodes.length; j++) {
      const ni = nodes[j];
      if (ignored.size > 0 && ignored.has(ni.name)) {
        out[j] = 0;
        continue;
      }
      const at = snapshot.indexOf(ni);
      let score = 0;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        let cnt: number;
        if (at >= 0) {
          const d = domainOf[i][at];
          if (d < 0) continue; // the node lacks the key
          cnt = hostname[i] ? counts[i][at] : counts[i][d];
        } else {
          if (!hasLabel(ni.node, c.topologyKey)) continue;
          cnt = hostname[i]
            ? countOnNode(s.matchingGroups[i], ni)
            : (s.topologyValueToPodCounts[i].get(ni.node.metadata.labels![c.topologyKey]) ?? 0);
        }
        score += cnt * s.topologyNormalizingWeight[i] + (c.maxSkew - 1);
      }
      out[j] = goRound(score);
    }
  }

  normalize(
    _ctx: SchedulerContext,
    state: CycleState,
    _pi: PodInfo,
    nodes: readonly NodeInfo[],
    scores: number[],
  ): void {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return;
    const ignored = s.ignoredNodes;
    const isIgnored = (i: number): boolean => ignored.size > 0 && ignored.has(nodes[i].name);
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (isIgnored(i)) continue;
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    }
    for (let i = 0; i < scores.length; i++) {
      if (isIgnored(i)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_SCORE;
      else scores[i] = Math.trunc((MAX_SCORE * (max + min - scores[i])) / max);
    }
  }
}
