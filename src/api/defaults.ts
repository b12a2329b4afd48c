// API server defaulting (pkg/apis/core/v1/defaults.go, apps/v1/defaults.go): the fields a
// stored object gains that the manifest did not set, so `kubectl get -o yaml` looks real and
// every later component can rely on them. Requests are defaulted from limits (spec 10.4).

import type { Container, DaemonSet, Deployment, KubeObject, Pod, PodSpec, ReplicaSet, Service } from './types.ts';

export function applyDefaults(obj: KubeObject): void {
  switch (obj.kind) {
    case 'Pod': defaultPodSpec((obj as Pod).spec); break;
    case 'Deployment': defaultDeployment(obj as Deployment); break;
    case 'ReplicaSet': defaultReplicaSet(obj as ReplicaSet); break;
    case 'DaemonSet': defaultDaemonSet(obj as DaemonSet); break;
    case 'Service': defaultService(obj as Service); break;
  }
}

export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
}

function defaultContainer(c: Container): void {
  if (!c || typeof c !== 'object') return;
  if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
    const lastSlash = c.image.lastIndexOf('/');
    const tagged = c.image.lastIndexOf(':') > lastSlash || c.image.includes('@');
    const latest = !tagged || c.image.endsWith(':latest');
    c.imagePullPolicy = latest ? 'Always' : 'IfNotPresent';
  }
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) if (p && typeof p === 'object') p.protocol ??= 'TCP';
  const limits = c.resources.limits;
  if (limits) {
    for (const [name, q] of Object.entries(limits)) {
      c.resources.requests ??= {};
      if (!(name in c.resources.requests)) c.resources.requests[name] = q;
    }
  }
}

function defaultDeployment(d: Deployment): void {
  if (!d.spec || typeof d.spec !== 'object') return;
  d.spec.replicas ??= 1;
  d.spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
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
  ds.spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
  ds.spec.revisionHistoryLimit ??= 10;
  defaultPodSpec(ds.spec.template?.spec);
}

function defaultService(s: Service): void {
  if (!s.spec || typeof s.spec !== 'object') return;
  s.spec.type ??= 'ClusterIP';
  s.spec.sessionAffinity ??= 'None';
  for (const p of s.spec.ports ?? []) { p.protocol ??= 'TCP'; p.targetPort ??= p.port; }
}
