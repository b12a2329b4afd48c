// Kubernetes' JSONPath templates (k8s.io/client-go/util/jsonpath: parser.go, jsonpath.go, and the
// comparison functions of client-go/third_party/forked/golang/template) over JSON objects as
// kubectl decodes them (unstructured: maps, slices, strings, int64 for integral numbers, float64,
// bools, nil): text and `{…}` actions, fields, `[i]`, slices `[a:b:c]`, `[*]`, `..`, unions
// `[a,b]`, filters `[?(@.x=="y")]`, `{range …}…{end}`, quoted text `{"\n"}`. Results print as
// PrintResults does (maps and slices as compact JSON, several results of one action separated
// by a space), or as indented JSON arrays (jsonpath-as-json). Go iterates maps in random order;
// here `*` and `..` visit a map's keys sorted.
//
// Also the Go value formatting these need: fmt's %v of floats and %#v of the decoded object
// (kubectl prints the object in its "error executing jsonpath" message).

import { goYamlFloat } from './goyaml.ts';
import { toCompactJson, toJson } from './gojson.ts';

/** A float literal of a template (`{1.5}`): Go keeps it a float64, distinct from the data's int64 numbers. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A byte of a string walked by `*` (Go indexes strings by byte: uint8). */
class GoByte {
  constructor(readonly value: number) {}
}

/** A reflect.Value: a JSON value, a template literal, or nothing (an invalid Value). */
type Value = unknown;
const INVALID = Symbol('invalid');

type ListNode = { t: 'list'; nodes: Node[] };
interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}
type Node =
  | ListNode
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: [Param, Param, Param] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: ListNode[] }
  | { t: 'identifier'; name: string };

export class JsonPathError extends Error {}

// ---- parser.go --------------------------------------------------------------------------------

const isSpace = (r: string) => r === ' ' || r === '\t';
const isEndOfLine = (r: string) => r === '\r' || r === '\n';
const isDigit = (r: string) => /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const EOF = '';
const isTerminator = (r: string) => r === EOF || isSpace(r) || isEndOfLine(r) || '.,[]$@{}'.includes(r);

/** Go's %#U: `U+0023 '#'`. */
function goRuneU(r: string): string {
  return `U+${r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${r}'`;
}

/** strconv.UnquoteChar applied to a whole quoted text (parser.go UnquoteExtend). */
function unquoteExtend(s: string): string {
  const quote = s[0];
  if (s.length < 2 || quote !== s[s.length - 1] || (quote !== '"' && quote !== "'"))
    throw new JsonPathError('invalid syntax');
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === quote && quote === "'") throw new JsonPathError('invalid syntax');
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (e in simple) out += simple[e];
    else if (e === quote) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new JsonPathError('invalid syntax');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new JsonPathError('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new JsonPathError('invalid syntax');
  }
  return out;
}

class Parser {
  root: ListNode = { t: 'list', nodes: [] };
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): void {
    this.input = text;
    this.root = { t: 'list', nodes: [] };
    this.pos = 0;
    this.parseText(this.root);
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = r.length;
    this.pos += r.length;
    return r;
  }
  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }
  private backup(): void {
    this.pos -= this.width;
  }
  private rest(): string {
    return this.input.slice(this.pos);
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.rest().startsWith('{')) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
        this.parseLeftDelim();
        return;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(): void {
    this.pos += 1;
    this.consumeText();
    const node: ListNode = { t: 'list', nodes: [] };
    this.root.nodes.push(node);
    this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consumeText();
        continue;
      }
      if (r === '[') {
        this.parseArray(cur);
        continue;
      }
      if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
        continue;
      }
      if (r === '.') {
        this.parseField(cur);
        continue;
      }
      if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
        continue;
      }
      if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
        continue;
      }
      throw new JsonPathError(`unrecognized character in action: ${goRuneU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.length && cur.nodes[cur.nodes.length - 1].t === 'recursive')
      throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ t: 'int', value: parseInt(value, 10) });
      return;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ t: 'float', value: parseFloat(value) });
      return;
    }
    throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      cur.nodes.push({ t: 'union', nodes: strs.map((s) => parseAction(`[${s.replace(/^ +| +$/g, '')}]`)) });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const values = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = values[i];
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^[+-]?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
          params.push({ value: parseInt(v, 10), known: true, derived: false });
        }
      } else if (i === 1) params.push({ value: params[0].value + 1, known: true, derived: true });
      else params.push({ value: 0, known: false, derived: false });
    }
    cur.nodes.push({ t: 'array', params: params as [Param, Param, Param] });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ t: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replace(/\\/g, '') });
  }
}

/** parseAction: the one action of `{text}`. */
function parseAction(text: string): ListNode {
  const p = new Parser();
  p.parse(`{${text}}`);
  return p.root.nodes[0] as ListNode;
}

// ---- Go values -----------------------------------------------------------------------------------

const isMap = (v: Value): v is Record<string, Value> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoFloat) && !(v instanceof GoByte);

/** The Go type name of a decoded value, as `%v` of reflect.Type prints it. */
function goType(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoByte) return 'uint8';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'map[string]interface {}';
}

const sortedKeys = (m: Record<string, Value>) =>
  Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** fmt's %v (fmt.Fprint) of a value. */
export function goSprintV(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof GoFloat) return goYamlFloat(v.value);
  if (v instanceof GoByte) return String(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goYamlFloat(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(' ')}]`;
  const m = v as Record<string, Value>;
  return `map[${sortedKeys(m)
    .map((k) => `${k}:${goSprintV(m[k])}`)
    .join(' ')}]`;
}

/** strconv.Quote as %#v writes strings. */
function goQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\v') out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else if ((code >= 0x80 && code < 0xa0) || code === 0xad || code === 0xfeff || code === 0x2028 || code === 0x2029)
      out += '\\u' + code.toString(16).padStart(4, '0');
    else out += c;
  }
  return out + '"';
}

/** fmt's %#v of a decoded object (the form kubectl's jsonpath error shows it in). */
export function goSprintSharpV(v: Value, inInterface = false): string {
  if (v === null || v === undefined) return inInterface ? 'interface {}(nil)' : '<nil>';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goYamlFloat(v);
  if (v instanceof GoFloat) return goYamlFloat(v.value);
  if (v instanceof GoByte) return `0x${v.value.toString(16)}`;
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSprintSharpV(x, true)).join(', ')}}`;
  const m = v as Record<string, Value>;
  return `map[string]interface {}{${sortedKeys(m)
    .map((k) => `${goQuote(k)}:${goSprintSharpV(m[k], true)}`)
    .join(', ')}}`;
}

// ---- forked/golang/template comparisons ------------------------------------------------------

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string';
function basicKind(v: Value): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoByte) return 'uint';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  throw new JsonPathError('invalid type for comparison');
}
const num = (v: Value): number => (v instanceof GoFloat || v instanceof GoByte ? v.value : (v as number));

function equal(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) === num(b);
    throw new JsonPathError('incompatible types for comparison');
  }
  return k1 === 'string' || k1 === 'bool' ? a === b : num(a) === num(b);
}

function less(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) < num(b);
    throw new JsonPathError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new JsonPathError('invalid type for comparison');
  return k1 === 'string' ? (a as string) < (b as string) : num(a) < num(b);
}

function compare(op: string, a: Value, b: Value): boolean {
  switch (op) {
    case '<':
      return less(a, b);
    case '>': {
      const lt = less(a, b);
      return !(lt || equal(a, b));
    }
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<=':
      return less(a, b) || equal(a, b);
    case '>=':
      return !less(a, b);
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

// ---- jsonpath.go ---------------------------------------------------------------------------------

/** A parsed template (jsonpath.New + Parse) that prints its results for objects (Execute). */
export class JsonPath {
  private parser = new Parser();
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;
  allowMissingKeys = false;
  outputJson = false;

  /** Throws JsonPathError with the parser's message. */
  constructor(template: string) {
    this.parser.parse(template);
  }

  /** The text Execute writes for `data`; throws JsonPathError. */
  execute(data: Value): string {
    return this.findResults(data)
      .map((r) => this.printResults(r))
      .join('');
  }

  /** The values each top-level node selects (FindResults; ranges expanded). */
  findResults(data: Value): Value[][] {
    // A nil item of a range is reflect.ValueOf(nil): an invalid Value (`{@}` prints <no value>).
    const cur: Value[] = [data === undefined || data === null ? INVALID : data];
    const nodes = this.parser.root.nodes;
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.parser.root.nodes = nodes.slice(i + 1);
            full.push(...this.findResults(value === INVALID ? undefined : value));
          }
        } else {
          this.parser.root.nodes = nodes.slice(i + 1);
          this.findResults(undefined);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private printResults(results: Value[]): string {
    const plain = (r: Value) => (r === INVALID ? null : r instanceof GoFloat || r instanceof GoByte ? r.value : r);
    if (this.outputJson) results = [results.map(plain)];
    let out = '';
    results.forEach((r, i) => {
      let text: string;
      if (this.outputJson) text = toJson(r);
      else if (
        r !== INVALID &&
        r !== null &&
        typeof r === 'object' &&
        !(r instanceof GoFloat) &&
        !(r instanceof GoByte)
      )
        text = toCompactJson(r);
      else text = r === INVALID ? '<no value>' : r === null ? 'null' : goSprintV(r);
      out += text;
      if (i !== results.length - 1) out += ' ';
    });
    return out;
  }

  private walk(value: Value[], node: Node): Value[] {
    switch (node.t) {
      case 'list':
        return node.nodes.reduce<Value[]>((cur, n) => this.walk(cur, n), value);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(value, node.name);
      case 'array':
        return this.evalArray(value, node.params);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
        return value.map(() => node.value);
      case 'float':
        return value.map(() => new GoFloat(node.value));
      case 'bool':
        return value.map(() => node.value);
      case 'wildcard':
        return value.flatMap((v) => children(v));
      case 'recursive':
        return this.evalRecursive(value);
      case 'union':
        return node.nodes.flatMap((l) => this.walk(value, l));
      case 'identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathError('not in range, nothing to end');
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (v === null || v === INVALID) continue;
      if (isMap(v) && Object.hasOwn(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], node: [Param, Param, Param]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null || value === INVALID) continue;
      if (!Array.isArray(value)) throw new JsonPathError(`${goType(value)} is not array or slice`);
      const params = node.map((p) => ({ ...p }));
      const len = value.length;
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += len;
      if (!params[1].known) params[1].value = len;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += len;
      if (params[1].value === params[0].value) return result;
      if (params[0].value >= len || params[0].value < 0)
        throw new JsonPathError(`array index out of bounds: index ${params[0].value}, length ${len}`);
      if (params[1].value > len || params[1].value < 0)
        throw new JsonPathError(`array index out of bounds: index ${params[1].value - 1}, length ${len}`);
      if (params[0].value > params[1].value)
        throw new JsonPathError(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
      const slice = value.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null || value === INVALID) continue;
      const results = children(value);
      if (results.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(results));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: { left: ListNode; right: ListNode; op: string }): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value))
        throw new JsonPathError(
          `${value === INVALID ? '<invalid reflect.Value>' : goSprintV(value)} is not array or slice and cannot be filtered`,
        );
      for (const item of value) {
        const temp = [item];
        let lefts: Value[];
        if (node.op === 'exists') {
          try {
            lefts = this.walk(temp, node.left);
          } catch {
            lefts = [];
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        lefts = this.walk(temp, node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        const left = lefts[0] === INVALID ? null : lefts[0];
        const right = rights[0] === INVALID ? null : rights[0];
        if (left === null || right === null) throw new JsonPathError('invalid type for comparison');
        if (compare(node.op, left, right)) results.push(item);
      }
    }
    return results;
  }
}

/** What `*` and `..` visit under a value: a map's values (keys sorted), a slice's items, a string's bytes. */
function children(v: Value): Value[] {
  if (v === null || v === INVALID) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...Buffer.from(v, 'utf8')].map((b) => new GoByte(b));
  if (isMap(v)) return sortedKeys(v).map((k) => v[k]);
  return [];
}
