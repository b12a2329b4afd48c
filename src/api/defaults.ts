// API server defaulting (pkg/apis/core/v1/defaults.go, apps/v1/defaults.go,
// scheduling/v1/defaults.go): the fields a stored object gains that the manifest did not set, so
// `kubectl get -o yaml` looks real and every later component can rely on them. Requests are
// defaulted from limits on Pods only (SetDefaults_Pod), not on pod templates.

import type {
  Container,
  DaemonSet,
  Deployment,
  KubeObject,
  Namespace,
  Pod,
  PodSpec,
  PriorityClass,
  Probe,
  ReplicaSet,
  Service,
  StatefulSet,
} from './types.ts';

export function applyDefaults(obj: KubeObject): void {
  switch (obj.kind) {
    case 'Pod':
      defaultPod(obj as Pod);
      break;
    case 'Deployment':
      defaultDeployment(obj as Deployment);
      break;
    case 'ReplicaSet':
      defaultReplicaSet(obj as ReplicaSet);
      break;
    case 'DaemonSet':
      defaultDaemonSet(obj as DaemonSet);
      break;
    case 'StatefulSet':
      defaultStatefulSet(obj as StatefulSet);
      break;
    case 'Service':
      defaultService(obj as Service);
      break;
    case 'Namespace':
      defaultNamespace(obj as Namespace);
      break;
    case 'PriorityClass':
      (obj as PriorityClass).preemptionPolicy ??= 'PreemptLowerPriority';
      break;
  }
}

function defaultPod(pod: Pod): void {
  const spec = pod.spec;
  defaultPodSpec(spec);
  if (!spec || typeof spec !== 'object') return;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])])
    if (c && typeof c === 'object') defaultRequestsFromLimits(c);
  // SetDefaults_Pod, not SetDefaults_PodSpec: pod templates keep enableServiceLinks unset
  spec.enableServiceLinks ??= true;
  // Only Pods (not templates) get hostPort = containerPort under hostNetwork.
  if (spec.hostNetwork === true) {
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])])
      for (const p of c?.ports ?? []) if (p && typeof p === 'object') p.hostPort ??= p.containerPort;
  }
}

function defaultRequestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (!limits || typeof limits !== 'object') return;
  for (const [name, q] of Object.entries(limits)) {
    c.resources!.requests ??= {};
    if (!(name in c.resources!.requests)) c.resources!.requests[name] = q;
  }
}

/** SetDefaults_Namespace: the `kubernetes.io/metadata.name` label (status and finalizers are the registry's: src/store/namespaces.ts). */
function defaultNamespace(ns: Namespace): void {
  const name = ns.metadata?.name;
  if (name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
}

function defaultProbe(p: Probe | undefined): void {
  if (!p || typeof p !== 'object') return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  const http = p.httpGet as Record<string, unknown> | undefined;
  if (http && typeof http === 'object') {
    http.path ??= '/';
    http.scheme ??= 'HTTP';
  }
}

/** core/v1 DefaultSchedulerName (staging/src/k8s.io/api/core/v1/types.go): the scheduler of a pod that names none. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= DEFAULT_SCHEDULER_NAME;
  spec.securityContext ??= {};
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
}

function defaultContainer(c: Container): void {
  if (!c || typeof c !== 'object') return;
  if (c.imagePullPolicy === undefined) {
    // An image without a tag (or no image at all: validation reports that) pulls Always.
    const image = typeof c.image === 'string' ? c.image : '';
    const lastSlash = image.lastIndexOf('/');
    const tagged = image.lastIndexOf(':') > lastSlash || image.includes('@');
    const latest = !tagged || image.endsWith(':latest');
    c.imagePullPolicy = latest ? 'Always' : 'IfNotPresent';
  }
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) if (p && typeof p === 'object') p.protocol ??= 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const e of c.env ?? []) {
    const fieldRef = (e?.valueFrom as { fieldRef?: { apiVersion?: string } } | undefined)?.fieldRef;
    if (fieldRef && typeof fieldRef === 'object') fieldRef.apiVersion ??= 'v1';
  }
}

function defaultDeployment(d: Deployment): void {
  if (!d.spec || typeof d.spec !== 'object') return;
  d.spec.replicas ??= 1;
  const strategy = (d.spec.strategy ??= { type: 'RollingUpdate' }) as {
    type?: string;
    rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown };
  };
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxSurge ??= '25%';
    strategy.rollingUpdate.maxUnavailable ??= '25%';
  }
  d.spec.revisionHistoryLimit ??= 10;
  d.spec.progressDeadlineSeconds ??= 600;
  defaultPodSpec(d.spec.template?.spec);
}

function defaultReplicaSet(rs: ReplicaSet): void {
  if (!rs.spec || typeof rs.spec !== 'object') return;
  rs.spec.replicas ??= 1;
  defaultPodSpec(rs.spec.template?.spec);
}

function defaultDaemonSet(ds: DaemonSet): void {
  if (!ds.spec || typeof ds.spec !== 'object') return;
  const us = (ds.spec.updateStrategy ??= { type: 'RollingUpdate' }) as {
    type?: string;
    rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown };
  };
  us.type ??= 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    us.rollingUpdate ??= {};
    us.rollingUpdate.maxSurge ??= 0;
    us.rollingUpdate.maxUnavailable ??= 1;
  }
  ds.spec.revisionHistoryLimit ??= 10;
  defaultPodSpec(ds.spec.template?.spec);
}

/**
 * SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go, 1.33 feature gates: StatefulSetAutoDeletePVC
 * on, MaxUnavailableStatefulSet off): OrderedReady, a RollingUpdate strategy with partition 0, the
 * Retain PVC retention policy, one replica, a history of 10, and the pod template's defaults.
 */
function defaultStatefulSet(sts: StatefulSet): void {
  if (!sts.spec || typeof sts.spec !== 'object') return;
  const spec = sts.spec as StatefulSet['spec'] & {
    podManagementPolicy?: string;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
    revisionHistoryLimit?: number;
  };
  spec.podManagementPolicy ||= 'OrderedReady';
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = 'RollingUpdate';
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate)
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodSpec(spec.template?.spec);
}

function defaultService(s: Service): void {
  if (!s.spec || typeof s.spec !== 'object') return;
  s.spec.type ??= 'ClusterIP';
  s.spec.sessionAffinity ??= 'None';
  s.spec.internalTrafficPolicy ??= 'Cluster';
  if (s.spec.type === 'NodePort' || s.spec.type === 'LoadBalancer') s.spec.externalTrafficPolicy ??= 'Cluster';
  for (const p of s.spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
}
