// Garbage collector (pkg/controller/garbagecollector), background propagation only: an object
// whose owners (matched by uid) are all gone is deleted through the API (so a bound pod is
// deleted gracefully); an object with some owners gone loses just the dangling references.
// Owners whose kind the simulator does not serve are left alone (they cannot be checked), and
// so are mirror pods: their owner is the Node and the kubelet, not the GC, manages them.

import type { Component } from '../cluster/component.ts';
import type { KubeObject, OwnerReference } from '../api/types.ts';
import { KINDS, kindInfo } from '../api/kinds.ts';
import type { ApiServer } from '../store/apiserver.ts';
import { ApiError } from '../store/errors.ts';
import type { ObjectStore } from '../store/store.ts';

export class GarbageCollector implements Component {
  readonly name = 'garbage-collector';
  private readonly store: ObjectStore;

  constructor(private readonly api: ApiServer) {
    this.store = api.store;
  }

  sync(): boolean {
    let changed = false;
    for (const info of KINDS) {
      if (info.kind === 'Event') continue;
      for (const obj of this.store.list(info.kind)) if (this.collect(obj)) changed = true;
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
