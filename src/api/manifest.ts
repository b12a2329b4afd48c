// Reading Kubernetes manifests: multi-document YAML (the `yaml` package, YAML 1.2 core schema
// plus `<<` merge keys as kubectl's YAML 1.1 decoder has them; any other tag — `!!js/function`,
// `!Ref`, `!!python/...` — is an error, never constructed) into plain objects, each with the file and line it came from. `kind: List` is
// expanded, empty documents are skipped, and a problem anywhere rejects the whole text (nothing
// is half-applied) with `<file>:<line>: <what is wrong>[ — how to fix]`. Each object is also
// decoded as the API server would (decode.ts: types, quantities, unknown fields).

import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type DocumentOptions, type Node as YamlNode, type ParseOptions, type SchemaOptions } from 'yaml';
import { apiVersionOf, kindInfo, KINDS } from './kinds.ts';
import { decodeObject } from './decode.ts';
import { loadAllFast } from './yaml-fast.ts';
import type { KubeObject } from './types.ts';
import { UserError } from '../util/errors.ts';

export interface ManifestEntry {
  object: KubeObject;
  file: string;
  /** 1-based line where the object starts. */
  line: number;
  /** 1-based line of a field (`spec.containers[0].image` or its segments), or of its nearest existing parent. */
  lineOf(fieldPath: string | Segment[]): number;
}

/** A manifest problem: the message is `file:line: detail`; `detail` alone is what the server said. */
export class ManifestError extends UserError {
  constructor(readonly file: string, readonly line: number, readonly detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'ManifestError';
  }
}

export type Segment = string | number;

/** `spec.containers[0].resources.limits[cpu]` → ['spec','containers',0,'resources','limits','cpu']. */
export function parseFieldPath(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') { i++; continue; }
    if (path[i] === '[') {
      const end = path.indexOf(']', i);
      const inner = path.slice(i + 1, end < 0 ? undefined : end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? path.length : end + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

/** Offset of the deepest node on the path that exists (a map key's own position for fields). */
function offsetOf(root: YamlNode | null | undefined, path: Segment[]): number | undefined {
  let node: unknown = root;
  let at = (root as YamlNode | undefined)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) at = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      const r = (node as YamlNode | undefined)?.range;
      if (r) at = r[0];
    } else break;
  }
  return at;
}

function docError(doc: Document, lc: LineCounter, file: string): ManifestError | undefined {
  const e = doc.errors[0];
  if (e) {
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    const text = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return new ManifestError(file, line, `YAML syntax error: ${text}`);
  }
  // The parser keeps an unknown tag's value as plain data and only warns: refuse it instead.
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tag) {
    const name = /Unresolved tag: (\S+)/.exec(tag.message)?.[1] ?? '';
    const shown = name.replace(/^tag:yaml\.org,2002:/, '!!');
    return new ManifestError(file, tag.linePos?.[0]?.line ?? lc.linePos(tag.pos[0]).line, `YAML tag ${shown} is not supported — Kubernetes manifests are plain data; remove the tag`);
  }
  const key = collectionKey(doc);
  if (key) return new ManifestError(file, lc.linePos(key.offset).line, `YAML error: ${key.message}`);
  return undefined;
}

/**
 * The first key that is a sequence or mapping: go-yaml (decode.go, d.mapping) cannot use one as a
 * key of the maps kubectl and the kube-scheduler decode into (`invalid map key: <%#v>`); the
 * `yaml` library would stringify it and warn on the process.
 */
export function collectionKey(doc: Document): { message: string; offset: number } | undefined {
  let found: { message: string; offset: number } | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as YamlNode | null;
      if (!isMap(key) && !isSeq(key)) return undefined;
      found = { message: `invalid map key: ${goSyntax(key.toJS(doc, { maxAliasCount: 100 }))}`, offset: key.range?.[0] ?? 0 };
      return visit.BREAK;
    },
  });
  return found;
}

/** Go's %#v of a value go-yaml decoded into interface{}: `[]interface {}{"a", 1}`, `map[interface {}]interface {}{"a":"b"}`. */
function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (v instanceof Map) return `map[interface {}]interface {}{${[...v].map(([k, x]) => `${goSyntax(k)}:${goSyntax(x)}`).join(', ')}}`;
  if (typeof v === 'object') return `map[interface {}]interface {}{${Object.entries(v).map(([k, x]) => `${goSyntax(k)}:${goSyntax(x)}`).join(', ')}}`;
  return String(v);
}

// go-yaml's reader (readerc.go, yaml_parser_update_buffer) accepts only these characters; kubectl
// has replaced invalid UTF-8 by U+FFFD before (cli-runtime/pkg/resource/visitor.go reads through
// x/text's UTF-8 decoder), so invalid bytes are not an error.
const CONTROL_CHARACTER = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function controlCharacterError(text: string, file: string): ManifestError | undefined {
  const m = CONTROL_CHARACTER.exec(text);
  if (!m) return undefined;
  const line = text.slice(0, m.index).split('\n').length;
  return new ManifestError(file, line, 'YAML syntax error: control characters are not allowed');
}

const kindList = () => KINDS.map((k) => k.kind).join(', ');

/** How the `yaml` library reads manifests (also the reference of the fast path's differential test). */
export const PARSE_OPTIONS = { schema: 'core', customTags: [], merge: true, uniqueKeys: true } satisfies ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Parses every document of `text`; throws ManifestError (nothing returned) when any document has a
 * syntax error or is not a Kubernetes object of a kind the simulated API server serves. Plain
 * documents are read by js-yaml (yaml-fast.ts); everything else, and every error, by the `yaml`
 * library, which also gives the lines: on the fast path they are computed by a `yaml` parse of
 * the text on first use, so a file that loads without error is parsed once.
 */
export function loadManifests(text: string, file: string): ManifestEntry[] {
  const control = controlCharacterError(text, file);
  if (control) throw control;
  return parseFast(text, file) ?? parseWithLibrary(text, file);
}

function parseFast(text: string, file: string): ManifestEntry[] | undefined {
  const docs = loadAllFast(text);
  if (!docs) return undefined;
  let located: ManifestEntry[] | undefined;
  // Both readers give deep-equal objects, so entry i is entry i of the `yaml` reading.
  const at = (i: number) => (located ??= parseWithLibrary(text, file))[i];
  const entry = (object: KubeObject, i: number): ManifestEntry => ({ object, file, get line() { return at(i).line; }, lineOf: (p) => at(i).lineOf(p) });
  const out: ManifestEntry[] = [];
  try {
    for (const value of docs) {
      if (value === null || value === undefined || value === '') continue;
      if (typeof value !== 'object' || Array.isArray(value)) return parseWithLibrary(text, file);
      const v = value as Record<string, unknown>;
      if (v.kind === 'List' && (v.apiVersion === 'v1' || v.apiVersion === undefined)) {
        if (!Array.isArray(v.items)) return parseWithLibrary(text, file);
        for (const item of v.items) out.push(entry(checkObject(item, file, () => 0), out.length));
        continue;
      }
      out.push(entry(checkObject(v, file, () => 0), out.length));
    }
  } catch (e) {
    // The same error, with its line, from the authority.
    if (e instanceof ManifestError) return parseWithLibrary(text, file);
    throw e;
  }
  return out;
}

function parseWithLibrary(text: string, file: string): ManifestEntry[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, ...PARSE_OPTIONS });
  const list = Array.isArray(docs) ? docs : [docs];
  // Syntax errors in any document first: a broken file applies nothing.
  for (const doc of list) {
    const err = docError(doc as Document, lc, file);
    if (err) throw err;
  }
  const out: ManifestEntry[] = [];
  for (const doc of list as Document[]) {
    const contents = doc.contents as YamlNode | null;
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) continue;
    const start = lc.linePos(contents.range?.[0] ?? 0).line;
    if (!isMap(contents)) {
      throw new ManifestError(file, start, `expected a Kubernetes object (a mapping with apiVersion and kind), found ${isSeq(contents) ? 'a sequence' : 'a scalar'}`);
    }
    let value: Record<string, unknown>;
    try {
      value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    } catch (e) {
      // Unresolved aliases, bad merge sources, alias bombs: the library throws while building values.
      throw new ManifestError(file, start, `YAML error: ${(e as Error).message}`);
    }
    const lineAt = (base: Segment[]) => (fieldPath: string | Segment[]) =>
      lc.linePos(offsetOf(contents, [...base, ...(typeof fieldPath === 'string' ? parseFieldPath(fieldPath) : fieldPath)]) ?? contents.range![0]).line;
    const entry = (value: unknown, lineOf: (path: string | Segment[]) => number): ManifestEntry => ({ object: checkObject(value, file, lineOf), file, line: lineOf(''), lineOf });
    if (value.kind === 'List' && (value.apiVersion === 'v1' || value.apiVersion === undefined)) {
      const items = value.items;
      if (!Array.isArray(items)) throw new ManifestError(file, lineAt([])('items'), 'a List needs items: a sequence of objects');
      items.forEach((item, i) => out.push(entry(item, lineAt(['items', i]))));
      continue;
    }
    out.push(entry(value, lineAt([])));
  }
  return out;
}

/** The object, checked and decoded; `lineOf('')` is the line where it starts. */
function checkObject(value: unknown, file: string, lineOf: (path: string | Segment[]) => number): KubeObject {
  const line = () => lineOf('');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(file, line(), 'expected a Kubernetes object (a mapping with apiVersion and kind)');
  }
  const obj = value as KubeObject;
  if (obj.apiVersion === undefined || obj.apiVersion === null || obj.apiVersion === '') {
    throw new ManifestError(file, line(), `apiVersion not set — every object needs apiVersion and kind (e.g. apiVersion: v1, kind: Pod)`);
  }
  if (obj.kind === undefined || obj.kind === null || obj.kind === '') {
    throw new ManifestError(file, line(), `kind not set — every object needs apiVersion and kind (e.g. apiVersion: v1, kind: Pod)`);
  }
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    throw new ManifestError(file, lineOf(typeof obj.kind !== 'string' ? 'kind' : 'apiVersion'), 'apiVersion and kind must be strings');
  }
  const info = kindInfo(obj.kind);
  if (!info || apiVersionOf(info) !== obj.apiVersion) {
    const hint = info ? ` — ${obj.kind} is served as apiVersion: ${apiVersionOf(info)}` : ` — the simulated API server serves ${kindList()}`;
    throw new ManifestError(file, lineOf('kind'), `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"${hint}`);
  }
  const err = decodeObject(obj, info);
  if (err) throw new ManifestError(file, lineOf(err.path), err.message);
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  return obj;
}

/** Reads and parses a manifest file; a missing file reads as kubectl reports it. */
export function loadManifestFile(path: string): ManifestEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UserError(`the path "${path}" is a directory — give the YAML files inside it with one -f each`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`the path "${path}" does not exist`);
    throw new UserError(`cannot read "${path}": ${code ?? (e as Error).message}`);
  }
  return loadManifests(text, path);
}
