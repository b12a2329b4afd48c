// Decoding a manifest the way the API server's strict JSON decoder does (kubectl sends
// fieldValidation=Strict since 1.27): a value of the wrong type fails the whole object with Go's
// `json: cannot unmarshal ...` text, a malformed quantity with resource.Quantity's text, and
// fields the schema does not know fail with `strict decoding error: unknown field "..."`.
// Both are BadRequest errors worded `<Kind> in version "<v>" cannot be handled as a <Kind>: ...`,
// not field validation errors (validation.ts).
//
// Types and formats come from kubernetes-models' ajv validators. Those schemas do not forbid
// extra properties, so unknown fields are found by running the validator over a Proxy of the
// object: the compiled validator reads every property its schema declares (and enumerates the
// keys of maps), so an own key of a visited object that was never read is unknown. What it read
// at each schema position is remembered, so objects of shapes seen before skip the Proxy.

import type { KindInfo } from './kinds.ts';
import { isQuantity } from './quantity.ts';
import type { KubeObject } from './types.ts';

/** An object's properties by key (the decoded JSON: any key, any value). */
type Props = Record<PropertyKey, unknown>;

export interface DecodeError {
  /** The API server's message, e.g. `Pod in version "v1" cannot be handled as a Pod: strict decoding error: ...`. */
  message: string;
  /** Path of the offending field (`spec.containers[0].imagePullPolcy`), for locating it in the source. */
  path: (string | number)[];
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: { type: string; format?: string };
}

const QUANTITY_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

// The kubernetes-models class of each served kind (kinds.ts), loaded on first use. The requires
// are written out so that the CLI bundle (lib/cli.cjs, scripts/build.cjs) can include them.
const MODELS: Record<string, () => Record<string, { prototype?: { validate?: (this: unknown) => void } } | undefined>> =
  {
    '/v1/Pod': () => require('kubernetes-models/v1/Pod'),
    '/v1/Node': () => require('kubernetes-models/v1/Node'),
    '/v1/Namespace': () => require('kubernetes-models/v1/Namespace'),
    '/v1/Service': () => require('kubernetes-models/v1/Service'),
    '/v1/Event': () => require('kubernetes-models/v1/Event'),
    '/v1/ConfigMap': () => require('kubernetes-models/v1/ConfigMap'),
    '/v1/Secret': () => require('kubernetes-models/v1/Secret'),
    '/v1/ServiceAccount': () => require('kubernetes-models/v1/ServiceAccount'),
    '/v1/ReplicationController': () => require('kubernetes-models/v1/ReplicationController'),
    'apps/v1/Deployment': () => require('kubernetes-models/apps/v1/Deployment'),
    'apps/v1/ReplicaSet': () => require('kubernetes-models/apps/v1/ReplicaSet'),
    'apps/v1/DaemonSet': () => require('kubernetes-models/apps/v1/DaemonSet'),
    'apps/v1/StatefulSet': () => require('kubernetes-models/apps/v1/StatefulSet'),
    'apps/v1/ControllerRevision': () => require('kubernetes-models/apps/v1/ControllerRevision'),
    'batch/v1/Job': () => require('kubernetes-models/batch/v1/Job'),
    'scheduling.k8s.io/v1/PriorityClass': () => require('kubernetes-models/scheduling.k8s.io/v1/PriorityClass'),
    'policy/v1/PodDisruptionBudget': () => require('kubernetes-models/policy/v1/PodDisruptionBudget'),
  };
const validators = new Map<string, ((this: unknown) => void) | null>();

// Fields of the 1.33 schema that kubernetes-models' validators never read: its generator drops
// every schema key named `description` (the documentation keyword), and with it PriorityClass's
// `description` field (staging/src/k8s.io/api/scheduling/v1/types.go). Known by kind, at the root.
const UNREAD_FIELDS: Record<string, string[]> = {
  'scheduling.k8s.io/v1/PriorityClass': ['description'],
};

/** The validator of a served kind: kubernetes-models' validate method of its class. */
export function validatorFor(info: KindInfo): ((this: unknown) => void) | null {
  const key = `${info.group}/${info.version}/${info.kind}`;
  if (!validators.has(key)) validators.set(key, MODELS[key]?.()[info.kind]?.prototype?.validate ?? null);
  return validators.get(key)!;
}

/** Checks one object of a served kind; undefined when it decodes. */
export function decodeObject(obj: KubeObject, info: KindInfo): DecodeError | undefined {
  const prefix = `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: `;
  const validate = validatorFor(info);
  if (!validate) return undefined;
  let errors: AjvError[] = [];
  try {
    validate.call(obj);
  } catch (e) {
    errors = (e as { errors?: AjvError[] } | undefined)?.errors ?? [];
  }

  const typeErr = firstTypeError(obj, errors, info);
  if (typeErr) return { message: prefix + typeErr.message, path: typeErr.path };

  const key = `${info.group}/${info.version}/${info.kind}`;
  let root = positions.get(key);
  if (!root) positions.set(key, (root = { next: new Map() }));
  const unknown: (string | number)[][] = [];
  if (walkShapes(obj, root, [], new Set(), unknown)) {
    unknown.sort(comparePaths); // in Go's JSON order, as walkUnknown finds them
  } else {
    unknown.length = 0;
    const { visited, enumerated } = observe(validate, obj);
    for (const k of UNREAD_FIELDS[key] ?? []) visited.get(obj)?.add(k);
    walkUnknown(obj, [], visited, enumerated, unknown);
    learnShapes(obj, root, visited, enumerated);
  }
  if (unknown.length) {
    return {
      message: `${prefix}strict decoding error: ${unknown.map((p) => `unknown field "${renderPath(p)}"`).join(', ')}`,
      path: unknown[0],
    };
  }
  return undefined;
}

/** Runs the validator over a Proxy of the object: the keys it read of each object, and the objects whose keys it listed (maps). */
function observe(
  validate: (this: unknown) => void,
  obj: object,
): { visited: Map<object, Set<PropertyKey>>; enumerated: Set<object> } {
  const visited = new Map<object, Set<PropertyKey>>();
  const enumerated = new Set<object>();
  const proxies = new WeakMap<object, object>();
  const wrap = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    let p = proxies.get(v);
    if (!p) {
      p = new Proxy(v, {
        get(t, k) {
          let s = visited.get(t);
          if (!s) visited.set(t, (s = new Set()));
          s.add(k);
          return wrap((t as Props)[k]);
        },
        ownKeys(t) {
          enumerated.add(t);
          return Reflect.ownKeys(t);
        },
      });
      proxies.set(v, p);
    }
    return p;
  };
  try {
    validate.call(wrap(obj));
  } catch {
    /* errors were read from the plain run */
  }
  return { visited, enumerated };
}

/** Visits objects with keys in Go's JSON order (sorted: kubectl marshals through a map). */
function walkUnknown(
  v: unknown,
  path: (string | number)[],
  visited: Map<object, Set<PropertyKey>>,
  enumerated: Set<object>,
  out: (string | number)[][],
): void {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    v.forEach((x, i) => walkUnknown(x, [...path, i], visited, enumerated, out));
    return;
  }
  const read = visited.get(v);
  const isMap = enumerated.has(v);
  for (const k of Object.keys(v).sort(byteOrder)) {
    if (read && !isMap && !read.has(k)) {
      out.push([...path, k]);
      continue;
    }
    walkUnknown((v as Props)[k], [...path, k], visited, enumerated, out);
  }
}

// What the validator does with an object at each schema position (Pod → spec → containers → [] →
// resources → limits → *): reads a fixed set of fields (a struct), lists the keys (a map), or never
// looks at it (free-form). Learnt from Proxy runs (observe) and reused, so that later objects of
// shapes seen before are checked without a Proxy; an object at a position not seen yet sends the
// whole object through observe.
type Shape = Set<PropertyKey> | 'map' | 'free';
interface Position {
  shape?: Shape;
  next: Map<string, Position>;
}
const positions = new Map<string, Position>();
const ITEM = '[]';
const VALUE = '*';

function nextPosition(at: Position, step: string): Position {
  let p = at.next.get(step);
  if (!p) at.next.set(step, (p = { next: new Map() }));
  return p;
}

/**
 * walkUnknown from learnt shapes, in any key order (the caller sorts what it finds: the same list);
 * false when a position is not known yet or an object appears twice (YAML aliases).
 */
function walkShapes(
  v: unknown,
  at: Position | undefined,
  path: (string | number)[],
  seen: Set<object>,
  out: (string | number)[][],
): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (!at || seen.has(v)) return false;
  seen.add(v);
  if (Array.isArray(v)) {
    const item = at.next.get(ITEM);
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      const ok = walkShapes(v[i], item, path, seen, out);
      path.pop();
      if (!ok) return false;
    }
    return true;
  }
  const shape = at.shape;
  if (shape === undefined) return false;
  if (shape === 'free') return true;
  const value = shape === 'map' ? at.next.get(VALUE) : undefined;
  for (const k of Object.keys(v)) {
    if (shape !== 'map' && !shape.has(k)) {
      out.push([...path, k]);
      continue;
    }
    path.push(k);
    const ok = walkShapes((v as Props)[k], value ?? at.next.get(k), path, seen, out);
    path.pop();
    if (!ok) return false;
  }
  return true;
}

/** Records the shape of every position of an observed object (not when an object appears twice: its reads would mix positions). */
function learnShapes(
  obj: object,
  root: Position,
  visited: Map<object, Set<PropertyKey>>,
  enumerated: Set<object>,
): void {
  const learnt: [Position, Shape][] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, at: Position): boolean => {
    if (typeof v !== 'object' || v === null) return true;
    if (seen.has(v)) return false;
    seen.add(v);
    if (Array.isArray(v)) return v.every((x) => walk(x, nextPosition(at, ITEM)));
    const read = visited.get(v);
    const shape: Shape = !read ? 'free' : enumerated.has(v) ? 'map' : read;
    learnt.push([at, shape]);
    if (shape === 'free') return true;
    return Object.keys(v).every((k) =>
      shape !== 'map' && !shape.has(k) ? true : walk((v as Props)[k], nextPosition(at, shape === 'map' ? VALUE : k)),
    );
  };
  if (!walk(obj, root)) return;
  for (const [at, shape] of learnt) at.shape ??= shape;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `spec.containers[0].imagePullPolcy` */
export function renderPath(path: (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

function parsePointer(ptr: string): (string | number)[] {
  return ptr
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

function comparePaths(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    return byteOrder(String(a[i]), String(b[i]));
  }
  return a.length - b.length;
}

function getAt(obj: unknown, path: (string | number)[]): unknown {
  let v = obj;
  for (const p of path) v = v == null ? undefined : (v as Props)[p];
  return v;
}

/** The first (in JSON order) value that Go's decoder could not unmarshal. */
function firstTypeError(
  obj: unknown,
  errors: AjvError[],
  info: KindInfo,
): { message: string; path: (string | number)[] } | undefined {
  const byPath = new Map<string, AjvError[]>();
  for (const e of errors) {
    if (e.keyword !== 'type' && e.keyword !== 'format' && e.keyword !== 'oneOf') continue;
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const candidates = [...byPath.entries()]
    .map(([ptr, errs]) => ({ path: parsePointer(ptr), errs }))
    .sort((a, b) => comparePaths(a.path, b.path));
  for (const { path, errs } of candidates) {
    const value = getAt(obj, path);
    const quantity = errs.some((e) => e.keyword === 'format' && e.params?.format === 'quantity');
    if (quantity) {
      if (typeof value === 'string' && isQuantity(value) && value.trim() !== '') continue;
      return { message: QUANTITY_MSG, path };
    }
    // IntOrString (oneOf string | int32): intstr's UnmarshalJSON decodes a non-string into its int32
    // with the standard library, whose error carries no struct context.
    if (
      errs.some((e) => e.keyword === 'oneOf') &&
      errs.some((e) => e.keyword === 'type' && e.params?.type === 'string')
    ) {
      const kind =
        typeof value === 'number' && Number.isInteger(value) ? `number ${value}` : jsonKind(value, 'integer');
      return { message: `json: cannot unmarshal ${kind} into Go value of type int32`, path };
    }
    const typeErr = errs.find((e) => e.keyword === 'type');
    if (typeErr)
      return {
        message: unmarshalMessage(jsonKind(value, typeErr.params?.type), path, typeErr.params?.type, info),
        path,
      };
    // An integer the field's Go type cannot hold: encoding/json's literalStore reports
    // `number <literal>` when strconv.ParseInt fails or reflect.Value.OverflowInt is true.
    if (typeof value === 'number' && errs.some((e) => e.keyword === 'format' && e.params?.format === 'int32')) {
      return { message: unmarshalMessage(`number ${value}`, path, 'integer', info), path };
    }
  }
  return undefined;
}

function jsonKind(v: unknown, wanted: string): string {
  if (typeof v === 'number') return wanted === 'integer' && !Number.isInteger(v) ? `number ${v}` : 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

// Go struct and field types along the paths users most often get wrong: enough to name the
// struct in `Go struct field <Struct>.<path> of type <type>` like encoding/json does.
const T: Record<string, Record<string, string>> = {
  ObjectMeta: {
    labels: 'map[string]string',
    annotations: 'map[string]string',
    name: 'string',
    namespace: 'string',
    generateName: 'string',
    finalizers: '[]string',
    generation: 'int64',
  },
  PodSpec: {
    containers: '[]Container',
    initContainers: '[]Container',
    nodeSelector: 'map[string]string',
    nodeName: 'string',
    affinity: 'Affinity',
    tolerations: '[]Toleration',
    priority: 'int32',
    priorityClassName: 'string',
    restartPolicy: 'v1.RestartPolicy',
    schedulerName: 'string',
    terminationGracePeriodSeconds: 'int64',
    activeDeadlineSeconds: 'int64',
    hostNetwork: 'bool',
    topologySpreadConstraints: '[]TopologySpreadConstraint',
    volumes: '[]Volume',
    ephemeralContainers: '[]EphemeralContainer',
    serviceAccountName: 'string',
    dnsPolicy: 'v1.DNSPolicy',
    overhead: 'v1.ResourceList',
    schedulingGates: '[]PodSchedulingGate',
    preemptionPolicy: 'v1.PreemptionPolicy',
    enableServiceLinks: 'bool',
  },
  Container: {
    name: 'string',
    image: 'string',
    command: '[]string',
    args: '[]string',
    ports: '[]ContainerPort',
    env: '[]EnvVar',
    resources: 'ResourceRequirements',
    imagePullPolicy: 'v1.PullPolicy',
    livenessProbe: 'Probe',
    readinessProbe: 'Probe',
    startupProbe: 'Probe',
    volumeMounts: '[]VolumeMount',
    restartPolicy: 'v1.ContainerRestartPolicy',
    workingDir: 'string',
    stdin: 'bool',
    tty: 'bool',
  },
  ContainerPort: {
    name: 'string',
    containerPort: 'int32',
    hostPort: 'int32',
    hostIP: 'string',
    protocol: 'v1.Protocol',
  },
  EnvVar: { name: 'string', value: 'string' },
  VolumeMount: { name: 'string', mountPath: 'string', readOnly: 'bool', subPath: 'string' },
  ResourceRequirements: { requests: 'v1.ResourceList', limits: 'v1.ResourceList' },
  Probe: {
    initialDelaySeconds: 'int32',
    timeoutSeconds: 'int32',
    periodSeconds: 'int32',
    successThreshold: 'int32',
    failureThreshold: 'int32',
    terminationGracePeriodSeconds: 'int64',
    grpc: 'GRPCAction',
  },
  // IntOrString fields (httpGet/tcpSocket ports, targetPort, maxSurge, maxUnavailable) are left
  // out on purpose: intstr's UnmarshalJSON decodes with the standard library, whose error carries
  // no struct context (`into Go value of type int32`).
  GRPCAction: { port: 'int32', service: 'string' },
  EphemeralContainer: {
    name: 'string',
    image: 'string',
    ports: '[]ContainerPort',
    env: '[]EnvVar',
    resources: 'ResourceRequirements',
    livenessProbe: 'Probe',
    readinessProbe: 'Probe',
    startupProbe: 'Probe',
    volumeMounts: '[]VolumeMount',
    targetContainerName: 'string',
  },
  Volume: {
    name: 'string',
    configMap: 'ConfigMapVolumeSource',
    secret: 'SecretVolumeSource',
    downwardAPI: 'DownwardAPIVolumeSource',
    projected: 'ProjectedVolumeSource',
    awsElasticBlockStore: 'AWSElasticBlockStoreVolumeSource',
    gcePersistentDisk: 'GCEPersistentDiskVolumeSource',
    fc: 'FCVolumeSource',
    iscsi: 'ISCSIVolumeSource',
  },
  ConfigMapVolumeSource: { items: '[]KeyToPath', defaultMode: 'int32' },
  SecretVolumeSource: { items: '[]KeyToPath', defaultMode: 'int32' },
  DownwardAPIVolumeSource: { items: '[]DownwardAPIVolumeFile', defaultMode: 'int32' },
  ProjectedVolumeSource: { sources: '[]VolumeProjection', defaultMode: 'int32' },
  VolumeProjection: {
    configMap: 'ConfigMapProjection',
    secret: 'SecretProjection',
    downwardAPI: 'DownwardAPIProjection',
  },
  ConfigMapProjection: { items: '[]KeyToPath' },
  SecretProjection: { items: '[]KeyToPath' },
  DownwardAPIProjection: { items: '[]DownwardAPIVolumeFile' },
  KeyToPath: { key: 'string', path: 'string', mode: 'int32' },
  DownwardAPIVolumeFile: { path: 'string', mode: 'int32' },
  AWSElasticBlockStoreVolumeSource: { partition: 'int32' },
  GCEPersistentDiskVolumeSource: { partition: 'int32' },
  FCVolumeSource: { lun: 'int32' },
  ISCSIVolumeSource: { lun: 'int32' },
  PodStatus: {
    containerStatuses: '[]ContainerStatus',
    initContainerStatuses: '[]ContainerStatus',
    ephemeralContainerStatuses: '[]ContainerStatus',
  },
  ContainerStatus: { name: 'string', restartCount: 'int32', state: 'ContainerState', lastState: 'ContainerState' },
  ContainerState: { terminated: 'ContainerStateTerminated' },
  ContainerStateTerminated: { exitCode: 'int32', signal: 'int32' },
  DeploymentStatus: {
    replicas: 'int32',
    updatedReplicas: 'int32',
    readyReplicas: 'int32',
    availableReplicas: 'int32',
    unavailableReplicas: 'int32',
    terminatingReplicas: 'int32',
    collisionCount: 'int32',
  },
  ReplicaSetStatus: {
    replicas: 'int32',
    fullyLabeledReplicas: 'int32',
    readyReplicas: 'int32',
    availableReplicas: 'int32',
    terminatingReplicas: 'int32',
  },
  ReplicationControllerStatus: {
    replicas: 'int32',
    fullyLabeledReplicas: 'int32',
    readyReplicas: 'int32',
    availableReplicas: 'int32',
  },
  DaemonSetStatus: {
    currentNumberScheduled: 'int32',
    numberMisscheduled: 'int32',
    desiredNumberScheduled: 'int32',
    numberReady: 'int32',
    updatedNumberScheduled: 'int32',
    numberAvailable: 'int32',
    numberUnavailable: 'int32',
    collisionCount: 'int32',
  },
  SessionAffinityConfig: { clientIP: 'ClientIPConfig' },
  ClientIPConfig: { timeoutSeconds: 'int32' },
  NodeDaemonEndpoints: { kubeletEndpoint: 'DaemonEndpoint' },
  DaemonEndpoint: { Port: 'int32' },
  EventSeries: { count: 'int32' },
  Toleration: {
    key: 'string',
    operator: 'v1.TolerationOperator',
    value: 'string',
    effect: 'v1.TaintEffect',
    tolerationSeconds: 'int64',
  },
  Taint: { key: 'string', value: 'string', effect: 'v1.TaintEffect' },
  Affinity: { nodeAffinity: 'NodeAffinity', podAffinity: 'PodAffinity', podAntiAffinity: 'PodAntiAffinity' },
  NodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: 'NodeSelector',
    preferredDuringSchedulingIgnoredDuringExecution: '[]PreferredSchedulingTerm',
  },
  NodeSelector: { nodeSelectorTerms: '[]NodeSelectorTerm' },
  NodeSelectorTerm: { matchExpressions: '[]NodeSelectorRequirement', matchFields: '[]NodeSelectorRequirement' },
  NodeSelectorRequirement: { key: 'string', operator: 'v1.NodeSelectorOperator', values: '[]string' },
  PreferredSchedulingTerm: { weight: 'int32', preference: 'NodeSelectorTerm' },
  PodAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm',
    preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm',
  },
  PodAntiAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm',
    preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm',
  },
  WeightedPodAffinityTerm: { weight: 'int32', podAffinityTerm: 'PodAffinityTerm' },
  PodAffinityTerm: { labelSelector: 'LabelSelector', topologyKey: 'string', namespaces: '[]string' },
  LabelSelector: { matchLabels: 'map[string]string', matchExpressions: '[]LabelSelectorRequirement' },
  LabelSelectorRequirement: { key: 'string', operator: 'v1.LabelSelectorOperator', values: '[]string' },
  TopologySpreadConstraint: {
    maxSkew: 'int32',
    topologyKey: 'string',
    whenUnsatisfiable: 'v1.UnsatisfiableConstraintAction',
    labelSelector: 'LabelSelector',
    minDomains: 'int32',
  },
  PodTemplateSpec: { metadata: 'ObjectMeta', spec: 'PodSpec' },
  DeploymentSpec: {
    replicas: 'int32',
    selector: 'LabelSelector',
    template: 'PodTemplateSpec',
    minReadySeconds: 'int32',
    revisionHistoryLimit: 'int32',
    paused: 'bool',
    progressDeadlineSeconds: 'int32',
  },
  ReplicaSetSpec: {
    replicas: 'int32',
    selector: 'LabelSelector',
    template: 'PodTemplateSpec',
    minReadySeconds: 'int32',
  },
  DaemonSetSpec: {
    selector: 'LabelSelector',
    template: 'PodTemplateSpec',
    minReadySeconds: 'int32',
    revisionHistoryLimit: 'int32',
  },
  StatefulSetSpec: {
    replicas: 'int32',
    selector: 'LabelSelector',
    template: 'PodTemplateSpec',
    serviceName: 'string',
    minReadySeconds: 'int32',
    revisionHistoryLimit: 'int32',
    ordinals: 'StatefulSetOrdinals',
    updateStrategy: 'StatefulSetUpdateStrategy',
  },
  StatefulSetOrdinals: { start: 'int32' },
  StatefulSetUpdateStrategy: { rollingUpdate: 'RollingUpdateStatefulSetStrategy' },
  RollingUpdateStatefulSetStrategy: { partition: 'int32' },
  StatefulSetStatus: {
    replicas: 'int32',
    readyReplicas: 'int32',
    currentReplicas: 'int32',
    updatedReplicas: 'int32',
    availableReplicas: 'int32',
    collisionCount: 'int32',
  },
  JobSpec: {
    parallelism: 'int32',
    completions: 'int32',
    backoffLimit: 'int32',
    backoffLimitPerIndex: 'int32',
    maxFailedIndexes: 'int32',
    activeDeadlineSeconds: 'int64',
    ttlSecondsAfterFinished: 'int32',
    selector: 'LabelSelector',
    template: 'PodTemplateSpec',
    podFailurePolicy: 'PodFailurePolicy',
    successPolicy: 'SuccessPolicy',
  },
  PodFailurePolicy: { rules: '[]PodFailurePolicyRule' },
  PodFailurePolicyRule: { onExitCodes: 'PodFailurePolicyOnExitCodesRequirement' },
  PodFailurePolicyOnExitCodesRequirement: { values: '[]int32' },
  SuccessPolicy: { rules: '[]SuccessPolicyRule' },
  SuccessPolicyRule: { succeededCount: 'int32' },
  JobStatus: { active: 'int32', succeeded: 'int32', failed: 'int32', terminating: 'int32', ready: 'int32' },
  PodDisruptionBudgetStatus: {
    disruptionsAllowed: 'int32',
    currentHealthy: 'int32',
    desiredHealthy: 'int32',
    expectedPods: 'int32',
  },
  ServiceStatus: { loadBalancer: 'LoadBalancerStatus' },
  LoadBalancerStatus: { ingress: '[]LoadBalancerIngress' },
  LoadBalancerIngress: { ports: '[]PortStatus' },
  PortStatus: { port: 'int32' },
  ReplicationControllerSpec: {
    replicas: 'int32',
    minReadySeconds: 'int32',
    selector: 'map[string]string',
    template: 'PodTemplateSpec',
  },
  PodDisruptionBudgetSpec: { selector: 'LabelSelector' },
  NodeSpec: { unschedulable: 'bool', taints: '[]Taint', podCIDR: 'string' },
  NodeStatus: { capacity: 'v1.ResourceList', allocatable: 'v1.ResourceList', daemonEndpoints: 'NodeDaemonEndpoints' },
  ServiceSpec: {
    ports: '[]ServicePort',
    selector: 'map[string]string',
    type: 'v1.ServiceType',
    clusterIP: 'string',
    healthCheckNodePort: 'int32',
    sessionAffinityConfig: 'SessionAffinityConfig',
  },
  ServicePort: { name: 'string', port: 'int32', protocol: 'v1.Protocol', nodePort: 'int32' },
};
const ROOT: Record<string, Record<string, string>> = {
  Pod: { metadata: 'ObjectMeta', spec: 'PodSpec', status: 'PodStatus' },
  Deployment: { metadata: 'ObjectMeta', spec: 'DeploymentSpec', status: 'DeploymentStatus' },
  ReplicaSet: { metadata: 'ObjectMeta', spec: 'ReplicaSetSpec', status: 'ReplicaSetStatus' },
  DaemonSet: { metadata: 'ObjectMeta', spec: 'DaemonSetSpec', status: 'DaemonSetStatus' },
  StatefulSet: { metadata: 'ObjectMeta', spec: 'StatefulSetSpec', status: 'StatefulSetStatus' },
  Job: { metadata: 'ObjectMeta', spec: 'JobSpec', status: 'JobStatus' },
  ReplicationController: {
    metadata: 'ObjectMeta',
    spec: 'ReplicationControllerSpec',
    status: 'ReplicationControllerStatus',
  },
  Event: { metadata: 'ObjectMeta', count: 'int32', series: 'EventSeries' },
  PodDisruptionBudget: { metadata: 'ObjectMeta', spec: 'PodDisruptionBudgetSpec', status: 'PodDisruptionBudgetStatus' },
  Node: { metadata: 'ObjectMeta', spec: 'NodeSpec', status: 'NodeStatus' },
  Service: { metadata: 'ObjectMeta', spec: 'ServiceSpec', status: 'ServiceStatus' },
  Namespace: { metadata: 'ObjectMeta' },
  PriorityClass: {
    metadata: 'ObjectMeta',
    value: 'int32',
    globalDefault: 'bool',
    description: 'string',
    preemptionPolicy: 'v1.PreemptionPolicy',
  },
};

/** The Go type name of a field type as reflect prints it: `[]v1.Container`, `v1.Affinity`, `int32`. */
function goTypeName(t: string): string {
  if (t.startsWith('[]')) return `[]${goTypeName(t.slice(2))}`;
  return T[t] ? `v1.${t}` : t;
}

const SCALAR_FOR_SCHEMA: Record<string, string> = {
  integer: 'int32',
  number: 'float64',
  boolean: 'bool',
  string: 'string',
};

/** encoding/json's UnmarshalTypeError text; `kind` is its Value (`number`, `string`, `number 1.5`). */
function unmarshalMessage(kind: string, path: (string | number)[], wanted: string, info: KindInfo): string {
  // Walk the Go types: the struct holding the last named field, and that field's type.
  let fields: Record<string, string> | undefined = ROOT[info.kind];
  let struct = info.kind;
  let fieldType: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number') {
      if (fieldType?.startsWith('[]')) fieldType = fieldType.slice(2);
      continue;
    }
    if (fieldType?.startsWith('map[')) {
      fieldType = 'string';
      continue;
    }
    if (fieldType === 'v1.ResourceList') {
      fieldType = 'resource.Quantity';
      continue;
    }
    if (fieldType !== undefined) {
      const next = T[fieldType];
      if (!next) {
        fields = undefined;
        break;
      }
      struct = fieldType;
      fields = next;
    }
    names.push(seg);
    fieldType = fields?.[seg];
    if (fieldType === undefined) {
      fields = undefined;
      break;
    }
  }
  if (!fields || fieldType === undefined) {
    return `json: cannot unmarshal ${kind} into Go value of type ${SCALAR_FOR_SCHEMA[wanted] ?? wanted}`;
  }
  return `json: cannot unmarshal ${kind} into Go struct field ${struct}.${names.join('.')} of type ${goTypeName(fieldType)}`;
}
