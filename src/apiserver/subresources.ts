// Subresources of the served API: status (GET/PUT/PATCH; a status write keeps the stored spec,
// pkg/registry/core/pod/strategy.go podStatusStrategy), scale (autoscaling/v1 Scale of
// Deployments, ReplicaSets, StatefulSets and ReplicationControllers, pkg/registry/apps/deployment/storage),
// binding (POST pods/x/binding: spec.nodeName and PodScheduled, pkg/registry/core/pod/storage
// assignPod), eviction (POST pods/x/eviction, src/store/eviction.ts) and log (GET pods/x/log: the
// kubelet's container logs, text/plain). exec, attach and port-forward are not served.

import { formatLabelSelector } from '../kubectl/printers.ts';
import { formatMapSelector } from '../api/selectors.ts';
import type { KubeObject, Pod } from '../api/types.ts';
import { containerLogs } from '../kubelet/logs.ts';
import { ApiError, badRequest, conflict, notFound } from '../store/errors.ts';
import { evictPod } from '../store/eviction.ts';
import { NotSupportedError } from '../util/errors.ts';
import { WITH_STATUS } from '../store/managedfields.ts';
import {
  deleteOptions,
  parseBody,
  patched,
  type Reply,
  type ResourceRequest,
  replaceObject,
  type Served,
} from './resources.ts';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);
/**
 * A reply whose body is text (pods/log). `follow` (logs -f): called as time passes, returns what
 * was written since, or undefined once the stream ends (the container exited, or the pod is gone).
 */
export interface TextReply {
  code: number;
  text: string;
  follow?: () => string | undefined;
}

export function subresource(s: Served, req: ResourceRequest): Reply | TextReply {
  const { kind } = req.info;
  const sub = req.subresource!;
  const cur = (): KubeObject => {
    const o = s.cluster.store.get(kind, req.namespace, req.name!);
    if (!o) throw notFound(kind, req.name!);
    return o;
  };
  if (sub === 'status' && WITH_STATUS.has(kind)) {
    if (req.method === 'GET') return { code: 200, body: cur() };
    const old = cur();
    const next = req.method === 'PATCH' ? patched(req, structuredClone(old)) : (parseBody(req) as KubeObject);
    if (req.method !== 'PUT' && req.method !== 'PATCH') throw methodNotAllowed(req);
    // the status strategy: only status (and metadata the status writer may touch) changes
    const obj = { ...structuredClone(old), status: (next as { status?: unknown }).status } as KubeObject;
    if (req.method === 'PUT' && next.metadata?.resourceVersion)
      obj.metadata.resourceVersion = next.metadata.resourceVersion;
    return replaceObject(s, req, obj);
  }
  if (sub === 'scale' && SCALABLE.has(kind)) {
    const scaleOf = (o: KubeObject): unknown => {
      const w = o as unknown as {
        spec: { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
        status?: { replicas?: number };
      };
      const selector =
        kind === 'ReplicationController'
          ? formatMapSelector(w.spec.selector as Record<string, string>)
          : formatLabelSelector(w.spec.selector as never);
      return {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
          name: o.metadata.name,
          namespace: o.metadata.namespace,
          uid: o.metadata.uid,
          resourceVersion: o.metadata.resourceVersion,
          creationTimestamp: o.metadata.creationTimestamp,
        },
        spec: { replicas: w.spec.replicas ?? 1 },
        status: { replicas: w.status?.replicas ?? 0, selector: selector === '<none>' ? '' : selector },
      };
    };
    if (req.method === 'GET') return { code: 200, body: scaleOf(cur()) };
    if (req.method !== 'PUT' && req.method !== 'PATCH') throw methodNotAllowed(req);
    const old = cur();
    const scale = (req.method === 'PATCH' ? patched(req, scaleOf(old) as KubeObject) : parseBody(req)) as {
      spec?: { replicas?: number };
      metadata?: { resourceVersion?: string };
    };
    const replicas = scale.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw new ApiError(
        'Invalid',
        `Scale.autoscaling "${req.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
        422,
        [{ type: 'Invalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' }],
        'Scale',
        req.name!,
      );
    }
    if (
      req.method === 'PUT' &&
      scale.metadata?.resourceVersion &&
      scale.metadata.resourceVersion !== old.metadata.resourceVersion
    ) {
      throw conflict(
        kind,
        req.name!,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const obj = structuredClone(old) as KubeObject & { spec: { replicas?: number } };
    obj.spec.replicas = replicas;
    const r = replaceObject(s, req, obj);
    return { code: 200, body: scaleOf(r.body as KubeObject) };
  }
  if (kind === 'Pod' && sub === 'binding') {
    if (req.method !== 'POST') throw methodNotAllowed(req);
    const binding = parseBody(req) as { target?: { name?: string; kind?: string } };
    const node = binding.target?.name;
    if (!node) throw badRequest('target.name: Required value');
    const pod = cur() as Pod;
    if (pod.spec.nodeName)
      throw conflict('Pod', req.name!, `pod ${req.name} is already assigned to node "${pod.spec.nodeName}"`);
    // assignPod writes the registry's storage directly: no managedFields entry (pkg/registry/core/pod/storage/storage.go)
    s.cluster.store.as(undefined, () =>
      s.cluster.store.mutate<Pod>('Pod', req.namespace, req.name!, (p) => {
        p.spec.nodeName = node;
        const conds = (p.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
        p.status = {
          ...p.status,
          conditions: [
            ...conds,
            { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: s.cluster.clock.iso() },
          ],
        };
      }),
    );
    s.afterWrite();
    return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  }
  if (kind === 'Pod' && sub === 'eviction') {
    if (req.method !== 'POST') throw methodNotAllowed(req);
    const body = parseBody(req) as { deleteOptions?: unknown };
    const opts = deleteOptions({ ...req, body: body.deleteOptions ? JSON.stringify(body.deleteOptions) : '' });
    cur();
    if (!opts.dryRun) {
      evictPod(s.cluster.api, s.cluster.store, req.namespace!, req.name!, opts);
      s.afterWrite();
    }
    return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
  }
  if (kind === 'Pod' && sub === 'log') {
    if (req.method !== 'GET') throw methodNotAllowed(req);
    const pod = cur() as Pod;
    let container = req.query.get('container') ?? '';
    if (!container) {
      if (pod.spec.containers.length !== 1) {
        const names = pod.spec.containers.map((c) => c.name);
        const init = (pod.spec.initContainers ?? []).map((c) => c.name);
        throw badRequest(
          `a container name must be specified for pod ${req.name}, choose one of: [${names.join(' ')}]${init.length ? ` or one of the init containers: [${init.join(' ')}]` : ''}`,
        );
      }
      container = pod.spec.containers[0].name;
    }
    const previous = req.query.get('previous') === 'true';
    const all = containerLogs(s.cluster, req.namespace!, req.name!, container, { previous });
    const tail = req.query.get('tailLines');
    const lines = tail === null ? all : Number(tail) === 0 ? [] : all.slice(-Number(tail));
    const stamps = req.query.get('timestamps') === 'true';
    const text = (ls: typeof all) => ls.map((l) => `${stamps ? `${l.time} ` : ''}${l.line}\n`).join('');
    if (req.query.get('follow') !== 'true' || previous) return { code: 200, text: text(lines) };
    // kubectl logs -f: the lines the same container instance writes from now on, until it exits
    const instance = s.cluster.kubelets.instancesOf(pod, container).at(-1);
    let sent = all.length;
    const follow = () => {
      const now = s.cluster.store.get<Pod>('Pod', req.namespace, req.name!);
      if (!now || now.metadata.uid !== pod.metadata.uid || !instance) return undefined;
      const fresh = containerLogs(s.cluster, req.namespace!, req.name!, container).slice(sent);
      sent += fresh.length;
      const out = text(fresh);
      return instance.finishedAt !== undefined && out === '' ? undefined : out;
    };
    return { code: 200, text: text(lines), follow };
  }
  if (kind === 'Pod' && ['exec', 'attach', 'portforward'].includes(sub)) {
    throw new NotSupportedError(
      `pods/${sub} through the served API (kubectl ${sub === 'portforward' ? 'port-forward' : sub}): use the simulator's kubectl in a scenario`,
    );
  }
  throw new ApiError('NotFound', 'the server could not find the requested resource', 404);
}

function methodNotAllowed(_req: ResourceRequest): ApiError {
  return new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource`, 405);
}
