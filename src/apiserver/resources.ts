// The resource handlers of the served API (staging/src/k8s.io/apiserver/pkg/endpoints/handlers:
// get.go, create.go, update.go, delete.go, patch.go): GET of one object, LIST with label and field
// selectors, limit/continue and resourceVersion, POST, PUT (with the resourceVersion
// precondition: Conflict), PATCH in its four content types, DELETE with propagationPolicy and
// gracePeriodSeconds, and dryRun=All on every write. Every write goes through the simulator's
// ApiServer (defaulting, admission, validation: src/store/apiserver.ts) after the strict decoding
// of fieldValidation (src/api/decode.ts); the cluster's components run after it (`afterWrite`).

import { parse as parseYaml } from 'yaml';
import type { KindInfo } from '../api/kinds.ts';
import { apiVersionOf, qualifiedPlural } from '../api/kinds.ts';
import type { KubeObject } from '../api/types.ts';
import { decodeObject } from '../api/decode.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { ApiError, badRequest, conflict, notFound } from '../store/errors.ts';
import type { DeleteOptions } from '../store/apiserver.ts';
import { listFilter } from './selectors.ts';
import { jsonPatch, mergePatch, strategicMergePatch } from '../store/patch.ts';
import { toTable, wantsTable } from './tables.ts';
import type { WatchHistory } from './history.ts';
import { applyOwnership } from './ssa.ts';
import type { FieldWriter } from '../store/managedfields.ts';
import { encodeJson, LAST_APPLIED } from '../kubectl/resources.ts';
import { computedObject, computedObjects, isComputed } from './computed.ts';

/** One request on a resource path, parsed (see router.ts). */
export interface ResourceRequest {
  method: string;
  info: KindInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Reply {
  code: number;
  body: unknown;
  warnings?: string[];
}

export interface Served {
  cluster: Cluster;
  /** Runs the cluster's components after a write (the serve loop: settleNow; time moves with the wall clock). */
  afterWrite(): void;
  /** The events a watch from an older resourceVersion replays (history.ts); without it a watch starts from now. */
  history?: WatchHistory;
}

const isDryRun = (q: URLSearchParams) => q.getAll('dryRun').includes('All');

/** FieldManagerMaxLength (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation). */
const FIELD_MANAGER_MAX_LENGTH = 128;

/**
 * Who a request writes as, for managedFields (managerOrUserAgent and prefixFromUserAgent,
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go): its `fieldManager`, else its user
 * agent up to the first `/` (printable characters, at most 128 bytes); the status and scale
 * subresources are recorded as such.
 */
export function requestWriter(req: ResourceRequest): FieldWriter {
  let manager = req.query.get('fieldManager') ?? '';
  if (!manager) {
    const agent = String(req.headers['user-agent'] ?? '').split('/')[0];
    for (const ch of agent) {
      if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
      if (Buffer.byteLength(manager + ch) > FIELD_MANAGER_MAX_LENGTH) break;
      manager += ch;
    }
  }
  const sub = req.subresource === 'status' || req.subresource === 'scale' ? req.subresource : undefined;
  return sub ? { manager, subresource: sub } : { manager };
}

/** The collection's resourceVersion: the newest resourceVersion the store handed out (what a list returns). */
export function listResourceVersion(cluster: Cluster): string {
  return cluster.store.resourceVersion();
}

// biome-ignore lint/suspicious/noExplicitAny: a request body before it is checked
export function parseBody(req: ResourceRequest): any {
  const type = String(req.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    .trim();
  if (req.body.trim() === '')
    throw badRequest(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  try {
    return type === 'application/yaml' || type === 'application/apply-patch+yaml'
      ? parseYaml(req.body)
      : JSON.parse(req.body);
  } catch (e) {
    throw badRequest(`the body of the request was in an unknown format: ${(e as Error).message}`);
  }
}

export function getObject(s: Served, req: ResourceRequest): Reply {
  const kind = req.info.kind;
  const o = isComputed(kind)
    ? computedObject(s.cluster, kind, req.namespace, req.name!)
    : s.cluster.store.get(kind, req.namespace, req.name!);
  if (!o) {
    if (isComputed(kind))
      throw new ApiError('NotFound', `${qualifiedPlural(req.info)} "${req.name}" not found`, 404, [], kind, req.name);
    throw notFound(kind, req.name!);
  }
  if (wantsTable(req.headers.accept as string)) {
    return {
      code: 200,
      body: toTable(
        req.info.kind,
        [o],
        s.cluster.clock,
        req.query.get('includeObject') ?? 'Metadata',
        o.metadata.resourceVersion ?? '',
      ),
    };
  }
  return { code: 200, body: o };
}

interface ContinueToken {
  rv: string;
  start: string;
}

/** The objects of a list request after its selectors, one page of them (limit/continue), and the continue token of the rest. */
export function listPage(
  s: Served,
  req: ResourceRequest,
): { items: KubeObject[]; rv: string; cont?: string; remaining?: number } {
  const filter = listFilter(req.info.kind, req.query.get('labelSelector'), req.query.get('fieldSelector'));
  const ns = req.info.namespaced ? req.namespace : undefined;
  let items = isComputed(req.info.kind)
    ? computedObjects(s.cluster, req.info.kind, ns, req.query.get('labelSelector'))
    : s.cluster.store.list(req.info.kind, ns);
  if (filter) items = items.filter(filter);
  let rv = listResourceVersion(s.cluster);
  const token = req.query.get('continue');
  if (token) {
    let t: ContinueToken;
    try {
      t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    } catch {
      throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
    }
    if (typeof t?.start !== 'string')
      throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
    items = items.filter((o) => keyOf(o) > t.start);
    rv = t.rv;
  }
  const limit = Number(req.query.get('limit') ?? 0);
  if (limit > 0 && items.length > limit) {
    const page = items.slice(0, limit);
    const cont = Buffer.from(JSON.stringify({ rv, start: keyOf(page[page.length - 1]) })).toString('base64url');
    return { items: page, rv, cont, remaining: items.length - limit };
  }
  return { items, rv };
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function listObjects(s: Served, req: ResourceRequest): Reply {
  const { items, rv, cont, remaining } = listPage(s, req);
  if (wantsTable(req.headers.accept as string)) {
    return {
      code: 200,
      body: toTable(req.info.kind, items, s.cluster.clock, req.query.get('includeObject') ?? 'Metadata', rv, cont),
    };
  }
  const metadata = { resourceVersion: rv, ...(cont ? { continue: cont, remainingItemCount: remaining } : {}) };
  return { code: 200, body: { kind: `${req.info.kind}List`, apiVersion: apiVersionOf(req.info), metadata, items } };
}

/** The decoder's unknown-field check as fieldValidation asks: Strict fails, Warn warns, Ignore says nothing (type errors always fail). */
function checkFields(req: ResourceRequest, obj: KubeObject): string[] {
  const mode = req.query.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(mode)) throw badRequest(`fieldValidation parameter unsupported: ${mode}`);
  const err = decodeObject(obj, req.info);
  if (!err) return [];
  const unknownField = err.message.includes('strict decoding error: unknown field');
  if (!unknownField || mode === 'Strict') throw badRequest(err.message);
  return mode === 'Warn' ? [err.message.replace(/^.*strict decoding error: /, '')] : [];
}

/** The body's kind and apiVersion must be this resource's (the server's "the API version in the data … does not match"). */
// biome-ignore lint/suspicious/noExplicitAny: a request body before it is checked
function checkKind(req: ResourceRequest, obj: any): KubeObject {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    throw badRequest(`Object 'Kind' is missing in '${req.body.slice(0, 200)}'`);
  obj.kind ??= req.info.kind;
  obj.apiVersion ??= apiVersionOf(req.info);
  if (obj.kind !== req.info.kind || obj.apiVersion !== apiVersionOf(req.info)) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(req.info)})`,
    );
  }
  obj.metadata ??= {};
  return obj as KubeObject;
}

function placeIn(req: ResourceRequest, obj: KubeObject): void {
  if (!req.info.namespaced) return;
  if (obj.metadata.namespace && req.namespace && obj.metadata.namespace !== req.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  obj.metadata.namespace = req.namespace ?? obj.metadata.namespace;
}

export function createObject(s: Served, req: ResourceRequest): Reply {
  const obj = checkKind(req, parseBody(req));
  placeIn(req, obj);
  const warnings = checkFields(req, obj);
  if (isDryRun(req.query)) return { code: 201, body: s.cluster.api.prepareCreate(obj), warnings };
  const created = s.cluster.api.create(obj);
  s.afterWrite();
  return { code: 201, body: writeReply(s, created), warnings };
}

/**
 * The answer to a create or update: the object as written — kube-apiserver answers before any
 * controller, scheduler or kubelet acts on it (so a new pod is Pending, and its managedFields hold
 * only the writer's entry) — except a Service, as stored after the settle: its registry allocates
 * the ClusterIP while creating it (pkg/registry/core/service/storage), which the simulator does in a
 * component (src/services/clusterip.ts).
 */
function writeReply(s: Served, written: KubeObject): KubeObject {
  if (written.kind !== 'Service') return written;
  const now = s.cluster.store.get(written.kind, written.metadata.namespace, written.metadata.name!);
  return now && now.metadata.uid === written.metadata.uid ? now : written;
}

/** PUT: full replacement, with the stored resourceVersion as precondition when the body has one. */
export function replaceObject(s: Served, req: ResourceRequest, obj: KubeObject, warnings: string[] = []): Reply {
  placeIn(req, obj);
  if (obj.metadata.name !== req.name)
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${req.name})`);
  const cur = s.cluster.store.get(req.info.kind, req.namespace, req.name!);
  if (!cur) throw notFound(req.info.kind, req.name!);
  if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) {
    throw conflict(
      req.info.kind,
      req.name!,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  }
  if (isDryRun(req.query)) {
    // what the update would store: the stored object's identity and resourceVersion (nothing is written, so it does not move)
    const out = s.cluster.api.prepareUpdate(obj);
    out.metadata = {
      ...out.metadata,
      uid: cur.metadata.uid,
      creationTimestamp: cur.metadata.creationTimestamp,
      resourceVersion: cur.metadata.resourceVersion,
    };
    return { code: 200, body: out, warnings };
  }
  const updated = s.cluster.api.update(obj);
  s.afterWrite();
  return { code: 200, body: writeReply(s, updated), warnings };
}

export function updateObject(s: Served, req: ResourceRequest): Reply {
  const obj = checkKind(req, parseBody(req));
  return replaceObject(s, req, obj, checkFields(req, obj));
}

/** The object after a patch of any of the four content types (the patched object is not stored). */
export function patched(req: ResourceRequest, current: KubeObject | undefined): KubeObject {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  const patch = parseBody(req);
  switch (type) {
    case 'application/merge-patch+json':
      return mergePatch(current, patch);
    case 'application/json-patch+json':
      return jsonPatch(current, patch);
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(current, patch);
    case 'application/apply-patch+yaml':
      return strategicMergePatch(current, patch);
    default:
      throw new ApiError(
        'UnsupportedMediaType' as never,
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
        415,
      );
  }
}

export function patchObject(s: Served, req: ResourceRequest): Reply {
  const cur = s.cluster.store.get(req.info.kind, req.namespace, req.name!);
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  if (!cur) {
    // server-side apply creates what is missing
    if (type !== 'application/apply-patch+yaml') throw notFound(req.info.kind, req.name!);
    const obj = checkKind(req, parseBody(req));
    if (obj.metadata.name !== req.name)
      throw badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${req.name})`,
      );
    placeIn(req, obj);
    const owned = applyOwnership(req.info, undefined, obj, obj, applyManager(req), isForce(req), s.cluster.clock.iso());
    // the apply's entries are final: the write passes no Update field manager
    return s.cluster.store.as(undefined, () =>
      createObject(s, {
        ...req,
        body: JSON.stringify(owned),
        headers: { ...req.headers, 'content-type': 'application/json' },
      }),
    );
  }
  let next = patched(req, structuredClone(cur));
  const apply = type === 'application/apply-patch+yaml';
  if (apply) {
    const applied = checkKind(req, parseBody(req));
    const manager = applyManager(req);
    next = applyOwnership(req.info, cur, applied, next, manager, isForce(req), s.cluster.clock.iso());
    syncLastApplied(cur, applied, next, manager);
  }
  if (!next || next.kind !== cur.kind || next.metadata?.name !== cur.metadata.name)
    throw badRequest('the patch may not change the kind or name of the object');
  // a patch applies to the current object: no resourceVersion precondition unless the patch sets one
  const patchRv =
    next.metadata.resourceVersion !== cur.metadata.resourceVersion ? next.metadata.resourceVersion : undefined;
  if (!patchRv) next.metadata.resourceVersion = undefined;
  const warnings = checkFields(req, next);
  // an apply's entries are final: the write passes no Update field manager
  return apply
    ? s.cluster.store.as(undefined, () => replaceObject(s, req, next, warnings))
    : replaceObject(s, req, next, warnings);
}

/**
 * lastAppliedUpdater (staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/lastappliedupdater.go):
 * `kubectl apply --server-side` (manager `kubectl`) on an object that has the client-side apply
 * annotation rewrites it to the applied configuration (without the annotation), so a later
 * client-side apply diffs against it.
 */
function syncLastApplied(cur: KubeObject, applied: KubeObject, next: KubeObject, manager: string): void {
  if (manager !== 'kubectl' || cur.metadata.annotations?.[LAST_APPLIED] === undefined) return;
  const config = structuredClone(applied);
  if (config.metadata.annotations) delete config.metadata.annotations[LAST_APPLIED];
  next.metadata.annotations = { ...next.metadata.annotations, [LAST_APPLIED]: encodeJson(config).trimEnd() };
}

/** The field manager of an apply (required: PatchOptions validation). */
function applyManager(req: ResourceRequest): string {
  const m = req.query.get('fieldManager');
  if (!m)
    throw new ApiError(
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      422,
      [{ type: 'Required', field: 'fieldManager', detail: 'is required for apply patch' }],
      'PatchOptions',
      '',
    );
  return m;
}

const isForce = (req: ResourceRequest) => req.query.get('force') === 'true';

export function deleteOptions(req: ResourceRequest): DeleteOptions & { dryRun: boolean } {
  // biome-ignore lint/suspicious/noExplicitAny: a request body before it is checked
  let body: any = {};
  if (req.body.trim()) body = parseBody(req);
  const q = req.query;
  const grace = q.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  const policy =
    q.get('propagationPolicy') ?? body.propagationPolicy ?? (body.orphanDependents === true ? 'Orphan' : undefined);
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  const dryRun = isDryRun(q) || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
  return { gracePeriodSeconds: grace === undefined ? undefined : Number(grace), propagationPolicy: policy, dryRun };
}

export function deleteObject(s: Served, req: ResourceRequest): Reply {
  const opts = deleteOptions(req);
  const cur = s.cluster.store.get(req.info.kind, req.namespace, req.name!);
  if (!cur) throw notFound(req.info.kind, req.name!);
  if (opts.dryRun) return { code: 200, body: cur };
  const out = s.cluster.api.delete(req.info.kind, req.namespace, req.name!, opts);
  s.afterWrite();
  // The object itself, not one created again under its name meanwhile (a mirror pod the kubelet
  // recreates at once): kubectl's delete waits for the uid of the answer to go
  // (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go, uidMap; pkg/cmd/wait/delete.go IsDeleted).
  const found = s.cluster.store.get(req.info.kind, req.namespace, req.name!);
  const still = found?.metadata.uid === cur.metadata.uid ? found : undefined;
  return { code: still ? 202 : 200, body: still ?? out };
}

export function deleteCollection(s: Served, req: ResourceRequest): Reply {
  const opts = deleteOptions(req);
  const { items } = listPage(s, req);
  if (!opts.dryRun) {
    for (const o of items) s.cluster.api.delete(req.info.kind, o.metadata.namespace, o.metadata.name!, opts);
    s.afterWrite();
  }
  return {
    code: 200,
    body: {
      kind: `${req.info.kind}List`,
      apiVersion: apiVersionOf(req.info),
      metadata: { resourceVersion: listResourceVersion(s.cluster) },
      items,
    },
  };
}
