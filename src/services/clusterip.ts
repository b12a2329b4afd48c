// ClusterIP allocation for Services (pkg/registry/core/service/ipallocator): kubeadm's service CIDR 10.96.0.0/12.
// The first 256 addresses are the "static" band, used for dynamic allocation only when the
// upper range is exhausted (10.96.0.1 = kubernetes, 10.96.0.10 = kube-dns are set explicitly).
// Dynamic addresses are drawn from the cluster seed, so a run is reproducible. Runs as a
// component: a Service created without spec.clusterIP gets one on the next settle (the Services
// waiting for one are kept from the store's watch, so a sync does not scan every Service).

import type { Component } from '../util/component.ts';
import type { Service } from '../api/types.ts';
import { apiOrder, type ObjectStore, type WatchEvent } from '../store/store.ts';
import { Rng } from '../util/rng.ts';
import { NotSupportedError } from '../util/errors.ts';

const BASE = (10 << 24) | (96 << 16); // 10.96.0.0
const SIZE = 1 << 20; // /12
const STATIC_BAND = 256;

export const ipString = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Whether a Service gets a ClusterIP (not headless, not ExternalName). */
export function needsClusterIP(s: Service): boolean {
  return s.spec.type !== 'ExternalName' && s.spec.clusterIP !== 'None';
}

export class ClusterIPAllocator implements Component {
  readonly name = 'service-cluster-ip-allocator';
  private rng: Rng;
  /** Services that need a ClusterIP and have none (key namespace/name). */
  private pending = new Map<string, Service>();

  constructor(
    private readonly store: ObjectStore,
    seed: number,
  ) {
    this.rng = new Rng(seed, 7);
    for (const s of store.values<Service>('Service')) this.observe({ type: 'ADDED', object: s });
    store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    if (e.object.kind !== 'Service') return;
    const s = e.object as Service;
    const key = `${s.metadata.namespace ?? ''}/${s.metadata.name}`;
    if (e.type !== 'DELETED' && needsClusterIP(s) && !s.spec.clusterIP) this.pending.set(key, s);
    else this.pending.delete(key);
  }

  private used(): Set<string> {
    return new Set(
      [...this.store.values<Service>('Service')]
        .map((s) => s.spec.clusterIP)
        .filter((ip): ip is string => !!ip && ip !== 'None'),
    );
  }

  /** A free address: random in the upper range (network and broadcast excluded), else the static band. */
  allocate(): string {
    const used = this.used();
    const upper = SIZE - STATIC_BAND - 1;
    for (let tries = 0; tries < 64; tries++) {
      const ip = ipString(BASE + STATIC_BAND + this.rng.int(upper));
      if (!used.has(ip)) return ip;
    }
    for (let i = 1; i < SIZE - 1; i++) {
      const ip = ipString(BASE + ((i + STATIC_BAND) % (SIZE - 1)));
      if (!used.has(ip)) return ip;
    }
    throw new NotSupportedError('service CIDR 10.96.0.0/12 exhausted');
  }

  /** The same allocator over a clone of its cluster's store (Cluster.clone): its random stream at its position. */
  clone(to: { readonly store: ObjectStore }): ClusterIPAllocator {
    const c = new ClusterIPAllocator(to.store, 0);
    c.rng = this.rng.clone();
    c.pending = new Map(this.pending);
    return c;
  }

  sync(): boolean {
    if (this.pending.size === 0) return false;
    let changed = false;
    // API order, as a pass over every Service goes
    for (const s of [...this.pending.values()].sort(apiOrder)) {
      const ip = this.allocate();
      this.store.mutate<Service>('Service', s.metadata.namespace, s.metadata.name!, (x) => {
        x.spec.clusterIP = ip;
        x.spec.clusterIPs = [ip];
        x.spec.ipFamilies ??= ['IPv4'];
        x.spec.ipFamilyPolicy ??= 'SingleStack';
      });
      changed = true;
    }
    return changed;
  }
}
