// The scheduler cache (internal/cache): NodeInfos kept up to date incrementally from the
// store's watch — nodes in the order they were added, bound pods on their nodes (terminal pods
// dropped, terminating pods kept), pods bound to a node that does not exist yet parked until it
// appears. snapshot() hands the cycle a ListSnapshot over the same NodeInfos, rebuilt only when
// the node set changes (pod changes are passed on to its affinity lists and indexes).

import type { Node, Pod } from '../api/types.ts';
import type { WatchEvent } from '../store/store.ts';
import {
  addPodToNodeInfo,
  cloneNodeInfo,
  newNodeInfo,
  newPodInfo,
  podKey,
  removePodFromNodeInfo,
} from './framework/nodeinfo.ts';
import { ListSnapshot } from './framework/snapshot.ts';
import type { NodeInfo, PodInfo } from './framework/types.ts';

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export class SchedulerCache {
  private nodes = new Map<string, NodeInfo>();
  /** podKey → node name for every pod accounted on a node (or parked). */
  private podNode = new Map<string, string>();
  private parked = new Map<string, Map<string, PodInfo>>(); // node name → pods waiting for the node
  private snap?: ListSnapshot;
  /** The scheduler's PodInfo for the pod it is binding: reused for the binding's own watch event. */
  private binding?: PodInfo;

  /** Applies one watch event. Returns true if the node set or a bound pod changed. */
  onEvent(e: WatchEvent): boolean {
    if (e.object.kind === 'Node') return this.onNode(e.type, e.object as Node);
    if (e.object.kind === 'Pod') return this.onPod(e.type, e.object as Pod);
    return false;
  }

  private onNode(type: WatchEvent['type'], node: Node): boolean {
    const name = node.metadata.name!;
    if (type === 'DELETED') {
      const ni = this.nodes.get(name);
      if (!ni) return false;
      this.nodes.delete(name);
      const park = new Map<string, PodInfo>();
      for (const p of ni.pods) park.set(p.key, p);
      this.parked.set(name, park);
      this.snap = undefined;
      return true;
    }
    const old = this.nodes.get(name);
    const ni = newNodeInfo(node);
    const pods = old ? old.pods : this.parked.get(name)?.values();
    this.parked.delete(name);
    if (pods) for (const p of pods) addPodToNodeInfo(ni, p);
    this.nodes.set(name, ni); // Map keeps the original insertion position on update
    this.snap = undefined;
    return true;
  }

  private onPod(type: WatchEvent['type'], pod: Pod): boolean {
    const key = podKey(pod);
    const binding = this.binding;
    this.binding = undefined;
    const assigned = type !== 'DELETED' && !!pod.spec.nodeName && !isTerminal(pod);
    const prevNode = this.podNode.get(key);
    if (prevNode === undefined && !assigned) return false;
    if (assigned && prevNode !== undefined && prevNode === pod.spec.nodeName && this.refresh(prevNode, key, pod))
      return true;
    const prev = prevNode !== undefined ? this.removeFrom(prevNode, key) : undefined;
    if (assigned) {
      // A PodInfo is computed from the spec and namespace only: an update that keeps the stored
      // spec (a status write) or the scheduler's own binding reuses it with the new object.
      const reuse =
        binding?.key === key && prevNode === undefined ? binding : prev?.pod.spec === pod.spec ? prev : undefined;
      this.addTo(pod.spec.nodeName!, reuse ? { ...reuse, pod } : newPodInfo(pod));
    }
    return true;
  }

  /**
   * A write that leaves the pod on its node with the same spec, labels, namespace and deletion
   * mark (a status write, most of all) changes nothing the NodeInfo accounts or indexes: a PodInfo
   * with the new object takes the old one's place (what the next cycle reads: start time,
   * conditions), as internal/cache's updatePod ends with the same NodeInfo sums. Returns false
   * when the write needs the full remove-and-add. (PodInfos are never changed in place: a clone
   * of the cache shares them.)
   */
  private refresh(nodeName: string, key: string, pod: Pod): boolean {
    const ni = this.nodes.get(nodeName);
    const park = ni ? undefined : this.parked.get(nodeName);
    const pi = ni ? ni.pods.find((p) => p.key === key) : park?.get(key);
    const old = pi?.pod;
    if (
      !pi ||
      !old ||
      old.spec !== pod.spec ||
      old.metadata.labels !== pod.metadata.labels ||
      old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp
    )
      return false;
    const next: PodInfo = { ...pi, pod };
    if (park) park.set(key, next);
    if (ni) {
      replaceIn(ni.pods, pi, next);
      replaceIn(ni.podsWithAffinity, pi, next);
      replaceIn(ni.podsWithRequiredAntiAffinity, pi, next);
    }
    return true;
  }

  /**
   * The scheduler is about to bind this pod (spec.nodeName and status only): the binding's watch
   * event may reuse the PodInfo (requests, affinity terms) instead of computing it again.
   */
  binds(pi: PodInfo): void {
    this.binding = pi;
  }

  private addTo(nodeName: string, pi: PodInfo): void {
    this.podNode.set(pi.key, nodeName);
    const ni = this.nodes.get(nodeName);
    if (ni) {
      addPodToNodeInfo(ni, pi);
      this.snap?.podAdded(ni, pi);
    } else {
      let park = this.parked.get(nodeName);
      if (!park) {
        park = new Map();
        this.parked.set(nodeName, park);
      }
      park.set(pi.key, pi);
    }
  }

  /** Takes the pod off its node (or out of the parked pods); returns its PodInfo. */
  private removeFrom(nodeName: string, key: string): PodInfo | undefined {
    this.podNode.delete(key);
    const ni = this.nodes.get(nodeName);
    if (ni) {
      const pi = ni.pods.find((p) => p.key === key);
      if (pi && removePodFromNodeInfo(ni, key)) this.snap?.podRemoved(ni, pi);
      return pi;
    }
    const park = this.parked.get(nodeName);
    const pi = park?.get(key);
    park?.delete(key);
    return pi;
  }

  /** Accounts a pod on a node before the store reflects the binding (assume). */
  assume(pod: Pod, nodeName: string): void {
    const key = podKey(pod);
    const prev = this.podNode.get(key);
    if (prev !== undefined) this.removeFrom(prev, key);
    this.addTo(nodeName, newPodInfo({ ...pod, spec: { ...pod.spec, nodeName } }));
  }

  nodeCount(): number {
    return this.nodes.size;
  }

  /** The pods accounted on a node (bound, not terminal), in no particular order. */
  podsOn(nodeName: string): readonly PodInfo[] {
    return this.nodes.get(nodeName)?.pods ?? [];
  }

  /**
   * The same cache, independent of this one (as NodeInfo.Snapshot() copies a node): NodeInfos are
   * copied, PodInfos (immutable) shared; the snapshot is rebuilt on first use.
   */
  clone(): SchedulerCache {
    const c = new SchedulerCache();
    for (const [name, ni] of this.nodes) c.nodes.set(name, cloneNodeInfo(ni));
    c.podNode = new Map(this.podNode);
    for (const [name, park] of this.parked) c.parked.set(name, new Map(park));
    return c;
  }

  snapshot(): ListSnapshot {
    if (!this.snap) this.snap = new ListSnapshot([...this.nodes.values()]);
    return this.snap;
  }
}

/** Puts `next` where `prev` is in the list (if it is there). */
function replaceIn(list: PodInfo[], prev: PodInfo, next: PodInfo): void {
  const i = list.indexOf(prev);
  if (i >= 0) list[i] = next;
}
