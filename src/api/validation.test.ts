import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster } from '../cluster/cluster.ts';
import { ApiError } from '../store/errors.ts';
import { loadManifests } from './manifest.ts';
import type { KubeObject } from './types.ts';
import { validateObject, validateUpdate } from './validation.ts';
import { canonicalQuantity } from './quantity.ts';
import { DNS1123_SUBDOMAIN_MSG, isQualifiedName } from './validation/names.ts';
import { applyDefaults } from './defaults.ts';

// Tests build objects of every wrong shape, as users write them, and read fields of the results.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Any = any;

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QNAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

function pod(mutate: (p: Any) => void = () => {}): KubeObject {
  const p: Any = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  };
  mutate(p);
  return p;
}

function deployment(mutate: (d: Any) => void = () => {}): KubeObject {
  const d: Any = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  };
  mutate(d);
  return d;
}

/** The message the API server returns for creating this object (the full pipeline: defaults, admission, validation). */
function createError(obj: KubeObject): string {
  const cluster = new Cluster();
  try {
    cluster.api.prepareCreate(obj);
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
    return e.message;
  }
  return '(accepted)';
}

const invalidCases: [string, KubeObject, string][] = [
  [
    'pod name must be a DNS-1123 subdomain',
    pod((p) => {
      p.metadata.name = 'Web_1';
    }),
    `Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${DNS1123_SUBDOMAIN_MSG}`,
  ],
  [
    'a name or generateName is required',
    pod((p) => {
      delete p.metadata.name;
    }),
    'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
  ],
  [
    'namespace names are DNS-1123 labels',
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } },
    'Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots',
  ],
  [
    'service names are DNS-1035 labels',
    { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } } as KubeObject,
    `Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035_MSG}`,
  ],
  [
    'label values must be valid',
    pod((p) => {
      p.metadata.labels = { app: 'web server' };
    }),
    `Pod "web" is invalid: metadata.labels: Invalid value: "web server": ${LABEL_VALUE_MSG}`,
  ],
  [
    'label keys must be qualified names',
    pod((p) => {
      p.metadata.labels = { '-app': 'web' };
    }),
    `Pod "web" is invalid: metadata.labels: Invalid value: "-app": ${QNAME_PART}`,
  ],
  [
    'label key prefixes must be DNS subdomains',
    pod((p) => {
      p.metadata.labels = { 'Example.com/app': 'web' };
    }),
    `Pod "web" is invalid: metadata.labels: Invalid value: "Example.com/app": prefix part ${DNS1123_SUBDOMAIN_MSG}`,
  ],
  [
    'containers are required',
    pod((p) => {
      p.spec.containers = [];
    }),
    'Pod "web" is invalid: spec.containers: Required value',
  ],
  [
    'container image is required',
    pod((p) => {
      delete p.spec.containers[0].image;
    }),
    'Pod "web" is invalid: spec.containers[0].image: Required value',
  ],
  [
    'container names are DNS-1123 labels',
    pod((p) => {
      p.spec.containers[0].name = 'Web';
    }),
    `Pod "web" is invalid: spec.containers[0].name: Invalid value: "Web": ${LABEL_MSG}`,
  ],
  [
    'container names are unique',
    pod((p) => {
      p.spec.containers.push({ name: 'web', image: 'busybox' });
    }),
    'Pod "web" is invalid: spec.containers[1].name: Duplicate value: "web"',
  ],
  [
    'init container names may not repeat regular ones',
    pod((p) => {
      p.spec.initContainers = [{ name: 'web', image: 'busybox' }];
    }),
    'Pod "web" is invalid: spec.initContainers[0].name: Duplicate value: "web"',
  ],
  [
    'container ports are 1-65535',
    pod((p) => {
      p.spec.containers[0].ports = [{ containerPort: 70000 }];
    }),
    'Pod "web" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  ],
  [
    'container port protocol must be TCP, UDP or SCTP',
    pod((p) => {
      p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'HTTP' }];
    }),
    'Pod "web" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
  ],
  [
    'port names must contain a letter',
    pod((p) => {
      p.spec.containers[0].ports = [{ containerPort: 80, name: '8080' }];
    }),
    'Pod "web" is invalid: spec.containers[0].ports[0].name: Invalid value: "8080": must contain at least one letter (a-z)',
  ],
  [
    'imagePullPolicy values',
    pod((p) => {
      p.spec.containers[0].imagePullPolicy = 'Sometimes';
    }),
    'Pod "web" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
  ],
  [
    'requests may not exceed limits',
    pod((p) => {
      p.spec.containers[0].resources = { requests: { cpu: '2' }, limits: { cpu: '1' } };
    }),
    'Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  ],
  [
    'requests may not exceed limits (memory, canonical quantities)',
    pod((p) => {
      p.spec.containers[0].resources = { requests: { memory: '2048Mi' }, limits: { memory: '1Gi' } };
    }),
    'Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
  ],
  [
    'quantities may not be negative',
    pod((p) => {
      p.spec.containers[0].resources = { requests: { cpu: '-500m' } };
    }),
    'Pod "web" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: "-500m": must be greater than or equal to 0',
  ],
  [
    'resource names must be standard for containers',
    pod((p) => {
      p.spec.containers[0].resources = { limits: { cpus: '1' } };
    }),
    'Pod "web" is invalid: [spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified, spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers, spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified, spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers]',
  ],
  [
    'extended resources may not be overcommitted',
    pod((p) => {
      p.spec.containers[0].resources = { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } };
    }),
    'Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
  ],
  [
    'extended resources are whole numbers',
    pod((p) => {
      p.spec.containers[0].resources = { limits: { 'nvidia.com/gpu': '500m' } };
    }),
    'Pod "web" is invalid: [spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer, spec.containers[0].resources.requests[nvidia.com/gpu]: Invalid value: "500m": must be an integer]',
  ],
  [
    'a readinessProbe on a regular init container is rejected',
    pod((p) => {
      p.spec.initContainers = [{ name: 'init', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } }];
    }),
    'Pod "web" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
  ],
  [
    'a livenessProbe on a regular init container is rejected',
    pod((p) => {
      p.spec.initContainers = [{ name: 'init', image: 'busybox', livenessProbe: { tcpSocket: { port: 80 } } }];
    }),
    'Pod "web" is invalid: spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
  ],
  [
    'init container restartPolicy may only be Always',
    pod((p) => {
      p.spec.initContainers = [{ name: 'init', image: 'busybox', restartPolicy: 'OnFailure' }];
    }),
    'Pod "web" is invalid: spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
  ],
  [
    'regular containers may not set restartPolicy',
    pod((p) => {
      p.spec.containers[0].restartPolicy = 'Always';
    }),
    'Pod "web" is invalid: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
  ],
  [
    'a probe needs a handler',
    pod((p) => {
      p.spec.containers[0].readinessProbe = { periodSeconds: 5 };
    }),
    'Pod "web" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type',
  ],
  [
    'a livenessProbe successThreshold must be 1',
    pod((p) => {
      p.spec.containers[0].livenessProbe = { httpGet: { port: 80 }, successThreshold: 2 };
    }),
    'Pod "web" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
  ],
  [
    'pod restartPolicy values',
    pod((p) => {
      p.spec.restartPolicy = 'Sometimes';
    }),
    'Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  ],
  [
    'nodeSelector values are label values',
    pod((p) => {
      p.spec.nodeSelector = { cpu: '2 cores' };
    }),
    `Pod "web" is invalid: spec.nodeSelector: Invalid value: "2 cores": ${LABEL_VALUE_MSG}`,
  ],
  [
    'toleration operator Exists takes no value',
    pod((p) => {
      p.spec.tolerations = [{ key: 'role', operator: 'Exists', value: 'web', effect: 'NoSchedule' }];
    }),
    `Pod "web" is invalid: spec.tolerations[0].operator: Invalid value: "web": value must be empty when \`operator\` is 'Exists'`,
  ],
  [
    'an empty toleration key needs operator Exists',
    pod((p) => {
      p.spec.tolerations = [{ operator: 'Equal', value: 'x' }];
    }),
    'Pod "web" is invalid: spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  ],
  [
    'toleration effects',
    pod((p) => {
      p.spec.tolerations = [{ key: 'role', operator: 'Equal', value: 'web', effect: 'NoSchedul' }];
    }),
    'Pod "web" is invalid: spec.tolerations[0].effect: Unsupported value: "NoSchedul": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  ],
  [
    'tolerationSeconds needs effect NoExecute',
    pod((p) => {
      p.spec.tolerations = [{ key: 'role', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }];
    }),
    'Pod "web" is invalid: spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
  ],
  [
    'toleration operators',
    pod((p) => {
      p.spec.tolerations = [{ key: 'role', operator: 'In', value: 'web' }];
    }),
    'Pod "web" is invalid: spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
  ],
  [
    'node affinity In needs values',
    pod((p) => {
      p.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'In' }] }],
          },
        },
      };
    }),
    "Pod \"web\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
  ],
  [
    'node affinity Exists takes no values',
    pod((p) => {
      p.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'Exists', values: ['ssd'] }] }],
          },
        },
      };
    }),
    "Pod \"web\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
  ],
  [
    'node affinity Gt takes one value',
    pod((p) => {
      p.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['2', '4'] }] }],
          },
        },
      };
    }),
    "Pod \"web\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
  ],
  [
    'node selector operators',
    pod((p) => {
      p.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'Equals', values: ['ssd'] }] }],
          },
        },
      };
    }),
    'Pod "web" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
  ],
  [
    'required node affinity needs a term',
    pod((p) => {
      p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } };
    }),
    'Pod "web" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
  ],
  [
    'preferred node affinity weight is 1-100',
    pod((p) => {
      p.spec.affinity = {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 0, preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } },
          ],
        },
      };
    }),
    'Pod "web" is invalid: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
  ],
  [
    'pod affinity label selector operators',
    pod((p) => {
      p.spec.affinity = {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['db'] }] },
              topologyKey: 'kubernetes.io/hostname',
            },
          ],
        },
      };
    }),
    'Pod "web" is invalid: spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
  ],
  [
    'pod anti-affinity needs a topologyKey',
    pod((p) => {
      p.spec.affinity = {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } } }],
        },
      };
    }),
    `Pod "web" is invalid: [spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty, spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty, spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": ${QNAME_PART}]`,
  ],
  [
    'weighted pod affinity weight is 1-100',
    pod((p) => {
      p.spec.affinity = {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 101, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' } },
          ],
        },
      };
    }),
    'Pod "web" is invalid: spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100',
  ],
  [
    'topology spread maxSkew must be positive',
    pod((p) => {
      p.spec.topologySpreadConstraints = [
        {
          maxSkew: 0,
          topologyKey: 'zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'web' } },
        },
      ];
    }),
    'Pod "web" is invalid: spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
  ],
  [
    'topology spread whenUnsatisfiable values',
    pod((p) => {
      p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'Never' }];
    }),
    'Pod "web" is invalid: spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"',
  ],
  [
    'topology spread constraints may not repeat {topologyKey, whenUnsatisfiable}',
    pod((p) => {
      p.spec.topologySpreadConstraints = [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
        { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
      ];
    }),
    'Pod "web" is invalid: spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"',
  ],
  [
    'minDomains needs DoNotSchedule',
    pod((p) => {
      p.spec.topologySpreadConstraints = [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 },
      ];
    }),
    'Pod "web" is invalid: spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
  ],
  [
    'topology spread needs a topologyKey',
    pod((p) => {
      p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule' }];
    }),
    'Pod "web" is invalid: spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty',
  ],
  [
    'preemptionPolicy values',
    pod((p) => {
      p.spec.preemptionPolicy = 'Sometimes';
    }),
    'Pod "web" is invalid: spec.preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"',
  ],
  [
    'nodeName must be a DNS subdomain',
    pod((p) => {
      p.spec.nodeName = 'W1_K8S';
    }),
    `Pod "web" is invalid: spec.nodeName: Invalid value: "W1_K8S": ${DNS1123_SUBDOMAIN_MSG}`,
  ],
  [
    'nodeName cannot be set while scheduling gates remain',
    pod((p) => {
      p.spec.nodeName = 'w1';
      p.spec.schedulingGates = [{ name: 'example.com/gate' }];
    }),
    'Pod "web" is invalid: spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
  ],
  [
    'volume mounts must name a volume',
    pod((p) => {
      p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }];
    }),
    'Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
  ],
  [
    'env var names may not contain =',
    pod((p) => {
      p.spec.containers[0].env = [{ name: 'A=B', value: '1' }];
    }),
    `Pod "web" is invalid: spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
  ],
  [
    'deployment selector must match template labels',
    deployment((d) => {
      d.spec.template.metadata.labels = { app: 'nginx' };
    }),
    'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
  ],
  [
    'deployment selector is required',
    deployment((d) => {
      delete d.spec.selector;
    }),
    'Deployment.apps "web" is invalid: spec.selector: Required value',
  ],
  [
    'deployment replicas may not be negative',
    deployment((d) => {
      d.spec.replicas = -1;
    }),
    'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  ],
  [
    'workload pods must restart Always',
    deployment((d) => {
      d.spec.template.spec.restartPolicy = 'Never';
    }),
    'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  ],
  [
    'replicaset selector must match template labels',
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs' },
      spec: {
        selector: { matchLabels: { tier: 'frontend' } },
        template: {
          metadata: { labels: { tier: 'nginx' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    } as KubeObject,
    'ReplicaSet.apps "rs" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"tier":"nginx"}: `selector` does not match template `labels`',
  ],
  [
    'daemonset template errors carry the template path',
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent' }] } },
      },
    } as KubeObject,
    'DaemonSet.apps "agent" is invalid: spec.template.spec.containers[0].image: Required value',
  ],
  [
    'node podCIDRs are CIDRs (a podCIDR alone is checked as podCIDRs[0])',
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'w1' }, spec: { podCIDR: '10.244.1.0' } } as KubeObject,
    'Node "w1" is invalid: spec.podCIDRs[0]: Invalid value: "10.244.1.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
  ],
  [
    'node podCIDRs hold one CIDR per IP family',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'w1' },
      spec: { podCIDRs: ['10.244.1.0/24', '10.244.2.0/24'] },
    } as KubeObject,
    'Node "w1" is invalid: spec.podCIDRs: Invalid value: []string{"10.244.1.0/24", "10.244.2.0/24"}: may specify no more than one CIDR for each IP family',
  ],
  [
    'statefulset selector is required (ValidateStatefulSetSpec)',
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'redis' }] } },
      },
    } as KubeObject,
    'StatefulSet.apps "db" is invalid: spec.selector: Required value',
  ],
  [
    'statefulset selector may not be empty',
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        selector: {},
        serviceName: 'db',
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'redis' }] } },
      },
    } as KubeObject,
    'StatefulSet.apps "db" is invalid: spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
  ],
  [
    'statefulset selector must match template labels',
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        selector: { matchLabels: { app: 'cache' } },
        serviceName: 'db',
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'redis' }] } },
      },
    } as KubeObject,
    'StatefulSet.apps "db" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`',
  ],
  [
    'node taint effects are required',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'w1' },
      spec: { taints: [{ key: 'role', value: 'web' }] },
    } as KubeObject,
    'Node "w1" is invalid: spec.taints[0].effect: Required value',
  ],
  [
    'node taint keys are qualified names',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'w1' },
      spec: { taints: [{ key: 'role!', effect: 'NoSchedule' }] },
    } as KubeObject,
    `Node "w1" is invalid: spec.taints[0].key: Invalid value: "role!": ${QNAME_PART}`,
  ],
  [
    'node taints are unique by key and effect',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'w1' },
      spec: {
        taints: [
          { key: 'role', value: 'a', effect: 'NoSchedule' },
          { key: 'role', value: 'b', effect: 'NoSchedule' },
        ],
      },
    } as KubeObject,
    'Node "w1" is invalid: spec.taints[1]: Duplicate value: core.Taint{Key:"role", Value:"b", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
  ],
  [
    'node capacity and allocatable may not be negative (ValidateNodeResources)',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'w1' },
      status: { capacity: { cpu: '-4', pods: '110' }, allocatable: { cpu: '2', pods: '-5' } },
    } as KubeObject,
    'Node "w1" is invalid: [status.capacity.cpu: Invalid value: "-4": must be greater than or equal to 0, status.allocatable.pods: Invalid value: "-5": must be greater than or equal to 0]',
  ],
  [
    'annotations may total at most 256 KiB (ValidateAnnotationsSize)',
    pod((p) => {
      p.metadata.annotations = { a: 'x'.repeat(262144 - 1), b: '' };
    }),
    'Pod "web" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes',
  ],
  [
    'pod template annotations may total at most 256 KiB',
    deployment((d) => {
      d.spec.template.metadata.annotations = { note: 'é'.repeat(131072) };
    }),
    'Deployment.apps "web" is invalid: spec.template.metadata.annotations: Too long: may not be more than 262144 bytes',
  ],
  [
    'user priority classes are at most one billion',
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'huge' },
      value: 2000000000,
    } as KubeObject,
    'PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
  ],
  [
    'the system- prefix is reserved',
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'system-mine' },
      value: 10,
    } as KubeObject,
    'PriorityClass.scheduling.k8s.io "system-mine" is invalid: metadata.name: Forbidden: priority class names with \'system-\' prefix are reserved for system use only. error: system-mine is not a known system priority class',
  ],
  [
    'service ports are 1-65535',
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 0 }] } } as KubeObject,
    'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
  ],
  [
    'service ports need names when there are several',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { ports: [{ port: 80 }, { name: 'https', port: 443 }] },
    } as KubeObject,
    'Service "web" is invalid: spec.ports[0].name: Required value',
  ],
];

for (const [rule, obj, message] of invalidCases) {
  test(`API server validation: ${rule}`, () => {
    assert.equal(createError(obj), message);
  });
}

test('API server validation: at least 40 invalid-object cases are covered', () => {
  assert.ok(invalidCases.length >= 40, String(invalidCases.length));
});

test('API server validation: every manifest of the study notes is accepted', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'notes-manifests.yaml'), 'utf8');
  const entries = loadManifests(text, 'notes-manifests.yaml');
  assert.equal(entries.length, 10);
  for (const e of entries) {
    const obj = structuredClone(e.object);
    obj.metadata.namespace ??= 'default';
    if (obj.kind === 'Namespace') delete obj.metadata.namespace;
    applyDefaults(obj);
    assert.deepEqual(validateObject(obj, 'create'), [], `${e.object.kind}/${e.object.metadata.name}`);
  }
});

test('API server validation: a Node, a PriorityClass and a Namespace as kubectl get -o yaml prints them are valid', () => {
  const cluster = new Cluster();
  cluster.api.prepareCreate({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'w1-k8s', labels: { 'kubernetes.io/hostname': 'w1-k8s' } },
    spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
    status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
  } as KubeObject);
  cluster.api.prepareCreate({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'high' },
    value: 1000,
    preemptionPolicy: 'Never',
  } as KubeObject);
  cluster.api.prepareCreate({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-a', labels: { team: 'a' } },
  });
});

test('API server validation: annotations of exactly 256 KiB (keys and values, in bytes) are accepted', () => {
  assert.equal(
    createError(
      pod((p) => {
        p.metadata.annotations = { a: 'x'.repeat(262144 - 1) };
      }),
    ),
    '(accepted)',
  );
});

test('API server validation: a sidecar (init container with restartPolicy Always) may have probes', () => {
  assert.equal(
    createError(
      pod((p) => {
        p.spec.initContainers = [
          { name: 'proxy', image: 'envoy', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 15000 } } },
        ];
      }),
    ),
    '(accepted)',
  );
});

test('API server validation: a request defaulted from a limit passes the request <= limit rule', () => {
  assert.equal(
    createError(
      pod((p) => {
        p.spec.containers[0].resources = { limits: { cpu: '500m', memory: '128Mi' } };
      }),
    ),
    '(accepted)',
  );
});

test('API server validation (Pod update): only images, activeDeadlineSeconds and added tolerations may change', () => {
  const cluster = new Cluster();
  const old = cluster.api.create(pod());
  const imageOnly = structuredClone(old) as Any;
  imageOnly.spec.containers[0].image = 'nginx:1.25';
  imageOnly.spec.tolerations.push({ key: 'role', operator: 'Exists', effect: 'NoSchedule' });
  assert.deepEqual(validateUpdate(imageOnly, old), []);
  const changed = structuredClone(old) as Any;
  changed.spec.nodeSelector = { disktype: 'ssd' };
  const [err] = validateUpdate(changed, old);
  assert.equal(err.type, 'Forbidden');
  assert.equal(err.field, 'spec');
  assert.ok(
    String(err.detail).startsWith(
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
    ),
    String(err.detail),
  );
  assert.ok(String(err.detail).includes('+   spec.nodeSelector: {"disktype":"ssd"}'));
  const more = structuredClone(old) as Any;
  more.spec.containers.push({ name: 'b', image: 'busybox' });
  assert.deepEqual(
    validateUpdate(more, old).map((e) => `${e.field}: ${e.detail}`),
    ['spec.containers: pod updates may not add or remove containers'],
  );
  const removedToleration = structuredClone(old) as Any;
  removedToleration.spec.tolerations = [];
  assert.deepEqual(
    validateUpdate(removedToleration, old).map((e) => e.detail),
    ['existing toleration can not be modified except its tolerationSeconds'],
  );
});

test('API server validation (PriorityClass update): the value may not change', () => {
  const old = {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'high' },
    value: 1000,
  } as KubeObject;
  assert.deepEqual(
    validateUpdate({ ...old, value: 10 } as KubeObject, old).map((e) => `${e.field}: ${e.detail}`),
    ['value: may not be changed in an update.'],
  );
});

test('resource.Quantity String(): canonical forms used in validation messages', () => {
  assert.equal(canonicalQuantity('0.5'), '500m');
  assert.equal(canonicalQuantity('2000'), '2k');
  assert.equal(canonicalQuantity('1500'), '1500');
  assert.equal(canonicalQuantity('1024Mi'), '1Gi');
  assert.equal(canonicalQuantity('1536Mi'), '1536Mi');
  assert.equal(canonicalQuantity('1000m'), '1');
  assert.equal(canonicalQuantity(2), '2');
  assert.equal(canonicalQuantity('1e3'), '1e3');
  assert.equal(canonicalQuantity('512'), '512');
  assert.equal(canonicalQuantity('0.5Ki'), '512');
});

test('IsQualifiedName: a label key is judged the same every time it is checked, valid or not', () => {
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(isQualifiedName('topology.kubernetes.io/zone'), []);
    assert.deepEqual(isQualifiedName('-bad/zone'), [`prefix part ${DNS1123_SUBDOMAIN_MSG}`]);
    assert.equal(isQualifiedName('a/b/c').length, 1);
  }
});

test('StatefulSet defaults (SetDefaults_StatefulSet, pkg/apis/apps/v1/defaults.go): OrderedReady, RollingUpdate with partition 0, Retain PVCs, 1 replica, history 10', () => {
  const sts = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'postgres' }] } },
    },
  } as unknown as KubeObject & { spec: Record<string, unknown> };
  applyDefaults(sts);
  assert.equal(sts.spec.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(sts.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(sts.spec.replicas, 1);
  assert.equal(sts.spec.revisionHistoryLimit, 10);
  // an OnDelete strategy gets no rollingUpdate
  const onDelete = structuredClone(sts);
  onDelete.spec.updateStrategy = { type: 'OnDelete' };
  applyDefaults(onDelete);
  assert.deepEqual(onDelete.spec.updateStrategy, { type: 'OnDelete' });
});

test('ValidateNamespace: spec.finalizers are qualified names, a bare one a standard finalizer (validateFinalizerName, validateKubeFinalizerName)', () => {
  const ns = (finalizers: string[]) =>
    ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fin' }, spec: { finalizers } }) as KubeObject;
  assert.deepEqual(
    validateObject(ns(['kubernetes', 'orphan', 'foregroundDeletion', 'example.com/keep']), 'create'),
    [],
  );
  assert.deepEqual(
    validateObject(ns(['custom']), 'create').map((e) => `${e.field} ${e.detail}`),
    ['spec.finalizers name is neither a standard finalizer name nor is it fully qualified'],
  );
  assert.equal(validateObject(ns(['example.com/Bad Name']), 'create').length, 1);
});
