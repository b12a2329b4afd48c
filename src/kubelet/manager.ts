// The kubelets of a cluster: one Kubelet per Node object (created when the node appears, dropped
// when it goes), synced only when something they wait for happened — their Node or one of its pods
// changed, a wake-up they registered is due (a min-heap of due times), a file of the node changed.
// It also answers what other parts ask of the nodes: runtimes, sandboxes, node filesystems,
// listeners (for the network) and the Services a container got at start.

import type { Component } from '../util/component.ts';
import type { Container, Node, Pod, Service } from '../api/types.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore, WatchEvent } from '../store/store.ts';
import { behaviourOf } from './behaviour.ts';
import { linkedServices } from '../services/links.ts';
import { NodeFs } from './nodefs.ts';
import { PodIpam } from './ipam.ts';
import { Kubelet, type KubeletSiblings } from './kubelet.ts';
import { type Instance, type PodRuntime, RuntimeCopies, type Sandbox } from './runtime.ts';
/** Keeps one Kubelet per Node object (created when the node appears, dropped when it goes). */
/**
 * What the per-node accessors (logs, runtime view, node filesystem, container environment) need
 * of a cluster. The Cluster satisfies it; lower layers depend on this, not on the Cluster.
 */
export interface KubeletHost {
  readonly store: ObjectStore;
  readonly clock: { now(): number };
  readonly kubelets: KubeletManager;
}

export class KubeletManager implements Component, KubeletSiblings {
  readonly name = 'kubelets';
  readonly ipam: PodIpam;
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly filesystems = new Map<string, NodeFs>();
  private readonly sandboxList = new Map<string, { sandbox: Sandbox; rt: PodRuntime }[]>();
  /** Due times of pending start-up wake-ups (see Cluster.settle). */
  private readonly startupWakes: number[] = [];

  /**
   * Nodes whose kubelet must sync: its Node or one of its pods changed, a wake-up it registered is
   * due, a file of its node changed, it was started, or its last sync changed something. Any other
   * kubelet would sync to no change (every pod's progress waits for a pod change or a wake-up; see
   * PodRuntime.lastLook), so only these are synced.
   */
  private dirty = new Set<string>();
  /** The Services a container of a namespace links to (services()), by namespace and enableServiceLinks. */
  private readonly linked = new Map<string, Service[]>();
  /** Kubelets to drop at the next sync if their Node is gone (created for a missing node, or the Node was deleted). */
  private readonly orphanCheck = new Set<string>();
  /** Nodes that registered a wake-up, by due time; the due times also in a min-heap (`wakeTimes`). */
  private readonly wakeNodes = new Map<number, Set<string>>();
  private readonly wakeTimes: number[] = [];
  private readonly silenceWatchers: ((node: string) => void)[] = [];

  constructor(
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
    ipam = new PodIpam(),
  ) {
    this.ipam = ipam;
    for (const p of api.store.values<Pod>('Pod')) this.podChanged(p);
    for (const n of api.store.values<Node>('Node')) this.dirty.add(n.metadata.name!);
    api.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    if (e.object.kind === 'Service') {
      this.linked.clear();
      return;
    }
    if (e.object.kind === 'Node') {
      const name = e.object.metadata.name!;
      this.dirty.add(name);
      if (e.type === 'DELETED') this.orphanCheck.add(name);
      return;
    }
    if (e.object.kind !== 'Pod') return;
    if (e.old) this.podChanged(e.old as Pod);
    this.podChanged(e.object as Pod);
  }

  /** A pod bound to a node changed (or came or went): that node's kubelet syncs. */
  private podChanged(p: Pod): void {
    if (p.spec.nodeName) this.dirty.add(p.spec.nodeName);
  }

  /** The node's kubelet must sync on the next round. */
  touch(nodeName: string): void {
    this.dirty.add(nodeName);
  }

  /** NodeHeartbeats: fn learns of every kubelet stop and start. */
  onSilenceChange(fn: (node: string) => void): void {
    this.silenceWatchers.push(fn);
  }

  silenceChanged(nodeName: string): void {
    this.dirty.add(nodeName);
    for (const fn of this.silenceWatchers) fn(nodeName);
  }

  /** The kubelet of a node (created on demand). */
  get(nodeName: string): Kubelet {
    let k = this.kubelets.get(nodeName);
    if (!k) {
      k = new Kubelet(nodeName, this.api, this.events, this.ipam, this.fs(nodeName), this);
      this.kubelets.set(nodeName, k);
      this.orphanCheck.add(nodeName); // dropped at the next sync if there is no such Node
    }
    return k;
  }

  has(nodeName: string): boolean {
    return this.kubelets.has(nodeName);
  }

  /** Since when the node's kubelet has posted no status (undefined while it runs): what the node lifecycle controller reads. */
  silentSince(nodeName: string): number | undefined {
    return this.kubelets.get(nodeName)?.silentSince();
  }

  /** The node's simulated filesystem (kubelet config and manifest folder pre-populated). */
  fs(nodeName: string): NodeFs {
    let f = this.filesystems.get(nodeName);
    if (!f) {
      f = NodeFs.forKubeadmNode();
      this.watchFs(nodeName, f);
    }
    return f;
  }

  private watchFs(nodeName: string, f: NodeFs): void {
    f.onChange = () => this.touch(nodeName);
    this.filesystems.set(nodeName, f);
  }

  /**
   * The same kubelets over a clone of the cluster's store (Cluster.clone): IPAM, node filesystems,
   * every kubelet's pods and the sandbox lists (sharing their runtimes as here), pending work.
   * Not the silence watchers: the clone's node lifecycle controller registers its own.
   */
  clone(to: { readonly api: ApiServer; readonly events: EventRecorder }): KubeletManager {
    if (this.scheduled.size) throw new Error('kubelets: pending wake-ups cannot be cloned');
    const m = new KubeletManager(to.api, to.events, this.ipam.clone());
    for (const [name, f] of this.filesystems) m.watchFs(name, f.clone());
    const copies = new RuntimeCopies();
    for (const [name, k] of this.kubelets)
      m.kubelets.set(name, k.clone(to.api, to.events, m.ipam, m.fs(name), m, copies));
    for (const [name, list] of this.sandboxList)
      m.sandboxList.set(
        name,
        list.map((e) => ({ sandbox: copies.sandbox(e.sandbox), rt: copies.runtime(e.rt) })),
      );
    m.startupWakes.push(...this.startupWakes);
    m.dirty = new Set(this.dirty);
    for (const name of this.orphanCheck) m.orphanCheck.add(name);
    for (const [at, nodes] of this.wakeNodes) m.wakeNodes.set(at, new Set(nodes));
    m.wakeTimes.push(...this.wakeTimes);
    for (const [key, services] of this.linked) m.linked.set(key, [...services]);
    return m;
  }

  /** Sandboxes ever created on the node (removed ones flagged), in creation order. */
  sandboxes(nodeName: string): { sandbox: Sandbox; rt: PodRuntime }[] {
    let l = this.sandboxList.get(nodeName);
    if (!l) {
      l = [];
      this.sandboxList.set(nodeName, l);
    }
    return l;
  }

  forget(nodeName: string, rt: PodRuntime): void {
    const l = this.sandboxes(nodeName);
    const i = l.findIndex((x) => x.rt === rt);
    if (i >= 0) l.splice(i, 1);
  }

  services(pod: Pod): Service[] {
    // the same for every pod of a namespace until a Service changes (observe drops them)
    const key = `${pod.metadata.namespace ?? 'default'}\0${pod.spec.enableServiceLinks !== false}`;
    let out = this.linked.get(key);
    if (!out) {
      out = linkedServices(this.api.store, pod);
      this.linked.set(key, out);
    }
    return out;
  }

  /** Wakes the kubelets at `at`; start-up wake-ups are the ones settle() fast-forwards through. */
  wake(at: number, startup: boolean, nodeName: string): void {
    if (startup && !this.startupWakes.includes(at)) this.startupWakes.push(at);
    let nodes = this.wakeNodes.get(at);
    if (!nodes) {
      nodes = new Set();
      this.wakeNodes.set(at, nodes);
      this.pushWakeTime(at);
    }
    nodes.add(nodeName);
    if (this.scheduled.has(at)) return; // one timer per instant is enough to wake every kubelet
    this.scheduled.add(at);
    this.api.store.clock.at(at, () => {
      this.scheduled.delete(at);
      const i = this.startupWakes.indexOf(at);
      if (i >= 0) this.startupWakes.splice(i, 1);
    });
  }

  private readonly scheduled = new Set<number>();

  /** The earliest pending start-up wake-up, if any. */
  nextStartupWake(): number | undefined {
    return this.startupWakes.length ? Math.min(...this.startupWakes) : undefined;
  }

  /** The pod's container runtime view (undefined when no kubelet runs it). */
  runtimeFor(pod: Pod): PodRuntime | undefined {
    return pod.spec.nodeName ? this.kubelets.get(pod.spec.nodeName)?.runtimeFor(pod) : undefined;
  }

  instancesOf(pod: Pod, container: string): Instance[] {
    return pod.spec.nodeName ? (this.kubelets.get(pod.spec.nodeName)?.instancesOf(pod, container) ?? []) : [];
  }

  /** Whether the pod's sandbox runs (it holds its IP). */
  sandboxReady(pod: Pod): boolean {
    return !!this.runtimeFor(pod)?.sandbox?.ready;
  }

  /** The container listening on `port` in the pod (running containers only), if any: its behaviour listens there. */
  listener(pod: Pod, port: number): Container | undefined {
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      const running = this.instancesOf(pod, c.name).at(-1);
      if (!running || running.finishedAt !== undefined) continue;
      if (behaviourOf(pod, c).listens.includes(port)) return c;
    }
    return undefined;
  }

  /** Services a container of the pod got at start (now, if it has not started). */
  servicesAtStart(pod: Pod, container: string): Service[] {
    return this.instancesOf(pod, container).at(-1)?.services ?? this.services(pod);
  }

  /**
   * Marks the nodes whose wake-ups are due. Done at every sync rather than in the timer: the first
   * sync at or after the due time may follow another component's timer for the same instant.
   */
  private markDueWakes(now: number): void {
    const h = this.wakeTimes;
    while (h.length && h[0] <= now) {
      const at = h[0];
      const last = h.pop()!;
      if (h.length) {
        // sift `last` down from the root
        let i = 0;
        for (;;) {
          const l = 2 * i + 1,
            r = l + 1;
          let m = i,
            mv = last;
          if (l < h.length && h[l] < mv) {
            m = l;
            mv = h[l];
          }
          if (r < h.length && h[r] < mv) {
            m = r;
            mv = h[r];
          }
          if (m === i) break;
          h[i] = mv;
          i = m;
        }
        h[i] = last;
      }
      for (const n of this.wakeNodes.get(at) ?? []) this.dirty.add(n);
      this.wakeNodes.delete(at);
    }
  }

  private pushWakeTime(at: number): void {
    const h = this.wakeTimes;
    let i = h.push(at) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p] <= at) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = at;
  }

  sync(): boolean {
    this.markDueWakes(this.api.store.clock.now());
    for (const name of this.orphanCheck) if (!this.api.store.get('Node', undefined, name)) this.kubelets.delete(name);
    this.orphanCheck.clear();
    if (this.dirty.size === 0) return false;
    // node API order (names), as a pass over every node goes; a kubelet that changed something syncs again next round
    const names = [...this.dirty].sort();
    this.dirty = new Set();
    let changed = false;
    // the store's index replaces a node's list, never changes it, when its pods change: each kubelet gets a snapshot
    for (const name of names) {
      if (!this.api.store.get('Node', undefined, name)) continue;
      if (this.get(name).sync(this.api.store.podsOnNode<Pod>(name))) {
        changed = true;
        this.dirty.add(name);
      }
    }
    return changed;
  }
}
