// The container, volume and pod-template sections of `kubectl describe`
// (staging/src/k8s.io/kubectl/pkg/describe/describe.go: describeContainers, describeVolumes,
// describeTopologySpreadConstraints, DescribePodTemplate), shared by the pod describer and the
// describers of the workloads that hold a pod template.

import type {
  Container,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  PodTemplateSpec,
  Probe,
  TopologySpreadConstraint,
  Volume,
} from '../../api/types.ts';
import { formatQuantity, resourceAmount } from '../../api/quantity.ts';
import { NotSupportedError } from '../../util/errors.ts';
import { formatLabelSelector } from '../printers.ts';
import { type PrefixWriter, printAnnotations, printLabels, printTolerations, time } from './writer.ts';

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

function describeEnv(w: PrefixWriter, pod: Pod | undefined, c: Container): void {
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
        `${e.name}:\t${pod ? fieldRefValue(pod, vf.fieldRef.fieldPath) : ''} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`,
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

/**
 * describeContainers: a pod's containers with their statuses and env resolved from the pod, or a
 * pod template's (`space` "  ", no statuses, fieldRefs unresolved).
 */
export function describeContainers(
  w: PrefixWriter,
  pod: Pod | undefined,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  space = '',
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
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

/** describeVolumes (`space` "  " in a pod template). */
export function describeVolumes(w: PrefixWriter, volumes: Volume[] | undefined, space = ''): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
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

/** describeTopologySpreadConstraints (sorted by topology key; `space` "  " in a pod template). */
export function describeTopologySpread(
  w: PrefixWriter,
  constraints: TopologySpreadConstraint[] | undefined,
  space = '',
): void {
  const tscs = [...(constraints ?? [])].sort((a, b) =>
    a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0,
  );
  if (!tscs.length) return;
  w.write(0, `${space}Topology Spread Constraints:\t`);
  tscs.forEach((t, i) => {
    if (i !== 0) w.write(0, `${space}\t`);
    w.write(0, `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`);
    if (t.labelSelector) w.write(0, ` for selector ${formatLabelSelector(t.labelSelector)}`);
    w.write(0, '\n');
  });
}

/** DescribePodTemplate: the template of a Deployment, ReplicaSet, DaemonSet, StatefulSet, Job or ReplicationController. */
export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length)
    printAnnotations(w, '  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length)
    describeContainers(w, undefined, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, undefined, 'Containers', spec.containers ?? [], undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpread(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}
