// `kubectl explain TYPE[.FIELD...] [--recursive] [--api-version=G/V]`: the field documentation of
// Kubernetes 1.33's OpenAPI v3 documents (src/api/openapi.ts, the documents serve publishes),
// rendered as kubectl 1.33's plaintext template does (staging/src/k8s.io/kubectl/pkg/explain/v2/
// templates/plaintext.tmpl with the functions of funcs.go: wrap is go-wordwrap's WrapString,
// indent pads every line). The resource is found as SplitAndParseResourceRequestWithMatchingPrefix
// finds it (staging/src/k8s.io/kubectl/pkg/explain/explain.go), the GVK from the resource's paths,
// the schema by its x-kubernetes-group-version-kind. `--output=plaintext-openapiv2` (the v2 document,
// which serve publishes at /openapi/v2 for the real kubectl) is not supported.

import { type KindInfo, resolveResource } from '../api/kinds.ts';
import { openApiPath, openApiV3Documents } from '../api/openapi.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { Aggregate, type Command, type Ctx } from './flags.ts';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI schemas
type Schema = any;
type History = ReadonlySet<string>;

interface Gvk {
  group: string;
  kind: string;
  version: string;
}

export const explainCommand: Command = {
  name: 'explain',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext' },
  ],
  run(ctx) {
    const args = ctx.args.positional;
    if (args.length === 0)
      throw new UserError(
        'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
      );
    if (args.length > 1) throw new UserError('We accept only this format: explain RESOURCE\n');
    const output = ctx.str('output');
    if (output === 'plaintext-openapiv2')
      throw new NotSupportedError(
        "kubectl explain --output=plaintext-openapiv2 (the simulator's kubectl renders the OpenAPI v3 documents only; the real kubectl renders serve's /openapi/v2)",
      );
    if (output !== 'plaintext') throw new UserError(`unrecognized format: ${output}`);
    const { info, fields } = splitResource(args[0]);
    let { group, version } = info;
    const apiVersion = ctx.str('api-version');
    if (apiVersion) {
      const slash = apiVersion.indexOf('/');
      [group, version] = slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
    }
    explain(ctx, { group, version, resource: info.plural }, fields, ctx.bool('recursive'));
    return 0;
  },
};

/** SplitAndParseResourceRequestWithMatchingPrefix: `pods.spec.containers` → pods, [spec, containers]. */
function splitResource(arg: string): { info: KindInfo; fields: string[] } {
  const parts = arg.split('.');
  const info = resolveResource(parts[0]);
  // the RESTMapper's NoResourceMatchError, which CheckErr prints as it is (no `error: `)
  if (!info) throw new Aggregate([`the server doesn't have a resource type "${parts[0]}"`], true);
  const groupResource = info.group ? `${info.plural}.${info.group}` : info.plural;
  if (arg.startsWith(groupResource)) {
    const suffix = arg.slice(groupResource.length);
    return { info, fields: suffix ? suffix.split('.').slice(1) : [] };
  }
  return { info, fields: parts.slice(1) };
}

/** Prints the explanation of a resource's field path as the template writes it: the header, then the body or the template's error. */
export function explain(
  ctx: Ctx,
  gvr: { group: string; version: string; resource: string },
  fieldPath: string[],
  recursive: boolean,
): void {
  const gvrText = `${gvr.group ? `${gvr.group}/` : ''}${gvr.version}, Resource=${gvr.resource}`;
  const doc = openApiV3Documents().get(openApiPath(gvr.group, gvr.version))?.doc;
  if (!doc) throw new UserError(`couldn't find resource for "${gvrText}"`);
  const gvk = gvkOf(doc, gvr);
  if (!gvk) throw new UserError(`error: GVR (${gvrText}) not found in OpenAPI schema`);
  ctx.printRaw(
    `${gvk.group ? `GROUP:      ${gvk.group}\n` : ''}KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`,
  );
  const schemas: Record<string, Schema> = doc.components?.schemas ?? {};
  const name = Object.keys(schemas)
    .sort()
    .find((k) =>
      (schemas[k]['x-kubernetes-group-version-kind'] ?? []).some(
        (g: Gvk) =>
          g.group === gvk.group && g.kind === gvk.kind && g.version === gvk.version && Object.keys(g).length === 3,
      ),
    );
  if (!name)
    throw new UserError(`error: GVK ${gvk.group}/${gvk.version}, Kind=${gvk.kind} not found in OpenAPI schema`);
  const body = new Renderer(doc, recursive).output(schemas[name], new Set(), fieldPath);
  if (!body) throw new UserError(`error: field "${fieldPath[fieldPath.length - 1]}" does not exist`);
  ctx.printRaw(`${body}\n`);
}

/** The GVK of the resource's operations: its list, item, namespaced list and item paths, get … delete. */
function gvkOf(doc: Schema, gvr: { group: string; version: string; resource: string }): Gvk | undefined {
  const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
  const paths = [
    [prefix, gvr.version, gvr.resource],
    [prefix, gvr.version, gvr.resource, '{name}'],
    [prefix, gvr.version, 'namespaces', '{namespace}', gvr.resource],
    [prefix, gvr.version, 'namespaces', '{namespace}', gvr.resource, '{name}'],
  ].map((p) => p.join('/'));
  let gvk: Gvk | undefined;
  for (const p of paths) {
    const item = doc.paths?.[p];
    if (!item) continue;
    gvk = undefined;
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
      gvk = item[m]?.['x-kubernetes-group-version-kind'];
      if (gvk) break;
    }
  }
  return gvk;
}

class Renderer {
  constructor(
    private readonly doc: Schema,
    private readonly recursive: boolean,
  ) {}

  /** resolveRef: a `#/…` reference within the document, or undefined. */
  private resolve(ref: unknown): Schema | undefined {
    if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
    let cur = this.doc;
    for (const k of ref.slice(1).split('/')) {
      if (!k) continue;
      cur = cur?.[k];
      if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    }
    return cur;
  }

  private static isMap = (s: Schema) =>
    s.additionalProperties &&
    typeof s.additionalProperties === 'object' &&
    Object.keys(s.additionalProperties).length > 0;

  /** The template "output": follows the field path, then prints DESCRIPTION and FIELDS. */
  output(schema: Schema, history: History, fieldPath: string[]): string {
    const ref: string = schema.$ref ?? '';
    const next = new Set(history).add(ref);
    const resolved = this.resolve(ref) ?? schema;
    if (fieldPath.length === 0) {
      let out = `DESCRIPTION:\n${indent(4, wrap(76, this.description(resolved) || '<empty>'))}\n`;
      const fields = this.fieldList(resolved, 1, new Set());
      if (fields) out += `FIELDS:\n${fields}`;
      return out;
    }
    if (ref && history.has(ref)) return '';
    const sub = truthy(resolved.properties) ? resolved.properties[fieldPath[0]] : undefined;
    if (truthy(sub)) {
      let out = '';
      if (fieldPath.length === 1)
        out += `FIELD: ${fieldPath[0]} <${this.typeGuess(sub)}>\n${this.extractEnum(sub, true, -1, 0)}\n\n`;
      return out + this.output(sub, new Set(), fieldPath.slice(1));
    }
    if (truthy(resolved.items)) return this.output(resolved.items, next, fieldPath);
    if (Renderer.isMap(resolved)) return this.output(resolved.additionalProperties, next, fieldPath);
    for (const s of resolved.allOf ?? []) {
      const out = this.output(s, next, fieldPath);
      if (out) return out;
    }
    return '';
  }

  /** The template "fieldList": one fieldDetail per property (sorted), recursing with --recursive. */
  private fieldList(schema: Schema, level: number, history: History): string {
    const ref: string = schema.$ref ?? '';
    if (ref && history.has(ref)) return '';
    const next = new Set(history).add(ref);
    const resolved = this.resolve(ref) ?? schema;
    let out = '';
    const props = truthy(resolved.properties) ? resolved.properties : {};
    for (const k of Object.keys(props).sort()) {
      out += this.fieldDetail(k, resolved, level);
      if (this.recursive) out += this.fieldList(props[k], level + 1, next);
    }
    for (const s of resolved.allOf ?? []) out += this.fieldList(s, level, next);
    if (truthy(resolved.items)) out += this.fieldList(resolved.items, level, next);
    if (Renderer.isMap(resolved)) out += this.fieldList(resolved.additionalProperties, level, next);
    return out;
  }

  /** The template "fieldDetail": `name\t<type> -required-`, enum, and the wrapped description. */
  private fieldDetail(name: string, schema: Schema, level: number): string {
    const n = level * 2;
    const field = schema.properties[name];
    let out = `${indent(n, name)}\t<${this.typeGuess(field)}>`;
    if (Array.isArray(schema.required) && schema.required.includes(name)) out += ' -required-';
    out += `${this.extractEnum(field, false, 4, n)}\n`;
    if (!this.recursive) out += `${indent(n + 2, wrap(78 - n, field.description || '<no description>'))}\n\n`;
    return out;
  }

  /** The template "description": the schema's description, then those of its allOf, items and map values. */
  private description(schema: Schema): string {
    const s = this.resolve(schema.$ref) ?? schema;
    let out = s.description ? `${s.description}\n` : '';
    for (const a of s.allOf ?? []) out += this.description(a);
    if (truthy(s.items)) out += this.description(s.items);
    if (Renderer.isMap(s)) out += this.description(s.additionalProperties);
    return out;
  }

  /** The template "typeGuess": string, []Container, map[string]string, Object, the referenced kind. */
  private typeGuess(s: Schema): string {
    if (truthy(s.items)) return `[]${this.typeGuess(s.items)}`;
    if (Renderer.isMap(s)) return `map[string]${this.typeGuess(s.additionalProperties)}`;
    if (Array.isArray(s.allOf) && s.allOf.length === 1 && !truthy(s.properties)) return this.typeGuess(s.allOf[0]);
    if (s.$ref) {
      const target = this.resolve(s.$ref);
      if (!target?.type || target.type === 'object')
        return String(s.$ref).split('/').pop()?.split('.').pop() || 'Object';
      return target.type;
    }
    return s.type === 'object' ? 'Object' : s.type || 'Object';
  }

  /** The template "extractEnum": `ENUM:` and one value a line (long view), or `enum: a, b, c, d, ....` (field lists). */
  private extractEnum(s: Schema, long: boolean, limit: number, indentAmount: number): string {
    if (!Array.isArray(s.enum) || s.enum.length === 0) return '';
    let out = long ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
    for (let i = 0; i < s.enum.length; i++) {
      if (limit > -1 && i >= limit) {
        out += ', ....';
        break;
      }
      if (i > 0 && !long) out += ', ';
      else if (long) out += '\n    ';
      const v = s.enum[i];
      out += v === '' ? '""' : String(v);
    }
    return out;
  }
}

/** A Go template's truth: not nil, false, 0, or empty. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** funcs.go indent: the pad before the text and after every newline. */
function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** go-wordwrap v1.0.1 WrapString: breaks at white space so lines stay within `lim` runes where words allow. */
export function wrap(lim: number, s: string): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  // the pending space and word go out; `current` counts them on the line
  const flush = () => {
    current += spaceLen + wordLen;
    out += space + word;
    space = word = '';
    spaceLen = wordLen = 0;
  };
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen > 0) flush();
      else if (current + spaceLen <= lim) out += space;
      space = '';
      spaceLen = 0;
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (spaceLen === 0 || wordLen > 0) flush();
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) out += space;
  } else out += space + word;
  return out;
}
