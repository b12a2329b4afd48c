// The fast path of manifest reading: js-yaml (about 8× faster than the `yaml` library on a
// 5,000-node file) for plain data only. `yaml` stays the authority (manifest.ts): this returns
// undefined — "read it with `yaml`" — for any text js-yaml rejects and for any text using a
// feature where the two libraries could disagree (each found by test/yaml-differential.test.ts
// or by reading both):
// - on the text: tags (`!` starting a token), merge keys `<<`, explicit keys `? `, null or
//   collection keys (`: b`, `~: b`, `[a]: b`, `[a, : b]`), block scalar indentation indicators
//   (`|2`) and keep chomping (`|+`), a comment right after a quote or bracket (`"a"#c`), content
//   on a `---` line, a tab in indentation, a sequence item that is empty or starts on the next
//   line (`-` ending a line), directives (`%`), `__proto__`;
// - as js-yaml reads: anchors (hence aliases, which then name no anchor), quoted scalars and
//   flow collections spanning lines, collections as keys of a flow mapping, and tags the schema
//   does not know (all of them: its tags are names no document uses);
// - documents that are not mappings (an error anyway, which manifest.ts words from `yaml`), and
//   keys longer than 100 characters (`yaml` limits an implicit key to 1024 characters of source).
// The text checks may decline plain data too (a quoted "a : b"): that only costs speed.
// Plain scalars resolve with the regexes and conversions of `yaml`'s YAML 1.2 core schema
// (node_modules/yaml/dist/schema/core), not js-yaml's own CORE_SCHEMA (which also reads `0b101`,
// `1_000`, `+.5e3`, `0o17` differently).

import { loadAll, Schema, Type, type State } from 'js-yaml';

/**
 * A js-yaml implicit type for plain scalars matching `test`. Its tag is a name no document uses,
 * so that an explicit `!!int` finds no type and is refused.
 */
const scalar = (name: string, test: RegExp, construct: (s: string) => unknown) =>
  new Type(`tag:kube-scenarios,fast-path:${name}`, {
    kind: 'scalar',
    resolve: (s: string | null) => test.test(s ?? ''),
    construct: (s: string | null) => construct(s ?? ''),
  });

// `yaml`'s core schema (schema/core/schema.js: null, bool, intOct, int, intHex, floatNaN,
// floatExp, float), one regex per tag with the same alternatives and the same conversions.
const CORE_1_2 = new Schema({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    scalar('int', /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith('0o')
        ? parseInt(s.substring(2), 8)
        : s.startsWith('0x')
          ? parseInt(s.substring(2), 16)
          : parseInt(s, 10),
    ),
    scalar(
      'float',
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
      (s) => {
        const end = s.slice(-3).toLowerCase();
        return end === 'nan'
          ? NaN
          : end === 'inf'
            ? s[0] === '-'
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY
            : parseFloat(s);
      },
    ),
  ],
});

// Each starts at its indicator character and looks behind it for the context: V8 then skips
// quickly to the candidates (one alternation of these, or a leading `(?:^|\s)`, costs ~4× more).
const MAY_DIFFER = [
  /!(?<=(?:^|[\s[\]{},:])!)/m, // a tag (`!` starting a token; plain scalars cannot start with it)
  /<</, // merge keys
  /\?(?<=(?:^|[\s[{,])\?)(?=\s|$)/m, // explicit keys
  /:(?<=(?:^|[\s[{,?])(?:~|null|Null|NULL)?[ \t]*:)(?=[\s,\]}]|$)/m, // a null or empty key (`: a`, `~: a`, `[a, : b]`)
  // A collection as a key (`[a]: b`, `- {a: 1}: b`, `x: [[a]: b]`): a `]` or `}` before a `:` on a
  // line where a flow collection starts (at the line's first token or after `: `). Elsewhere the
  // brackets are inside a scalar, as in managedFields' `k:{"type":"Ready"}:` keys. A flow
  // collection spanning lines is declined by the listener below.
  /^(?:[ \t]*(?:[-?][ \t]+)*[[{]|[^\n]*?:[ \t]+[[{])[^\n]*[\]}][ \t]*:(?=[\s,\]}]|$)/m,
  /[|>](?<=(?:^|[\s:?-])[|>])(?:[+-]?[1-9]|\+)/m, // a block scalar with an indentation indicator, or keeping its final line breaks
  /#(?<=["'\]}]#)/, // a comment not separated from a quoted scalar or flow collection
  /^(?:---|\.\.\.)(?!(?:[ \t]+#.*)?[ \t]*\r?$)/m, // anything but a comment after a document marker (`---:0` is text)
  /\t(?<=^ *\t)/m, // a tab in indentation
  /-(?<=(?:^|[ \t])-)[ \t]*(?:#.*)?$/m, // a sequence item that is empty or starts on the next line (js-yaml misreads the indentation after it)
  /^%/m, // directives
  /__proto__/,
];

class Declined extends Error {}

/** Where the node opened at `start` begins: past the spaces, line breaks and comments before it. */
export function nodeStart(input: string, start: number): number {
  let i = start;
  for (;;) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#') {
      const nl = input.indexOf('\n', i);
      if (nl < 0) return input.length;
      i = nl;
    } else return i;
  }
}

/**
 * A js-yaml listener refusing anchors (so aliases, which need one, fail too), quoted scalars and
 * flow collections that span lines (the libraries fold line breaks differently, and js-yaml does
 * not check a flow collection's indentation), and collections as keys of a flow mapping.
 */
function watcher(): (event: string, state: State) => void {
  // Per open node: where it starts, its line, whether it is a flow mapping (stacks of numbers: cheap).
  const starts: number[] = [];
  const lines: number[] = [];
  const flowMaps: boolean[] = [];
  return (event, state) => {
    const input = state.input;
    if (event === 'open') {
      const at = nodeStart(input, state.position);
      const c = input[at];
      // (js-yaml opens a block mapping's first key where the mapping opened: a parent at the same
      // place is the same node.)
      const top = flowMaps.length - 1;
      if ((c === '[' || c === '{') && flowMaps[top] && starts[top] !== at && input[lastNonBlank(input, at)] !== ':')
        throw new Declined();
      starts.push(at);
      lines.push(state.line);
      flowMaps.push(c === '{');
      return;
    }
    const at = starts.pop()!;
    const line = lines.pop()!;
    flowMaps.pop();
    if ((state as State & { anchor: string | null }).anchor !== null) throw new Declined();
    if (state.line === line) return;
    // (A block mapping may start with a quoted key: the first character says what a node is only
    // for scalars and flow collections.)
    const c = input[at];
    const quoted = state.kind === 'scalar' && (c === '"' || c === "'");
    const flow = state.kind !== 'scalar' && (c === '[' || c === '{');
    if ((quoted || flow) && input.lastIndexOf('\n', state.position - 1) > at) throw new Declined();
  };
}

/** The index of the last character before `at` that is not a space or line break. */
function lastNonBlank(input: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && (input[i] === ' ' || input[i] === '\t' || input[i] === '\n' || input[i] === '\r')) i--;
  return i;
}

const MAX_KEY = 100;

function plainKeys(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) return v.every(plainKeys);
  for (const k in v) {
    if (k.length > MAX_KEY || !plainKeys((v as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** The documents of `text` as plain values, or undefined when `yaml` must read it (see the header). */
export function loadAllFast(text: string): unknown[] | undefined {
  if (MAY_DIFFER.some((re) => re.test(text))) return undefined;
  let docs: unknown[];
  try {
    docs = loadAll(text, null, { schema: CORE_1_2, listener: watcher() });
  } catch {
    return undefined;
  }
  // Only mappings at the top (a manifest's documents are; anything else is an error `yaml` words).
  return docs.every(
    (d) => d === null || d === undefined || (typeof d === 'object' && !Array.isArray(d) && plainKeys(d)),
  )
    ? docs
    : undefined;
}
