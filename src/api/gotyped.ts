// What Go's encoding/json writes for a typed Kubernetes object: the JSON a decoder's Go struct
// marshals back to (`json.Marshal(ds)` in pkg/controller/daemon/update.go getPatch,
// `runtime.Encode(patchCodec, set)` in pkg/controller/statefulset/stateful_set_utils.go getPatch),
// and json.Marshal of a map (keys sorted, `<>&` escaped). The structs come from Kubernetes 1.33's
// generated.proto (data/kubernetes/v1.33/protobuf.json, made by scripts/kubernetes-data.ts), whose
// messages have the Go structs' fields, and its `emitZero` (the fields with a pointer type or a json
// tag without omitempty). So: an omitempty scalar, slice or map that is zero or empty is left out;
// a struct-typed field that is not a pointer is always written (omitempty does not apply to a
// struct: `resources: {}`, `creationTimestamp: null`, a ResourceFieldSelector's `divisor: "0"`);
// an inline embedded struct's fields are the outer struct's (Volume ⊃ VolumeSource); quantities are
// written canonically (resource.Quantity MarshalJSON).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_DIR } from '../util/paths.ts';
import { canonicalQuantity } from './quantity.ts';

interface ProtoField {
  type: string;
  rule?: string;
  keyType?: string;
}
interface ProtoMessage {
  fields?: Record<string, ProtoField>;
  nested?: Record<string, ProtoMessage>;
}
export interface KubernetesProto {
  /** protobufjs' JSON form of the generated.proto files. */
  schema: ProtoMessage;
  /** Per message, the fields whose zero value Go writes (a pointer, or no omitempty). */
  emitZero: Record<string, string[]>;
}

let data: KubernetesProto | undefined;

/** data/kubernetes/v1.33/protobuf.json, read once. */
export function kubernetesProto(): KubernetesProto {
  data ??= JSON.parse(readFileSync(join(PROJECT_DIR, 'data', 'kubernetes', 'v1.33', 'protobuf.json'), 'utf8'));
  return data!;
}

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
/** Wrapper types with their own MarshalJSON: written as they are (Time's zero value is null). */
const OPAQUE = new Set([
  `${META}.Time`,
  `${META}.MicroTime`,
  `${META}.Duration`,
  `${META}.FieldsV1`,
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString',
  'k8s.io.apimachinery.pkg.runtime.RawExtension',
]);
/** Embedded structs with `json:",inline"`, by their generated.proto field name. */
const INLINE = new Set(['volumeSource', 'localObjectReference', 'handler', 'ephemeralContainerCommon', 'typeMeta']);

interface Field {
  name: string;
  type: string; // fully qualified, without the leading dot (or a scalar type)
  repeated: boolean;
  map: boolean;
  message: boolean;
  emitZero: boolean;
}

const fieldsCache = new Map<string, Map<string, Field>>();

function lookup(fullName: string): ProtoMessage | undefined {
  let m: ProtoMessage | undefined = kubernetesProto().schema;
  for (const part of fullName.split('.')) m = m?.nested?.[part];
  return m;
}

function resolve(type: string, pkg: string): string {
  if (type.startsWith('.')) return type.slice(1);
  return lookup(`${pkg}.${type}`) ? `${pkg}.${type}` : type;
}

/** The JSON fields of a message, inline embedded structs flattened in. */
function fieldsOf(fullName: string): Map<string, Field> {
  let out = fieldsCache.get(fullName);
  if (out) return out;
  out = new Map();
  const msg = lookup(fullName);
  const pkg = fullName.slice(0, fullName.lastIndexOf('.'));
  const zero = new Set(kubernetesProto().emitZero[fullName] ?? []);
  for (const [name, f] of Object.entries(msg?.fields ?? {})) {
    const type = resolve(f.type, pkg);
    const message = lookup(type)?.fields !== undefined;
    if (INLINE.has(name) && message) {
      for (const [k, inner] of fieldsOf(type)) out.set(k, inner);
      continue;
    }
    out.set(name, {
      name,
      type,
      repeated: f.rule === 'repeated',
      map: f.keyType !== undefined,
      message,
      emitZero: zero.has(name),
    });
  }
  fieldsCache.set(fullName, out);
  return out;
}

const isZeroScalar = (v: unknown) => v === '' || v === 0 || v === false;

function encodeValue(f: Field, v: unknown): unknown {
  if (f.type === QUANTITY) return typeof v === 'string' || typeof v === 'number' ? canonicalQuantity(v) : v;
  if (!f.message || OPAQUE.has(f.type) || v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return goTyped(f.type, v as Record<string, unknown>);
}

/**
 * The object Go's encoding/json writes for `value` decoded into the message `typeName` (e.g.
 * `k8s.io.api.core.v1.PodTemplateSpec`). Keys the struct does not have are kept as they are.
 */
export function goTyped(typeName: string, value: Record<string, unknown>): Record<string, unknown> {
  const fields = fieldsOf(typeName);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const f = fields.get(k);
    if (!f) {
      if (v !== undefined) out[k] = v;
      continue;
    }
    if (v === undefined || v === null) continue;
    if (f.map) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0 && !f.emitZero) continue;
      out[k] = Object.fromEntries(entries.map(([mk, mv]) => [mk, encodeValue(f, mv)]));
    } else if (f.repeated) {
      const items = v as unknown[];
      if (items.length === 0 && !f.emitZero) continue;
      out[k] = items.map((x) => encodeValue(f, x));
    } else if (f.message) out[k] = encodeValue(f, v);
    else if (!isZeroScalar(v) || f.emitZero) out[k] = v;
  }
  // struct-typed fields that are not pointers: always written
  for (const f of fields.values()) {
    if (f.name in out || !f.message || f.repeated || f.map || f.emitZero) continue;
    if (f.type === QUANTITY) out[f.name] = '0';
    else if (f.type === `${META}.Time` || f.type === `${META}.MicroTime`) out[f.name] = null;
    else if (!OPAQUE.has(f.type)) out[f.name] = goTyped(f.type, {});
  }
  return out;
}

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '\b': '\\u0008',
  '\f': '\\u000c',
};

/** A string as encoding/json writes it (HTML-safe: `<>&` and U+2028/9 escaped; \b \f as \u00XX). */
function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029\b\f]/g, (c) => GO_ESCAPES[c]);
}

/**
 * json.Marshal of a value decoded into `interface{}`: compact, map keys sorted by bytes, strings
 * HTML-escaped (the bytes of a ControllerRevision's data, which its hash and Match compare).
 */
export function goMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goMarshal).join(',')}]`;
  const keys = Object.keys(v)
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((k) => `${goString(k)}:${goMarshal((v as Record<string, unknown>)[k])}`).join(',')}}`;
}
