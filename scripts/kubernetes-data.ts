// Generates data/kubernetes/v1.33/protobuf.json, the protobuf schemas serve decodes request bodies
// with (src/apiserver/protobuf.ts), from Kubernetes' own sources at the v1.33.1 release:
//   k8s.io/api v0.33.1            <group>/<version>/generated.proto and types.go
//                                 (staging/src/k8s.io/api in the kubernetes repository)
//   k8s.io/apimachinery v0.33.1   pkg/runtime, pkg/runtime/schema, pkg/apis/meta/v1,
//                                 pkg/api/resource, pkg/util/intstr: generated.proto and types.go
// and data/kubernetes/v1.33/openapi-v3.json, the OpenAPI v3 documents serve publishes (one per
// served group version: src/apiserver/openapi.ts), from
//   Kubernetes' api/openapi-spec/swagger.json of release-1.33, as the Kubernetes Python client
//   v33.1.0 keeps it (kubernetes/swagger.json.unprocessed in github.com/kubernetes-client/python)
// converted to the v3 form kube-apiserver serves (staging/src/k8s.io/kube-openapi builder3: refs
// under components/schemas, a $ref with siblings wrapped in allOf, body parameters as
// requestBody, responses with content), trimmed to the paths of the modelled kinds and the
// schemas they reach, with the enums kube-apiserver adds (its OpenAPIEnums feature, on by default;
// the committed swagger.json is generated without them): for a field whose Go type is a `+enum`
// string type of k8s.io/api v0.33.1, `enum` (the sorted values) and the description's "Possible
// enum values" paragraph (kube-openapi pkg/generators/enum.go).
// and data/kubernetes/v1.33/openapi-v2.json, the OpenAPI v2 document serve publishes at /openapi/v2
// (src/apiserver/openapiv2.ts): the same swagger.json, trimmed to the same paths and the schemas
// and parameters they reach, with the same enums (kube-apiserver's /openapi/v2 carries them too),
// info.version v1.33.1 instead of the committed "unversioned" (hack/update-openapi-spec.sh);
// and data/gnostic/openapiv2.json, the protobuf schema of its protobuf form: openapiv2/OpenAPIv2.proto
// of github.com/google/gnostic-models v0.6.9 (the version Kubernetes 1.33's go.mod requires).
// Usage: node --import tsx scripts/kubernetes-data.ts <git dir of k8s.io/api> <git dir of k8s.io/apimachinery> <git dir of kubernetes-client/python> <git dir of gnostic-models>
// (clones of github.com/kubernetes/api, github.com/kubernetes/apimachinery, github.com/kubernetes-client/python
// and github.com/google/gnostic-models).
//
// The schemas are protobufjs' JSON form of the .proto files (field names as written: apiVersion,
// not api_version). Beside them, `emitZero` lists per message the fields whose zero value Go's
// encoding/json writes (a pointer, or a json tag without omitempty): protobuf carries every
// non-pointer scalar, zero or not, so the decoder needs this to give the object the JSON the
// typed client meant (staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf decodes
// into the Go struct; its JSON is then what the API server stores).

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { KINDS } from '../src/api/kinds.ts';
import { openApiPath } from '../src/api/openapi.ts';

const TAG = 'v0.33.1';
const API = ['core/v1', 'apps/v1', 'batch/v1', 'policy/v1', 'scheduling/v1', 'autoscaling/v1'];
const MACHINERY = ['pkg/runtime', 'pkg/runtime/schema', 'pkg/apis/meta/v1', 'pkg/api/resource', 'pkg/util/intstr'];

const PYTHON_TAG = 'v33.1.0';
const SWAGGER = 'kubernetes/swagger.json.unprocessed';

const GNOSTIC_TAG = 'v0.6.9';
const GNOSTIC_PROTO = 'openapiv2/OpenAPIv2.proto';

const [apiRepo, machineryRepo, pythonRepo, gnosticRepo] = process.argv.slice(2);
if (!apiRepo || !machineryRepo || !pythonRepo || !gnosticRepo) {
  process.stderr.write(
    'usage: kubernetes-data.ts <k8s.io/api git dir> <k8s.io/apimachinery git dir> <kubernetes-client/python git dir> <gnostic-models git dir>\n',
  );
  process.exit(2);
}

const show = (repo: string, path: string, tag = TAG): string => {
  try {
    return execFileSync('git', ['-C', repo, 'show', `${tag}:${path}`], { encoding: 'utf8', maxBuffer: 256 << 20 });
  } catch {
    return '';
  }
};
const goFiles = (repo: string, dir: string): string[] =>
  execFileSync('git', ['-C', repo, 'ls-tree', '--name-only', TAG, `${dir}/`], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\/[a-z_]+\.go$/.test(f) && !f.endsWith('_test.go') && !f.includes('zz_generated'));

const root = new protobuf.Root();
const emitZero: Record<string, string[]> = {};

function load(repo: string, dir: string, goPackage: string): void {
  const proto = show(repo, `${dir}/generated.proto`);
  if (!proto) throw new Error(`${dir}/generated.proto not found at ${TAG}`);
  const parsed = protobuf.parse(proto, root, { keepCase: true, alternateCommentMode: false });
  // Go struct fields: `Name Type \`json:"x,omitempty" protobuf:"bytes,1,opt,name=x"\``
  for (const f of goFiles(repo, dir)) {
    let message = '';
    for (const line of show(repo, f).split('\n')) {
      const t = /^type (\w+) struct \{/.exec(line);
      if (t) message = t[1];
      if (/^\}/.test(line)) message = '';
      const m = /^\t(\w+)\s+(\S+)\s+`json:"([^"]*)"[^`]*protobuf:"[^"]*name=(\w+)/.exec(line);
      if (!m || !message) continue;
      const [, , goType, jsonTag, protoName] = m;
      const omitempty = jsonTag.split(',').includes('omitempty');
      const pointer = goType.startsWith('*');
      if (pointer || !omitempty) (emitZero[`${parsed.package}.${message}`] ??= []).push(protoName);
    }
  }
  void goPackage;
}

for (const d of MACHINERY) load(machineryRepo, d, `k8s.io/apimachinery/${d}`);
for (const d of API) load(apiRepo, d, `k8s.io/api/${d}`);
root.resolveAll();

const out = join(__dirname, '..', 'data', 'kubernetes', 'v1.33');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'protobuf.json'),
  `${JSON.stringify({
    source: `k8s.io/api ${TAG} (${API.map((d) => `${d}/generated.proto`).join(', ')}), k8s.io/apimachinery ${TAG} (${MACHINERY.map((d) => `${d}/generated.proto`).join(', ')}); emitZero from their types.go`,
    emitZero,
    schema: root.toJSON({ keepComments: false }),
  })}\n`,
);
process.stdout.write(`wrote ${join(out, 'protobuf.json')}\n`);

// ---- OpenAPI v3 ----

/** The modelled resources per served group version (src/api/kinds.ts). */
const SERVED: Record<string, string[]> = {};
for (const k of KINDS) (SERVED[openApiPath(k.group, k.version)] ??= []).push(k.plural);

// biome-ignore lint/suspicious/noExplicitAny: JSON documents
type J = any;

/** Field → enum type of every `+enum` string type in k8s.io/api (definition name → json field → {values, lines}). */
function enums(): Map<string, Map<string, { values: string[]; lines: string[] }>> {
  const out = new Map<string, Map<string, { values: string[]; lines: string[] }>>();
  const types = new Map<string, { name: string; value: string; comment: string }[]>(); // "core/v1.PullPolicy" → consts
  const fields: [string, string, string, string][] = []; // [pkg dir, struct, json name, go type]
  const embeds: [string, string, string][] = []; // [pkg dir, struct, embedded struct of the same package, inline]
  for (const dir of API) {
    const files = goFiles(apiRepo, dir).map((f) => show(apiRepo, f));
    const aliases = new Map<string, string>([
      ['v1', 'core/v1'],
      ['corev1', 'core/v1'],
    ]);
    for (const text of files) {
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const t = /^type (\w+) string\b/.exec(lines[i]);
        if (t) {
          let j = i - 1;
          let isEnum = false;
          while (j >= 0 && lines[j].startsWith('//')) if (lines[j--].trim() === '// +enum') isEnum = true;
          if (isEnum && !types.has(`${dir}.${t[1]}`)) types.set(`${dir}.${t[1]}`, []);
        }
      }
    }
    for (const text of files) {
      const lines = text.split('\n');
      let struct = '';
      let inConst = false;
      let comment: string[] = [];
      for (const line of lines) {
        if (/^const \($/.test(line)) inConst = true;
        else if (inConst && line === ')') inConst = false;
        const t = /^type (\w+) struct \{/.exec(line);
        if (t) struct = t[1];
        else if (line === '}') struct = '';
        const c = /^\t?(?:const )?(\w+)\s+(\w+)\s*=\s*"([^"]*)"/.exec(line);
        if (c && (inConst || line.startsWith('const '))) {
          const consts = types.get(`${dir}.${c[2]}`);
          // gengo's CommentLines: the doc comment right above; a value seen before is not added again
          if (consts && !consts.some((x) => x.value === c[3]))
            consts.push({ name: c[1], value: c[3], comment: comment.join(' ') });
        }
        const embed = /^\t(\w+)\s+`json:",inline"/.exec(line);
        if (embed && struct) embeds.push([dir, struct, embed[1]]);
        const f = /^\t(\w+)\s+\*?((?:\w+\.)?\w+)\s+`json:"(\w+)/.exec(line);
        if (f && struct) {
          const [pkg, name] = f[2].includes('.') ? f[2].split('.') : ['', f[2]];
          fields.push([dir, struct, f[3], pkg ? `${aliases.get(pkg) ?? pkg}.${name}` : `${dir}.${name}`]);
        }
        const cm = /^\s*\/\/ ?(.*)$/.exec(line);
        comment = cm ? [...comment, cm[1]] : [];
      }
    }
  }
  // an inline embedded struct's fields are the outer struct's (EphemeralContainer ⊃ EphemeralContainerCommon)
  for (const [dir, outer, inner] of embeds)
    for (const [d, st, json, goType] of [...fields])
      if (d === dir && st === inner) fields.push([dir, outer, json, goType]);
  for (const [dir, struct, json, goType] of fields) {
    const consts = types.get(goType);
    if (!consts?.length) continue;
    const values = consts.map((x) => x.value).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    const lines = consts
      .map((x) => {
        const text = x.comment
          .trim()
          .replace(new RegExp(`^${x.name}`), '')
          .trim()
          .replace(/\s+/g, ' ');
        // generateDescription trims each line's trailing spaces (a value without a comment)
        return ` - \`${JSON.stringify(x.value)}\` ${text}`.trimEnd();
      })
      .sort();
    const def = `io.k8s.api.${dir.replace('/', '.')}.${struct}`;
    if (!out.has(def)) out.set(def, new Map());
    out.get(def)!.set(json, { values, lines });
  }
  return out;
}

function toV3Schema(s: J): J {
  if (Array.isArray(s)) return s.map(toV3Schema);
  if (!s || typeof s !== 'object') return s;
  const out: J = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref') out.$ref = String(v).replace('#/definitions/', '#/components/schemas/');
    else if (k === 'properties' || k === 'patternProperties')
      out[k] = Object.fromEntries(Object.entries(v as J).map(([p, x]) => [p, toV3Schema(x)]));
    else out[k] = typeof v === 'object' ? toV3Schema(v) : v;
  }
  // a reference with siblings (description, default) is wrapped in allOf, as builder3 writes it
  if (out.$ref && Object.keys(out).length > 1) {
    const ref = out.$ref;
    delete out.$ref;
    out.allOf = [{ $ref: ref }];
  }
  return out;
}

/** The paths of swagger.json that serve answers: those of the modelled resources of each served group version (no watch paths). */
function servedPaths(v2: J): [string, string, J][] {
  const out: [string, string, J][] = [];
  for (const [gv, resources] of Object.entries(SERVED)) {
    const prefix = `/${gv}/`;
    for (const [path, item] of Object.entries(v2.paths as J)) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length).split('/');
      const resource = rest[0] === 'namespaces' && rest.length > 2 ? rest[2] : rest[0];
      if (!resources.includes(resource) || rest[0] === 'watch') continue;
      out.push([gv, path, item]);
    }
  }
  return out;
}

/** The names under `#/<section>/` that x refers to, directly or through the definitions it reaches. */
function reached(v2: J, x: J, section: 'definitions' | 'parameters'): string[] {
  const seen = new Set<string>();
  const visit = (y: J) => {
    if (Array.isArray(y)) y.forEach(visit);
    else if (y && typeof y === 'object')
      for (const [k, v] of Object.entries(y)) {
        if (k === '$ref' && typeof v === 'string') {
          // a v2 reference (#/definitions/X, #/parameters/X) or a v3 one (#/components/schemas/X)
          const name = v.split('/').pop()!;
          const where = v.startsWith('#/parameters/') ? 'parameters' : 'definitions';
          if (where === section) seen.add(name);
          if (where === 'definitions' && !visited.has(name)) {
            visited.add(name);
            visit(v2.definitions[name]);
          }
          if (where === 'parameters' && !visited.has(`p:${name}`)) {
            visited.add(`p:${name}`);
            visit(v2.parameters[name]);
          }
        } else visit(v);
      }
  };
  const visited = new Set<string>();
  visit(x);
  return [...seen].sort();
}

/** Adds the enums kube-apiserver adds (OpenAPIEnums) to the properties of the schemas named. */
function addEnums(schemas: J): void {
  for (const [name, fieldsOf] of enumOf) {
    const schema = schemas[name];
    if (!schema) continue;
    for (const [field, e] of fieldsOf) {
      const prop = schema.properties?.[field];
      if (!prop) continue;
      prop.description = `${prop.description ?? ''}\n\nPossible enum values:\n${e.lines.join('\n')}`;
      prop.enum = e.values;
    }
  }
}

const swagger: J = JSON.parse(show(pythonRepo, SWAGGER, PYTHON_TAG));
const enumOf = enums();

function buildV3(): J {
  const v2 = swagger;
  const resolveParam = (p: J): J => (p.$ref ? v2.parameters[p.$ref.split('/').pop()] : p);
  const param = (p: J): J => {
    const { name, in: where, description, required, ...schema } = resolveParam(p);
    return {
      name,
      in: where,
      ...(description ? { description } : {}),
      ...(required ? { required } : {}),
      schema,
    };
  };
  const docs: J = {};
  for (const gv of Object.keys(SERVED)) {
    const paths: J = {};
    for (const [pathGv, path, item] of servedPaths(v2)) {
      if (pathGv !== gv) continue;
      const out: J = {};
      for (const [method, op] of Object.entries(item as J)) {
        if (method === 'parameters') {
          out.parameters = (op as J[]).map(param);
          continue;
        }
        const { consumes, produces, parameters, responses, schemes: _s, ...rest } = op as J;
        const body = (parameters ?? []).map(resolveParam).find((p: J) => p.in === 'body');
        const o: J = { ...rest };
        const params = (parameters ?? []).filter((p: J) => resolveParam(p).in !== 'body').map(param);
        if (params.length) o.parameters = params;
        if (body)
          o.requestBody = {
            content: Object.fromEntries(
              (consumes ?? ['*/*']).map((m: string) => [m, { schema: toV3Schema(body.schema) }]),
            ),
            ...(body.required ? { required: true } : {}),
          };
        o.responses = Object.fromEntries(
          Object.entries(responses as J).map(([code, r]: [string, J]) => [
            code,
            {
              description: r.description,
              ...(r.schema
                ? {
                    content: Object.fromEntries(
                      (produces ?? ['application/json']).map((m: string) => [m, { schema: toV3Schema(r.schema) }]),
                    ),
                  }
                : {}),
            },
          ]),
        );
        out[method] = o;
      }
      paths[path] = out;
    }
    // the schemas the paths reach (the v3 paths refer to no shared parameters: they are inlined above)
    const schemas: J = {};
    for (const name of reached(v2, paths, 'definitions')) schemas[name] = toV3Schema(v2.definitions[name]);
    addEnums(schemas);
    docs[gv] = {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'v1.33.1' },
      paths,
      components: {
        schemas,
        securitySchemes: {
          BearerToken: {
            type: 'apiKey',
            description: 'Bearer Token authentication',
            name: 'authorization',
            in: 'header',
          },
        },
      },
    };
  }
  return docs;
}

/** The OpenAPI v2 document of every served path, in swagger.json's own form. */
function buildV2(): J {
  const v2 = swagger;
  const paths: J = {};
  for (const [, path, item] of servedPaths(v2)) paths[path] = item;
  const definitions: J = {};
  for (const name of reached(v2, paths, 'definitions')) definitions[name] = structuredClone(v2.definitions[name]);
  addEnums(definitions);
  const parameters: J = {};
  for (const name of reached(v2, paths, 'parameters')) parameters[name] = v2.parameters[name];
  return {
    swagger: v2.swagger,
    info: { title: 'Kubernetes', version: 'v1.33.1' },
    paths,
    definitions,
    parameters,
    securityDefinitions: v2.securityDefinitions,
    security: v2.security,
  };
}

writeFileSync(
  join(out, 'openapi-v3.json'),
  `${JSON.stringify({
    source: `Kubernetes api/openapi-spec/swagger.json of release-1.33 (kubernetes-client/python ${PYTHON_TAG} ${SWAGGER}), in kube-apiserver's v3 form; enums from k8s.io/api ${TAG} types.go`,
    documents: buildV3(),
  })}\n`,
);
process.stdout.write(`wrote ${join(out, 'openapi-v3.json')}\n`);

writeFileSync(
  join(out, 'openapi-v2.json'),
  `${JSON.stringify({
    source: `Kubernetes api/openapi-spec/swagger.json of release-1.33 (kubernetes-client/python ${PYTHON_TAG} ${SWAGGER}), trimmed to the served paths; enums from k8s.io/api ${TAG} types.go`,
    document: buildV2(),
  })}\n`,
);
process.stdout.write(`wrote ${join(out, 'openapi-v2.json')}\n`);

// ---- gnostic's OpenAPIv2.proto (the protobuf form of /openapi/v2) ----

const gnostic = new protobuf.Root();
const gnosticProto = show(gnosticRepo, GNOSTIC_PROTO, GNOSTIC_TAG);
if (!gnosticProto) throw new Error(`${GNOSTIC_PROTO} not found at ${GNOSTIC_TAG}`);
protobuf.parse(gnosticProto, gnostic, { keepCase: true, alternateCommentMode: false });
// google/protobuf/any.proto, which it imports (protobufjs ships the well-known types)
gnostic.addJSON(protobuf.common.get('google/protobuf/any.proto')!.nested!);
gnostic.resolveAll();
const gnosticOut = join(__dirname, '..', 'data', 'gnostic');
mkdirSync(gnosticOut, { recursive: true });
writeFileSync(
  join(gnosticOut, 'openapiv2.json'),
  `${JSON.stringify({
    source: `github.com/google/gnostic-models ${GNOSTIC_TAG} ${GNOSTIC_PROTO} (with google/protobuf/any.proto)`,
    schema: gnostic.toJSON({ keepComments: false }),
  })}\n`,
);
process.stdout.write(`wrote ${join(gnosticOut, 'openapiv2.json')}\n`);
