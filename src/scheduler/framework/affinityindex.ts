// Indexes over a snapshot's pods for InterPodAffinity and PodTopologySpread, kept current as the
// cache adds and removes pods, so that a cycle visits distinct groups instead of every pod:
//  - pod groups: pods with the same namespace, labels and terminating state (all a term or a
//    spread constraint can look at), with how many members sit on each node and, per topology
//    key asked for, per value;
//  - term groups: existing pods' (anti-)affinity terms that are identical (same kind, weight,
//    namespaces, selectors, topology key), with how many (pod, term) pairs sit on each value of
//    the term's topology key.
// The counts are the very sums kube-scheduler accumulates pod by pod, so decisions are unchanged.
// Each part is built on first use; a snapshot rebuilt after a node change starts afresh.

import type { Node, Pod } from '../../api/types.ts';
import type { AffinityTerm, NodeInfo, PodInfo, WeightedAffinityTerm } from './infos.ts';

const hasOwn = Object.prototype.hasOwnProperty;

function nodeLabel(node: Node, key: string): string | undefined {
  const l = node.metadata.labels;
  return l && hasOwn.call(l, key) ? l[key] : undefined;
}

function addCount(m: Map<string, number>, value: string, n: number): void {
  const next = (m.get(value) ?? 0) + n;
  if (next === 0) m.delete(value);
  else m.set(value, next);
}

/** The value a node's members are counted under in a PodGroup.countsWhere tally, or undefined for none. */
export type Tally = (ni: NodeInfo) => string | undefined;

/** Pods sharing namespace, labels and terminating state: one of them stands for all in matching. */
export class PodGroup {
  /** Member pods per node. */
  readonly perNode = new Map<NodeInfo, number>();
  /** topology key → value → member pods on nodes with that value (built per key on first use). */
  private readonly byKey = new Map<string, Map<string, number>>();
  size = 0;

  constructor(readonly pod: Pod) {}

  /** value → number of members on nodes carrying the key with that value (only values with members). */
  counts(topologyKey: string): Map<string, number> {
    let m = this.byKey.get(topologyKey);
    if (!m) {
      m = new Map();
      for (const [ni, n] of this.perNode) {
        const v = nodeLabel(ni.node, topologyKey);
        if (v !== undefined) addCount(m, v, n);
      }
      this.byKey.set(topologyKey, m);
    }
    return m;
  }

  /** Tallies asked for by name (countsWhere), kept by add() like byKey. */
  private readonly tallies = new Map<string, { tally: Tally; counts: Map<string, number> }>();

  /**
   * value → members on the nodes `tally` files under a value (nodes it gives undefined count
   * nowhere): kept under `name` and updated as members come and go, so a cycle reads the sums
   * instead of visiting every member node. `name` must say all the tally depends on; the tally
   * must answer for a node from its Node alone (a snapshot's group, and its nodes, live together).
   */
  countsWhere(name: string, tally: Tally): ReadonlyMap<string, number> {
    let t = this.tallies.get(name);
    if (!t) {
      const counts = new Map<string, number>();
      for (const [ni, n] of this.perNode) {
        const v = tally(ni);
        if (v !== undefined) addCount(counts, v, n);
      }
      t = { tally, counts };
      this.tallies.set(name, t);
    }
    return t.counts;
  }

  add(ni: NodeInfo, n: number): void {
    this.size += n;
    const c = (this.perNode.get(ni) ?? 0) + n;
    if (c === 0) this.perNode.delete(ni);
    else this.perNode.set(ni, c);
    for (const [key, m] of this.byKey) {
      const v = nodeLabel(ni.node, key);
      if (v !== undefined) addCount(m, v, n);
    }
    for (const t of this.tallies.values()) {
      const v = t.tally(ni);
      if (v !== undefined) addCount(t.counts, v, n);
    }
  }
}

export type TermKind = 'requiredAffinity' | 'requiredAntiAffinity' | 'preferredAffinity' | 'preferredAntiAffinity';

/** Identical terms of existing pods. */
export class TermGroup {
  /** value of term.topologyKey → (pod, term) pairs on nodes with that value. */
  readonly counts = new Map<string, number>();
  size = 0;

  constructor(
    readonly term: AffinityTerm,
    readonly weight: number,
  ) {}
}

/** Labels object → its sorted entries as JSON: a status write keeps the stored labels object, so a pod's new versions find it. */
const labelKeys = new WeakMap<Record<string, string>, string>();
const termKeys = new WeakMap<AffinityTerm, string>();
const NO_LABELS: Record<string, string> = {};

function podGroupKey(pod: Pod): string {
  const labels = pod.metadata.labels ?? NO_LABELS;
  let k = labelKeys.get(labels);
  if (k === undefined) {
    k = JSON.stringify(
      Object.keys(labels)
        .sort()
        .map((l) => [l, labels[l]]),
    );
    labelKeys.set(labels, k);
  }
  return `${pod.metadata.namespace ?? 'default'}\0${pod.metadata.deletionTimestamp ? 1 : 0}\0${k}`;
}

function termKey(term: AffinityTerm): string {
  let k = termKeys.get(term);
  if (k === undefined) {
    k = JSON.stringify([[...term.namespaces].sort(), term.namespaceSelector, term.selector, term.topologyKey]);
    termKeys.set(term, k);
  }
  return k;
}

export class AffinityIndex {
  private pods?: Map<string, PodGroup>;
  private terms?: Record<TermKind, Map<string, TermGroup>>;

  constructor(private readonly nodeInfos: NodeInfo[]) {}

  /** Every pod of the snapshot, grouped by namespace, labels and terminating state. */
  podGroups(): Iterable<PodGroup> {
    if (!this.pods) {
      this.pods = new Map();
      for (const ni of this.nodeInfos) for (const pi of ni.pods) this.addToPodGroup(ni, pi, 1);
    }
    return this.pods.values();
  }

  /** The existing pods' terms of one kind, grouped. */
  termGroups(kind: TermKind): Iterable<TermGroup> {
    if (!this.terms) {
      this.terms = {
        requiredAffinity: new Map(),
        requiredAntiAffinity: new Map(),
        preferredAffinity: new Map(),
        preferredAntiAffinity: new Map(),
      };
      for (const ni of this.nodeInfos) for (const pi of ni.podsWithAffinity) this.addTerms(ni, pi, 1);
    }
    return this.terms[kind].values();
  }

  /** The cache placed pi on ni (already in ni.pods). */
  podAdded(ni: NodeInfo, pi: PodInfo): void {
    if (this.pods) this.addToPodGroup(ni, pi, 1);
    if (this.terms) this.addTerms(ni, pi, 1);
  }

  /** The cache took pi off ni. */
  podRemoved(ni: NodeInfo, pi: PodInfo): void {
    if (this.pods) this.addToPodGroup(ni, pi, -1);
    if (this.terms) this.addTerms(ni, pi, -1);
  }

  private addToPodGroup(ni: NodeInfo, pi: PodInfo, n: number): void {
    const key = podGroupKey(pi.pod);
    let g = this.pods!.get(key);
    if (!g) {
      g = new PodGroup(pi.pod);
      this.pods!.set(key, g);
    }
    g.add(ni, n);
    if (g.size === 0) this.pods!.delete(key);
  }

  private addTerms(ni: NodeInfo, pi: PodInfo, n: number): void {
    const t = this.terms!;
    for (const term of pi.requiredAffinityTerms) this.addTerm(t.requiredAffinity, ni, term, 0, n);
    for (const term of pi.requiredAntiAffinityTerms) this.addTerm(t.requiredAntiAffinity, ni, term, 0, n);
    for (const term of pi.preferredAffinityTerms) this.addTerm(t.preferredAffinity, ni, term, term.weight, n);
    for (const term of pi.preferredAntiAffinityTerms) this.addTerm(t.preferredAntiAffinity, ni, term, term.weight, n);
  }

  private addTerm(
    groups: Map<string, TermGroup>,
    ni: NodeInfo,
    term: AffinityTerm | WeightedAffinityTerm,
    weight: number,
    n: number,
  ): void {
    const key = `${weight}\x00${termKey(term)}`;
    let g = groups.get(key);
    if (!g) {
      g = new TermGroup(term, weight);
      groups.set(key, g);
    }
    g.size += n;
    const v = nodeLabel(ni.node, term.topologyKey);
    if (v !== undefined) addCount(g.counts, v, n);
    if (g.size === 0) groups.delete(key);
  }
}
