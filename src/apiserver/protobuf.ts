// Protobuf request bodies (`application/vnd.kubernetes.protobuf`), as kubectl's typed clients send
// them (`kubectl create deployment|namespace|configmap|secret|service`, drain's evictions): the
// envelope is the 4 bytes `k8s\0` and a runtime.Unknown whose typeMeta names the kind and whose raw
// bytes are the kind's message (staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go,
// pkg/runtime/types_proto.go). The schemas are Kubernetes' generated.proto files of v1.33.1
// (data/kubernetes/v1.33/protobuf.json, made by scripts/kubernetes-data.ts). The message becomes
// the JSON object the Go struct would marshal to: the wrapper types of apimachinery become their
// JSON forms (Time, MicroTime, Quantity, IntOrString, RawExtension, FieldsV1, Duration), bytes
// become base64, and a zero scalar — which protobuf carries for every non-pointer field — is left
// out unless Go's encoding/json writes it (a pointer, or no omitempty: `emitZero`).

import protobuf from 'protobufjs';
import { kubernetesProto } from '../api/gotyped.ts';
import { badRequest } from '../store/errors.ts';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

interface Schemas {
  root: protobuf.Root;
  emitZero: Map<string, Set<string>>;
}
let schemas: Schemas | undefined;

function load(): Schemas {
  if (schemas) return schemas;
  const data = kubernetesProto();
  schemas = {
    root: protobuf.Root.fromJSON(data.schema as protobuf.INamespace),
    emitZero: new Map(Object.entries(data.emitZero).map(([k, v]) => [k, new Set(v)])),
  };
  return schemas;
}

/** The protobuf package of an apiVersion's kinds (k8s.io/api/<group>/<version>; meta kinds like DeleteOptions in metav1). */
function packagesOf(apiVersion: string): string[] {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const short = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '');
  return [`k8s.io.api.${short}.${version}`, META];
}

/** The JSON object of a protobuf request body: `k8s\0` + runtime.Unknown{typeMeta, raw}. */
export function decodeProtobufBody(body: Buffer): Record<string, unknown> {
  const { root } = load();
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw badRequest('provided object is not a protobuf message: missing the k8s\\0 prefix');
  const unknown = root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown').decode(body.subarray(4)) as unknown as {
    typeMeta?: { apiVersion?: string; kind?: string };
    raw?: Uint8Array;
  };
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  let type: protobuf.Type | undefined;
  for (const pkg of packagesOf(apiVersion)) {
    const t = root.lookup(`${pkg}.${kind}`);
    if (t instanceof protobuf.Type) {
      type = t;
      break;
    }
  }
  if (!type)
    throw badRequest(
      `not supported yet: protobuf bodies of ${kind || 'an unnamed kind'} in ${apiVersion || 'no apiVersion'} (serve decodes the kinds it models)`,
    );
  const obj = toJson(type, type.decode(unknown.raw ?? new Uint8Array()) as unknown as Record<string, unknown>);
  return { kind, apiVersion, ...obj };
}

// biome-ignore lint/suspicious/noExplicitAny: protobufjs' decoded values (Long, Uint8Array, messages)
type Decoded = any;

const isZero = (v: Decoded) => v === '' || v === false || v === 0 || (isLong(v) && longToNumber(v) === 0);
const isLong = (v: Decoded) => typeof v === 'object' && v !== null && 'low' in v && 'high' in v;
const longToNumber = (v: Decoded): number => (isLong(v) ? protobuf.util.LongBits.from(v).toNumber(v.unsigned) : v);

function toJson(type: protobuf.Type, msg: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keep = load().emitZero.get(type.fullName.slice(1));
  for (const field of type.fieldsArray) {
    if (!Object.hasOwn(msg, field.name)) continue;
    const v: Decoded = msg[field.name];
    if (field.map) {
      const m: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, Decoded>)) m[k] = value(field, x);
      if (Object.keys(m).length || keep?.has(field.name)) out[field.name] = m;
    } else if (field.repeated) {
      if ((v as Decoded[]).length) out[field.name] = (v as Decoded[]).map((x) => value(field, x));
    } else if (field.resolvedType instanceof protobuf.Type) out[field.name] = value(field, v);
    else if (!isZero(v) || keep?.has(field.name)) out[field.name] = value(field, v);
  }
  return out;
}

function value(field: protobuf.Field, v: Decoded): unknown {
  const t = field.resolvedType;
  if (t instanceof protobuf.Type) {
    const x = special(t, v);
    return x === undefined ? toJson(t, v) : x;
  }
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return longToNumber(v);
}

/** The JSON forms of apimachinery's wrapper types (their MarshalJSON methods), or undefined for an ordinary message. */
function special(t: protobuf.Type, v: Decoded): unknown {
  switch (t.fullName.slice(1)) {
    case `${META}.Time`:
    case `${META}.MicroTime`: {
      const seconds = longToNumber(v.seconds ?? 0);
      const nanos = v.nanos ?? 0;
      if (seconds === 0 && nanos === 0) return null;
      const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
      return t.name === 'Time' ? `${iso}Z` : `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
    }
    case 'k8s.io.apimachinery.pkg.api.resource.Quantity':
      return v.string ?? '';
    case 'k8s.io.apimachinery.pkg.util.intstr.IntOrString':
      return longToNumber(v.type ?? 0) === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
    case 'k8s.io.apimachinery.pkg.runtime.RawExtension':
    case `${META}.FieldsV1`: {
      const raw: Uint8Array | undefined = v.raw ?? v.Raw;
      return raw?.length ? JSON.parse(Buffer.from(raw).toString('utf8')) : null;
    }
    case `${META}.Duration`:
      return goDuration(longToNumber(v.duration ?? 0));
    default:
      return undefined;
  }
}

/** time.Duration.String() of a count of nanoseconds (metav1.Duration's JSON form). */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let n = Math.abs(ns);
  if (n < 1e9) {
    const [unit, div] = n < 1e3 ? ['ns', 1] : n < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    return `${sign}${trimFraction(n / div)}${unit}`;
  }
  const h = Math.floor(n / 3.6e12);
  n -= h * 3.6e12;
  const m = Math.floor(n / 6e10);
  n -= m * 6e10;
  return `${sign}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${trimFraction(n / 1e9)}s`;
}

const trimFraction = (x: number) => String(Number(x.toFixed(9)));
