// A small network model, enough for what the notes check by hand with curl (experiment P03):
// which pod or Service an address reaches, which ports a pod listens on, and the kubectl
// port-forwards that are running. A pod listens on the ports its running containers' behaviour
// listens on (the kubelet's container behaviour: the servers of well-known images listen on their image's
// port whether or not the spec declares a containerPort; declaring one opens nothing). Pod IPs
// are reachable from every node and pod (Calico); a ClusterIP forwards a Service port to the
// targetPort of a ready endpoint (kube-proxy); `localhost` is the pod itself inside a pod, and on
// the machine kubectl runs on (the cluster's first control-plane node) it reaches the
// port-forwards. What cannot be answered deterministically (a connection that times out: an
// address nobody owns, a Service port kube-proxy has no rule for) throws NotSupportedError.

import type { Container, Node, Pod, Service } from '../api/types.ts';
import { matchesMap } from '../api/selectors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { noSuchNodeMessage } from '../store/errors.ts';
import type { ObjectStore } from '../store/store.ts';

/** A running `kubectl port-forward`: local port → pod port (the pod identified by uid). */
export interface PortForward {
  localPort: number;
  podPort: number;
  namespace: string;
  pod: string;
  uid: string;
  address: string;
}

/** What the network needs from the node agents (the kubelets answer it). */
export interface PodRuntimes {
  /** The container listening on `port` in the pod now (running containers only), if any. */
  listener(pod: Pod, port: number): Container | undefined;
  /** Whether the pod's sandbox runs (it holds its IP). */
  sandboxReady(pod: Pod): boolean;
}

/** The cluster as the network sees it (a Cluster is one). */
export interface NetworkHost {
  readonly store: ObjectStore;
  readonly kubelets: PodRuntimes;
  /** The port-forwards started in this cluster (in start order). */
  readonly portForwards: PortForward[];
}

/** The node kubectl (and so every port-forward) runs on: the first control-plane node, else the first node. */
export function kubectlHost(cluster: NetworkHost): string | undefined {
  const nodes = cluster.store.list<Node>('Node');
  return (nodes.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ?? nodes[0])
    ?.metadata.name;
}

/** Ready, non-terminating pods selected by the Service (its endpoints), by name. */
export function endpoints(cluster: NetworkHost, svc: Service): Pod[] {
  const sel = svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0) return [];
  return cluster.store
    .list<Pod>('Pod', svc.metadata.namespace)
    .filter(
      (p) =>
        matchesMap(sel, p.metadata.labels) &&
        !p.metadata.deletionTimestamp &&
        !!p.status?.podIP &&
        p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
}

/**
 * The addresses of the kube-apiservers and their port, which kube-apiserver's endpoint reconciler
 * (pkg/controlplane/reconcilers, endpointsadapter.go) publishes as the endpoints of the `kubernetes`
 * Service in `default` (a Service without a selector): each kube-apiserver static pod's
 * `--advertise-address` (else its pod IP) and `--secure-port` (6443 by default). None when the
 * cluster has no kube-apiserver pod (a cluster built from node captures).
 */
export function apiServerEndpoints(cluster: Pick<NetworkHost, 'store'>): { ips: string[]; port: number } {
  const ips: string[] = [];
  let port = 6443;
  for (const p of cluster.store.list<Pod>('Pod', 'kube-system')) {
    if (p.metadata.labels?.component !== 'kube-apiserver' || p.metadata.deletionTimestamp) continue;
    const args = p.spec.containers.flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]);
    const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    const ip = flag('advertise-address') ?? p.status?.podIP;
    if (ip && !ips.includes(ip)) ips.push(ip);
    const secure = flag('secure-port');
    if (secure && /^\d+$/.test(secure)) port = Number(secure);
  }
  return { ips: ips.sort(), port };
}

/** Whether a Service is the API server's own (`kubernetes` in `default`), whose endpoints kube-apiserver keeps. */
export const isApiServerService = (svc: Service) =>
  svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes';

/**
 * podutil.FindPort: the pod port a Service port's targetPort names (a number as is, a name looked
 * up among the pod's container ports), undefined when the pod has no port of that name.
 */
export function targetPortOf(pod: Pod, sp: NonNullable<Service['spec']['ports']>[number]): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  return pod.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === tp)?.containerPort;
}

/** Where a TCP connection to ip:port ends up. */
export type Destination =
  | { kind: 'pod'; pod: Pod; port: number; container?: Container }
  | { kind: 'refused' }
  /** A port-forward whose pod port has no listener: kubectl accepts, then closes the connection. */
  | { kind: 'forward-failed'; forward: PortForward };

/** From where a connection is made. */
export type Origin = { node: string } | { pod: Pod };

/**
 * The pod that holds the address now: its sandbox runs. A finished pod keeps its IP in its status
 * but its sandbox is stopped and the address released (IPAM may have given it to another pod).
 */
function podByIP(cluster: NetworkHost, ip: string): Pod | undefined {
  return cluster.store
    .list<Pod>('Pod')
    .find((p) => !p.spec.hostNetwork && p.status?.podIP === ip && cluster.kubelets.sandboxReady(p));
}

function toPod(cluster: NetworkHost, pod: Pod, port: number): Destination {
  const container = cluster.kubelets.listener(pod, port);
  return container ? { kind: 'pod', pod, port, container } : { kind: 'refused' };
}

/** Resolves a connection to ip:port made from `from`. */
export function connect(cluster: NetworkHost, from: Origin, ip: string, port: number): Destination {
  if (ip === '127.0.0.1' || ip === 'localhost') {
    if ('pod' in from) return toPod(cluster, from.pod, port);
    if (from.node !== kubectlHost(cluster)) return { kind: 'refused' };
    const f = cluster.portForwards.filter((x) => x.localPort === port).at(-1);
    if (!f) return { kind: 'refused' };
    const pod = cluster.store.get<Pod>('Pod', f.namespace, f.pod);
    if (!pod || pod.metadata.uid !== f.uid) return { kind: 'refused' }; // kubectl port-forward exited: lost connection to pod
    const d = toPod(cluster, pod, f.podPort);
    return d.kind === 'refused' ? { kind: 'forward-failed', forward: f } : d;
  }
  const pod = podByIP(cluster, ip);
  if (pod) return toPod(cluster, pod, port);
  const svc = cluster.store.list<Service>('Service').find((s) => s.spec.clusterIP === ip);
  if (svc) {
    const sp = (svc.spec.ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp)
      throw new NotSupportedError(
        `a connection to ${ip}:${port}: Service ${svc.metadata.name} has no port ${port}, so the connection times out`,
      );
    const eps = endpoints(cluster, svc);
    if (eps.length === 0) return { kind: 'refused' }; // kube-proxy rejects traffic to a Service without endpoints
    // kube-proxy picks an endpoint at random; every endpoint runs the same template, so the first by name stands for them.
    const target = eps[0];
    const targetPort = targetPortOf(target, sp);
    if (targetPort === undefined) return { kind: 'refused' };
    return toPod(cluster, target, targetPort);
  }
  const nodes = cluster.store.list<Node>('Node');
  if (nodes.some((n) => n.status?.addresses?.some((a) => a.address === ip)))
    throw new NotSupportedError(`connections to a node address (${ip}: hostNetwork pods, NodePorts)`);
  throw new NotSupportedError(`a connection to ${ip}, which no pod or Service has: it would time out`);
}

/** A host name as the origin resolves it: pods use the cluster DNS, nodes only know IPs and localhost. */
export function resolveHost(
  cluster: NetworkHost,
  from: Origin,
  host: string,
  lookup: (name: string, ns: string) => string[],
): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host === 'localhost') return host;
  if ('pod' in from) return lookup(host, from.pod.metadata.namespace ?? 'default')[0];
  if (!cluster.store.get('Node', undefined, from.node))
    throw new UserError(noSuchNodeMessage(cluster.store, from.node));
  return undefined;
}
