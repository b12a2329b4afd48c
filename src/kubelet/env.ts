// The environment a container sees (kubelet_pods.go makeEnvironmentVariables), i.e. what `kubectl exec POD -- env`
// prints: PATH, HOSTNAME, the image's ENV, the pod spec's env (with $(VAR) expansion and the
// downward-API fieldRefs), the service link variables of the Services that existed when the
// container started (the `kubernetes` Service of default always; the pod's own namespace when
// enableServiceLinks), then HOME=/root. The kubelet emits spec and service variables from a Go
// map, so their real order is arbitrary; here: spec env in order, then service variables by
// Service name.

import type { KubeletHost } from './manager.ts';
import type { Container, EnvVar, Pod, Service } from '../api/types.ts';
import { imageInfo } from './imagecatalogue.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { linkedServices, serviceLinkEnv } from '../services/links.ts';
import { extractFieldPathAsString, FieldPathError } from '../api/fieldpath.ts';

const OCI_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * podFieldSelectorRuntimeValue (pkg/kubelet/kubelet_pods.go): the kubelet answers spec.nodeName,
 * spec.serviceAccountName and the pod's and host's IPs itself, the metadata paths through
 * ExtractFieldPathAsString.
 */
function fieldRef(pod: Pod, path: string): string {
  switch (path) {
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((a) => a.ip).join(',');
  }
  try {
    return extractFieldPathAsString(pod, path);
  } catch (e) {
    if (e instanceof FieldPathError) throw new NotSupportedError(`env fieldRef ${path} (${e.message})`);
    throw e;
  }
}

/** $(VAR) expansion against the variables defined so far; $$ escapes. */
function expand(value: string, vars: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name) =>
    m === '$$' ? '$' : vars.has(name) ? vars.get(name)! : m,
  );
}

/**
 * The environment of a container as `KEY=value` lines. `services` defaults to those existing now;
 * the kubelet passes the ones that existed when the container started.
 */
export function buildEnv(
  cluster: KubeletHost,
  pod: Pod,
  c: Container,
  services: Service[] = linkedServices(cluster.store, pod),
): string[] {
  const info = imageInfo(c.image ?? '');
  const out = new Map<string, string>();
  const imageEnv = info?.env ?? [['PATH', OCI_PATH]];
  out.set('PATH', imageEnv.find(([k]) => k === 'PATH')?.[1] ?? OCI_PATH);
  out.set(
    'HOSTNAME',
    pod.spec.hostNetwork
      ? (pod.spec.nodeName ?? '')
      : ((pod.spec.hostname as string | undefined) ?? pod.metadata.name ?? ''),
  );
  for (const [k, v] of imageEnv) if (k !== 'PATH') out.set(k, v);
  const vars = new Map<string, string>();
  for (const e of (c.env ?? []) as EnvVar[]) {
    let v: string;
    if (e.value !== undefined) v = expand(e.value, vars);
    else if (e.valueFrom && typeof e.valueFrom === 'object' && 'fieldRef' in e.valueFrom)
      v = fieldRef(pod, (e.valueFrom as { fieldRef: { fieldPath: string } }).fieldRef.fieldPath);
    else if (e.valueFrom)
      throw new NotSupportedError(`env ${e.name} from ${Object.keys(e.valueFrom as object).join(', ')}`);
    else v = '';
    vars.set(e.name, v);
  }
  if (c.envFrom) throw new NotSupportedError('envFrom (ConfigMap/Secret environment)');
  const svcVars = services.flatMap(serviceLinkEnv).filter(([k]) => !vars.has(k));
  for (const [k, v] of [...vars, ...svcVars]) out.set(k, v);
  if (!out.has('HOME')) out.set('HOME', '/root');
  return [...out].map(([k, v]) => `${k}=${v}`);
}

/** `kubectl exec POD -c C -- env`: the environment the running container was started with. */
export function containerEnv(cluster: KubeletHost, pod: Pod, container: string): string[] {
  const c = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((x) => x.name === container);
  if (!c) throw new UserError(`container ${container} is not valid for pod ${pod.metadata.name}`);
  const services = cluster.kubelets.servicesAtStart(pod, container);
  return buildEnv(cluster, pod, c, services);
}
