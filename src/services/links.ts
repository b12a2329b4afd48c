// Service link variables (pkg/kubelet/envvars/envvars.go FromServices): the Docker-link style
// variables a container gets for each Service, and which Services a container started now gets
// them for (pkg/kubelet/kubelet_pods.go getServiceEnvVarMap: the pod's namespace when
// enableServiceLinks, and the `kubernetes` Service of default always).

import type { Pod, Service } from '../api/types.ts';
import type { ObjectStore } from '../store/store.ts';
import { needsClusterIP } from './clusterip.ts';

/** Docker-link style variables of one Service (FromServices). */
export function serviceLinkEnv(s: Service): [string, string][] {
  const ip = s.spec.clusterIP;
  const ports = s.spec.ports ?? [];
  if (!ip || ip === 'None' || ports.length === 0) return [];
  const prefix = s.metadata.name!.toUpperCase().replace(/-/g, '_');
  const out: [string, string][] = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(ports[0].port)],
  ];
  for (const p of ports)
    if (p.name) out.push([`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
  const proto0 = (ports[0].protocol ?? 'TCP').toLowerCase();
  out.push([`${prefix}_PORT`, `${proto0}://${ip}:${ports[0].port}`]);
  for (const p of ports) {
    const proto = p.protocol ?? 'TCP';
    const pre = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push(
      [pre, `${proto.toLowerCase()}://${ip}:${p.port}`],
      [`${pre}_PROTO`, proto.toLowerCase()],
      [`${pre}_PORT`, String(p.port)],
      [`${pre}_ADDR`, ip],
    );
  }
  return out;
}

/** The Services whose variables a container started now would get. */
export function linkedServices(store: ObjectStore, pod: Pod): Service[] {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec.enableServiceLinks !== false;
  // every name is unique in the result, so the sort below alone fixes the order
  const out = [...store.values<Service>('Service')]
    .filter((s) => s.metadata.namespace === ns)
    .filter(
      (s) =>
        needsClusterIP(s) && !!s.spec.clusterIP && (links || (ns === 'default' && s.metadata.name === 'kubernetes')),
    );
  if (ns !== 'default') {
    const k = store.get<Service>('Service', 'default', 'kubernetes');
    if (k && !out.some((s) => s.metadata.name === 'kubernetes')) out.push(k);
  }
  return out.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}
