// A fast reader for the plain YAML that manifests are almost always written in: block mappings
// and sequences, one-line flow collections (`{cpu: "4"}`, `[a, b]`), plain and simply quoted
// scalars, comments and `---` separators. Anything else — anchors, aliases, tags, block scalars,
// multi-line scalars, escapes, tabs, CR, odd indentation, duplicate keys, directives — makes it
// give up (undefined), and the caller parses the whole text with the `yaml` library instead. What
// it does accept it reads exactly as the library does (plain scalars resolve through the
// library's own YAML 1.2 core-schema tags), only many times faster: it builds no syntax tree and
// keeps no positions beyond each document's first line; positions of fields, needed only for
// error messages, come from the library on demand (manifest.ts).

import { isScalar, Schema } from 'yaml';

export interface FastDocument {
  /** The document's value (always a mapping: any other root makes the reader give up). */
  value: Record<string, unknown>;
  /** 1-based line of the document's first content (the yaml library's contents range start). */
  line: number;
  /** The document's text: `text.slice(from, to)`, starting on line `fromLine` (1-based). */
  from: number;
  to: number;
  fromLine: number;
}

interface Tok {
  line: number;
  col: number;
  /** A block sequence indicator (`- `); otherwise `text` is the rest of the line from `col`. */
  dash: boolean;
  text: string;
}

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve(value: string, onError: (msg: string) => void, options: object): unknown;
}

/** Thrown inside the reader to give up; never escapes fastParseDocuments. */
class GiveUp {}
const GIVE_UP = new GiveUp();
const giveUp = (): never => { throw GIVE_UP; };

// The tags parseAllDocuments uses for untagged plain scalars with { schema: 'core', merge: true }.
const PLAIN_TAGS = (new Schema({ schema: 'core', customTags: [], merge: true }).tags as unknown as ScalarTag[])
  .filter((t) => t.default === true && t.test);
const RESOLVE_OPTIONS = { intAsBigInt: false };
const resolved = new Map<string, unknown>();

/** A plain scalar's value, as the library's core schema resolves it (null, bool, int, float or string). */
function resolvePlain(s: string): unknown {
  const hit = resolved.get(s);
  if (hit !== undefined || resolved.has(s)) return hit;
  let value: unknown = s;
  for (const tag of PLAIN_TAGS) {
    if (!tag.test!.test(s)) continue;
    const r = tag.resolve(s, giveUp, RESOLVE_OPTIONS);
    value = isScalar(r) ? r.value : r;
    if (typeof value === 'bigint') value = Number(value);
    break;
  }
  if (resolved.size < 10_000) resolved.set(s, value);
  return value;
}

// Characters the reader leaves to the library: control characters (tab, CR, NUL...), C1 controls,
// the Unicode line/paragraph separators and the byte order mark.
const UNSUPPORTED_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
const SEPARATOR = /^---(?: +(?:#.*)?)?$/;
/** A plain scalar's first character (block context): no indicator, `-` only before a digit, letter or dot. */
const PLAIN_START = /^(?:[^\s\-?:,[\]{}#&*!|>'"%@`]|-[0-9A-Za-z.])/;
// `key: ` / `key:` at the end of the line. Block keys may hold `:` before a non-space (managedFields'
// `f:metadata`, `k:{"type":"Ready"}`); keys inside flow collections are simple names or quoted.
const KEY = /^(?:((?:[^\s\-?:,[\]{}#&*!|>'"%@`]|-[0-9A-Za-z.])(?:[^\s:]|:(?=\S))*)|"([^"\\]*)"|'((?:[^']|'')*)'):(?: +|$)/;
const FLOW_KEY = /^(?:([A-Za-z0-9_./][A-Za-z0-9_./-]*)|"([^"\\]*)"|'((?:[^']|'')*)'):(?: +|$)/;
const DOUBLE_QUOTED = /"([^"\\]*)"/y;
const SINGLE_QUOTED = /'((?:[^']|'')*)'/y;
const TRAILER = /^(?: +#.*| *)$/;
const FLOW_PLAIN = /[^,[\]{}]*/y;

/** The documents of `text`, or undefined when it uses anything beyond the plain subset. */
export function fastParseDocuments(text: string): FastDocument[] | undefined {
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  try {
    return readDocuments(text);
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

function readDocuments(text: string): FastDocument[] {
  const docs: FastDocument[] = [];
  const lines = text.split('\n');
  let toks: Tok[] = [];
  let from = 0;
  let fromLine = 1;
  let offset = 0;
  const finish = (to: number) => {
    if (toks.length) docs.push({ value: readRoot(toks), line: toks[0].line, from, to, fromLine });
    toks = [];
  };
  for (let n = 0; n < lines.length; n++) {
    const s = lines[n];
    const c = s.charCodeAt(0);
    if (c === 45 /* - */ && s.startsWith('---')) {
      if (!SEPARATOR.test(s)) giveUp();
      finish(offset);
      from = offset + s.length + 1;
      fromLine = n + 2;
    } else if (c === 37 /* % */ || (c === 46 /* . */ && s.startsWith('...'))) {
      giveUp();
    } else {
      tokenize(s, n + 1, toks);
    }
    offset += s.length + 1;
  }
  finish(text.length);
  return docs;
}

function tokenize(s: string, line: number, out: Tok[]): void {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  if (i === s.length || s[i] === '#') return;
  while (s[i] === '-' && (i + 1 === s.length || s[i + 1] === ' ')) {
    out.push({ line, col: i, dash: true, text: '' });
    i++;
    while (s.charCodeAt(i) === 32) i++;
  }
  if (i < s.length && s[i] !== '#') out.push({ line, col: i, dash: false, text: s.slice(i) });
}

function readRoot(toks: Tok[]): Record<string, unknown> {
  const r = new BlockReader(toks);
  const first = toks[0];
  if (first.dash || !KEY.test(first.text)) giveUp();
  const value = r.map(first.col);
  if (r.p !== toks.length) giveUp();
  return value;
}

/** Block structure over the tokens of one document; every method gives up on what it does not know. */
class BlockReader {
  p = 0;
  constructor(readonly toks: Tok[]) {}

  /** The node starting at the current token, owned by a key or dash at column `owner`. */
  node(owner: number): unknown {
    const t = this.toks[this.p];
    if (t.dash) return this.seq(t.col);
    if (KEY.test(t.text)) return this.map(t.col);
    this.p++;
    const value = inlineValue(t.text);
    this.noContinuation(owner);
    return value;
  }

  /** A scalar or flow collection must end on its line: a deeper next line would continue it. */
  noContinuation(owner: number): void {
    const n = this.toks[this.p];
    if (n && n.col > owner) giveUp();
  }

  map(col: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.p < this.toks.length) {
      const t = this.toks[this.p];
      if (t.col < col) break;
      if (t.col > col || t.dash) giveUp();
      const m = KEY.exec(t.text);
      if (!m || m[0].length > 1000) giveUp();
      const key = m![1] !== undefined ? resolvePlain(m![1]) : m![2] ?? m![3].replace(/''/g, "'");
      if (typeof key !== 'string' || key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
      this.p++;
      const rest = t.text.slice(m![0].length);
      let value: unknown = null;
      if (rest !== '' && rest[0] !== '#') {
        value = inlineValue(rest);
        this.noContinuation(col);
      } else {
        const n = this.toks[this.p];
        if (n && n.col > col) value = this.node(col);
        else if (n && n.dash && n.col === col) value = this.seq(col);
      }
      out[key as string] = value;
    }
    return out;
  }

  seq(col: number): unknown[] {
    const out: unknown[] = [];
    while (this.p < this.toks.length) {
      const t = this.toks[this.p];
      if (t.col < col) break;
      if (t.col > col) giveUp();
      if (!t.dash) break; // a key at the same column ends a sequence that is a mapping's value
      this.p++;
      const n = this.toks[this.p];
      out.push(n && n.col > col ? this.node(col) : null);
    }
    return out;
  }
}

/** A value that ends on its line: quoted or plain scalar, or a flow collection. */
function inlineValue(s: string): unknown {
  const c = s[0];
  if (c === '"' || c === "'" || c === '[' || c === '{') {
    const [value, end] = c === '[' || c === '{' ? flowNode(s, 0) : quoted(s, 0);
    if (!TRAILER.test(s.slice(end))) giveUp();
    return value;
  }
  if (!PLAIN_START.test(s)) giveUp();
  const hash = s.indexOf(' #');
  const plain = (hash < 0 ? s : s.slice(0, hash)).replace(/ +$/, '');
  if (plain.includes(': ') || plain.endsWith(':')) giveUp();
  return resolvePlain(plain);
}

function quoted(s: string, i: number): [string, number] {
  const re = s[i] === '"' ? DOUBLE_QUOTED : SINGLE_QUOTED;
  re.lastIndex = i;
  const m = re.exec(s);
  if (!m) giveUp();
  return [s[i] === '"' ? m![1] : m![1].replace(/''/g, "'"), re.lastIndex];
}

const skipSpaces = (s: string, i: number) => { while (s.charCodeAt(i) === 32) i++; return i; };

/** A flow collection or scalar inside one; returns the value and the index after it. */
function flowNode(s: string, i: number): [unknown, number] {
  i = skipSpaces(s, i);
  const c = s[i];
  if (c === '"' || c === "'") return quoted(s, i);
  if (c === '[') {
    const out: unknown[] = [];
    i = skipSpaces(s, i + 1);
    if (s[i] === ']') return [out, i + 1];
    for (;;) {
      const [v, end] = flowNode(s, i);
      out.push(v);
      i = skipSpaces(s, end);
      if (s[i] === ']') return [out, i + 1];
      if (s[i] !== ',') giveUp();
      i = skipSpaces(s, i + 1);
      if (s[i] === ']') giveUp(); // trailing comma
    }
  }
  if (c === '{') {
    const out: Record<string, unknown> = {};
    i = skipSpaces(s, i + 1);
    if (s[i] === '}') return [out, i + 1];
    for (;;) {
      const m = FLOW_KEY.exec(s.slice(i));
      if (!m || m[0].length === m[0].indexOf(':') + 1) giveUp(); // `key:` needs a space before the value
      const key = m![1] !== undefined ? resolvePlain(m![1]) : m![2] ?? m![3].replace(/''/g, "'");
      if (typeof key !== 'string' || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
      const [v, end] = flowNode(s, i + m![0].length);
      out[key as string] = v;
      i = skipSpaces(s, end);
      if (s[i] === '}') return [out, i + 1];
      if (s[i] !== ',') giveUp();
      i = skipSpaces(s, i + 1);
      if (s[i] === '}') giveUp(); // trailing comma
    }
  }
  FLOW_PLAIN.lastIndex = i;
  const raw = FLOW_PLAIN.exec(s)![0];
  const plain = raw.replace(/ +$/, '');
  if (plain === '' || !PLAIN_START.test(plain) || plain.includes(':') || plain.includes(' #')) giveUp();
  return [resolvePlain(plain), i + raw.length];
}
