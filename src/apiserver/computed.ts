// The read-only kinds of the served API that the simulator does not store (src/api/kinds.ts
// COMPUTED_KINDS): ResourceQuotas and LimitRanges, of which a simulated cluster has none (so
// `kubectl describe namespace` prints `No resource quota.` and `No LimitRange resource.` as on a
// real cluster: staging/src/k8s.io/kubectl/pkg/describe/describe.go NamespaceDescriber), and the
// EndpointSlices (discovery.k8s.io/v1) the EndpointSlice controller would keep for each Service
// with a selector (pkg/controller/endpointslice, staging/src/k8s.io/endpointslice/reconciler.go
// and utils.go), computed from the Service and its pods on every request: one slice per address
// type and per distinct set of endpoint ports, at most 100 endpoints each (maxEndpointsPerSlice),
// a placeholder slice without ports or endpoints when no pod qualifies; the name is the Service's
// name, `-` and 5 characters (generateName), stable for the Service and the port set. Writes are
// refused (405 MethodNotAllowed, `not supported yet: …`).

import { apiVersionOf, COMPUTED_KINDS, type KindInfo, qualifiedPlural } from '../api/kinds.ts';
import { matchesMap } from '../api/selectors.ts';
import type { KubeObject, Node, Pod, Service } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import type { WatchEvent } from '../store/store.ts';
import { apiServerEndpoints, isApiServerService, targetPortOf } from '../network/network.ts';
import { ApiError } from '../store/errors.ts';
import { fnv32a } from '../util/hash.ts';
import { SAFE_ALPHABET } from '../util/rng.ts';

const COMPUTED = new Set(COMPUTED_KINDS.map((k) => k.kind));

/** Whether a kind is served from computation, not from the store. */
export const isComputed = (kind: string) => COMPUTED.has(kind);

/** The answer to a write of a computed kind (what kube-apiserver answers a verb a resource does not serve). */
export function refuseWrite(info: KindInfo): ApiError {
  const why =
    info.kind === 'EndpointSlice'
      ? 'EndpointSlices are computed from Services and their pods (the EndpointSlice controller), and read-only'
      : `the simulator models no ${info.kind}s: every namespace has none`;
  return new ApiError('MethodNotAllowed', `not supported yet: writing ${qualifiedPlural(info)} (${why})`, 405);
}

/**
 * The objects of a computed kind in a namespace (all namespaces when undefined), in the store's
 * order (namespace, name). A label selector that names the Service (`kubernetes.io/service-name=x`,
 * what describe service asks for) limits the work to that Service's slices (the caller still
 * applies the whole selector).
 */
export function computedObjects(
  cluster: Cluster,
  kind: string,
  namespace?: string,
  labelSelector?: string | null,
): KubeObject[] {
  if (kind !== 'EndpointSlice') return [];
  const out: KubeObject[] = [];
  const only = /(?:^|,)\s*kubernetes\.io\/service-name\s*==?\s*([^,!=\s]+)\s*(?:,|$)/.exec(labelSelector ?? '')?.[1];
  const services =
    only === undefined
      ? cluster.store.list<Service>('Service', namespace)
      : namespace !== undefined
        ? [cluster.store.get<Service>('Service', namespace, only)].filter((s) => s !== undefined)
        : cluster.store.list<Service>('Service').filter((s) => s.metadata.name === only);
  for (const svc of services) out.push(...endpointSlices(cluster, svc));
  return out.sort((a, b) =>
    a.metadata.namespace === b.metadata.namespace
      ? cmp(a.metadata.name!, b.metadata.name!)
      : cmp(a.metadata.namespace!, b.metadata.namespace!),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One computed object by name, if it exists. */
export function computedObject(cluster: Cluster, kind: string, namespace: string | undefined, name: string) {
  if (kind !== 'EndpointSlice' || !namespace) return undefined;
  // a slice's name is its Service's name (kube-apiserver's own) or starts with it and `-`
  for (const svc of cluster.store.list<Service>('Service', namespace)) {
    if (name !== svc.metadata.name && !name.startsWith(`${svc.metadata.name}-`)) continue;
    const found = endpointSlices(cluster, svc).find((s) => s.metadata.name === name);
    if (found) return found;
  }
  return undefined;
}

const MAX_ENDPOINTS_PER_SLICE = 100;
const MANAGED_BY = 'endpointslice-controller.k8s.io';
const ENDPOINTSLICE = COMPUTED_KINDS.find((k) => k.kind === 'EndpointSlice')!;

interface EndpointPort {
  name: string;
  protocol: string;
  port: number;
  appProtocol?: string;
}

interface Endpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

type ServicePort = NonNullable<Service['spec']['ports']>[number] & { appProtocol?: string };

/** The Service's address types (getAddressTypesForService): its ipFamilies, else its ClusterIP's family, else both. */
function addressTypes(svc: Service): string[] {
  const families = (svc.spec.ipFamilies as string[] | undefined) ?? [];
  if (families.length) return families.map((f) => (f === 'IPv6' ? 'IPv6' : 'IPv4'));
  const ip = svc.spec.clusterIP;
  if (ip && ip !== 'None') return [ip.includes(':') ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/** endpointsliceutil.ShouldPodBeInEndpoints(pod, includeTerminating=true): an IP, and not finished. */
function inEndpoints(pod: Pod): boolean {
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  const phase = pod.status?.phase;
  const restart = pod.spec.restartPolicy ?? 'Always';
  if (restart === 'Never') return phase !== 'Failed' && phase !== 'Succeeded';
  if (restart === 'OnFailure') return phase !== 'Succeeded';
  return true;
}

/** getEndpointPorts: each Service port whose targetPort the pod has (FindPort), with the pod's port number. */
function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of (svc.spec.ports ?? []) as ServicePort[]) {
    const port = targetPortOf(pod, sp);
    if (port === undefined) continue;
    out.push({
      name: sp.name ?? '',
      protocol: sp.protocol ?? 'TCP',
      port,
      ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return out;
}

/** podToEndpoint: addresses of the type, ready/serving/terminating, nodeName, zone, hostname, targetRef. */
function podToEndpoint(cluster: Cluster, pod: Pod, svc: Service, addressType: string): Endpoint {
  const serving = !!pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const ips = pod.status?.podIPs?.length ? pod.status.podIPs.map((p) => p.ip) : [pod.status!.podIP!];
  const node = pod.spec.nodeName ? cluster.store.get<Node>('Node', undefined, pod.spec.nodeName) : undefined;
  const zone = node?.metadata.labels?.['topology.kubernetes.io/zone'];
  const spec = pod.spec as { hostname?: string; subdomain?: string };
  return {
    addresses: ips.filter((ip) => ip.includes(':') === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
    // endpointutil.ShouldSetHostname
    ...(spec.hostname && spec.subdomain === svc.metadata.name ? { hostname: spec.hostname } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/**
 * The slice kube-apiserver keeps for the `kubernetes` Service (endpointsadapter.go
 * endpointSliceFromEndpoints): named after it, only the service-name label, IPv4, each
 * kube-apiserver's address ready, the port `https`.
 */
function apiServerSlice(cluster: Cluster, svc: Service): KubeObject[] {
  const { ips, port } = apiServerEndpoints(cluster);
  if (ips.length === 0) return [];
  const rv = Math.max(
    Number(svc.metadata.resourceVersion ?? 0),
    ...cluster.store
      .list<Pod>('Pod', 'kube-system')
      .filter((p) => p.metadata.labels?.component === 'kube-apiserver')
      .map((p) => Number(p.metadata.resourceVersion ?? 0)),
  );
  return [
    {
      kind: 'EndpointSlice',
      apiVersion: apiVersionOf(ENDPOINTSLICE),
      metadata: {
        name: svc.metadata.name,
        namespace: svc.metadata.namespace,
        uid: uidOf(`${svc.metadata.uid}/apiserver`),
        resourceVersion: String(rv),
        generation: 1,
        creationTimestamp: svc.metadata.creationTimestamp,
        labels: { 'kubernetes.io/service-name': svc.metadata.name! },
      },
      addressType: 'IPv4',
      endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [{ name: 'https', protocol: 'TCP', port }],
    } as unknown as KubeObject,
  ];
}

/** A stable 5-character generateName suffix (the API server draws it at random when the controller creates the slice). */
function suffix(seed: string): string {
  let h = fnv32a(Buffer.from(seed));
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += SAFE_ALPHABET[h % SAFE_ALPHABET.length];
    h = Math.floor(h / SAFE_ALPHABET.length) || fnv32a(Buffer.from(`${seed}/${i}`));
  }
  return s;
}

/** A stable uid in the UUID form, from a seed. */
function uidOf(seed: string): string {
  const hex = [0, 1, 2, 3]
    .map((i) =>
      fnv32a(Buffer.from(`${seed}#${i}`))
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The EndpointSlices the EndpointSlice controller keeps for a Service (none without a selector). */
export function endpointSlices(cluster: Cluster, svc: Service): KubeObject[] {
  if (isApiServerService(svc)) return apiServerSlice(cluster, svc);
  const sel = svc.spec.selector;
  if (!sel) return [];
  const ns = svc.metadata.namespace!;
  const pods = Object.keys(sel).length
    ? cluster.store.list<Pod>('Pod', ns).filter((p) => matchesMap(sel, p.metadata.labels) && inEndpoints(p))
    : [];
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {}))
    if (
      ![
        'kubernetes.io/service-name',
        'endpointslice.kubernetes.io/managed-by',
        'service.kubernetes.io/headless',
      ].includes(k)
    )
      labels[k] = v;
  if (!svc.spec.clusterIP || svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  labels['kubernetes.io/service-name'] = svc.metadata.name!;
  labels['endpointslice.kubernetes.io/managed-by'] = MANAGED_BY;
  const out: KubeObject[] = [];
  const slice = (addressType: string, key: string, ports: EndpointPort[], endpoints: Endpoint[], rv: number) => {
    const seed = `${svc.metadata.uid}/${addressType}/${key}`;
    const sortedLabels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => cmp(a, b)));
    out.push({
      kind: 'EndpointSlice',
      apiVersion: apiVersionOf(ENDPOINTSLICE),
      metadata: {
        name: `${svc.metadata.name}-${suffix(seed)}`,
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        uid: uidOf(seed),
        resourceVersion: String(rv),
        generation: 1,
        creationTimestamp: svc.metadata.creationTimestamp,
        labels: sortedLabels,
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            name: svc.metadata.name!,
            uid: svc.metadata.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType,
      // an empty list is stored as none: a real cluster answers null
      endpoints: endpoints.length ? endpoints : null,
      ports: ports.length ? ports : null,
    } as unknown as KubeObject);
  };
  const svcRv = Number(svc.metadata.resourceVersion ?? 0);
  for (const addressType of addressTypes(svc)) {
    // pods grouped by their endpoint ports (the reconciler's endpointMeta), in pod order
    const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[]; rv: number }>();
    for (const pod of pods) {
      const ep = podToEndpoint(cluster, pod, svc, addressType);
      if (ep.addresses.length === 0) continue;
      const ports = endpointPorts(svc, pod);
      const key = JSON.stringify(ports);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { ports, endpoints: [], rv: svcRv }));
      g.endpoints.push(ep);
      g.rv = Math.max(g.rv, Number(pod.metadata.resourceVersion ?? 0));
    }
    if (groups.size === 0) {
      // the placeholder slice: no ports, no endpoints
      slice(addressType, 'placeholder', [], [], svcRv);
      continue;
    }
    for (const [key, g] of groups) {
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE)
        slice(addressType, `${key}/${i}`, g.ports, g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE), g.rv);
    }
  }
  return out;
}

/**
 * A watch of a computed kind (the events a watch of the stored slices would carry): the
 * EndpointSlices of a Service are computed again whenever the Service or a pod it selects (before
 * or after the change) changes, and each slice that appeared, changed or went is one event.
 * ResourceQuotas and LimitRanges never change. Returns the function that ends the watch.
 */
export function watchComputed(
  cluster: Cluster,
  kind: string,
  namespace: string | undefined,
  onEvent: (e: WatchEvent) => void,
): () => void {
  if (kind !== 'EndpointSlice') return () => {};
  const known = new Map<string, Map<string, KubeObject>>(); // ns/service → slice name → slice
  const key = (svc: Service) => `${svc.metadata.namespace}/${svc.metadata.name}`;
  const byName = (slices: KubeObject[]) => new Map(slices.map((o) => [o.metadata.name!, o]));
  for (const svc of cluster.store.list<Service>('Service', namespace))
    known.set(key(svc), byName(endpointSlices(cluster, svc)));
  const resync = (svc: Service, gone: boolean) => {
    const before = known.get(key(svc)) ?? new Map<string, KubeObject>();
    const now = gone ? new Map<string, KubeObject>() : byName(endpointSlices(cluster, svc));
    for (const [name, o] of before) if (!now.has(name)) onEvent({ type: 'DELETED', object: o });
    for (const [name, o] of now) {
      const old = before.get(name);
      if (!old) onEvent({ type: 'ADDED', object: o });
      else if (JSON.stringify(old) !== JSON.stringify(o)) onEvent({ type: 'MODIFIED', object: o, old });
    }
    if (gone) known.delete(key(svc));
    else known.set(key(svc), now);
  };
  return cluster.store.watch((e) => {
    const ns = e.object.metadata.namespace;
    if (namespace && ns !== namespace) return;
    if (e.object.kind === 'Service') resync(e.object as Service, e.type === 'DELETED');
    else if (e.object.kind === 'Pod') {
      const labels = [e.object.metadata.labels, e.old?.metadata.labels];
      for (const svc of cluster.store.list<Service>('Service', ns)) {
        const sel = svc.spec.selector;
        if (sel && Object.keys(sel).length && labels.some((l) => matchesMap(sel, l))) resync(svc, false);
      }
    }
  });
}

/** listWithMoreString (pkg/printers/internalversion/printers.go): at most 3, then `+ N more...`; `<unset>` when empty. */
function listWithMore(values: string[]): string {
  if (values.length > 3) return `${values.slice(0, 3).join(',')} + ${values.length - 3} more...`;
  return values.length ? values.join(',') : '<unset>';
}

/**
 * The server-side table of a computed kind, header then rows (undefined for the kinds that never
 * have objects): printEndpointSlice's NAME, ADDRESSTYPE, PORTS (formatDiscoveryPorts), ENDPOINTS
 * (formatDiscoveryEndpoints: every address) and AGE.
 */
export function computedTable(
  kind: string,
  objs: KubeObject[],
  age: (o: KubeObject) => string,
): string[][] | undefined {
  if (kind !== 'EndpointSlice') return undefined;
  const rows = objs.map((o) => {
    const s = o as unknown as { addressType: string; ports: EndpointPort[] | null; endpoints: Endpoint[] | null };
    return [
      o.metadata.name!,
      s.addressType,
      listWithMore((s.ports ?? []).map((p) => String(p.port ?? p.name ?? '*'))),
      listWithMore((s.endpoints ?? []).flatMap((e) => e.addresses)),
      age(o),
    ];
  });
  return [['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], ...rows];
}
