// GET /openapi/v2: Kubernetes 1.33's OpenAPI v2 document of the served paths
// (data/kubernetes/v1.33/openapi-v2.json, made by scripts/kubernetes-data.ts from the swagger.json the
// v3 documents come from), as kube-openapi's handler serves it
// (staging/src/k8s.io/kube-openapi/pkg/handler/handler.go RegisterOpenAPIVersionedService): the
// Accept header's clauses, sorted as goautoneg sorts them (q, then specific types before `*`),
// pick JSON (`application/json`) or gnostic's protobuf
// (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, answered with the content type
// `application/com.github.proto-openapi.spec.v2.v1.0+protobuf`; gnostic.ts), no acceptable type is
// a bare 406; `Vary: Accept`, and an ETag — the quoted upper-case hex SHA-512 of the JSON, shared
// by both encodings — with http.ServeContent's conditional answers (If-None-Match, then
// If-Modified-Since, → 304 Not Modified).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_DIR } from '../util/paths.ts';
import { encodeOpenApiV2 } from './gnostic.ts';

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
const PROTOBUF_SUBTYPES = [
  'com.github.proto-openapi.spec.v2@v1.0+protobuf',
  'com.github.proto-openapi.spec.v2.v1.0+protobuf',
];
const PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

interface Served {
  json: Buffer;
  /** Encoded on first request for it. */
  proto?: Buffer;
  etag: string;
  lastModified: Date;
}
let served: Served | undefined;

function load(): Served {
  if (served) return served;
  const data = JSON.parse(
    readFileSync(join(PROJECT_DIR, 'data', 'kubernetes', 'v1.33', 'openapi-v2.json'), 'utf8'),
  ) as { document: unknown };
  const json = Buffer.from(JSON.stringify(data.document));
  served = {
    json,
    etag: `"${createHash('sha512').update(json).digest('hex').toUpperCase()}"`,
    // http.ServeContent's Last-Modified has whole seconds
    lastModified: new Date(Math.floor(Date.now() / 1000) * 1000),
  };
  return served;
}

/** The parsed document (for tests). */
export function openApiV2Document(): unknown {
  return JSON.parse(load().json.toString('utf8'));
}

interface Clause {
  type: string;
  subType: string;
  q: number;
}

/** The clauses of an Accept header, best first (github.com/munnerz/goautoneg ParseAccept). */
export function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of header.split(',')) {
    const [mediaRange, ...params] = part.split(';').map((p) => p.trim());
    if (!mediaRange) continue;
    const slash = mediaRange.indexOf('/');
    const [type, subType] = slash < 0 ? [mediaRange, '*'] : [mediaRange.slice(0, slash), mediaRange.slice(slash + 1)];
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=').map((x) => x.trim());
      if (k === 'q') q = Number.parseFloat(v) || 0;
    }
    clauses.push({ type, subType, q });
  }
  const specific = (c: Clause) => (c.type === '*' ? 0 : c.subType === '*' ? 1 : 2);
  return clauses.sort((a, b) => b.q - a.q || specific(b) - specific(a));
}

export interface OpenApiV2Reply {
  code: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The answer to GET (or HEAD) /openapi/v2 with these request headers. */
export function openApiV2(headers: Record<string, string | string[] | undefined>): OpenApiV2Reply {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(', ') : (v ?? '');
  };
  for (const clause of parseAccept(header('accept') || '*/*')) {
    if (clause.type !== 'application' && clause.type !== '*') continue;
    let protobuf: boolean;
    if (clause.subType === 'json' || clause.subType === '*') protobuf = false;
    else if (PROTOBUF_SUBTYPES.includes(clause.subType)) protobuf = true;
    else continue;
    const s = load();
    if (protobuf) s.proto ??= encodeOpenApiV2(openApiV2Document());
    const out: Record<string, string> = {
      vary: 'Accept',
      'content-type': protobuf ? PROTOBUF_CONTENT_TYPE : 'application/json',
      etag: s.etag,
      'last-modified': s.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
    };
    if (notModified(header('if-none-match'), header('if-modified-since'), s)) {
      // net/http's writeNotModified
      delete out['content-type'];
      delete out['last-modified'];
      return { code: 304, headers: out, body: Buffer.alloc(0) };
    }
    return { code: 200, headers: out, body: protobuf ? s.proto! : s.json };
  }
  return { code: 406, headers: { vary: 'Accept' }, body: Buffer.alloc(0) };
}

/** net/http's checkIfNoneMatch (weak comparison; `*` matches), else checkIfModifiedSince. */
function notModified(ifNoneMatch: string, ifModifiedSince: string, s: Served): boolean {
  if (ifNoneMatch) {
    const strip = (t: string) => t.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((t) => strip(t) === '*' || strip(t) === s.etag);
  }
  if (ifModifiedSince) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && s.lastModified.getTime() <= since;
  }
  return false;
}
