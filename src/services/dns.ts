// Cluster DNS as CoreDNS's kubernetes plugin answers pods: `<svc>.<ns>.svc.cluster.local` for
// every Service with a ClusterIP (even without endpoints); a headless Service resolves only when
// it has a ready pod; `<pod>.<svc>.<ns>.svc.cluster.local` for pods with hostname + subdomain
// (StatefulSets). Short names go through the pod's search path
// `<ns>.svc.cluster.local svc.cluster.local cluster.local` (ndots:5).

import type { Pod, Service } from '../api/types.ts';
import type { ObjectStore } from '../store/store.ts';
import { matchesMap } from '../api/selectors.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVER = '10.96.0.10';

const readyPods = (store: ObjectStore, s: Service) =>
  store
    .list<Pod>('Pod', s.metadata.namespace)
    .filter(
      (p) =>
        s.spec.selector &&
        Object.keys(s.spec.selector).length > 0 &&
        matchesMap(s.spec.selector, p.metadata.labels) &&
        p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') &&
        !!p.status.podIP &&
        !p.metadata.deletionTimestamp,
    );

/** The addresses of a fully qualified name (without trailing dot), empty when it does not exist. */
function lookupFqdn(store: ObjectStore, fqdn: string): string[] {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return [];
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length === 2) {
    const [name, ns] = parts;
    const s = store.get<Service>('Service', ns, name);
    if (!s) return [];
    if (s.spec.type === 'ExternalName') return [];
    if (s.spec.clusterIP && s.spec.clusterIP !== 'None') return [s.spec.clusterIP];
    return readyPods(store, s).map((p) => p.status!.podIP!);
  }
  if (parts.length === 3) {
    const [host, svc, ns] = parts;
    const s = store.get<Service>('Service', ns, svc);
    if (!s) return [];
    const p = store
      .list<Pod>('Pod', ns)
      .find((x) => (x.spec.hostname ?? x.metadata.name) === host && x.spec.subdomain === svc && x.status?.podIP);
    return p ? [p.status!.podIP!] : [];
  }
  return [];
}

/** What a pod in `namespace` gets for `name` (search path applied like ndots:5 does). */
export function lookup(store: ObjectStore, name: string, namespace: string): string[] {
  const n = name.replace(/\.$/, '').toLowerCase();
  const candidates = name.endsWith('.')
    ? [n]
    : [`${n}.${namespace}.svc.${CLUSTER_DOMAIN}`, `${n}.svc.${CLUSTER_DOMAIN}`, `${n}.${CLUSTER_DOMAIN}`, n];
  for (const c of candidates) {
    const ips = lookupFqdn(store, c);
    if (ips.length) return ips;
  }
  return [];
}

/** The resolv.conf the kubelet writes for a ClusterFirst pod. */
export function resolvConf(namespace: string): string {
  return `search ${namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_SERVER}\noptions ndots:5\n`;
}
