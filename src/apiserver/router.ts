// Request routing of the served API (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
// /version, discovery (/api, /apis, /api/v1, /apis/<group>[/<version>]) and resource paths
// /api/v1[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]] and the same under
// /apis/<group>/<version>, to the handlers. Anything else is the server's 404 Status.

// biome-ignore lint/style/noRestrictedImports: serve's API server (types only)
import type { IncomingHttpHeaders } from 'node:http';
import { API_KINDS, type KindInfo } from '../api/kinds.ts';
import { ApiError } from '../store/errors.ts';
import {
  AGGREGATED_V2,
  aggregatedDiscovery,
  apiGroupList,
  apiResourceList,
  apiVersions,
  groupVersions,
  versionInfo,
} from './discovery.ts';
import {
  createObject,
  deleteCollection,
  deleteObject,
  getObject,
  listObjects,
  patchObject,
  requestWriter,
  type Reply,
  type ResourceRequest,
  type Served,
  updateObject,
} from './resources.ts';
import { subresource, type TextReply } from './subresources.ts';
import { isComputed, refuseWrite } from './computed.ts';
import { errorStatus, failure } from './status.ts';
import { LEASE_PATH, nodeLease } from './leases.ts';
import { openApiV3Index, openApiV3Text } from './openapi.ts';
import { openApiV2 } from './openapiv2.ts';
import { decodeProtobufBody, PROTOBUF } from './protobuf.ts';

export interface HttpRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The raw body (a protobuf body is binary), or its text. */
  body: Buffer | string;
}
export interface HttpReply {
  code: number;
  contentType: string;
  /** Text, or bytes (the protobuf /openapi/v2). */
  body: string | Buffer;
  headers?: Record<string, string | string[]>;
  follow?: () => string | undefined;
}

const json = (
  code: number,
  body: unknown,
  contentType = 'application/json',
  headers?: Record<string, string | string[]>,
): HttpReply => ({ code, contentType, body: JSON.stringify(body) + '\n', headers });

export const NOT_FOUND = () => new ApiError('NotFound', 'the server could not find the requested resource', 404);

/** A resource path, parsed; undefined when the path is not one. */
export function parseResourcePath(
  path: string,
): Omit<ResourceRequest, 'method' | 'query' | 'headers' | 'body'> | undefined {
  const segs = path.split('/').filter(Boolean);
  let group: string, version: string, rest: string[];
  if (segs[0] === 'api' && segs[1] === 'v1') {
    group = '';
    version = 'v1';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return undefined;
  if (rest.length === 0) return undefined;
  const find = (plural: string): KindInfo | undefined =>
    API_KINDS.find((k) => k.group === group && k.version === version && k.plural === plural);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && find(rest[2])?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const info = find(rest[0]);
  if (!info || rest.length > 3) return undefined;
  return { info, namespace, name: rest[1], subresource: rest[2] };
}

/** Answers every request except a watch (see server.ts). */
export function route(s: Served, req: HttpRequest): HttpReply {
  try {
    const url = new URL(req.url, 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const accept = req.headers.accept ?? '';
    const aggregated = accept.split(',')[0].includes('as=APIGroupDiscoveryList');
    if (req.method === 'GET') {
      if (path === '/version') return json(200, versionInfo());
      if (path === '/api')
        return aggregated ? json(200, aggregatedDiscovery(true), AGGREGATED_V2) : json(200, apiVersions());
      if (path === '/apis')
        return aggregated ? json(200, aggregatedDiscovery(false), AGGREGATED_V2) : json(200, apiGroupList());
      const gvMatch = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
      if (gvMatch) {
        const list = gvMatch[1] ? apiResourceList('', 'v1') : apiResourceList(gvMatch[2], gvMatch[3]);
        if (list) return json(200, list);
      }
      const groupMatch = /^\/apis\/([^/]+)$/.exec(path);
      if (groupMatch) {
        const gv = groupVersions().find(([g]) => g === groupMatch[1]);
        if (gv) {
          const v = { groupVersion: `${gv[0]}/${gv[1]}`, version: gv[1] };
          return json(200, { kind: 'APIGroup', apiVersion: 'v1', name: gv[0], versions: [v], preferredVersion: v });
        }
      }
      const lease = LEASE_PATH.exec(path);
      if (lease) return json(200, nodeLease(s.cluster, decodeURIComponent(lease[1])));
      if (path === '/openapi/v2') {
        const r = openApiV2(req.headers);
        const { 'content-type': contentType = '', ...headers } = r.headers;
        return { code: r.code, contentType, body: r.body, headers };
      }
      if (path === '/openapi/v3') return json(200, openApiV3Index());
      if (path.startsWith('/openapi/v3/')) {
        const text = openApiV3Text(path.slice('/openapi/v3/'.length));
        if (text) return { code: 200, contentType: 'application/json', body: text };
      }
      if (path === '/healthz' || path === '/livez' || path === '/readyz')
        return { code: 200, contentType: 'text/plain; charset=utf-8', body: 'ok' };
    }
    const parsed = parseResourcePath(path);
    if (!parsed) throw NOT_FOUND();
    let headers = req.headers;
    let body = typeof req.body === 'string' ? req.body : req.body.toString('utf8');
    if (String(req.headers['content-type'] ?? '').startsWith(PROTOBUF) && typeof req.body !== 'string') {
      // kubectl's typed clients send protobuf (and do not fall back to JSON): decoded to the object's JSON
      body = JSON.stringify(decodeProtobufBody(req.body));
      headers = { ...req.headers, 'content-type': 'application/json' };
    }
    const rreq: ResourceRequest = {
      ...parsed,
      method: req.method,
      query: url.searchParams,
      headers,
      body,
    };
    return reply(s.cluster.store.as(requestWriter(rreq), () => handle(s, rreq)));
  } catch (e) {
    const status = errorStatus(e);
    return json(status.code, status);
  }
}

function handle(s: Served, req: ResourceRequest): Reply | TextReply {
  if (req.info.namespaced && req.namespace === undefined && req.name !== undefined) throw NOT_FOUND();
  if (req.subresource) return subresource(s, req);
  if (isComputed(req.info.kind) && req.method !== 'GET') throw refuseWrite(req.info);
  const one = req.name !== undefined;
  switch (req.method) {
    case 'GET':
      return one ? getObject(s, req) : listObjects(s, req);
    case 'POST':
      if (!one) return createObject(s, req);
      break;
    case 'PUT':
      if (one) return updateObject(s, req);
      break;
    case 'PATCH':
      if (one) return patchObject(s, req);
      break;
    case 'DELETE':
      return one ? deleteObject(s, req) : deleteCollection(s, req);
  }
  return {
    code: 405,
    body: failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
  };
}

function reply(r: Reply | TextReply): HttpReply {
  if ('text' in r) return { code: r.code, contentType: 'text/plain', body: r.text, follow: r.follow };
  const headers = r.warnings?.length ? { warning: r.warnings.map((w) => `299 - ${JSON.stringify(w)}`) } : undefined;
  return json(
    r.code,
    r.body,
    r.code === 200 && isTable(r.body) ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : 'application/json',
    headers,
  );
}

const isTable = (b: unknown) => (b as { kind?: string })?.kind === 'Table';
