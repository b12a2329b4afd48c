// `-o yaml` as kubectl 1.33 writes it: sigs.k8s.io/yaml Marshal = encoding/json, then the JSON
// re-read and written by its go-yaml v2 fork (sigs.k8s.io/yaml/goyaml.v2: encode.go, emitterc.go,
// resolve.go, sorted.go). This file owns that YAML dialect:
// - map keys in go-yaml's keyList order (runs of digits compared as numbers, a non-letter before
//   a letter), block style, sequences in maps not indented (`- ` at the key's column);
// - a string that would read back as another type (`"true"`, `"80"`, `""`, timestamps, `1:20`)
//   double-quoted; one the emitter cannot write plain (`: `, ` #`, a leading indicator, leading or
//   trailing spaces) single-quoted; one with a line break as a `|` literal block; one with
//   characters a YAML document cannot hold plainly double-quoted with escapes;
// - long plain and quoted scalars folded as go-yaml folds them: at the first space once the
//   line is past column 80 (best_width), continuing two columns deeper than the key or dash.
//   Keys are never folded. `<<` stays plain (resolve.go looks the map up only for some first characters).

type Json = unknown;

/** go-yaml v2 keyList.Less (sorted.go) for string keys. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string) => c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

const goYamlCompare = (a: string, b: string): number => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0);

// ---- resolve.go: what a plain scalar would read back as ------------------------------------

const BOOL_OR_NULL = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** strconv.ParseInt/ParseUint(s, 0, 64) accepting (sign, 0x / 0o / 0b / leading-0 octal, decimal). */
function goParsesAsInt(s: string): boolean {
  const m = /^([+-]?)([\s\S]*)$/.exec(s)!; // (any text: a multi-line one, a PEM, too)
  const body = m[2];
  let digits: RegExp;
  let text = body;
  if (/^0[xX]/.test(body)) {
    digits = /^[0-9a-fA-F]+$/;
    text = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    digits = /^[01]+$/;
    text = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    digits = /^[0-7]+$/;
    text = body.slice(2);
  } else if (/^0/.test(body)) {
    digits = /^[0-7]*$/;
    text = body.slice(1);
  } else digits = /^[0-9]+$/;
  if (text === '' && !/^0$/.test(body)) return false;
  if (!digits.test(text)) return false;
  const base = /^0[xX]/.test(body)
    ? 16n
    : /^0[bB]/.test(body)
      ? 2n
      : /^0[oO]/.test(body) || /^0./.test(body)
        ? 8n
        : 10n;
  let v = 0n;
  for (const ch of text) v = v * base + BigInt(parseInt(ch, 16));
  return m[1] === '-' ? v <= 2n ** 63n : v <= 2n ** 64n - 1n;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** resolve.go parseTimestamp: the layouts go-yaml tries with time.Parse. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]| )(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, se, , zone] = m;
  if (h !== undefined && s[10] === ' ' && zone !== undefined) return false; // the space layout has no zone
  if (h !== undefined && s[10] !== ' ' && zone === undefined) return false; // the T layouts need one
  const month = +mo;
  if (month < 1 || month > 12 || +d < 1 || +d > daysIn(+y, month)) return false;
  if (h !== undefined && (+h > 23 || +mi > 59 || +se > 59)) return false;
  if (zone && zone !== 'Z' && (+zone.slice(1, 3) > 23 || +zone.slice(4) > 59)) return false;
  return true;
}

/** encode.go stringv: a string that would resolve to another tag unquoted must be double-quoted. */
export function resolvesToNonString(s: string): boolean {
  if (BOOL_OR_NULL.has(s)) return true;
  const c = s[0];
  if (c === '.') {
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) || /^\.(inf|nan)$/i.test(s)) return true; // strconv.ParseFloat
  } else if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesAsInt(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return BASE60_FLOAT.test(s);
}

// ---- emitterc.go: which styles a string may be written in ------------------------------------

const isBreak = (c: string) => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string) => c === ' ';
const isBlankOrEnd = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c);

/** yaml_emitter_analyze_scalar's is_printable (unicode output on). */
function isPrintable(c: string): boolean {
  const code = c.codePointAt(0)!;
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

interface Analysis {
  plain: boolean;
  singleQuoted: boolean;
  block: boolean;
  multiline: boolean;
}

/** yaml_emitter_analyze_scalar in block context. */
function analyze(value: string): Analysis {
  const chars = [...value];
  if (chars.length === 0) return { plain: false, singleQuoted: true, block: false, multiline: false };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false,
    leadingBreak = false,
    trailingSpace = false,
    trailingBreak = false;
  let breakSpace = false,
    spaceBreak = false,
    previousSpace = false,
    previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      else if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
  }
  let plain = true,
    singleQuoted = true,
    block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plain = false;
  if (trailingSpace) block = false;
  if (breakSpace) {
    plain = false;
    singleQuoted = false;
  }
  if (spaceBreak || special) {
    plain = false;
    singleQuoted = false;
    block = false;
  }
  if (lineBreaks) plain = false;
  if (blockIndicators) plain = false;
  return { plain, singleQuoted, block, multiline: lineBreaks };
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\x0b': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

const BEST_WIDTH = 80;

/** Writes a scalar's characters from `column`, folding as go-yaml does (see the write_*_scalar functions). */
class Folder {
  out = '';
  constructor(
    public column: number,
    readonly indent: string,
    readonly allowBreaks: boolean,
  ) {}
  put(text: string): void {
    this.out += text;
    this.column += [...text].length;
  }
  newline(): void {
    this.out += '\n' + this.indent;
    this.column = this.indent.length;
  }
  /** Whether a space at i may become a line break (past the width, not after another space). */
  breakable(spaces: boolean): boolean {
    return this.allowBreaks && !spaces && this.column > BEST_WIDTH;
  }
}

/**
 * yaml_emitter_write_plain_scalar and yaml_emitter_write_single_quoted_scalar (no line breaks in
 * the value: those are literal blocks). A quoted scalar does not break at its first or last
 * character and doubles its single quotes.
 */
function plainOrSingleQuoted(s: string, f: Folder, quoted: boolean): string {
  const chars = [...s];
  if (quoted) f.put("'");
  let spaces = false;
  chars.forEach((c, i) => {
    if (c === ' ') {
      const inside = !quoted || (i > 0 && i < chars.length - 1);
      if (f.breakable(spaces) && inside && chars[i + 1] !== ' ') f.newline();
      else f.put(c);
      spaces = true;
    } else {
      f.put(quoted && c === "'" ? "''" : c);
      spaces = false;
    }
  });
  if (quoted) f.put("'");
  return f.out;
}

/** yaml_emitter_write_double_quoted_scalar. */
function doubleQuoted(s: string, f: Folder): string {
  const chars = [...s];
  f.put('"');
  let spaces = false;
  chars.forEach((c, i) => {
    const code = c.codePointAt(0)!;
    if (ESCAPES[c] !== undefined && c !== ' ') {
      f.put('\\' + ESCAPES[c]);
      spaces = false;
    } else if (!isPrintable(c) || code === 0xfeff) {
      if (code <= 0xff) f.put('\\x' + code.toString(16).toUpperCase().padStart(2, '0'));
      else if (code <= 0xffff) f.put('\\u' + code.toString(16).toUpperCase().padStart(4, '0'));
      else f.put('\\U' + code.toString(16).toUpperCase().padStart(8, '0'));
      spaces = false;
    } else if (c === ' ') {
      if (f.breakable(spaces) && i !== 0 && i !== chars.length - 1) {
        f.newline();
        if (chars[i + 1] === ' ') f.put('\\');
      } else f.put(c);
      spaces = true;
    } else {
      f.put(c);
      spaces = false;
    }
  });
  f.put('"');
  return f.out;
}

/** A `|` block: chomping `-` without a final break, `+` with several; an indentation digit when it starts with a space. */
function literal(s: string, indent: string): string {
  let hints = '';
  if (isSpace(s[0]) || isBreak(s[0])) hints += '2';
  if (!isBreak(s[s.length - 1])) hints += '-';
  else if (s.length === 1 || isBreak(s[s.length - 2])) hints += '+';
  const body = (s.endsWith('\n') ? s.slice(0, -1) : s)
    .split('\n')
    .map((l) => (l === '' ? '' : indent + l))
    .join('\n');
  return `|${hints}\n${body}`;
}

/**
 * A string scalar as go-yaml writes it: the text after `key: ` or `- `, which starts at `column`;
 * folded lines and block lines start with `indent`. Keys (simpleKey) are never folded.
 */
export function yamlString(s: string, indent: string, column = 0, simpleKey = false): string {
  const a = analyze(s);
  const wantPlain = !resolvesToNonString(s);
  const f = new Folder(column, indent, !simpleKey);
  if (a.multiline && wantPlain && !simpleKey && a.block) return literal(s, indent);
  if (a.multiline) return doubleQuoted(s, f);
  if (wantPlain && a.plain) return plainOrSingleQuoted(s, f, false);
  if (wantPlain && a.singleQuoted) return plainOrSingleQuoted(s, f, true);
  return doubleQuoted(s, f);
}

/** A number as go-yaml writes it: integral JSON numbers decode as ints, others as float64. */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf';
  return goYamlFloat(n);
}

/** strconv.FormatFloat(f, 'g', -1, 64) (also fmt's %v of a float64): exponent form below 1e-4 and from 1e6. */
export function goYamlFloat(n: number): string {
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) {
    const [m, e] = n.toExponential().split('e');
    const sign = e[0] === '-' ? '-' : '+';
    const digits = e.replace(/^[+-]/, '');
    return `${m}e${sign}${digits.padStart(2, '0')}`;
  }
  return String(n);
}

function scalar(v: Json, indent: string, column: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloat(v);
  return yamlString(String(v), indent, column);
}

const width = (s: string) => [...s].length;

const isMap = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

function emitMap(obj: Record<string, Json>, indent: string, out: string[], firstPrefix?: string): void {
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(goYamlCompare);
  keys.forEach((k, i) => {
    const lead = i === 0 && firstPrefix !== undefined ? firstPrefix : indent;
    const key = yamlString(k, indent, 0, true);
    emitValue(obj[k], `${lead}${key}:`, indent, out);
  });
}

/** Writes `head` followed by the value: inline scalars and empty collections, nested blocks below. */
function emitValue(v: Json, head: string, indent: string, out: string[]): void {
  if (isMap(v)) {
    if (Object.keys(v).filter((k) => v[k] !== undefined).length === 0) {
      out.push(`${head} {}`);
      return;
    }
    out.push(head);
    emitMap(v, indent + '  ', out);
  } else if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push(`${head} []`);
      return;
    }
    out.push(head);
    emitSeq(v, indent, out);
  } else {
    out.push(`${head} ${scalar(v, indent + '  ', width(head) + 1)}`);
  }
}

function emitSeq(items: Json[], indent: string, out: string[], firstPrefix?: string): void {
  items.forEach((item, i) => {
    const lead = i === 0 && firstPrefix !== undefined ? firstPrefix : indent;
    if (isMap(item) && Object.keys(item).some((k) => item[k] !== undefined))
      emitMap(item, indent + '  ', out, `${lead}- `);
    else if (Array.isArray(item) && item.length > 0) emitSeq(item, indent + '  ', out, `${lead}- `);
    else if (isMap(item)) out.push(`${lead}- {}`);
    else if (Array.isArray(item)) out.push(`${lead}- []`);
    else out.push(`${lead}- ${scalar(item, indent + '  ', width(lead) + 2)}`);
  });
}

/** The YAML document kubectl prints for a JSON value (ends with a newline). */
export function toGoYaml(doc: Json): string {
  const out: string[] = [];
  if (isMap(doc)) {
    if (Object.keys(doc).length === 0) return '{}\n';
    emitMap(doc, '', out);
  } else if (Array.isArray(doc)) {
    if (doc.length === 0) return '[]\n';
    emitSeq(doc, '', out);
  } else {
    return `${scalar(doc, '  ', 0)}\n`;
  }
  return out.join('\n') + '\n';
}
