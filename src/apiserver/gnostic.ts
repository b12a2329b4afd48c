// The protobuf form of an OpenAPI v2 document, as kube-apiserver serves /openapi/v2 to clients
// that ask for `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` (kubectl's discovery
// client: staging/src/k8s.io/client-go/discovery/discovery_client.go OpenAPISchema): gnostic's
// openapi_v2.Document (github.com/google/gnostic-models openapiv2/OpenAPIv2.proto, whose schema is
// data/gnostic/openapiv2.json, made by scripts/kubernetes-data.ts), which kube-openapi fills from
// the JSON document (staging/src/k8s.io/kube-openapi/pkg/handler/handler.go ToProtoBinary →
// openapi_v2.ParseDocument: gnostic's compiler, openapiv2/OpenAPIv2.go NewDocument & co.).
// Mapping, as gnostic's compiler does it: a JSON key is the camelCase of the proto field (`$ref` is
// `_ref`), `x-…` keys are `vendor_extension` entries, maps are repeated Named* pairs in the
// document's key order, free-form values (default, enum, example, extensions) are `Any` with their
// YAML text (written here as JSON, which is YAML: kube-openapi's pkg/util/proto reads them with a
// YAML parser), and the oneofs are chosen as gnostic chooses them (`$ref` → JsonReference, `in` →
// the parameter kind, a boolean additionalProperties → `boolean`, `type` → the security scheme).
// A key the mapping does not know is an error rather than silently dropped.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { PROJECT_DIR } from '../util/paths.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON documents
type J = any;

let root: protobuf.Root | undefined;

/** gnostic's openapi.v2 package (read once). */
export function gnosticRoot(): protobuf.Root {
  if (root) return root;
  const data = JSON.parse(readFileSync(join(PROJECT_DIR, 'data', 'gnostic', 'openapiv2.json'), 'utf8')) as {
    schema: protobuf.INamespace;
  };
  root = protobuf.Root.fromJSON(data.schema);
  return root;
}

const type = (name: string) => gnosticRoot().lookupType(`openapi.v2.${name}`);

/** `operation_id` → `operationId`. */
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const anyOf = (v: J) => ({ yaml: `${JSON.stringify(v)}\n` });

const isObject = (v: J) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The named pairs of a JSON object (a map in the proto: repeated Named<T> {name, value}). */
const named = (v: J, valueType: string, at: string, skip?: (k: string) => boolean) =>
  Object.entries(v)
    .filter(([k]) => !skip?.(k))
    .map(([name, x]) => ({ name, value: convert(valueType, x, `${at}/${name}`) }));

const extensions = (v: J) =>
  Object.entries(v)
    .filter(([k]) => k.startsWith('x-'))
    .map(([name, x]) => ({ name, value: { yaml: `${JSON.stringify(x)}\n` } }));

/** The messages that are a JSON object's entries (repeated Named<T> additional_properties), by their value type. */
const MAPS: Record<string, string> = {
  Definitions: 'Schema',
  Properties: 'Schema',
  ParameterDefinitions: 'Parameter',
  ResponseDefinitions: 'Response',
  SecurityDefinitions: 'SecurityDefinitionsItem',
  SecurityRequirement: 'StringArray',
  Headers: 'Header',
  Examples: 'Any',
};

const NON_BODY: Record<string, string> = {
  query: 'query_parameter_sub_schema',
  path: 'path_parameter_sub_schema',
  header: 'header_parameter_sub_schema',
  formData: 'form_data_parameter_sub_schema',
};
const SECURITY: Record<string, string> = {
  apiKey: 'api_key_security',
  basic: 'basic_authentication_security',
};

/** The message of gnostic type `name` (a plain object protobufjs encodes) for the JSON value v at `at`. */
function convert(name: string, v: J, at: string): J {
  switch (name) {
    case 'Any':
      return anyOf(v);
    case 'TypeItem':
      return { value: Array.isArray(v) ? v : [v] };
    case 'StringArray':
      return { value: v };
    case 'ItemsItem':
      return { schema: (Array.isArray(v) ? v : [v]).map((s: J, i: number) => convert('Schema', s, `${at}/${i}`)) };
    case 'AdditionalPropertiesItem':
      return typeof v === 'boolean' ? { boolean: v } : { schema: convert('Schema', v, at) };
    case 'ParametersItem':
      return v.$ref !== undefined
        ? { json_reference: convert('JsonReference', v, at) }
        : { parameter: convert('Parameter', v, at) };
    case 'ResponseValue':
      return v.$ref !== undefined
        ? { json_reference: convert('JsonReference', v, at) }
        : { response: convert('Response', v, at) };
    case 'SchemaItem':
      return v.type === 'file' ? { file_schema: convert('FileSchema', v, at) } : { schema: convert('Schema', v, at) };
    case 'Parameter': {
      if (v.in === 'body') return { body_parameter: convert('BodyParameter', v, at) };
      const kind = NON_BODY[v.in];
      if (!kind) throw new Error(`${at}: a parameter "in": ${JSON.stringify(v.in)} is not an OpenAPI v2 one`);
      const sub = camel(kind).replace(/^./, (c) => c.toUpperCase());
      return { non_body_parameter: { [kind]: convert(sub, v, at) } };
    }
    case 'SecurityDefinitionsItem': {
      const kind = SECURITY[v.type];
      if (!kind) throw new Error(`${at}: not supported yet: a security scheme of type ${JSON.stringify(v.type)}`);
      return {
        [kind]: convert(
          camel(kind).replace(/^./, (c) => c.toUpperCase()),
          v,
          at,
        ),
      };
    }
    case 'Paths':
      return { path: named(v, 'PathItem', at, (k) => k.startsWith('x-')), vendor_extension: extensions(v) };
    case 'Responses':
      return {
        response_code: named(v, 'ResponseValue', at, (k) => k.startsWith('x-')),
        vendor_extension: extensions(v),
      };
  }
  const values = MAPS[name];
  if (values) return { additional_properties: named(v, values, at) };
  return fields(name, v, at);
}

/** A message whose fields are the JSON object's keys (camelCase), with `x-…` keys as vendor_extension. */
function fields(name: string, v: J, at: string): J {
  if (!isObject(v)) throw new Error(`${at}: expected an object (an OpenAPI v2 ${name})`);
  const t = type(name);
  const out: J = {};
  const known = new Set<string>();
  for (const f of t.fieldsArray) {
    if (f.name === 'vendor_extension') {
      out.vendor_extension = extensions(v);
      continue;
    }
    const key = f.name === '_ref' ? '$ref' : camel(f.name);
    known.add(key);
    const x = v[key];
    if (x === undefined) continue;
    if (f.resolvedType instanceof protobuf.Type) {
      const of = f.resolvedType.name;
      out[f.name] = f.repeated
        ? (x as J[]).map((y, i) => convert(of, y, `${at}/${key}/${i}`))
        : convert(of, x, `${at}/${key}`);
    } else out[f.name] = x;
  }
  for (const k of Object.keys(v))
    if (!known.has(k) && !k.startsWith('x-'))
      throw new Error(`${at}: not supported yet: the key ${JSON.stringify(k)} in an OpenAPI v2 ${name}`);
  return out;
}

/** The protobuf encoding of an OpenAPI v2 document (gnostic's openapi_v2.Document). */
export function encodeOpenApiV2(doc: J): Buffer {
  const t = type('Document');
  const message = convert('Document', doc, '#');
  const err = t.verify(message);
  if (err) throw new Error(`OpenAPI v2 as protobuf: ${err}`);
  return Buffer.from(t.encode(t.fromObject(message)).finish());
}

/** The JSON-like object of an encoded document (for tests and tools): protobufjs' view of openapi_v2.Document. */
export function decodeOpenApiV2(bytes: Uint8Array): J {
  const t = type('Document');
  return t.toObject(t.decode(bytes), { longs: Number, defaults: false, arrays: true });
}
