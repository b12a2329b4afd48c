// API discovery as kube-apiserver 1.33 serves it: /version, the aggregated documents
// (apidiscovery.k8s.io/v2 APIGroupDiscoveryList at /api and /apis, which kubectl 1.33 asks for
// first: staging/src/k8s.io/client-go/discovery/aggregated_discovery.go) and the legacy ones
// (APIVersions, APIGroupList, APIResourceList per group version) for clients that ask for
// plain JSON. Resources are the modelled kinds (src/api/kinds.ts) with their subresources, and the
// read-only computed kinds (computed.ts).

import { API_KINDS, categoriesOf, type KindInfo, RESOURCE_VERBS } from '../api/kinds.ts';
import { K8S_VERSION } from '../cluster/bootstrap.ts';

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

const VERBS = RESOURCE_VERBS;

/** Subresources served per kind (pkg/registry/<group>/<kind>/storage): name → verbs (kind of the response when not the parent's). */
const SUBRESOURCES: Record<string, [string, string[], string?, string?][]> = {
  Pod: [
    ['binding', ['create'], 'Binding', 'v1'],
    ['eviction', ['create'], 'Eviction', 'policy/v1'],
    ['log', ['get'], 'Pod'],
    ['status', ['get', 'patch', 'update']],
  ],
  Node: [['status', ['get', 'patch', 'update']]],
  Namespace: [['status', ['get', 'patch', 'update']]],
  Service: [['status', ['get', 'patch', 'update']]],
  ReplicationController: [
    ['scale', ['get', 'patch', 'update'], 'Scale', 'autoscaling/v1'],
    ['status', ['get', 'patch', 'update']],
  ],
  Deployment: [
    ['scale', ['get', 'patch', 'update'], 'Scale', 'autoscaling/v1'],
    ['status', ['get', 'patch', 'update']],
  ],
  ReplicaSet: [
    ['scale', ['get', 'patch', 'update'], 'Scale', 'autoscaling/v1'],
    ['status', ['get', 'patch', 'update']],
  ],
  StatefulSet: [
    ['scale', ['get', 'patch', 'update'], 'Scale', 'autoscaling/v1'],
    ['status', ['get', 'patch', 'update']],
  ],
  DaemonSet: [['status', ['get', 'patch', 'update']]],
  Job: [['status', ['get', 'patch', 'update']]],
  PodDisruptionBudget: [['status', ['get', 'patch', 'update']]],
};

export function versionInfo(): Record<string, string> {
  const [major, minor] = K8S_VERSION.slice(1).split('.');
  return {
    major,
    minor,
    gitVersion: K8S_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-05-15T08:19:24Z',
    goVersion: 'go1.24.2',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** The group versions served, core first: [group, version]. */
export function groupVersions(): [string, string][] {
  const seen: [string, string][] = [];
  for (const k of API_KINDS)
    if (!seen.some(([g, v]) => g === k.group && v === k.version)) seen.push([k.group, k.version]);
  return seen;
}

const kindsOf = (group: string, version: string): KindInfo[] =>
  API_KINDS.filter((k) => k.group === group && k.version === version);
const gv = (group: string, version: string) => (group ? `${group}/${version}` : version);

export function apiVersions(): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
  };
}

export function apiGroupList(): unknown {
  const groups = groupVersions()
    .filter(([g]) => g !== '')
    .map(([g, v]) => ({
      name: g,
      versions: [{ groupVersion: gv(g, v), version: v }],
      preferredVersion: { groupVersion: gv(g, v), version: v },
    }));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** Legacy discovery of one group version (undefined when not served). */
export function apiResourceList(group: string, version: string): unknown {
  const kinds = kindsOf(group, version);
  if (kinds.length === 0) return undefined;
  const resources: unknown[] = [];
  for (const k of kinds) {
    resources.push({
      name: k.plural,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: VERBS,
      ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
      ...(categoriesOf(k.kind).length ? { categories: categoriesOf(k.kind) } : {}),
    });
    for (const [name, verbs, kind, subVersion] of SUBRESOURCES[k.kind] ?? []) {
      const [g, v] = subVersion?.includes('/') ? subVersion.split('/') : ['', subVersion];
      resources.push({
        name: `${k.plural}/${name}`,
        singularName: '',
        namespaced: k.namespaced,
        ...(kind && g ? { group: g, version: v } : {}),
        kind: kind ?? k.kind,
        verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources };
}

/** The aggregated discovery document of /api (core) or /apis (every named group). */
export function aggregatedDiscovery(core: boolean): unknown {
  const items = groupVersions()
    .filter(([g]) => (g === '') === core)
    .map(([g, v]) => ({
      metadata: { name: g, creationTimestamp: null },
      versions: [
        {
          version: v,
          resources: kindsOf(g, v).map((k) => ({
            resource: k.plural,
            responseKind: { group: g, version: v, kind: k.kind },
            scope: k.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: k.singular,
            verbs: VERBS,
            ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
            ...(categoriesOf(k.kind).length ? { categories: categoriesOf(k.kind) } : {}),
            ...(SUBRESOURCES[k.kind]
              ? {
                  subresources: SUBRESOURCES[k.kind].map(([name, verbs, kind, subVersion]) => {
                    const [sg, sv] = subVersion?.includes('/') ? subVersion.split('/') : ['', subVersion ?? v];
                    return {
                      subresource: name,
                      responseKind: kind ? { group: sg, version: sv, kind } : { group: g, version: v, kind: k.kind },
                      verbs,
                    };
                  }),
                }
              : {}),
          })),
          freshness: 'Current',
        },
      ],
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
