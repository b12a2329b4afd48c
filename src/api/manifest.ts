// Reading Kubernetes manifests: multi-document YAML (the `yaml` package, YAML 1.2 core schema
// plus `<<` merge keys as kubectl's YAML 1.1 decoder has them; any other tag — `!!js/function`,
// `!Ref`, `!!python/...` — is an error, never constructed) into plain objects, each with the file and line it came from. `kind: List` is
// expanded, empty documents are skipped, and a problem anywhere rejects the whole text (nothing
// is half-applied) with `<file>:<line>: <what is wrong>[ — how to fix]`. Each object is also
// decoded as the API server would (decode.ts: types, quantities, unknown fields).

import { readFileSync } from 'node:fs';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type DocumentOptions,
  type Node as YamlNode,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
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
  /**
   * With `keepDecodeErrors`: why the API server would refuse to decode the object (`Pod in
   * version "v1" cannot be handled as a Pod: strict decoding error: ...`), with its line.
   */
  decodeError?: ManifestError;
}

export interface LoadOptions {
  /**
   * Keep objects the API server would refuse to decode (wrong types, unknown fields), each with
   * its decodeError, instead of rejecting the text: kubectl sends each object and reports the
   * server's answer per object. Syntax errors still reject the whole text.
   */
  keepDecodeErrors?: boolean;
}

/** A manifest problem: the message is `file:line: detail`; `detail` alone is what the server said. */
export class ManifestError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
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
    if (path[i] === '.') {
      i++;
      continue;
    }
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

function docError(doc: Document, lc: LineCounter, file: string, lineOffset: number): ManifestError | undefined {
  const e = doc.errors[0];
  if (e) {
    const line = (e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line) + lineOffset;
    const text = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const first = e.code === 'DUPLICATE_KEY' ? firstOfDuplicateKey(doc, e.pos[0]) : undefined;
    if (first)
      return new ManifestError(
        file,
        line,
        `YAML syntax error: mapping key "${first.key}" already defined at line ${lc.linePos(first.at).line + lineOffset}`,
      );
    return new ManifestError(file, line, `YAML syntax error: ${text}`);
  }
  // The parser keeps an unknown tag's value as plain data and only warns: refuse it instead.
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tag) {
    const name = /Unresolved tag: (\S+)/.exec(tag.message)?.[1] ?? '';
    const shown = name.replace(/^tag:yaml\.org,2002:/, '!!');
    return new ManifestError(
      file,
      (tag.linePos?.[0]?.line ?? lc.linePos(tag.pos[0]).line) + lineOffset,
      `YAML tag ${shown} is not supported — Kubernetes manifests are plain data; remove the tag`,
    );
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
      found = {
        message: `invalid map key: ${goSyntax(key.toJS(doc, { maxAliasCount: 100 }))}`,
        offset: key.range?.[0] ?? 0,
      };
      return visit.BREAK;
    },
  });
  return found;
}

/** The key of the duplicate key starting at `pos`, and where the same key first appears in its mapping. */
function firstOfDuplicateKey(doc: Document, pos: number): { key: string; at: number } | undefined {
  let found: { key: string; at: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = pair.key.value;
        if (pair.key.range[0] === pos && seen.has(key)) {
          found = { key: String(key), at: seen.get(key)! };
          return visit.BREAK;
        }
        if (!seen.has(key)) seen.set(key, pair.key.range[0]);
      }
      return undefined;
    },
  });
  return found;
}

/** Go's %#v of a value go-yaml decoded into interface{}: `[]interface {}{"a", 1}`, `map[interface {}]interface {}{"a":"b"}`. */
function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (v instanceof Map)
    return `map[interface {}]interface {}{${[...v].map(([k, x]) => `${goSyntax(k)}:${goSyntax(x)}`).join(', ')}}`;
  if (typeof v === 'object')
    return `map[interface {}]interface {}{${Object.entries(v)
      .map(([k, x]) => `${goSyntax(k)}:${goSyntax(x)}`)
      .join(', ')}}`;
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

/** The offset of the first alias to `name` (an unresolved one: its anchor is missing or comes later). */
function aliasOffset(doc: Document, name: string): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.source === name && alias.range) {
        at = alias.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return at;
}

const kindList = () => KINDS.map((k) => k.kind).join(', ');

/** How the `yaml` library reads manifests (also the reference of the fast path's differential test). */
export const PARSE_OPTIONS = { schema: 'core', customTags: [], merge: true, uniqueKeys: true } satisfies ParseOptions &
  DocumentOptions &
  SchemaOptions;

/**
 * Parses every document of `text`; throws ManifestError (nothing returned) when any document has a
 * syntax error or is not a Kubernetes object of a kind the simulated API server serves. Plain
 * documents are read by js-yaml (yaml-fast.ts); everything else, and every error, by the `yaml`
 * library, which also gives the lines: on the fast path they are computed by a `yaml` parse of
 * the text on first use, so a file that loads without error is parsed once.
 */
export function loadManifests(text: string, file: string, opts: LoadOptions = {}): ManifestEntry[] {
  const control = controlCharacterError(text, file);
  if (control) throw control;
  checkNesting(text, file);
  const keep = opts.keepDecodeErrors ?? false;
  return parseFast(text, file, keep) ?? parseWithLibrary(text, file, 0, keep);
}

/** How deeply a manifest may nest (mappings, sequences, flow brackets): far more than any Kubernetes object needs. */
export const MAX_NESTING = 200;

/**
 * Throws a ManifestError at the first line nesting deeper than MAX_NESTING. The YAML readers
 * recurse once per level and run out of stack some 800 levels down — where V8 may even abort the
 * process (a stack overflow while it compiles a regular expression is reported as out of
 * memory) — so deep input is refused before any parse. The count is an upper bound read line by
 * line: the indentation levels open, the `- ` at the start of the line, and the flow brackets
 * open outside quotes and comments; the lines of block scalars (`|`, `>`) are text, not counted.
 */
export function checkNesting(text: string, file: string): void {
  // One pass over the character codes, no line strings: it runs on every text loaded.
  const isBlank = (c: number) => c === 32 || c === 9;
  const indents: number[] = [];
  let flow = 0;
  let blockIndent = -1; // inside a block scalar: the indentation of its parent line
  for (let start = 0, line = 1; start <= text.length; line++) {
    let at = start;
    while (isBlank(text.charCodeAt(at))) at++;
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const next = start;
    start = end + 1;
    const indent = at - next;
    const first = text.charCodeAt(at);
    const empty = at >= end || (first === 13 && at + 1 >= end);
    if (blockIndent >= 0 && (empty || indent > blockIndent)) continue;
    blockIndent = -1;
    if (empty || first === 35) continue; // blank or a comment
    if (
      indent === 0 &&
      (text.startsWith('---', at) || text.startsWith('...', at)) &&
      (at + 3 >= end || isBlank(text.charCodeAt(at + 3)) || text.charCodeAt(at + 3) === 13)
    ) {
      indents.length = 0;
      flow = 0;
      continue;
    }
    if (flow === 0) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let dashes = 0;
    for (let p = at; text.charCodeAt(p) === 45 && isBlank(text.charCodeAt(p + 1)); dashes++) {
      p++;
      while (isBlank(text.charCodeAt(p))) p++;
    }
    let deepest = flow;
    let quote = 0;
    let last = -1; // the last character that is not a space or a comment
    for (let p = at; p < end; p++) {
      const c = text.charCodeAt(p);
      if (quote) {
        if (c === quote) quote = 0;
        last = p;
        continue;
      }
      if (c === 35 && isBlank(text.charCodeAt(p - 1))) break;
      if (c === 34 || c === 39) quote = c;
      else if (c === 91 || c === 123) deepest = Math.max(deepest, ++flow);
      else if ((c === 93 || c === 125) && flow > 0) flow--;
      if (!isBlank(c) && c !== 13) last = p;
    }
    if (indents.length + dashes + deepest > MAX_NESTING) {
      throw new ManifestError(
        file,
        line,
        `YAML error: nested deeper than ${MAX_NESTING} levels — no Kubernetes object nests that deep; check the indentation and the brackets`,
      );
    }
    // A block scalar header ends the line: `|` or `>`, then chomping and indentation indicators.
    let h = last;
    while (h > at && /[0-9+-]/.test(text[h])) h--;
    if (flow === 0 && !quote && (text[h] === '|' || text[h] === '>')) blockIndent = indent;
  }
}

function parseFast(text: string, file: string, keep = false): ManifestEntry[] | undefined {
  const docs = loadAllFast(text);
  if (!docs) return undefined;
  // Both readers give deep-equal objects, so entry i is entry i of the `yaml` reading.
  const at = locator(text, file);
  const entry = (object: KubeObject, i: number): ManifestEntry => ({
    object,
    file,
    get line() {
      return at(i).line;
    },
    lineOf: (p) => at(i).lineOf(p),
  });
  const out: ManifestEntry[] = [];
  try {
    for (const value of docs) {
      if (value === null || value === undefined || value === '') continue;
      if (typeof value !== 'object' || Array.isArray(value)) return parseWithLibrary(text, file, 0, keep);
      const v = value as Record<string, unknown>;
      if (v.kind === 'List' && (v.apiVersion === 'v1' || v.apiVersion === undefined)) {
        if (!Array.isArray(v.items)) return parseWithLibrary(text, file, 0, keep);
        for (const item of v.items)
          out.push(
            entry(
              checkObject(item, file, () => 0),
              out.length,
            ),
          );
        continue;
      }
      out.push(
        entry(
          checkObject(v, file, () => 0),
          out.length,
        ),
      );
    }
  } catch (e) {
    // The same error, with its line, from the authority.
    if (e instanceof ManifestError) return parseWithLibrary(text, file, 0, keep);
    throw e;
  }
  return out;
}

/** The entries of `text` as the `yaml` library reads it; `lineOffset` lines come before the text in the file. */
/** A document of a text the fast reader accepted: its range, the line before it, its first entry's index, its entries once read. */
interface DocRange {
  from: number;
  to: number;
  lineOffset: number;
  first: number;
  entries?: ManifestEntry[];
}

/**
 * Entry i of a text the fast reader accepted, as the `yaml` library reads it (lines and all).
 * Only the document holding the entry is read: in such a text every line starting with `---` or
 * `...` is a document marker (yaml-fast.ts declines content after `---` and quoted scalars or flow
 * collections spanning lines), so the documents are the text between those lines, and an error
 * in the last of 60,000 documents needs one document read with `yaml`, not 60,000. When the
 * documents do not give the fast reader's entries one for one, the whole text is read.
 */
function locator(text: string, file: string): (i: number) => ManifestEntry {
  let segments: DocRange[] | null | undefined;
  let whole: ManifestEntry[] | undefined;
  return (i) => {
    if (segments === undefined) segments = documentsOf(text);
    if (segments === null) return (whole ??= parseWithLibrary(text, file))[i];
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].first <= i) lo = mid;
      else hi = mid - 1;
    }
    const seg = segments[lo];
    seg.entries ??= parseWithLibrary(text.slice(seg.from, seg.to), file, seg.lineOffset);
    return seg.entries[i - seg.first];
  };
}

/** The documents between marker lines with how many entries each gives the fast reader (parseFast's count), or null when one is not a single document to it. */
function documentsOf(text: string): DocRange[] | null {
  const bounds: number[] = [0];
  for (const m of text.matchAll(/^(?:---|\.\.\.).*$/gm)) bounds.push(m.index, m.index + m[0].length);
  bounds.push(text.length);
  const out: DocRange[] = [];
  let entries = 0;
  let line = 0;
  let counted = 0;
  for (let k = 0; k < bounds.length; k += 2) {
    const [from, to] = [bounds[k], bounds[k + 1]];
    for (let p = text.indexOf('\n', counted); p !== -1 && p < from; p = text.indexOf('\n', p + 1)) line++;
    counted = from;
    const docs = loadAllFast(text.slice(from, to));
    if (docs === undefined || docs.length > 1) return null;
    const v = docs[0] as Record<string, unknown> | null | undefined;
    const n =
      v === null || v === undefined || (v as unknown) === ''
        ? 0
        : v.kind === 'List' && (v.apiVersion === 'v1' || v.apiVersion === undefined) && Array.isArray(v.items)
          ? v.items.length
          : 1;
    if (n) out.push({ from, to, lineOffset: line, first: entries });
    entries += n;
  }
  return out;
}

function parseWithLibrary(text: string, file: string, lineOffset = 0, keep = false): ManifestEntry[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, ...PARSE_OPTIONS });
  const list = Array.isArray(docs) ? docs : [docs];
  // Syntax errors in any document first: a broken file applies nothing.
  for (const doc of list) {
    const err = docError(doc as Document, lc, file, lineOffset);
    if (err) throw err;
  }
  const out: ManifestEntry[] = [];
  for (const doc of list as Document[]) {
    const contents = doc.contents as YamlNode | null;
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) continue;
    const start = lc.linePos(contents.range?.[0] ?? 0).line + lineOffset;
    if (!isMap(contents)) {
      throw new ManifestError(
        file,
        start,
        `expected a Kubernetes object (a mapping with apiVersion and kind), found ${isSeq(contents) ? 'a sequence' : 'a scalar'}`,
      );
    }
    let value: Record<string, unknown>;
    try {
      value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    } catch (e) {
      // Unresolved aliases, bad merge sources, alias bombs: the library throws while building values.
      const message = (e as Error).message;
      const alias = /^Unresolved alias .*: (.+)$/.exec(message)?.[1];
      const at = alias === undefined ? undefined : aliasOffset(doc, alias);
      throw new ManifestError(
        file,
        at === undefined ? start : lc.linePos(at).line + lineOffset,
        `YAML error: ${message}`,
      );
    }
    const lineAt = (base: Segment[]) => (fieldPath: string | Segment[]) =>
      lc.linePos(
        offsetOf(contents, [...base, ...(typeof fieldPath === 'string' ? parseFieldPath(fieldPath) : fieldPath)]) ??
          contents.range![0],
      ).line + lineOffset;
    const entry = (value: unknown, lineOf: (path: string | Segment[]) => number): ManifestEntry => {
      let decodeError: ManifestError | undefined;
      const object = checkObject(
        value,
        file,
        lineOf,
        keep
          ? (e) => {
              decodeError = e;
            }
          : undefined,
      );
      return { object, file, line: lineOf(''), lineOf, ...(decodeError ? { decodeError } : {}) };
    };
    if (value.kind === 'List' && (value.apiVersion === 'v1' || value.apiVersion === undefined)) {
      const items = value.items;
      if (!Array.isArray(items))
        throw new ManifestError(file, lineAt([])('items'), 'a List needs items: a sequence of objects');
      items.forEach((item, i) => out.push(entry(item, lineAt(['items', i]))));
      continue;
    }
    out.push(entry(value, lineAt([])));
  }
  return out;
}

/** The object, checked and decoded; `lineOf('')` is the line where it starts. */
function checkObject(
  value: unknown,
  file: string,
  lineOf: (path: string | Segment[]) => number,
  onDecodeError?: (e: ManifestError) => void,
): KubeObject {
  const line = () => lineOf('');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(file, line(), 'expected a Kubernetes object (a mapping with apiVersion and kind)');
  }
  const obj = value as KubeObject;
  if (obj.apiVersion === undefined || obj.apiVersion === null || obj.apiVersion === '') {
    throw new ManifestError(
      file,
      line(),
      `apiVersion not set — every object needs apiVersion and kind (e.g. apiVersion: v1, kind: Pod)`,
    );
  }
  if (obj.kind === undefined || obj.kind === null || obj.kind === '') {
    throw new ManifestError(
      file,
      line(),
      `kind not set — every object needs apiVersion and kind (e.g. apiVersion: v1, kind: Pod)`,
    );
  }
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    throw new ManifestError(
      file,
      lineOf(typeof obj.kind !== 'string' ? 'kind' : 'apiVersion'),
      'apiVersion and kind must be strings',
    );
  }
  const info = kindInfo(obj.kind);
  if (!info || apiVersionOf(info) !== obj.apiVersion) {
    const hint = info
      ? ` — ${obj.kind} is served as apiVersion: ${apiVersionOf(info)}`
      : ` — the simulated API server serves ${kindList()}`;
    throw new ManifestError(
      file,
      lineOf('kind'),
      `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"${hint}`,
    );
  }
  const err = decodeObject(obj, info);
  if (err) {
    const e = new ManifestError(file, lineOf(err.path), err.message);
    if (!onDecodeError) throw e;
    onDecodeError(e);
  }
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
    if (code === 'EISDIR')
      throw new UserError(`the path "${path}" is a directory — give the YAML files inside it with one -f each`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`the path "${path}" does not exist`);
    throw new UserError(`cannot read "${path}": ${code ?? (e as Error).message}`);
  }
  return loadManifests(text, path);
}
