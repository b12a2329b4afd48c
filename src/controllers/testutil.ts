// Test helpers for the controllers: a bare store + API server + event recorder (no scheduler,
// no kubelets), nodes, and a stand-in "binder+kubelet" that places pods and marks them Ready so
// controller tests do not depend on the scheduler.

import type { Component } from '../util/component.ts';
import type { CoreEvent, KubeObject, Node, Pod, Taint } from '../api/types.ts';
import { ApiServer } from '../store/apiserver.ts';
import { ServiceAccountsController } from './serviceaccounts.ts';
import { EventRecorder } from '../store/events.ts';
import { ObjectStore } from '../store/store.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';

export interface Harness {
  clock: VirtualClock;
  store: ObjectStore;
  api: ApiServer;
  events: EventRecorder;
}

export function harness(seed = 1): Harness {
  const clock = new VirtualClock();
  const store = new ObjectStore(clock, new Rng(seed, 1));
  const api = new ApiServer(store);
  // (the ServiceAccount controller creates a namespace's `default` account when admission asks for it)
  api.serviceAccounts = new ServiceAccountsController(api);
  return { clock, store, api, events: new EventRecorder(store) };
}

export function node(
  h: Harness,
  name: string,
  o: {
    labels?: Record<string, string>;
    taints?: Taint[];
    unschedulable?: boolean;
    ready?: 'True' | 'False' | 'Unknown';
  } = {},
): Node {
  return h.api.create<Node>({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: '2', memory: '2Gi', pods: 110 },
      conditions: [{ type: 'Ready', status: o.ready ?? 'True' }],
      addresses: [{ type: 'InternalIP', address: `10.0.0.${h.store.count('Node') + 1}` }],
    },
  });
}

/** Binds every unbound pod to `nodeName` and marks every pod Running + Ready (at the clock's time). */
export function fakeKubelet(h: Harness, nodeName = 'n1'): Component {
  return {
    name: 'fake-kubelet',
    sync(): boolean {
      let changed = false;
      for (const p of h.store.list<Pod>('Pod')) {
        if (p.metadata.deletionTimestamp) {
          h.store.remove('Pod', p.metadata.namespace, p.metadata.name!);
          changed = true;
          continue;
        }
        if (p.status?.phase === 'Running') continue;
        h.store.mutate<Pod>('Pod', p.metadata.namespace, p.metadata.name!, (x) => {
          x.spec.nodeName ||= nodeName;
          x.status = {
            phase: 'Running',
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: h.clock.iso() }],
          };
        });
        changed = true;
      }
      return changed;
    },
  };
}

export function settle(...components: Component[]): void {
  for (let i = 0; i < 1000; i++) {
    let changed = false;
    for (const c of components) if (c.sync()) changed = true;
    if (!changed) return;
  }
  throw new Error('did not settle');
}

export function eventsOf(h: Harness, obj: KubeObject): string[] {
  return h.events.for(obj).map((e: CoreEvent) => `${e.type} ${e.reason} ${e.source?.component}: ${e.message}`);
}

export const ownedBy = (o: KubeObject) => (p: KubeObject) =>
  p.metadata.ownerReferences?.some((r) => r.uid === o.metadata.uid && r.controller) ?? false;
