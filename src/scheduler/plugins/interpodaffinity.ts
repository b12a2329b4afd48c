// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity, kube-scheduler 1.33):
// PreFilter (topology-pair counts for existing pods' anti-affinity against the incoming pod and
// for the incoming pod's required affinity / anti-affinity, with AddPod/RemovePod), Filter (the
// three checks in order), PreScore/Score/NormalizeScore for preferred terms and existing pods'
// required affinity (hardPodAffinityWeight); INTER_POD_AFFINITY_ARGS (fields, defaults, validation).

import { ScratchArrays } from '../framework/scratch.ts';
import type { Node, Pod } from '../../api/types.ts';
import { isEmptySelector, matchesLabelSelector, type Labels } from '../../api/selectors.ts';
import { invalid } from '../../api/fielderrors.ts';
import type { PluginArgsSpec } from '../pluginargs.ts';
import {
  errorStatus,
  MAX_NODE_SCORE,
  skip,
  termMatchesLabels,
  unresolvable,
  unschedulable,
  type AffinityTerm,
  type CycleState,
  type FilterPlugin,
  type NodeFilter,
  type NodeInfo,
  type PodInfo,
  type PreFilterOutcome,
  type PreFilterPlugin,
  type TopologyDomains,
  type PreScorePlugin,
  type SchedulerContext,
  type ScorePlugin,
  type Status,
} from '../framework/types.ts';

/** MAX_NODE_SCORE read once: under tsx's CommonJS transform every read of an imported binding is a getter call, which hot loops feel. */
const MAX_SCORE = MAX_NODE_SCORE;

export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't satisfy existing pods anti-affinity rules";

const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';
const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';

export interface InterPodAffinityArgs {
  /** Weight of an existing pod's required affinity term that the incoming pod matches (scoring). Default 1. */
  hardPodAffinityWeight?: number;
  /** Skip scoring entirely when the incoming pod has no preferred (anti-)affinity terms. Default false. */
  ignorePreferredTermsOfExistingPods?: boolean;
}

// ---- args (apis/config/v1/defaults.go, apis/config/validation/validation_pluginargs.go) ----------

export const INTER_POD_AFFINITY_ARGS: PluginArgsSpec = {
  fields: ['hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods'],
  setDefaults: (a) => {
    a.hardPodAffinityWeight ??= 1;
  },
  validate: (a, path) => {
    const w = a.hardPodAffinityWeight as number;
    return w < 0 || w > 100 ? [invalid(`${path}.hardPodAffinityWeight`, w, 'not in valid range [0, 100]')] : [];
  },
};

const ns = (pod: Pod): string => pod.metadata.namespace ?? 'default';

/**
 * AffinityTerm.Matches for a term of the pod being scheduled. Upstream unrolls its
 * namespaceSelector into the namespace set via the Namespace lister (only existing namespaces;
 * `{}` stays "all namespaces"), which is what this evaluates.
 */
function incomingTermMatches(ctx: SchedulerContext, term: AffinityTerm, target: Pod): boolean {
  const targetNs = ns(target);
  let nsOk = term.namespaces.has(targetNs);
  if (!nsOk && term.namespaceSelector) {
    if (isEmptySelector(term.namespaceSelector)) nsOk = true;
    else {
      const obj = ctx.listers.namespace(targetNs);
      nsOk = !!obj && matchesLabelSelector(term.namespaceSelector, obj.metadata.labels);
    }
  }
  return nsOk && termMatchesLabels(term, target.metadata.labels);
}

/** AffinityTerm.Matches for an existing pod's term against the incoming pod (nsLabels = its namespace's labels). */
function existingTermMatches(term: AffinityTerm, incoming: Pod, nsLabels: Labels): boolean {
  if (term.namespaces.has(ns(incoming)) || matchesLabelSelector(term.namespaceSelector, nsLabels)) {
    return termMatchesLabels(term, incoming.metadata.labels);
  }
  return false;
}

/** At most this many index maps are referenced per topology key before further ones are copied. */
const MAX_SHARED = 4;

/**
 * Matching-pod counts per topology pair (topology key → value → count); `size` counts the pairs
 * whose count is not 0. PreFilter's counts come from the affinity index's per-group maps, which
 * are referenced rather than copied (a few per key; get() sums them): the index changes only when
 * the cache does, never during a cycle. AddPod/RemovePod changes go to maps of this object's own.
 */
export class TopologyCounts {
  private shared = new Map<string, Map<string, number>[]>();
  private own = new Map<string, Map<string, number>>();
  /** Number of pairs. */
  size = 0;

  get(key: string, value: string): number {
    let n = 0;
    const shared = this.shared.get(key);
    if (shared) for (let i = 0; i < shared.length; i++) n += shared[i].get(value) ?? 0;
    const own = this.own.get(key);
    return own ? n + (own.get(value) ?? 0) : n;
  }

  add(key: string, value: string, n: number): void {
    if (n === 0) return;
    const before = this.get(key, value);
    let own = this.own.get(key);
    if (!own) {
      own = new Map();
      this.own.set(key, own);
    }
    const next = (own.get(value) ?? 0) + n;
    if (next === 0) own.delete(value);
    else own.set(value, next);
    const after = before + n;
    if (before === 0 && after !== 0) this.size++;
    else if (before !== 0 && after === 0) this.size--;
  }

  /** Adds a value → count map of the affinity index (counts > 0) under key, by reference while few. */
  addAll(key: string, counts: Map<string, number>): void {
    if (counts.size === 0) return;
    const shared = this.shared.get(key);
    if (!shared && !this.own.has(key)) {
      this.shared.set(key, [counts]);
      this.size += counts.size;
    } else if (shared && shared.length < MAX_SHARED && !this.own.has(key)) {
      for (const v of counts.keys()) if (this.get(key, v) === 0) this.size++;
      shared.push(counts);
    } else {
      for (const [v, n] of counts) this.add(key, v, n);
    }
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, maps] of this.shared) c.shared.set(k, [...maps]);
    for (const [k, values] of this.own) c.own.set(k, new Map(values));
    c.size = this.size;
    return c;
  }

  /** The topology keys with counts. */
  keys(): string[] {
    return [...new Set([...this.shared.keys(), ...this.own.keys()])];
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The value of a node label, undefined when the node does not carry the key. */
function labelValue(labels: Labels, key: string): string | undefined {
  return labels && hasOwn.call(labels, key) ? labels[key] : undefined;
}

function nodeLabel(node: Node, key: string): string | undefined {
  return labelValue(node.metadata.labels, key);
}

/** Adds n to the node's pair for this topology key (nodes without the key count nowhere). */
function bump(m: TopologyCounts, node: Node, key: string, n: number): void {
  const v = nodeLabel(node, key);
  if (v !== undefined) m.add(key, v, n);
}

/** The PreFilter cycle state; cloned for preemption dry runs. */
export class InterPodAffinityPreFilterState {
  constructor(
    /** Pairs where existing pods' required anti-affinity terms match the incoming pod. */
    readonly existingAntiAffinityCounts: TopologyCounts,
    /** Pairs where existing pods match all required affinity terms of the incoming pod. */
    readonly affinityCounts: TopologyCounts,
    /** Pairs where existing pods match a required anti-affinity term of the incoming pod. */
    readonly antiAffinityCounts: TopologyCounts,
    readonly podInfo: PodInfo,
    /** Labels of the incoming pod's namespace. */
    readonly namespaceLabels: Labels,
  ) {}

  clone(): InterPodAffinityPreFilterState {
    return new InterPodAffinityPreFilterState(
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
      this.podInfo,
      this.namespaceLabels,
    );
  }
}

interface PreScoreState {
  /**
   * topologyKey → the weighted counts whose sum is the accumulated weight of each topology value
   * (upstream's topologyScore[key][value]). The counts are the affinity index's own maps, read
   * while the cycle lasts; a key with more than MERGE_AT of them has them summed into one map.
   */
  topologyScore: Map<string, WeightedCounts[]>;
}

/** counts × weight: one addition to a topology key's scores. */
interface WeightedCounts {
  counts: ReadonlyMap<string, number>;
  weight: number;
}

/**
 * Up to this many weighted counts per key are kept as they are (a Deployment's pods are one
 * group: one map, not copied per cycle); past it they are summed, so Score looks up one map.
 */
const MERGE_AT = 4;

/** Σ weight × count of one topology value over a key's weighted counts. */
function weightedCount(list: readonly WeightedCounts[], value: string): number {
  let n = 0;
  for (let j = 0; j < list.length; j++) n += list[j].weight * (list[j].counts.get(value) ?? 0);
  return n;
}

/**
 * weightedCount of every domain at once, into `into` (zeroed): the counts' entries walked in list
 * order, so each domain's sum is added up in the order weightedCount adds it. Values that are no
 * domain of the snapshot are left out.
 */
function perDomain(list: readonly WeightedCounts[], d: TopologyDomains, into: Float64Array): Float64Array {
  for (let j = 0; j < list.length; j++) {
    const weight = list[j].weight;
    list[j].counts.forEach((n, value) => {
      const id = d.idOf.get(value);
      if (id !== undefined) into[id] += weight * n;
    });
  }
  return into;
}

/** The weighted counts of a key summed into one map (weight 1). */
function merged(list: readonly WeightedCounts[]): WeightedCounts {
  const m = new Map<string, number>();
  for (const { counts, weight } of list) for (const [v, n] of counts) m.set(v, (m.get(v) ?? 0) + weight * n);
  return { counts: m, weight: 1 };
}

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'InterPodAffinity';
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;

  /** `new InterPodAffinity()`, `new InterPodAffinity({ hardPodAffinityWeight: 5 })` or `new InterPodAffinity(5, true)`. */
  constructor(args: InterPodAffinityArgs | number = {}, ignorePreferredTermsOfExistingPods = false) {
    if (typeof args === 'number') args = { hardPodAffinityWeight: args, ignorePreferredTermsOfExistingPods };
    this.hardPodAffinityWeight = args.hardPodAffinityWeight ?? 1;
    this.ignorePreferredTermsOfExistingPods = args.ignorePreferredTermsOfExistingPods ?? false;
  }

  private podMatchesAllAffinityTerms(ctx: SchedulerContext, terms: AffinityTerm[], target: Pod): boolean {
    if (terms.length === 0) return false;
    for (let i = 0; i < terms.length; i++) if (!incomingTermMatches(ctx, terms[i], target)) return false;
    return true;
  }

  private updateWithAffinityTerms(
    ctx: SchedulerContext,
    m: TopologyCounts,
    terms: AffinityTerm[],
    target: Pod,
    node: Node,
    value: number,
  ): void {
    if (!this.podMatchesAllAffinityTerms(ctx, terms, target)) return;
    for (const t of terms) bump(m, node, t.topologyKey, value);
  }

  preFilter(ctx: SchedulerContext, state: CycleState, pi: PodInfo): PreFilterOutcome {
    const pod = pi.pod;
    const nsLabels = ctx.listers.namespace(ns(pod))?.metadata.labels;
    const index = ctx.snapshot.affinityIndex;

    // Counted per group of identical existing terms / per group of pods with the same namespace
    // and labels: the same sums as pod by pod.
    const existingAnti = new TopologyCounts();
    for (const g of index.termGroups('requiredAntiAffinity')) {
      if (g.counts.size > 0 && existingTermMatches(g.term, pod, nsLabels))
        addCounts(existingAnti, g.term.topologyKey, g.counts);
    }

    const affinity = new TopologyCounts();
    const anti = new TopologyCounts();
    const affinityTerms = pi.requiredAffinityTerms,
      antiTerms = pi.requiredAntiAffinityTerms;
    if (affinityTerms.length > 0 || antiTerms.length > 0) {
      for (const g of index.podGroups()) {
        if (this.podMatchesAllAffinityTerms(ctx, affinityTerms, g.pod))
          for (const t of affinityTerms) addCounts(affinity, t.topologyKey, g.counts(t.topologyKey));
        for (const t of antiTerms)
          if (incomingTermMatches(ctx, t, g.pod)) addCounts(anti, t.topologyKey, g.counts(t.topologyKey));
      }
    }

    if (existingAnti.size === 0 && pi.requiredAffinityTerms.length === 0 && pi.requiredAntiAffinityTerms.length === 0)
      return { status: skip() };
    state.write(PRE_FILTER_KEY, new InterPodAffinityPreFilterState(existingAnti, affinity, anti, pi, nsLabels));
    return { status: null };
  }

  addPod(ctx: SchedulerContext, state: CycleState, _pod: PodInfo, podToAdd: PodInfo, node: NodeInfo): void {
    this.updateWithPod(ctx, state, podToAdd, node.node, 1);
  }

  removePod(ctx: SchedulerContext, state: CycleState, _pod: PodInfo, podToRemove: PodInfo, node: NodeInfo): void {
    this.updateWithPod(ctx, state, podToRemove, node.node, -1);
  }

  private updateWithPod(ctx: SchedulerContext, state: CycleState, p: PodInfo, node: Node, multiplier: number): void {
    const s = state.read<InterPodAffinityPreFilterState>(PRE_FILTER_KEY);
    if (!s) return;
    const incoming = s.podInfo;
    for (const t of p.requiredAntiAffinityTerms)
      if (existingTermMatches(t, incoming.pod, s.namespaceLabels))
        bump(s.existingAntiAffinityCounts, node, t.topologyKey, multiplier);
    this.updateWithAffinityTerms(ctx, s.affinityCounts, incoming.requiredAffinityTerms, p.pod, node, multiplier);
    for (const t of incoming.requiredAntiAffinityTerms)
      if (incomingTermMatches(ctx, t, p.pod)) bump(s.antiAffinityCounts, node, t.topologyKey, multiplier);
  }

  filter(ctx: SchedulerContext, state: CycleState, pi: PodInfo, ni: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pi)(ni, ctx.snapshot.amounts.row(ni));
  }

  filterFor(ctx: SchedulerContext, state: CycleState, _pi: PodInfo): NodeFilter {
    const s = state.read<InterPodAffinityPreFilterState>(PRE_FILTER_KEY);
    if (!s) {
      const missing = errorStatus(`reading "${PRE_FILTER_KEY}" from cycleState: not found`);
      return () => missing;
    }
    const existingAntiKeys = s.existingAntiAffinityCounts.keys();
    // statuses are never changed once made: the cycle's rejections share these
    const affinity = unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH),
      anti = unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    const existingAnti = unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
    return (ni) => {
      if (!this.satisfyPodAffinity(ctx, s, ni.labels)) return affinity;
      if (!satisfyPodAntiAffinity(s, ni.labels)) return anti;
      if (!satisfyExistingPodsAntiAffinity(s, existingAntiKeys, ni.labels)) return existingAnti;
      return null;
    };
  }

  private satisfyPodAffinity(ctx: SchedulerContext, s: InterPodAffinityPreFilterState, labels: Labels): boolean {
    let podsExist = true;
    for (const t of s.podInfo.requiredAffinityTerms) {
      const v = labelValue(labels, t.topologyKey);
      if (v === undefined) return false; // every topology key must be on the node
      if (s.affinityCounts.get(t.topologyKey, v) <= 0) podsExist = false;
    }
    if (podsExist) return true;
    // The first pod of a group with affinity to itself: nothing matches anywhere yet.
    return (
      s.affinityCounts.size === 0 &&
      this.podMatchesAllAffinityTerms(ctx, s.podInfo.requiredAffinityTerms, s.podInfo.pod)
    );
  }

  preScore(ctx: SchedulerContext, state: CycleState, pi: PodInfo, _nodes: NodeInfo[]): Status | null {
    const pod = pi.pod;
    const hasConstraints = pi.preferredAffinityTerms.length > 0 || pi.preferredAntiAffinityTerms.length > 0;
    if (this.ignorePreferredTermsOfExistingPods && !hasConstraints) return skip();
    const nsLabels = ctx.listers.namespace(ns(pod))?.metadata.labels;
    const index = ctx.snapshot.affinityIndex;

    // Weight × matching pods (or existing terms) per topology value, summed over groups.
    const topologyScore = new Map<string, WeightedCounts[]>();
    let any = false;
    const add = (key: string, counts: ReadonlyMap<string, number>, weight: number): void => {
      if (counts.size === 0) return;
      let list = topologyScore.get(key);
      if (!list) {
        list = [];
        topologyScore.set(key, list);
      }
      list.push({ counts, weight });
      if (list.length > MERGE_AT) topologyScore.set(key, [merged(list)]);
      any = true;
    };

    if (hasConstraints) {
      for (const g of index.podGroups()) {
        for (const t of pi.preferredAffinityTerms)
          if (incomingTermMatches(ctx, t, g.pod)) add(t.topologyKey, g.counts(t.topologyKey), t.weight);
        for (const t of pi.preferredAntiAffinityTerms)
          if (incomingTermMatches(ctx, t, g.pod)) add(t.topologyKey, g.counts(t.topologyKey), -t.weight);
      }
    }
    if (this.hardPodAffinityWeight > 0) {
      for (const g of index.termGroups('requiredAffinity'))
        if (existingTermMatches(g.term, pod, nsLabels)) add(g.term.topologyKey, g.counts, this.hardPodAffinityWeight);
    }
    for (const g of index.termGroups('preferredAffinity'))
      if (existingTermMatches(g.term, pod, nsLabels)) add(g.term.topologyKey, g.counts, g.weight);
    for (const g of index.termGroups('preferredAntiAffinity'))
      if (existingTermMatches(g.term, pod, nsLabels)) add(g.term.topologyKey, g.counts, -g.weight);
    if (!any) return skip();
    state.write(PRE_SCORE_KEY, { topologyScore } satisfies PreScoreState);
    return null;
  }

  score(ctx: SchedulerContext, state: CycleState, pi: PodInfo, ni: NodeInfo): number {
    const out = [0];
    this.scoreNodes(ctx, state, pi, [ni], [-1], out);
    return out[0];
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
    const keys = [...s.topologyScore.keys()];
    const lists = [...s.topologyScore.values()];
    // A node's part under a key is its domain's: read from the snapshot's domain index, and kept
    // per domain when domains hold several nodes (a zone), not when each is one node (a hostname).
    const nodeInfos = ctx.snapshot.nodeInfos;
    const domains = keys.map((k) => ctx.snapshot.topologyDomains(k));
    // Keys whose domains are single nodes (a hostname): each domain's part summed at once from the
    // counts (their entries are the nodes with matching pods, fewer than the scored nodes).
    const kept = domains.map((d, k) =>
      d.values.length * 2 <= nodeInfos.length
        ? new Float64Array(d.values.length).fill(NaN)
        : perDomain(lists[k], d, this.scratches.zeroed(k, d.values.length)),
    );
    for (let i = 0; i < nodes.length; i++) {
      const ni = nodes[i];
      const at = ctx.snapshot.indexOf(ni);
      let score = 0;
      for (let k = 0; k < keys.length; k++) {
        if (at < 0) {
          const v = labelValue(ni.labels, keys[k]);
          if (v !== undefined) score += weightedCount(lists[k], v);
          continue;
        }
        const d = domains[k].domainOf[at];
        if (d < 0) continue;
        const memo = kept[k];
        let part = memo[d];
        if (Number.isNaN(part)) {
          part = weightedCount(lists[k], domains[k].values[d]);
          memo[d] = part;
        } // NaN: not yet
        score += part;
      }
      out[i] = score;
    }
  }

  normalize(
    _ctx: SchedulerContext,
    state: CycleState,
    _pi: PodInfo,
    _nodes: readonly NodeInfo[],
    scores: number[],
  ): void {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s || s.topologyScore.size === 0) return;
    let min = Infinity;
    let max = -Infinity;
    for (const sc of scores) {
      min = Math.min(min, sc);
      max = Math.max(max, sc);
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++)
      scores[i] = diff > 0 ? Math.trunc(MAX_SCORE * ((scores[i] - min) / diff)) : 0;
  }
}

/** Adds value → count pairs under one topology key. */
function addCounts(m: TopologyCounts, key: string, counts: Map<string, number>): void {
  m.addAll(key, counts);
}

function satisfyPodAntiAffinity(s: InterPodAffinityPreFilterState, labels: Labels): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.podInfo.requiredAntiAffinityTerms) {
    const v = labelValue(labels, t.topologyKey);
    if (v !== undefined && s.antiAffinityCounts.get(t.topologyKey, v) > 0) return false;
  }
  return true;
}

/** No node label (k, v) has an existing pod's anti-affinity against the incoming pod: asked per topology key with counts. */
function satisfyExistingPodsAntiAffinity(s: InterPodAffinityPreFilterState, keys: string[], labels: Labels): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const k of keys) {
    const v = labelValue(labels, k);
    if (v !== undefined && s.existingAntiAffinityCounts.get(k, v) > 0) return false;
  }
  return true;
}
