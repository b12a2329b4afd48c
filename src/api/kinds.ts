// The kinds the simulated API server serves: group/version, whether namespaced, the plural
// resource name used in URLs and messages (`pods "x" already exists`), and kubectl's names.

export interface KindInfo {
  kind: string;
  group: string; // '' for the core group
  version: string;
  namespaced: boolean;
  plural: string; // resource name: pods, deployments
  singular: string; // kubectl name: pod, deployment
  shortNames: string[];
}

const K = (
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  plural: string,
  shortNames: string[] = [],
): KindInfo => ({ kind, group, version, namespaced, plural, singular: kind.toLowerCase(), shortNames });

export const KINDS: KindInfo[] = [
  K('Pod', '', 'v1', true, 'pods', ['po']),
  K('Node', '', 'v1', false, 'nodes', ['no']),
  K('Namespace', '', 'v1', false, 'namespaces', ['ns']),
  K('Service', '', 'v1', true, 'services', ['svc']),
  K('Event', '', 'v1', true, 'events', ['ev']),
  K('ConfigMap', '', 'v1', true, 'configmaps', ['cm']),
  K('Secret', '', 'v1', true, 'secrets'),
  K('ServiceAccount', '', 'v1', true, 'serviceaccounts', ['sa']),
  K('ReplicationController', '', 'v1', true, 'replicationcontrollers', ['rc']),
  K('Deployment', 'apps', 'v1', true, 'deployments', ['deploy']),
  K('ReplicaSet', 'apps', 'v1', true, 'replicasets', ['rs']),
  K('DaemonSet', 'apps', 'v1', true, 'daemonsets', ['ds']),
  K('StatefulSet', 'apps', 'v1', true, 'statefulsets', ['sts']),
  K('ControllerRevision', 'apps', 'v1', true, 'controllerrevisions'),
  K('Job', 'batch', 'v1', true, 'jobs'),
  K('PriorityClass', 'scheduling.k8s.io', 'v1', false, 'priorityclasses', ['pc']),
  K('PodDisruptionBudget', 'policy', 'v1', true, 'poddisruptionbudgets', ['pdb']),
];

/**
 * Kinds the served API lists that the simulator does not store (src/apiserver/computed.ts, read
 * only): ResourceQuotas and LimitRanges, of which a simulated cluster has none, and the
 * EndpointSlices the EndpointSlice controller would keep, computed from Services and their pods.
 * A real cluster serves them (`kubectl describe namespace|service` reads them), so discovery and
 * `kubectl api-resources` list them after the modelled kinds (API_KINDS).
 */
export const COMPUTED_KINDS: KindInfo[] = [
  K('LimitRange', '', 'v1', true, 'limitranges', ['limits']),
  K('ResourceQuota', '', 'v1', true, 'resourcequotas', ['quota']),
  K('EndpointSlice', 'discovery.k8s.io', 'v1', true, 'endpointslices'),
];

/** Every kind the served API lists: the modelled kinds, then the computed ones. */
export const API_KINDS: KindInfo[] = [...KINDS, ...COMPUTED_KINDS];

const byKind = new Map(KINDS.map((k) => [k.kind, k]));

/** The verbs every modelled resource serves (discovery's `verbs`, in kube-apiserver's sorted order). */
export const RESOURCE_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The kinds in the `all` category (their registries' Categories(), pkg/registry/<group>/<kind>/storage). */
const ALL_CATEGORY = new Set([
  'Pod',
  'Service',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
]);

/** Discovery's `categories` of a kind (empty when it has none). */
export function categoriesOf(kind: string): string[] {
  return ALL_CATEGORY.has(kind) ? ['all'] : [];
}

/**
 * The other kinds Kubernetes 1.33 serves in the group versions above (the resources their
 * discovery lists: staging/src/k8s.io/api/{core,apps,batch}/v1/register.go, served by
 * pkg/registry): a document of one of them is real but not modelled, whereas an unknown kind in
 * these group versions (`v1` Pdo) is the RESTMapper's "no matches for kind" on a real cluster too.
 */
const UNMODELLED_IN_SERVED_VERSIONS: Record<string, string[]> = {
  v1: [
    'Binding',
    'ComponentStatus',
    'Endpoints',
    'LimitRange',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'PodTemplate',
    'ResourceQuota',
  ],
  'apps/v1': [],
  'batch/v1': ['CronJob'],
  'policy/v1': [],
  'scheduling.k8s.io/v1': [],
};

/**
 * Whether a document of `kind` in `apiVersion` is a Kubernetes object the simulator does not
 * model (HorizontalPodAutoscaler, Ingress, RBAC, custom resources): one a real cluster could hold.
 */
export function isUnmodelledKind(kind: string, apiVersion: unknown): boolean {
  if (kind === 'List' || byKind.has(kind)) return false;
  const known = typeof apiVersion === 'string' ? UNMODELLED_IN_SERVED_VERSIONS[apiVersion] : undefined;
  return known === undefined || known.includes(kind);
}

export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** kubectl's resource argument (`po`, `pods`, `deployment.apps`, `Deployment`) → kind info (among `kinds`: the modelled ones by default). */
export function resolveResource(name: string, kinds: KindInfo[] = KINDS): KindInfo | undefined {
  const n = name.toLowerCase();
  const [base, ...groupParts] = n.split('.');
  const group = groupParts.join('.');
  return kinds.find(
    (k) => (k.plural === base || k.singular === base || k.shortNames.includes(base)) && (!group || k.group === group),
  );
}

/** `pod`, `deployment.apps`: the prefix kubectl prints in `deployment.apps/web created`. */
export function qualifiedName(info: KindInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

/** `pods`, `deployments.apps`: how API errors name the resource (`deployments.apps "web" not found`). */
export function qualifiedPlural(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}
