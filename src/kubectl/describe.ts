// `kubectl describe pod|node NAME...` in kubectl 1.33's layout (pkg/describe/describe.go):
// the PrefixWriter lines (two spaces per level) aligned by the describe tabwriter (minwidth 0,
// tabwidth 8, padding 2), the Events table flushed as its own block, ages like
// `12s (x4 over 90s)` (kubectl pkg/describe/describe.go). A name that matches no object exactly
// describes every object whose name starts with it, as kubectl does.

import type {
  Container,
  ContainerState,
  ContainerStatus,
  CoreEvent,
  EnvVar,
  KubeObject,
  Node,
  Pod,
  Probe,
  Toleration,
  Volume,
} from '../api/types.ts';
import type { KindInfo } from '../api/kinds.ts';
import { formatQuantity, resourceAmount } from '../api/quantity.ts';
import { podLimits, podRequests } from '../api/resources.ts';
import { notFound } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Command, Ctx } from './flags.ts';
import { selectorFlag } from './get.ts';
import { rfc1123z, since } from './duration.ts';
import { formatLabelSelector, nodeRoles } from './printers.ts';
import { LAST_APPLIED, parseResourceArgs } from './resources.ts';
import { DESCRIBE_TABWRITER, tabwrite } from './tabwriter.ts';

/** describe's PrefixWriter: indentation levels, and Flush() ending an alignment block. */
class PrefixWriter {
  private blocks: string[] = [''];
  write(level: number, text: string): void {
    this.blocks[this.blocks.length - 1] += '  '.repeat(level) + text;
  }
  /** WriteLine: text + newline, no indentation. */
  line(text: string): void {
    this.blocks[this.blocks.length - 1] += text + '\n';
  }
  flush(): void {
    this.blocks.push('');
  }
  toString(): string {
    return this.blocks.map((b) => tabwrite(b, DESCRIBE_TABWRITER)).join('');
  }
}

const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';
const time = (t: string | null | undefined) => (t ? rfc1123z(t) : ZERO_TIME);

function printLabels(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

function printAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > 140 || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > 138 ? s.slice(0, 138) + '...' : s}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

function printTolerations(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  if (list.length === 0) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

/** DescribeEvents: `<none>` inline, else a flushed table sorted by last timestamp. */
function describeEvents(ctx: Ctx, w: PrefixWriter, events: CoreEvent[]): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort(
    (a, b) =>
      Date.parse(a.lastTimestamp ?? a.firstTimestamp ?? '') - Date.parse(b.lastTimestamp ?? b.firstTimestamp ?? ''),
  );
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  const clock = ctx.cluster.clock;
  for (const e of sorted) {
    const first = since(clock, e.firstTimestamp);
    const interval = (e.count ?? 1) > 1 ? `${since(clock, e.lastTimestamp)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${e.message.trim()}\n`);
  }
}

// ---- pods ------------------------------------------------------------------------------

/** The canonical text of a quantity as the API returns it. */
function quantityText(resource: string, q: string | number): string {
  return formatQuantity(resource, resourceAmount(resource, q));
}

function describeResources(w: PrefixWriter, res: Container['resources'], level: number): void {
  if (!res) return;
  for (const [title, list] of [
    ['Limits', res.limits],
    ['Requests', res.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${quantityText(n, list![n])}\n`);
  }
}

function describeProbe(p: Probe): string {
  const n = (k: string, d: number) => (typeof p[k] === 'number' ? (p[k] as number) : d);
  const attrs = `delay=${n('initialDelaySeconds', 0)}s timeout=${n('timeoutSeconds', 1)}s period=${n('periodSeconds', 10)}s #success=${n('successThreshold', 1)} #failure=${n('failureThreshold', 3)}`;
  const exec = p.exec as { command?: string[] } | undefined;
  const http = p.httpGet as { scheme?: string; host?: string; port?: number | string; path?: string } | undefined;
  const tcp = p.tcpSocket as { host?: string; port?: number | string } | undefined;
  const grpc = p.grpc as { port?: number; service?: string } | undefined;
  if (exec) return `exec [${(exec.command ?? []).join(' ')}] ${attrs}`;
  if (http) {
    const host = http.host ?? '';
    const hostPort =
      http.port !== undefined && String(http.port) !== ''
        ? `${host.includes(':') ? `[${host}]` : host}:${http.port}`
        : host;
    return `http-get ${(http.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${http.path ?? ''} ${attrs}`;
  }
  if (tcp) return `tcp-socket ${tcp.host ?? ''}:${tcp.port ?? ''} ${attrs}`;
  if (grpc) return `grpc <pod>:${grpc.port} ${grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/**
 * EnvValueRetriever (staging/src/k8s.io/kubectl/pkg/describe/describe.go): kubectl converts the
 * field path with its own scheme, which knows only the default metav1 field labels
 * (metadata.name, metadata.namespace); any other path (spec.nodeName, status.podIP,
 * metadata.uid, ...) fails the conversion and prints empty.
 */
export function fieldRefValue(pod: Pod, path: string): string {
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    default:
      return '';
  }
}

function describeEnv(w: PrefixWriter, pod: Pod, c: Container): void {
  const envFrom =
    (c.envFrom as
      | {
          configMapRef?: { name: string; optional?: boolean };
          secretRef?: { name: string; optional?: boolean };
          prefix?: string;
        }[]
      | undefined) ?? [];
  if (envFrom.length) {
    w.write(2, 'Environment Variables from:\n');
    for (const e of envFrom) {
      const ref = e.configMapRef ?? e.secretRef;
      const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
      const opt = !!ref?.optional;
      if (!e.prefix) w.write(3, `${ref?.name ?? ''}\t${from}\tOptional: ${opt}\n`);
      else w.write(3, `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${opt}\n`);
    }
  }
  const env: EnvVar[] = c.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const vf = e.valueFrom as
      | {
          fieldRef?: { apiVersion?: string; fieldPath: string };
          resourceFieldRef?: { resource: string };
          secretKeyRef?: { key: string; name: string; optional?: boolean };
          configMapKeyRef?: { key: string; name: string; optional?: boolean };
        }
      | undefined;
    if (!vf) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (vf.fieldRef) {
      w.write(
        3,
        `${e.name}:\t${fieldRefValue(pod, vf.fieldRef.fieldPath)} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`,
      );
    } else if (vf.resourceFieldRef) {
      throw new NotSupportedError('describing an env var from resourceFieldRef');
    } else if (vf.secretKeyRef) {
      w.write(
        3,
        `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`,
      );
    } else if (vf.configMapKeyRef) {
      w.write(
        3,
        `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`,
      );
    }
  }
}

function describeState(w: PrefixWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${time(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal && t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${time(t.startedAt)}\n`);
    w.write(3, `Finished:\t${time(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

function describeContainers(
  w: PrefixWriter,
  pod: Pod,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[],
): void {
  w.write(0, `${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const st = statuses.find((s) => s.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    const seccomp = (c.securityContext as { seccompProfile?: { type?: string; localhostProfile?: string } } | undefined)
      ?.seccompProfile;
    if (seccomp) {
      w.write(2, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
      if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    if (c.command?.length) {
      w.write(2, 'Command:\n');
      for (const x of c.command) for (const s of x.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, 'Args:\n');
      for (const x of c.args) for (const s of x.split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      describeState(w, 'State', st.state);
      if (st.lastState?.terminated) describeState(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(w, pod, c);
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
    );
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      const sub = (m as { subPath?: string }).subPath;
      if (sub) flags.push(`path=${JSON.stringify(sub)}`);
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function describeVolumes(w: PrefixWriter, volumes: Volume[] | undefined): void {
  if (!volumes?.length) {
    w.write(0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(0, 'Volumes:\n');
  for (const v of volumes) {
    w.write(1, `${v.name}:\n`);
    const src = v as Record<string, unknown>;
    if (src.hostPath) {
      const hp = src.hostPath as { path?: string; type?: string };
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${hp.path ?? ''}\n    HostPathType:\t${hp.type ?? '<none>'}\n`,
      );
    } else if (src.emptyDir) {
      const ed = src.emptyDir as { medium?: string; sizeLimit?: string };
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${ed.medium ?? ''}\n    SizeLimit:\t${ed.sizeLimit ?? '<unset>'}\n`,
      );
    } else if (src.secret) {
      const s = src.secret as { secretName?: string; optional?: boolean };
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${s.secretName ?? ''}\n    Optional:\t${!!s.optional}\n`,
      );
    } else if (src.configMap) {
      const cm = src.configMap as { name?: string; optional?: boolean };
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${cm.name ?? ''}\n    Optional:\t${!!cm.optional}\n`,
      );
    } else if (src.persistentVolumeClaim) {
      const pvc = src.persistentVolumeClaim as { claimName?: string; readOnly?: boolean };
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${pvc.claimName ?? ''}\n    ReadOnly:\t${!!pvc.readOnly}\n`,
      );
    } else if (src.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of (
        src.projected as {
          sources?: Record<string, { name?: string; optional?: boolean; expirationSeconds?: number }>[];
        }
      ).sources ?? []) {
        if (s.secret) w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${!!s.secret.optional}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap)
          w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${!!s.configMap.optional}\n`);
        else if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
      }
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

/** qos.GetPodQOS. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
  let anySet = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if ((r in req && resourceAmount(r, req[r]) !== 0) || (r in lim && resourceAmount(r, lim[r]) !== 0)) anySet = true;
      if (!(r in lim)) guaranteed = false;
      else if (r in req && resourceAmount(r, req[r]) !== resourceAmount(r, lim[r])) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * The events PodDescriber.Describe finds (staging/src/k8s.io/kubectl/pkg/describe/describe.go):
 * a reference without a kind (events of the pod's name and uid, whatever their kind), and for a
 * mirror pod the uid in its kubernetes.io/config.mirror annotation (the static pod's, which
 * the kubelet records its events against).
 */
export function podEvents(ctx: Ctx, pod: Pod): CoreEvent[] {
  const mirror = pod.metadata.annotations?.['kubernetes.io/config.mirror'];
  const uid = mirror !== undefined ? mirror : (pod.metadata.uid ?? '');
  return ctx.cluster.store
    .list<CoreEvent>('Event', pod.metadata.namespace)
    .filter(
      (e) =>
        e.involvedObject.name === pod.metadata.name &&
        (e.involvedObject.namespace ?? '') === (pod.metadata.namespace ?? '') &&
        (uid === '' || e.involvedObject.uid === uid),
    );
}

export function describePod(ctx: Ctx, pod: Pod): string {
  const w = new PrefixWriter();
  const st = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (pod.spec.priority !== undefined && pod.spec.priority !== null) w.write(0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec.priorityClassName) w.write(0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  if (pod.spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${pod.spec.runtimeClassName}\n`);
  if (pod.spec.serviceAccountName) w.write(0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  w.write(0, pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  printLabels(w, 'Labels', pod.metadata.labels);
  printAnnotations(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(ctx.cluster.clock, pod.metadata.deletionTimestamp)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${st.phase ?? ''}\n`);
  }
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  const seccomp = (
    pod.spec.securityContext as { seccompProfile?: { type?: string; localhostProfile?: string } } | undefined
  )?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${st.podIP ?? ''}\n`);
  if (!st.podIPs?.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of st.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ctrl = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (pod.spec.initContainers?.length)
    describeContainers(w, pod, 'Init Containers', pod.spec.initContainers, st.initContainerStatuses ?? []);
  describeContainers(w, pod, 'Containers', pod.spec.containers ?? [], st.containerStatuses ?? []);
  const gates = (pod.spec.readinessGates as { conditionType: string }[] | undefined) ?? [];
  if (gates.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates)
      w.write(
        1,
        `${g.conditionType} \t${(st.conditions ?? []).find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`,
      );
  }
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec.volumes);
  w.write(0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabels(w, 'Node-Selectors', pod.spec.nodeSelector);
  printTolerations(w, 'Tolerations', pod.spec.tolerations);
  const tscs = [...(pod.spec.topologySpreadConstraints ?? [])].sort((a, b) =>
    a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0,
  );
  if (tscs.length) {
    w.write(0, 'Topology Spread Constraints:\t');
    tscs.forEach((t, i) => {
      if (i !== 0) w.write(0, '\t');
      w.write(0, `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`);
      if (t.labelSelector) w.write(0, ` for selector ${formatLabelSelector(t.labelSelector)}`);
      w.write(0, '\n');
    });
  }
  describeEvents(ctx, w, podEvents(ctx, pod));
  return w.toString();
}

// ---- nodes -----------------------------------------------------------------------------

const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'storage',
  'pods',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
]);

function describeNodeResource(ctx: Ctx, w: PrefixWriter, node: Node, pods: Pod[]): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = Object.keys(node.status?.allocatable ?? {}).length
    ? node.status!.allocatable!
    : (node.status?.capacity ?? {});
  const allocOf = (r: string) => (r in alloc ? resourceAmount(r, alloc[r]) : 0);
  const pct = (v: number, total: number) =>
    total === 0 ? (v === 0 ? 'NaN' : '+Inf') : String(Math.trunc((v / total) * 100));
  const q = (r: string, v: number) => formatQuantity(r, v);
  for (const p of pods) {
    const req = podRequests(p),
      lim = podLimits(p);
    const cells = [
      ['cpu', req.cpu ?? 0],
      ['cpu', lim.cpu ?? 0],
      ['memory', req.memory ?? 0],
      ['memory', lim.memory ?? 0],
    ] as const;
    const text = cells.map(([r, v]) => `${q(r, v)} (${pct(v, allocOf(r))}%)`);
    w.write(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${text.join('\t')}\t${since(ctx.cluster.clock, p.metadata.creationTimestamp)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const reqs: Record<string, number> = {},
    lims: Record<string, number> = {};
  for (const p of pods) {
    for (const [k, v] of Object.entries(podRequests(p))) reqs[k] = (reqs[k] ?? 0) + v;
    for (const [k, v] of Object.entries(podLimits(p))) lims[k] = (lims[k] ?? 0) + v;
  }
  const frac = (v: number, r: string) => (allocOf(r) !== 0 ? Math.trunc((v / allocOf(r)) * 100) : 0);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    w.write(
      1,
      `${r}\t${q(r, reqs[r] ?? 0)} (${frac(reqs[r] ?? 0, r)}%)\t${q(r, lims[r] ?? 0)} (${frac(lims[r] ?? 0, r)}%)\n`,
    );
  }
  const names = Object.keys(alloc);
  for (const r of names.filter((n) => n.startsWith('hugepages-')).sort()) {
    w.write(
      1,
      `${r}\t${q(r, reqs[r] ?? 0)} (${frac(reqs[r] ?? 0, r)}%)\t${q(r, lims[r] ?? 0)} (${frac(lims[r] ?? 0, r)}%)\n`,
    );
  }
  for (const r of names.filter((n) => !n.startsWith('hugepages-') && !STANDARD_RESOURCES.has(n)).sort()) {
    w.write(1, `${r}\t${q(r, reqs[r] ?? 0)}\t${q(r, lims[r] ?? 0)}\n`);
  }
}

export function describeNode(ctx: Ctx, node: Node): string {
  const w = new PrefixWriter();
  const roles = nodeRoles(node);
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', node.metadata.labels);
  printAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${time(node.metadata.creationTimestamp)}\n`);
  const taints = [...(node.spec?.taints ?? [])].sort((a, b) => {
    const x = `${a.effect},${a.key}`,
      y = `${b.effect},${b.key}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.line('<none>');
  taints.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`}\n`);
  });
  w.write(0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  // The node lease the kubelet renews; its renew time follows the Ready heartbeat.
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${ready?.lastHeartbeatTime ? rfc1123z(ready.lastHeartbeatTime) : '<unset>'}\n`);
  const conds = node.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds)
      w.write(
        1,
        `${c.type} \t${c.status} \t${time(c.lastHeartbeatTime)} \t${time(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', node.status?.capacity],
    ['Allocatable', node.status?.allocatable],
  ] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (!keys.length) continue;
    w.write(0, `${title}:\n`);
    for (const k of keys) w.write(0, `  ${k}:\t${String(list![k])}\n`);
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]) {
    w.write(0, `  ${label}:\t${info[key] ?? ''}\n`);
  }
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  const cidrs = (node.spec?.podCIDRs as string[] | undefined) ?? [];
  if (cidrs.length) w.write(0, `PodCIDRs:\t${cidrs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${String(node.spec.providerID)}\n`);
  const pods = ctx.cluster.store
    .podsOnNode<Pod>(node.metadata.name!)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  describeNodeResource(ctx, w, node, pods);
  describeEvents(ctx, w, ctx.cluster.events.for(node));
  return w.toString();
}

// ---- command ---------------------------------------------------------------------------

const DESCRIBERS: Record<string, (ctx: Ctx, obj: KubeObject) => string> = {
  Pod: (ctx, o) => describePod(ctx, o as Pod),
  Node: (ctx, o) => describeNode(ctx, o as Node),
};

export const describeCommand: Command = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
  ],
  run(ctx) {
    if (!ctx.bool('show-events')) throw new NotSupportedError('kubectl describe --show-events=false');
    const args = ctx.args.positional;
    if (args.length === 0) {
      // describe.go Complete: a plain error (no usage hint), unlike `get`.
      throw new UserError(
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
      );
    }
    const { types, refs } = parseResourceArgs(args);
    const kinds: KindInfo[] = [...types, ...refs.map((r) => r.info)];
    for (const k of kinds) if (!DESCRIBERS[k.kind]) throw new NotSupportedError(`kubectl describe ${k.plural}`);
    const store = ctx.cluster.store;
    const allNs = ctx.bool('all-namespaces');
    const match = selectorFlag(ctx);
    const objs: KubeObject[] = [];
    const errors: string[] = [];
    for (const info of types) {
      const ns = info.namespaced && !allNs ? ctx.namespace() : undefined;
      objs.push(...store.list(info.kind, ns).filter((o) => !match || match(o.metadata.labels)));
    }
    for (const r of refs) {
      const ns = r.info.namespaced ? ctx.namespace() : undefined;
      const exact = store.get(r.info.kind, ns, r.name);
      if (exact) {
        objs.push(exact);
        continue;
      }
      const prefixed = store.list(r.info.kind, ns).filter((o) => o.metadata.name!.startsWith(r.name));
      if (prefixed.length) objs.push(...prefixed);
      else errors.push(`Error from server (NotFound): ${notFound(r.info.kind, r.name).message}`);
    }
    if (objs.length === 0 && errors.length === 0) {
      const namespaced = kinds.some((k) => k.namespaced);
      ctx.eprint(allNs || !namespaced ? 'No resources found' : `No resources found in ${ctx.namespace()} namespace.`);
      return 0;
    }
    objs.forEach((o, i) => ctx.printRaw((i === 0 ? '' : '\n\n') + DESCRIBERS[o.kind](ctx, o)));
    for (const e of errors) ctx.eprint(e);
    return errors.length ? 1 : 0;
  },
};
