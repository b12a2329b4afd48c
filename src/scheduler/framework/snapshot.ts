// The scheduler snapshot (internal/cache/snapshot.go + node_tree.go): NodeInfos listed in
// node-tree order — zones (region + zone labels) visited round-robin, nodes of one zone in the
// order they were added — plus the affinity lists and indexes and image spread counts.

import type { Node, Pod } from '../../api/types.ts';
import { AffinityIndex } from './affinityindex.ts';
import { addPodToNodeInfo, hasAffinity, newNodeInfo, newPodInfo } from './nodeinfo.ts';
import { AMOUNT_COLUMNS, NodeAmounts } from './nodeamounts.ts';

export { AMOUNT_COLUMNS, NodeAmounts };
import type { NodeFilter, NodeInfo, NodeMemo, NodesFilter, PodInfo, Snapshot, TopologyDomains } from './types.ts';

/** NodeMemo over a snapshot's nodes: one byte per node (0 unknown, 1 yes, 2 no) at its position. */
class ArrayNodeMemo implements NodeMemo {
  private readonly answers: Uint8Array;
  constructor(private readonly nodes: NodeInfo[]) {
    this.answers = new Uint8Array(nodes.length);
  }

  get(ni: NodeInfo): boolean | undefined {
    const i = ni.snapshotIndex;
    if (this.nodes[i] !== ni) return undefined; // not this snapshot's NodeInfo
    const a = this.answers[i];
    return a === 0 ? undefined : a === 1;
  }

  set(ni: NodeInfo, answer: boolean): void {
    const i = ni.snapshotIndex;
    if (this.nodes[i] === ni) this.answers[i] = answer ? 1 : 2;
  }
}

/**
 * A Filter over chunks of the snapshot's nodes that passes every node whose row has 0 in `column`
 * and asks the plugin's NodeFilter `one` about the others (cordoned nodes, tainted nodes: few).
 */
export function filterWhereSet(amounts: NodeAmounts, column: number, one: NodeFilter): NodesFilter {
  const d = amounts.data;
  return (nodes, rows, from, to, statuses) => {
    for (let i = from; i < to; i++) {
      const row = rows[i];
      if (statuses[i] === null && d[row + column] !== 0) statuses[i] = one(nodes[i], row);
    }
  };
}

/** Memo keys kept per snapshot before they are all dropped (distinct questions are few in practice). */
const MAX_MEMOS = 256;

/** utilnode.GetZoneKey: "region:\x00:zone", or "" when the node has neither label. */
export function zoneKey(node: Node): string {
  const l = node.metadata.labels ?? {};
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (!zone && !region) return '';
  return `${region}:\x00:${zone}`;
}

/** nodeTree.list(): round-robin over zones in first-seen order. `nodes` is in add order. */
export function nodeTreeOrder<T extends { node: Node }>(items: T[]): T[] {
  const zones = new Map<string, T[]>();
  for (const it of items) {
    const z = zoneKey(it.node);
    let arr = zones.get(z);
    if (!arr) {
      arr = [];
      zones.set(z, arr);
    }
    arr.push(it);
  }
  if (zones.size <= 1) return [...items];
  const lists = [...zones.values()];
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

export class ListSnapshot implements Snapshot {
  readonly nodeInfos: NodeInfo[];
  private readonly byName: Map<string, NodeInfo>;
  private readonly imageCounts = new Map<string, number>();
  private withAffinity?: NodeInfo[];
  private withRequiredAntiAffinity?: NodeInfo[];
  private index?: AffinityIndex;
  private readonly domains = new Map<string, TopologyDomains>();
  private readonly memos = new Map<string, NodeMemo>();
  private readonly scoreMemos = new Map<string, Int16Array>();
  readonly amounts: NodeAmounts;

  /** The NodeInfos are shared with the cache, which keeps them current; see podAdded()/podRemoved(). */
  constructor(nodeInfos: NodeInfo[]) {
    this.nodeInfos = nodeTreeOrder(nodeInfos);
    for (let i = 0; i < this.nodeInfos.length; i++) this.nodeInfos[i].snapshotIndex = i;
    this.amounts = new NodeAmounts(this.nodeInfos);
    this.byName = new Map(this.nodeInfos.map((n) => [n.name, n]));
    for (const n of this.nodeInfos)
      for (const img of n.imageSizes.keys()) this.imageCounts.set(img, (this.imageCounts.get(img) ?? 0) + 1);
  }

  get havePodsWithAffinity(): NodeInfo[] {
    return (this.withAffinity ??= this.nodeInfos.filter((n) => n.podsWithAffinity.length > 0));
  }

  get havePodsWithRequiredAntiAffinity(): NodeInfo[] {
    return (this.withRequiredAntiAffinity ??= this.nodeInfos.filter((n) => n.podsWithRequiredAntiAffinity.length > 0));
  }

  topologyValues(key: string): string[] {
    return this.topologyDomains(key).values as string[];
  }

  topologyDomains(key: string): TopologyDomains {
    let d = this.domains.get(key);
    if (!d) {
      const index = new Map<string, number>();
      const domainOf = new Int32Array(this.nodeInfos.length);
      for (let i = 0; i < this.nodeInfos.length; i++) {
        const l = this.nodeInfos[i].node.metadata.labels;
        if (!l || !Object.hasOwn(l, key)) {
          domainOf[i] = -1;
          continue;
        }
        let id = index.get(l[key]);
        if (id === undefined) {
          id = index.size;
          index.set(l[key], id);
        }
        domainOf[i] = id;
      }
      d = { values: [...index.keys()], domainOf, idOf: index };
      this.domains.set(key, d);
    }
    return d;
  }

  get affinityIndex(): AffinityIndex {
    return (this.index ??= new AffinityIndex(this.nodeInfos));
  }

  /** The cache added pi to ni (a node of this snapshot). */
  podAdded(ni: NodeInfo, pi: PodInfo): void {
    this.amounts.refresh(ni);
    if (hasAffinity(pi)) this.affinityChanged();
    this.index?.podAdded(ni, pi);
  }

  /** The cache removed pi from ni. */
  podRemoved(ni: NodeInfo, pi: PodInfo): void {
    this.amounts.refresh(ni);
    if (hasAffinity(pi)) this.affinityChanged();
    this.index?.podRemoved(ni, pi);
  }

  /** A pod with (anti-)affinity terms was added to or removed from a node: the two lists are rebuilt on next use. */
  private affinityChanged(): void {
    this.withAffinity = undefined;
    this.withRequiredAntiAffinity = undefined;
  }

  nodeMemo(key: string): NodeMemo {
    let m = this.memos.get(key);
    if (!m) {
      if (this.memos.size >= MAX_MEMOS) this.memos.clear();
      m = new ArrayNodeMemo(this.nodeInfos);
      this.memos.set(key, m);
    }
    return m;
  }

  scoreMemo(key: string): Int16Array {
    let m = this.scoreMemos.get(key);
    if (!m) {
      if (this.scoreMemos.size >= MAX_MEMOS) this.scoreMemos.clear();
      m = new Int16Array(this.nodeInfos.length).fill(-1);
      this.scoreMemos.set(key, m);
    }
    return m;
  }

  indexOf(ni: NodeInfo): number {
    const i = ni.snapshotIndex;
    return i >= 0 && i < this.nodeInfos.length && this.nodeInfos[i].node === ni.node ? i : -1;
  }

  get(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }
  imageNodeCount(image: string): number {
    return this.imageCounts.get(image) ?? 0;
  }
}

/** A snapshot of these nodes (in add order) with these pods placed by spec.nodeName. Terminal pods are skipped. */
export function buildSnapshot(nodes: Node[], pods: Pod[]): ListSnapshot {
  const infos = nodes.map(newNodeInfo);
  const byName = new Map(infos.map((n) => [n.name, n]));
  for (const p of pods) {
    if (!p.spec.nodeName || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    const ni = byName.get(p.spec.nodeName);
    if (ni) addPodToNodeInfo(ni, newPodInfo(p));
  }
  return new ListSnapshot(infos);
}
