// Differential test of the manifest reader's fast path (src/api/yaml-fast.ts, js-yaml) against
// the authority, the `yaml` library read as manifest.ts reads it (fast-check, fixed seed). Generated
// YAML streams — block and flow collections, plain scalars of every YAML 1.1/1.2 number, bool,
// null and timestamp form, double-quoted strings with escapes, single-quoted and block scalars,
// multi-line scalars, comments, several documents, odd keys — some of them then mutated, plus the
// study notes' manifests mutated as the fuzz test does and every corpus manifest. For each text
// the fast path either declines (undefined) or `yaml` reads it without error and gives deep-equal
// documents (strict: 1 is not "1", -0 is not 0), empty documents aside as manifest.ts skips them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS } from '../src/api/manifest.ts';
import { loadAllFast } from '../src/api/yaml-fast.ts';
import { mutationArb } from './mutations.ts';

const SEED = 20260626;

/** What manifest.ts's `yaml` path reads: the documents' values, or 'error' when it rejects the text. */
function reference(text: string): unknown[] | 'error' {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.some((d) => d.errors.length || d.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED'))) return 'error';
  try {
    return list.map((d) => d.toJS({ maxAliasCount: 100 }));
  } catch {
    return 'error';
  }
}

const nonEmpty = (docs: unknown[]) => docs.filter((d) => d !== null && d !== undefined && d !== '');

/** Asserts the property for one text; true when the fast path read it. */
function agrees(text: string): boolean {
  const fast = loadAllFast(text);
  if (fast === undefined) return false;
  const ref = reference(text);
  assert.notEqual(ref, 'error', `js-yaml read a text that yaml rejects:\n${text}`);
  assert.deepStrictEqual(nonEmpty(fast), nonEmpty(ref as unknown[]), `the readers disagree on:\n${text}`);
  return true;
}

// ---- generators: source text, not values (the reference says what the text means) ----------

/** Plain scalars valid anywhere in block context: every number, bool and null form of YAML 1.1 and 1.2, and strings. */
const PLAIN = [
  '0',
  '-0',
  '+0',
  '1',
  '+1',
  '-1',
  '007',
  '08',
  '0o17',
  '0o8',
  '0O17',
  '0x1F',
  '0x1f',
  '0X1F',
  '0xg',
  '0b101',
  '1_000',
  '12345678901234567890',
  '0x1FFFFFFFFFFFFF',
  '1.5',
  '-1.5',
  '+1.5',
  '.5',
  '-.5',
  '+.5',
  '5.',
  '1.0',
  '1.50',
  '0.',
  '.',
  '1e3',
  '1E3',
  '1e-3',
  '1.5e+3',
  '+.5e3',
  '.5E3',
  '1e',
  'e3',
  '1.2.3',
  '1e400',
  '-1e400',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '-.inf',
  '.iNf',
  'inf',
  'Infinity',
  '.nan',
  '.NaN',
  '.NAN',
  '.nAn',
  'NaN',
  'nan',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'False',
  'FALSE',
  'yes',
  'Yes',
  'no',
  'No',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'N',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  'nil',
  'None',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '12:30:45',
  '1:20',
  '190:20:30',
  '1_2:3',
  'a',
  'nginx',
  'nginx:1.15',
  'web-1',
  'a b',
  'a  b',
  'app.kubernetes.io/name',
  'zone-a',
  '100m',
  '32Gi',
  '1Ki',
  '0.5',
  '2core_over',
  'x=y',
  'a:b',
  'http://x/y?z=1',
  'a#b',
  '-a',
  '--',
  'x---',
  '...x',
  '=',
  "it's",
  'é',
  '日本',
  'a\tb',
  'sh -c "echo hi && sleep 1"',
  'a & b',
  'a!',
  'x*',
];
/** Also plain-looking text that is not a valid plain scalar, or not in flow collections. */
const ODD_PLAIN = [
  'a #b',
  '1,000',
  'a,b',
  'x]',
  'x}',
  '*.example.com',
  '-',
  '---x',
  '@x',
  '`x',
  '%x',
  '|x',
  '>x',
  "'x",
  '"x',
  '{x',
  '[x',
  ']x',
  '}x',
  ',x',
  '&a x',
  '*a',
  '!t x',
  '? x',
  'a: b',
  '<<',
];
const ESCAPES = [
  '\\n',
  '\\t',
  '\\\\',
  '\\"',
  '\\/',
  '\\0',
  '\\a',
  '\\b',
  '\\e',
  '\\f',
  '\\r',
  '\\v',
  '\\ ',
  '\\N',
  '\\_',
  '\\L',
  '\\P',
  '\\x41',
  '\\xe9',
  '\\u00e9',
  '\\u263A',
  '\\U0001F600',
  '\\ud83d',
];
const ODD_ESCAPES = ['\\q', '\\x4', '\\u12', '\\\n'];
const TEXT = [
  'a',
  'b',
  'web',
  'Hello',
  ' world',
  'x',
  '/',
  '.',
  '-',
  '1',
  ' ',
  '  ',
  'x y',
  '#',
  ' #',
  ':',
  ': ',
  "'",
  ',',
  '[',
  '{',
  '\t',
  'é',
  '0',
  '1.5',
  'true',
  '&&',
  '!',
];
const ODD_TEXT = ['"', '\n', '\n\n', '\n  ', '\\'];
const BLOCK_HEADERS = ['|', '|-', '>', '>-', '| # c', '>-  # c'];
const ODD_BLOCK_HEADERS = ['|+', '>+', '|2', '>1', '|-2', '|+1', '|2-', '|x'];
const BLOCK_LINES = [
  'text',
  'more text',
  '',
  ' lead',
  '  two',
  '# not a comment',
  'a: b',
  '- x',
  '"q"',
  'x\ty',
  '{"json": [1, 2]}',
];
const ODD_BLOCK_LINES = ['\ttab', '---', '...'];
const KEYS = [
  'name',
  'app',
  'a',
  'b',
  'c',
  'app.kubernetes.io/name',
  'kubernetes.io/hostname',
  'a b',
  'a:b',
  'a#b',
  'x/y',
  '-a',
  '"quoted key"',
  "'single'",
  '"a\\tb"',
  '1',
  '0x2',
  '1.5',
  '1e2',
  '.inf',
  'true',
  'yes',
  '""',
  'dup',
  'é',
];
/** Also keys that are not valid, or equal to others of the pools. */
const ODD_KEYS = [
  '"a:b"',
  '01',
  '1.0',
  'True',
  "''",
  '~',
  'null',
  '"1"',
  '"dup"',
  '@k',
  '`k',
  '? k',
  '[a, b]',
  '{a: b}',
  '&x k',
  '!t k',
  '<<',
  '__proto__',
  'k'.repeat(101),
];

interface Pools {
  plain: string[];
  escapes: string[];
  text: string[];
  headers: string[];
  blockLines: string[];
  keys: string[];
  indentDelta: number;
  duplicateKeys: boolean;
  otherDocuments: boolean;
  comments: string[];
  multilineFlow: boolean;
}
const VALID: Pools = {
  plain: PLAIN,
  escapes: ESCAPES,
  text: TEXT,
  headers: BLOCK_HEADERS,
  blockLines: BLOCK_LINES,
  keys: KEYS,
  indentDelta: 0,
  duplicateKeys: false,
  otherDocuments: false,
  comments: ['', '', ' # c', '  #c'],
  multilineFlow: false,
};
const WILD: Pools = {
  plain: [...PLAIN, ...ODD_PLAIN],
  escapes: [...ESCAPES, ...ODD_ESCAPES],
  text: [...TEXT, ...ODD_TEXT],
  headers: [...BLOCK_HEADERS, ...ODD_BLOCK_HEADERS],
  blockLines: [...BLOCK_LINES, ...ODD_BLOCK_LINES],
  keys: [...KEYS, ...ODD_KEYS],
  indentDelta: 1,
  duplicateKeys: true,
  otherDocuments: true,
  comments: ['', '', ' # c', '#c'],
  multilineFlow: true,
};

type Tree =
  | { t: 'scalar'; s: string[] }
  | { t: 'block'; b: [string, [number, string][], string] }
  | { t: 'map'; flow: boolean; items: [string, Tree][] }
  | { t: 'seq'; flow: boolean; items: Tree[] };

/** YAML streams of up to 3 documents (block mappings, as manifests are, or also other values) drawn from the pools. */
function streams(p: Pools): fc.Arbitrary<string> {
  const scalar: fc.Arbitrary<string[]> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...p.plain).map((s) => [s]) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...p.plain), { minLength: 2, maxLength: 3 }) }, // a plain scalar over several lines
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(...p.text, ...p.escapes), { maxLength: 6 })
        .map((ps) => `"${ps.join('')}"`.split('\n')),
    },
    { weight: 1, arbitrary: fc.constantFrom(...p.plain).map((s) => [JSON.stringify(s)]) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(...p.text), { maxLength: 6 })
        .map((ps) => `'${ps.join('').replace(/'/g, "''")}'`.split('\n')),
    },
  );
  const blockScalar = fc.tuple(
    fc.constantFrom(...p.headers),
    // The first line sets the indentation: the valid pools start there, later lines at or past it.
    fc
      .array(fc.tuple(fc.integer({ min: -p.indentDelta, max: 2 }), fc.constantFrom(...p.blockLines)), {
        minLength: 1,
        maxLength: 4,
      })
      .map((ls) => (p.indentDelta === 0 ? [[0, 'first line'] as [number, string], ...ls] : ls)),
    fc.constantFrom('', '\n', '\n\n'),
  );
  const item = (value: fc.Arbitrary<Tree>) => fc.tuple(fc.constantFrom(...p.keys), value);
  const mapItems = (value: fc.Arbitrary<Tree>, minLength: number) =>
    p.duplicateKeys
      ? fc.array(item(value), { minLength, maxLength: 4 })
      : fc.uniqueArray(item(value), { minLength, maxLength: 4, selector: ([k]) => k });
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 5, arbitrary: scalar.map((s): Tree => ({ t: 'scalar', s })) },
      { weight: 1, arbitrary: blockScalar.map((b): Tree => ({ t: 'block', b })) },
      {
        weight: 3,
        arbitrary: fc
          .record({ flow: fc.boolean(), items: mapItems(tie('tree'), 0) })
          .map((m): Tree => ({ t: 'map', ...m })),
      },
      {
        weight: 2,
        arbitrary: fc
          .record({ flow: fc.boolean(), items: fc.array(tie('tree'), { maxLength: 4 }) })
          .map((s): Tree => ({ t: 'seq', ...s })),
      },
    ),
  }));
  const topMap = mapItems(tree, 1).map((items): Tree => ({ t: 'map', flow: false, items }));
  const doc = p.otherDocuments ? fc.oneof({ weight: 4, arbitrary: topMap }, { weight: 1, arbitrary: tree }) : topMap;
  return fc
    .tuple(
      fc.array(fc.tuple(doc, fc.constantFrom(...p.comments)), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('', '---\n', '# head\n', '--- # c\n'),
      fc.constantFrom('\n---\n', '\n...\n---\n', '\n--- \n', '\n---\n\n'),
      fc.constantFrom('', '\n', '\n...\n', '\n---\n'),
    )
    .map(([docs, head, sep, tail]) => head + docs.map(([v, c]) => render(v, c, p.multilineFlow)).join(sep) + tail);
}

/** Source for a value in flow context (one line, unless `ind` is given and a scalar spans lines). */
function flow(v: Tree, ind: string | undefined): string {
  switch (v.t) {
    case 'scalar':
      return v.s.join(ind === undefined ? ' ' : `\n${ind} `);
    case 'block':
      return '""';
    case 'map':
      return `{${v.items.map(([k, x]) => `${k}: ${flow(x, ind)}`).join(', ')}}`;
    case 'seq':
      return `[${v.items.map((x) => flow(x, ind)).join(', ')}]`;
  }
}

/** Source for a value after `key:` or `-` at indentation `ind` (the text starts on that line). */
function block(v: Tree, ind: string, comment: string, multilineFlow: boolean): string {
  const flowAt = multilineFlow ? ind : undefined;
  switch (v.t) {
    case 'scalar':
      return ` ${v.s.join(`\n${ind}  `)}${comment}`;
    case 'block': {
      const [header, lines, tail] = v.b;
      const content = `${ind}  `;
      return ` ${header}\n${lines.map(([d, l]) => (l === '' ? '' : `${d < 0 ? content.slice(1) : content + ' '.repeat(d)}${l}`)).join('\n')}${tail}`;
    }
    case 'map':
      if (v.flow || v.items.length === 0) return ` ${flow(v, flowAt)}${comment}`;
      return `${comment}\n${v.items.map(([k, x]) => `${ind}  ${k}:${block(x, `${ind}  `, comment, multilineFlow)}`).join('\n')}`;
    case 'seq':
      if (v.flow || v.items.length === 0) return ` ${flow(v, flowAt)}${comment}`;
      return `${comment}\n${v.items.map((x) => `${ind}  -${item(x, `${ind}  `, comment, multilineFlow)}`).join('\n')}`;
  }
}

/** A sequence item after `-`: a block mapping starts on the dash's line (`- name: x`), as kubectl writes it. */
function item(v: Tree, ind: string, comment: string, multilineFlow: boolean): string {
  if (v.t !== 'map' || v.flow || v.items.length === 0) return block(v, ind, comment, multilineFlow);
  return v.items
    .map(([k, x], j) => `${j ? `${ind}  ` : ' '}${k}:${block(x, `${ind}  `, comment, multilineFlow)}`)
    .join('\n');
}

/** A document: a block mapping at the top, or another value after `---`. */
function render(v: Tree, comment: string, multilineFlow: boolean): string {
  if (v.t === 'map' && !v.flow)
    return v.items.map(([k, x]) => `${k}:${block(x, '', comment, multilineFlow)}`).join('\n');
  return `---\n${block(v, '', comment, multilineFlow).replace(/^ /, '')}`;
}

// ---- properties ------------------------------------------------------------------------------

test('yaml fast path: on generated valid YAML streams js-yaml either declines or reads what the yaml library reads (YAML 1.2 core schema scalars)', () => {
  let read = 0;
  fc.assert(
    fc.property(streams(VALID), (text) => {
      if (agrees(text)) read++;
    }),
    { seed: SEED, numRuns: 1500 },
  );
  // Not vacuous: most of these streams are plain enough for the fast path.
  assert.ok(read > 1500 / 2, `the fast path read only ${read} of 1500 streams`);
});

test('yaml fast path: on generated streams with odd scalars, keys, escapes, indentation and duplicate keys js-yaml declines, or reads what the yaml library reads without the errors it reports', () => {
  fc.assert(
    fc.property(streams(WILD), (text) => {
      agrees(text);
    }),
    { seed: SEED, numRuns: 1500 },
  );
});

test('yaml fast path: generated streams with mutations (lines deleted, re-indented, characters replaced) are declined or read as the yaml library reads them', () => {
  const mutated = fc
    .tuple(streams(VALID), fc.array(mutationArb, { minLength: 1, maxLength: 2 }))
    .map(([text, mutations]) => mutations.reduce((t, m) => m(t), text));
  fc.assert(
    fc.property(mutated, (text) => {
      agrees(text);
    }),
    { seed: SEED, numRuns: 1000 },
  );
});

test("yaml fast path: the study notes' manifests, mutated as the fuzz test does, are declined or read as the yaml library reads them", () => {
  const notes = readFileSync(join(__dirname, 'fixtures', 'notes-manifests.yaml'), 'utf8');
  assert.ok(agrees(notes), 'the unmutated notes take the fast path');
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
      agrees(mutations.reduce((t, m) => m(t), notes));
    }),
    { seed: SEED, numRuns: 200 },
  );
});

test('yaml fast path: every corpus manifest is declined or read as the yaml library reads it', () => {
  const dir = join(__dirname, 'corpus', 'manifests');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) agrees(readFileSync(join(dir, f), 'utf8'));
});

test('yaml fast path: captured nodes with managedFields keys (`k:{"type":"Ready"}:`) are read fast and as yaml reads them; collection keys are declined', () => {
  const capture = readFileSync(
    join(__dirname, '..', 'features', 'own-cluster', 'fixtures', 'gke-nodes-critical-resized.yaml'),
    'utf8',
  );
  assert.match(capture, /k:\{"type":"Ready"\}:/);
  assert.ok(agrees(capture), 'a capture with managedFields takes the fast path');
  for (const text of ['[a]: b\n', '- {a: 1}: b\n', 'x: [[a]: b]\n', 'x:\n  - [a, b]: c\n']) {
    assert.equal(loadAllFast(text), undefined, `declines ${JSON.stringify(text)}`);
  }
});
