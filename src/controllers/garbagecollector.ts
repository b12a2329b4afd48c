// Garbage collector (pkg/controller/garbagecollector), background propagation only: an object
// whose owners (matched by uid) are all gone is deleted through the API (so a bound pod is
// deleted gracefully); an object with some owners gone loses just the dangling references.
// Like the real one it works from a dependency graph kept by watching: an object is looked at
// when it (or its owner references) changes, or when one of its owners is deleted.
// Owners whose kind the simulator does not serve are left alone (they cannot be checked), and
// so are mirror pods: their owner is the Node and the kubelet, not the GC, manages them.

import type { Component } from '../util/component.ts';
import type { KubeObject, OwnerReference } from '../api/types.ts';
import { KINDS, kindInfo } from '../api/kinds.ts';
import type { ApiServer } from '../store/apiserver.ts';
import { ApiError } from '../store/errors.ts';
import type { ObjectStore, WatchEvent } from '../store/store.ts';
import { sameJson } from '../util/json.ts';

interface Ref {
  kind: string;
  namespace?: string;
  name: string;
}

export class GarbageCollector implements Component {
  readonly name = 'garbage-collector';
  private readonly store: ObjectStore;
  /** owner uid → dependents (kind/namespace/name) that name it. */
  private readonly dependents = new Map<string, Map<string, Ref>>();
  /** Objects to look at on the next sync. */
  private dirty = new Map<string, Ref>();

  constructor(private readonly api: ApiServer) {
    this.store = api.store;
    for (const info of KINDS) {
      if (info.kind === 'Event') continue;
      for (const obj of this.store.values(info.kind)) this.observe({ type: 'ADDED', object: obj });
    }
    this.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    const o = e.object;
    if (o.kind === 'Event') return;
    // (most objects have no owners and own nothing: an ADDED one without owner references needs no key)
    if (e.type === 'ADDED' && !o.metadata.ownerReferences?.length) return;
    // an update that keeps the owner references changes nothing in the graph and queues nothing
    // (processGraphChanges in pkg/controller/garbagecollector/graph_builder.go: referencesDiffs)
    const refsBefore = e.old?.metadata.ownerReferences;
    if (
      e.type === 'MODIFIED' &&
      e.old &&
      (refsBefore === o.metadata.ownerReferences || sameJson(refsBefore ?? [], o.metadata.ownerReferences ?? []))
    )
      return;
    const ref: Ref = { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name! };
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    for (const r of e.old?.metadata.ownerReferences ?? []) this.dependents.get(r.uid)?.delete(key);
    if (e.type === 'DELETED') {
      for (const r of o.metadata.ownerReferences ?? []) this.dependents.get(r.uid)?.delete(key);
      const deps = this.dependents.get(o.metadata.uid!);
      if (deps) for (const [k, d] of deps) this.dirty.set(k, d);
      this.dependents.delete(o.metadata.uid!);
      return;
    }
    const refs = o.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    for (const r of refs) {
      let m = this.dependents.get(r.uid);
      if (!m) {
        m = new Map();
        this.dependents.set(r.uid, m);
      }
      m.set(key, ref);
    }
    this.dirty.set(key, ref);
  }

  /** The same collector over a clone of its cluster's store (Cluster.clone): the dependents graph and pending work. */
  clone(to: { readonly api: ApiServer }): GarbageCollector {
    const c = new GarbageCollector(to.api);
    c.dependents.clear();
    for (const [uid, deps] of this.dependents) c.dependents.set(uid, new Map(deps));
    c.dirty = new Map(this.dirty);
    return c;
  }

  sync(): boolean {
    let changed = false;
    while (this.dirty.size) {
      const batch = [...this.dirty.values()];
      this.dirty = new Map();
      for (const r of batch) {
        const obj = this.store.get(r.kind, r.namespace, r.name);
        if (obj && this.collect(obj)) changed = true;
      }
    }
    return changed;
  }

  private ownerExists(obj: KubeObject, ref: OwnerReference): boolean | undefined {
    const info = kindInfo(ref.kind);
    if (!info) return undefined;
    const owner = this.store.get(ref.kind, info.namespaced ? obj.metadata.namespace : undefined, ref.name);
    return owner?.metadata.uid === ref.uid;
  }

  private collect(obj: KubeObject): boolean {
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0 || obj.metadata.deletionTimestamp) return false;
    if (refs.some((r) => r.kind === 'Node')) return false;
    const exists = refs.map((r) => this.ownerExists(obj, r));
    if (exists.some((e) => e === undefined || e === true)) {
      const dangling = refs.filter((_, i) => exists[i] === false);
      if (dangling.length === 0) return false;
      this.store.mutate(obj.kind, obj.metadata.namespace, obj.metadata.name!, (o) => {
        o.metadata.ownerReferences = refs.filter((_, i) => exists[i] !== false);
      });
      return true;
    }
    try {
      this.api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: 'Background' });
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
    }
    return true;
  }
}
