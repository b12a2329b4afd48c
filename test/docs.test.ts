// The documentation stays true to the code: docs/steps.md is what `npm run docs:steps` generates
// from the step definitions (and the generator refuses undocumented steps and wrong examples),
// and every relative link in README.md and docs/*.md reaches an existing file and heading.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { marked, type Token } from 'marked';
import GithubSlugger from 'github-slugger';
import { renderStepReference, STEPS_DOC, StepDocError } from '../scripts/docs-steps.ts';
import { PROJECT_DIR } from '../src/util/paths.ts';

test('docs/steps.md is up to date with the step definitions (regenerate it with `npm run docs:steps`)', () => {
  const current = readFileSync(join(PROJECT_DIR, STEPS_DOC), 'utf8');
  const fresh = renderStepReference(PROJECT_DIR);
  if (current !== fresh) {
    const a = current.split('\n'),
      b = fresh.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    assert.fail(
      `${STEPS_DOC} is stale: run \`npm run docs:steps\` and commit the result.\nfirst difference at line ${i + 1}:\n  file:      ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'}`,
    );
  }
});

/** A project folder with the given step files, for the generator's checks. */
function withSteps(files: Record<string, string>, run: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'steps-doc-'));
  try {
    mkdirSync(join(root, 'steps'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'steps', name), text);
    run(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const PARAMS =
  "/** A node name. */\ndefineParameterType({ name: 'node', regexp: /[^\\s\",]+/, transformer: (s) => s });\n";

test("step reference: a documented step is listed with its pattern, example and description under its file's section", () => {
  withSteps(
    {
      'params.ts': PARAMS,
      'nodes.steps.ts':
        "// Node steps.\n\n/**\n * Passes when the node is cordoned.\n * @example Then node w1 is cordoned\n */\nThen('node {node} is cordoned', f);\n",
    },
    (root) => {
      const doc = renderStepReference(root);
      assert.match(
        doc,
        /^## Nodes\n\nNode steps\. \(steps\/nodes\.steps\.ts\)\n\n\| Step \| What it does \| Real cluster \|\n\|---\|---\|---\|\n\| `Then node \{node\} is cordoned`<br>e\.g\. `Then node w1 is cordoned` \| Passes when the node is cordoned\. \| yes \|$/m,
      );
      assert.match(doc, /^\| `\{node\}` \| A node name\. \| steps\/params\.ts \|$/m);
    },
  );
});

test('step reference: a simulatorOnly handler, registered inline or declared as such, is "no" with its reason on a real cluster', () => {
  withSteps(
    {
      'params.ts': PARAMS,
      'nodes.steps.ts': [
        '// Node steps.',
        '',
        'export const scored = simulatorOnly(NEEDS.scores, function scored() {});',
        '/**\n * Scores.\n * @example Then node w1 was scored\n */',
        "Then('node {node} was scored', scored);",
        '/**\n * Ticks.\n * @example When node w1 ticks\n */',
        "When('node {node} ticks', simulatorOnly(NEEDS.clock, function () {}));",
        '/**\n * Cordoned.\n * @example Then node w1 is cordoned\n */',
        "Then('node {node} is cordoned', f);",
        '',
      ].join('\n'),
    },
    (root) => {
      const doc = renderStepReference(root);
      assert.match(
        doc,
        /`Then node \{node\} was scored`.*\| no: it reads the simulator scheduler's per-plugin scores[^|]* \|$/m,
      );
      assert.match(doc, /`When node \{node\} ticks`.*\| no: it moves the simulator's virtual clock[^|]* \|$/m);
      assert.match(doc, /`Then node \{node\} is cordoned`.*\| yes \|$/m);
    },
  );
});

test('step reference: an undocumented step, a wrong or ambiguous example, an unlisted file and an orphan Korean step are errors naming the file and line', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { 'nodes.steps.ts': "Then('node {node} is cordoned', f);\n" },
      /^steps\/nodes\.steps\.ts:1: the step "node \{node\} is cordoned" has no description: put a \/\*\* … \*\/ comment right above it/,
    ],
    [
      {
        'nodes.steps.ts':
          "/** Cordoned.\n * @example Then node w1 is drained */\nThen('node {node} is cordoned', f);\n",
      },
      /^steps\/nodes\.steps\.ts:3: the @example "Then node w1 is drained" does not match the step "node \{node\} is cordoned"$/,
    ],
    [
      {
        'nodes.steps.ts':
          "/** A.\n * @example Then node w1 is cordoned */\nThen('node {node} is cordoned', f);\n/** B. */\nThen('node {word} is cordoned', g);\n",
      },
      /the @example "Then node w1 is cordoned" also matches "node \{word\} is cordoned" \(steps\/nodes\.steps\.ts:5\): cucumber would call it ambiguous/,
    ],
    [
      { 'extra.steps.ts': "/** X. */\nThen('x', f);\n" },
      /^steps\/extra\.steps\.ts is not a section of the step reference: add it to SECTIONS in scripts\/docs-steps\.ts$/,
    ],
    [
      { 'ko.steps.ts': "Then('{node} 노드가 있다', nodeExists);\n" },
      /^steps\/ko\.steps\.ts:1: the Korean step "\{node\} 노드가 있다" calls nodeExists, which no English step registers/,
    ],
    [
      { 'nodes.steps.ts': '/** X. */\nThen(PATTERN, f);\n' },
      /^steps\/nodes\.steps\.ts:2: the step pattern must be a string literal/,
    ],
  ];
  for (const [files, message] of cases) {
    withSteps({ 'params.ts': PARAMS, ...files }, (root) => {
      assert.throws(
        () => renderStepReference(root),
        (e: unknown) => {
          assert.ok(e instanceof StepDocError, String(e));
          assert.match(e.message, message);
          return true;
        },
      );
    });
  }
});

test("the README's first scenario is features/getting-started/first.feature, which the suite runs", () => {
  const readme = readFileSync(join(PROJECT_DIR, 'README.md'), 'utf8');
  const block = /## A first scenario\n[\s\S]*?```gherkin\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README.md has no gherkin block under "## A first scenario"');
  assert.equal(
    block[1],
    readFileSync(join(PROJECT_DIR, 'features/getting-started/first.feature'), 'utf8'),
    'README.md shows another scenario than features/getting-started/first.feature: copy the file into it',
  );
});

// ---- links ---------------------------------------------------------------------------------------

/** The plain text of inline tokens (a heading's text as GitHub slugs it). */
function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((t) => ('tokens' in t && t.tokens ? plainText(t.tokens) : 'text' in t ? String(t.text) : ''))
    .join('');
}

function walk(tokens: Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t);
    const children = [
      ...('tokens' in t && t.tokens ? t.tokens : []),
      ...('items' in t && Array.isArray(t.items) ? (t.items as Token[]) : []),
    ];
    if (t.type === 'table') for (const c of [...t.header, ...t.rows.flat()]) children.push(...c.tokens);
    walk(children, visit);
  }
}

/** The anchors of a markdown file: GitHub's heading slugs (duplicates numbered) and explicit id/name attributes. */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  walk(marked.lexer(readFileSync(file, 'utf8')), (t) => {
    if (t.type === 'heading') anchors.add(slugger.slug(plainText(t.tokens)));
    if (t.type === 'html') for (const m of String(t.raw).matchAll(/\s(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  });
  return anchors;
}

/** Every relative link (and image) of a markdown file that does not reach an existing file, folder or anchor. */
export function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  const links: string[] = [];
  walk(marked.lexer(readFileSync(file, 'utf8')), (t) => {
    if (t.type === 'link' || t.type === 'image') links.push(t.href);
    if (t.type === 'html') for (const m of String(t.raw).matchAll(/\s(?:href|src)="([^"]+)"/g)) links.push(m[1]);
  });
  for (const href of links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto: …
    const [path, anchor] = href.split('#', 2) as [string, string | undefined];
    const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    if (!existsSync(target)) {
      broken.push(`${href}: no such file ${relative(PROJECT_DIR, target)}`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (statSync(target).isDirectory() || !target.endsWith('.md')) {
      broken.push(`${href}: an anchor into a file that is not markdown`);
      continue;
    }
    if (!anchorsOf(target).has(decodeURIComponent(anchor)))
      broken.push(`${href}: ${relative(PROJECT_DIR, target)} has no heading with the anchor #${anchor}`);
  }
  return broken;
}

test('every relative link in README.md and docs/*.md reaches an existing file and heading', () => {
  const files = [
    join(PROJECT_DIR, 'README.md'),
    ...readdirSync(join(PROJECT_DIR, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => join(PROJECT_DIR, 'docs', f)),
  ];
  const problems = files.flatMap((f) => brokenLinks(f).map((p) => `${relative(PROJECT_DIR, f)}: ${p}`));
  assert.deepEqual(problems, [], `broken links:\n${problems.join('\n')}`);
});

test('link check: finds a missing file, a missing anchor and a missing image, and accepts headings, numbered duplicates, ids, folders and URLs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'links-'));
  try {
    writeFileSync(
      join(dir, 'other.md'),
      '# Other page\n\n## Why a pod went where it did: `kube-scenarios explain`\n\n## Step\n\n## Step\n\n<a id="custom"></a>\n',
    );
    mkdirSync(join(dir, 'sub'));
    writeFileSync(
      join(dir, 'a.md'),
      [
        '# A',
        '',
        '[ok](other.md) [ok](other.md#other-page) [ok](other.md#why-a-pod-went-where-it-did-kube-scenarios-explain)',
        '[ok](other.md#step-1) [ok](other.md#custom) [ok](#a) [ok](sub/) [ok](https://example.com/x.md#y)',
        '',
        '| a | b |',
        '|---|---|',
        '| [bad](missing.md) | `[not a link](nowhere.md)` |',
        '',
        '[bad](other.md#nope) ![bad](pic.png)',
        '',
        '```',
        '[not a link](inside-code.md)',
        '```',
      ].join('\n'),
    );
    assert.deepEqual(
      brokenLinks(join(dir, 'a.md')).map((p) => p.split(':')[0]),
      ['missing.md', 'other.md#nope', 'pic.png'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
