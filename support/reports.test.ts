// Runs cucumber on the fixture features of test/fixtures/reports (a child process, with every
// report the `reports` profile writes) and parses each report file: JUnit (support/junit.cjs)
// checked against the constraints of the junit-10.xsd Jenkins applies, the experiment coverage
// page and its markdown, JSON, messages and the HTML.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** The environment without what node:test and tsx set for this process (NODE_TEST_CONTEXT makes a child node speak TAP). */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  return env;
}
const out = mkdtempSync(join(tmpdir(), 'reports-'));
const run = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'),
    '--config',
    'test/fixtures/reports/cucumber.cjs',
  ] /* relative: cucumber joins it to cwd */,
  {
    cwd: root,
    env: { ...childEnv(), REPORTS_OUT: out },
    encoding: 'utf8',
  },
);
const read = (name: string) => readFileSync(join(out, name), 'utf8');

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
function decode(s: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s))
    throw new Error(`bad entity in ${JSON.stringify(s.slice(0, 80))}`);
  return s.replace(ENTITY, (e) =>
    e === '&amp;'
      ? '&'
      : e === '&lt;'
        ? '<'
        : e === '&gt;'
          ? '>'
          : e === '&quot;'
            ? '"'
            : e === '&apos;'
              ? "'"
              : String.fromCodePoint(e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : Number(e.slice(2, -1))),
  );
}

/** A strict little XML reader (elements, attributes, text, CDATA, character references; no DTD): throws on malformed input. */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<!\[CDATA\[([\s\S]*?)\]\]>|<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < body.length && (m = token.exec(body))) {
    pos = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2]) {
      if (stack.pop()!.name !== m[2]) throw new Error(`mismatched </${m[2]}>`);
    } else if (m[3]) {
      const attrs: Record<string, string> = {};
      for (const a of m[4].matchAll(/([\w:-]+)="([^"]*)"/g)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]] = decode(a[2]);
      }
      const el: XmlElement = { name: m[3], attrs, children: [], text: '' };
      top.children.push(el);
      if (!m[5]) stack.push(el);
    } else if (m[6] !== undefined) top.text += decode(m[6]);
  }
  if (pos !== body.length || stack.length !== 1 || root.children.length !== 1)
    throw new Error(`malformed XML near offset ${pos}`);
  return root.children[0];
}

/**
 * The constraints of the Jenkins xUnit plugin's junit-10.xsd (the strictest schema Jenkins applies
 * to JUnit files; Jenkins' JUnit plugin and GitLab read a subset): for each element its required
 * and allowed attributes, the elements it may contain, and whether it holds text. Counts must be
 * non-negative integers and times decimal seconds (what both importers parse).
 */
interface ElementRule {
  required?: string[];
  optional?: string[];
  children?: string[];
  text?: boolean;
}
const RESULT: ElementRule = { optional: ['type', 'message'], text: true };
const RERUN: ElementRule = {
  required: ['type'],
  optional: ['message'],
  children: ['stackTrace', 'system-out', 'system-err'],
  text: true,
};
const JUNIT_10: Record<string, ElementRule> = {
  testsuites: { optional: ['name', 'time', 'tests', 'failures', 'errors'], children: ['testsuite'] },
  testsuite: {
    required: ['name', 'tests', 'failures', 'errors'],
    optional: ['group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
  },
  properties: { children: ['property'] },
  property: { required: ['name', 'value'] },
  testcase: {
    required: ['name'],
    optional: ['time', 'classname', 'group'],
    children: [
      'skipped',
      'error',
      'failure',
      'rerunFailure',
      'rerunError',
      'flakyFailure',
      'flakyError',
      'system-out',
      'system-err',
    ],
  },
  failure: RESULT,
  error: RESULT,
  skipped: RESULT,
  rerunFailure: RERUN,
  rerunError: RERUN,
  flakyFailure: RERUN,
  flakyError: RERUN,
  stackTrace: { text: true },
  'system-out': { text: true },
  'system-err': { text: true },
};
const COUNTS = ['tests', 'failures', 'errors', 'skipped'];
const SUREFIRE_TIME = /^(?:(?:\d{0,3},)*\d{3}|\d{0,3})*(?:\.\d*)?$/;

/** Every way `root` breaks the junit-10.xsd constraints (empty: valid). */
function junitProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  if (root.name !== 'testsuites' && root.name !== 'testsuite')
    problems.push(`root <${root.name}> is neither <testsuites> nor <testsuite>`);
  const visit = (el: XmlElement, path: string) => {
    const rule = JUNIT_10[el.name];
    if (!rule) {
      problems.push(`${path}: unknown element`);
      return;
    }
    for (const a of rule.required ?? [])
      if (!(a in el.attrs)) problems.push(`${path}: missing required attribute ${a}`);
    for (const [a, v] of Object.entries(el.attrs)) {
      if (![...(rule.required ?? []), ...(rule.optional ?? [])].includes(a))
        problems.push(`${path}: attribute ${a} not allowed`);
      if (el.name.startsWith('testsuite') && COUNTS.includes(a) && !/^\d+$/.test(v))
        problems.push(`${path}: ${a}="${v}" is not a count`);
      if (a === 'time' && !(el.name === 'testcase' ? /^\d+(\.\d+)?$/ : SUREFIRE_TIME).test(v))
        problems.push(`${path}: time="${v}" is not seconds`);
    }
    if (!rule.text && el.text.trim() !== '') problems.push(`${path}: text not allowed`);
    for (const c of el.children) {
      if (!(rule.children ?? []).includes(c.name)) problems.push(`${path}: <${c.name}> not allowed in <${el.name}>`);
      else visit(c, `${path}/${c.name}`);
    }
  };
  visit(root, root.name);
  return problems;
}

test('report fixtures: cucumber runs them, fails (failing, undefined, pending, ambiguous scenarios) and the plain summary line stays the last line, after the run summary', () => {
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), 'scenarios: 2 passed, 5 failed, 1 skipped');
  const summary = lines.indexOf('─── run summary ───');
  assert.ok(summary > 0 && summary < lines.length - 1);
  assert.equal(lines[summary + 1], 'scenarios:   8 (2 passed, 5 failed, 1 skipped)');
  assert.equal(lines[summary + 2], 'experiments: 2/3 IDs have scenarios, 0 pass; failing: S01, S02');
  assert.equal(lines[summary + 3], 'no scenario: S03');
  assert.equal(lines[summary + 4], 'slowest:');
});

test('JUnit validator: the junit-10.xsd checks reject unknown elements and attributes, missing required attributes, bad counts and times, and text where none is allowed', () => {
  const doc = parseXml(
    '<testsuites skipped="1" time="1.5"><testsuite name="f" tests="x" failures="0"><testcase time="abc" classname="f">' +
      '<failure message="m"><b/></failure><skipped/></testcase><testcase name="ok"/>stray</testsuite></testsuites>',
  );
  assert.deepEqual(junitProblems(doc), [
    'testsuites: attribute skipped not allowed',
    'testsuites/testsuite: missing required attribute errors',
    'testsuites/testsuite: tests="x" is not a count',
    'testsuites/testsuite: text not allowed',
    'testsuites/testsuite/testcase: missing required attribute name',
    'testsuites/testsuite/testcase: time="abc" is not seconds',
    'testsuites/testsuite/testcase/failure: <b> not allowed in <failure>',
  ]);
  assert.deepEqual(
    junitProblems(
      parseXml(
        '<testsuite name="f" tests="1" failures="0" errors="0" time="0.010"><testcase name="a"><skipped message="why">why</skipped></testcase></testsuite>',
      ),
    ),
    [],
  );
  assert.throws(() => parseXml('<testsuite name="a & b"/>'), /bad entity/);
});

test('JUnit report (support/junit.cjs): valid against junit-10.xsd; one <testsuite> per feature and one <testcase> per scenario (an outline row each), classname = feature name, consistent counts', () => {
  const raw = read('junit.xml');
  assert.match(raw, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
  assert.doesNotMatch(raw, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, 'no character XML 1.0 forbids');
  const root = parseXml(raw);
  assert.deepEqual(junitProblems(root), []);
  assert.equal(root.name, 'testsuites');
  assert.equal(root.attrs.name, 'fixture-suite');
  const suites = root.children;
  assert.deepEqual(
    suites.map((s) => s.attrs.name),
    ['Fixture outline', 'Fixture placement & <reports>'],
  );
  const kids = (c: XmlElement, n: string) => c.children.filter((k) => k.name === n);
  const sum = (a: string) => suites.reduce((t, s) => t + Number(s.attrs[a]), 0);
  for (const s of suites) {
    const cases = kids(s, 'testcase');
    assert.equal(cases.length, s.children.length);
    assert.equal(Number(s.attrs.tests), cases.length);
    for (const k of ['failure', 'error', 'skipped'])
      assert.equal(
        Number(s.attrs[k === 'failure' ? 'failures' : k === 'error' ? 'errors' : 'skipped']),
        cases.filter((c) => kids(c, k).length).length,
        `${s.attrs.name}: ${k}`,
      );
    assert.match(s.attrs.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.ok(s.attrs.hostname.length > 0);
    assert.match(s.attrs.file, /^test\/fixtures\/reports\/features\/\w+\.feature$/);
    assert.ok(
      Math.abs(Number(s.attrs.time) - cases.reduce((t, c) => t + Number(c.attrs.time), 0)) < 0.0025,
      'suite time = sum of its cases',
    );
    for (const c of cases) {
      assert.equal(c.attrs.classname, s.attrs.name);
      assert.match(c.attrs.time, /^\d+\.\d{3}$/);
      assert.ok(kids(c, 'failure').length + kids(c, 'error').length + kids(c, 'skipped').length <= 1, c.attrs.name);
      assert.equal(kids(c, 'system-out').length, 1, c.attrs.name);
    }
  }
  assert.deepEqual([root.attrs.tests, root.attrs.failures, root.attrs.errors].map(Number), [
    sum('tests'),
    sum('failures'),
    sum('errors'),
  ]);
  assert.deepEqual(
    suites.flatMap((s) => kids(s, 'testcase').map((c) => c.attrs.name)),
    [
      'a pod lands on its node (pod=web, node=w1-k8s)',
      'a pod lands on its node (pod=db, node=w2-k8s)',
      'ambiguous scenario',
      'skipped scenario',
      'passing scenario',
      'failing scenario',
      'undefined scenario',
      'pending scenario',
    ],
  );
});

test('JUnit report (support/junit.cjs): a failed scenario has <failure> with the failing step (keyword, text, file:line), the assertion message and the stack; undefined, pending and skipped steps give <skipped>, an ambiguous one <error>; <system-out> lists the steps and text attachments', () => {
  const root = parseXml(read('junit.xml'));
  const cases = new Map(root.children.flatMap((s) => s.children).map((c) => [c.attrs.name, c]));
  const only = (name: string) => {
    const c = cases.get(name);
    assert.ok(c, name);
    const [outcome, out] = c.children.length === 2 ? c.children : [undefined, c.children[0]];
    assert.equal(out.name, 'system-out', name);
    return { outcome, out: out.text };
  };

  const passing = only('passing scenario');
  assert.equal(passing.outcome, undefined);
  assert.equal(
    passing.out,
    'Given a step that passes....................................................passed\n' +
      'Then a picture is attached..................................................passed\n\n' +
      '(image/svg+xml attachment: see the HTML report)\n\n$ kubectl get nodes\nNAME     STATUS\nw1-k8s   Ready',
  );

  const failing = only('failing scenario');
  assert.equal(failing.outcome?.name, 'failure');
  assert.deepEqual(failing.outcome.attrs, {
    type: 'AssertionError',
    message: 'expected pod web to run on w1-k8s, but it runs on w2-k8s',
  });
  assert.match(
    failing.outcome.text,
    /^Then a placement assertion fails \(test\/fixtures\/reports\/features\/placement\.feature:11\)\nexpected pod web to run on w1-k8s, but it runs on w2-k8s\n\n {4}at .*steps\.ts:\d+:\d+\)/,
  );
  assert.match(failing.out, /Then a placement assertion fails\.+failed\nAnd a step that passes\.+skipped$/);

  // An outline row's multi-line message with XML-special and control characters: the attribute has
  // its first line, the text all of it, the control character removed.
  const row = only('a pod lands on its node (pod=db, node=w2-k8s)');
  assert.equal(row.outcome?.attrs.message, 'expected pod db to run on w1-k8s, but it runs on w2-k8s');
  assert.match(
    row.outcome.text,
    /^Then pod "db" runs on "w2-k8s" \(test\/fixtures\/reports\/features\/outline\.feature:5\)\nexpected pod db to run on w1-k8s, but it runs on w2-k8s\n {2}reasons: <node> & "taint" \]\]>\n\n {4}at /,
  );
  assert.equal(only('a pod lands on its node (pod=web, node=w1-k8s)').outcome, undefined);

  const skipped = (name: string, message: string, where: string) => {
    const { outcome } = only(name);
    assert.equal(outcome?.name, 'skipped', name);
    assert.deepEqual(outcome.attrs, { message });
    assert.equal(outcome.text, `${message} (test/fixtures/reports/features/${where})`);
  };
  skipped('undefined scenario', 'undefined step: Given a step nobody defined', 'placement.feature:15');
  skipped('pending scenario', 'pending step: Given a step that is pending', 'placement.feature:19');
  skipped('skipped scenario', 'skipped step: Given a step that skips', 'outline.feature:16');
  assert.match(only('undefined scenario').out, /^Given a step nobody defined\.+undefined$/);
  assert.match(only('skipped scenario').out, /^Given a step that skips\.+skipped\nAnd a step that passes\.+skipped$/);

  const ambiguous = only('ambiguous scenario');
  assert.equal(ambiguous.outcome?.name, 'error');
  assert.deepEqual(ambiguous.outcome.attrs, {
    type: 'AmbiguousStepDefinition',
    message: 'ambiguous step: Given an ambiguous step',
  });
  assert.match(
    ambiguous.outcome.text,
    /^Given an ambiguous step \(test\/fixtures\/reports\/features\/outline\.feature:13\)\nMultiple step definitions match:/,
  );
});

/** The message stream of a one-step scenario per id, for JunitCollector (support/junit.cjs). */
const { JunitCollector } = require('./junit.cjs') as {
  JunitCollector: new () => { onMessage(e: object): void; xml(name: string, host: string): string };
};
const at = (seconds: number) => ({ seconds, nanos: 0 });
const scenario = (id: string) => ({
  id,
  name: id,
  location: { line: 2 },
  steps: [{ id: `${id}-s`, keyword: 'Given ', location: { line: 3 } }],
});
const pickle = (id: string) => ({
  id: `p-${id}`,
  uri: 'f.feature',
  name: id,
  location: { line: 2 },
  astNodeIds: [id],
  steps: [{ id: `p-${id}-s`, text: 'a step', astNodeIds: [`${id}-s`] }],
});
/** The run's start, a feature of two scenarios and their pickles. */
const twoScenarios = (a: string, b: string): object[] => [
  { testRunStarted: { timestamp: at(100) } },
  {
    gherkinDocument: {
      uri: 'f.feature',
      feature: { name: 'F', children: [{ scenario: scenario(a) }, { scenario: scenario(b) }] },
    },
  },
  { pickle: pickle(a) },
  { pickle: pickle(b) },
];

test('JUnit report (support/junit.cjs): with --retry only the final attempt counts, and a failing After hook is the <failure> of its scenario, named with its source location', () => {
  const c = new JunitCollector();
  const messages: object[] = [
    ...twoScenarios('flaky', 'hooked'),
    { hook: { id: 'h', sourceReference: { uri: 'steps/hooks.ts', location: { line: 13 } } } },
    { testCase: { id: 't1', pickleId: 'p-flaky', testSteps: [{ id: 't1-1', pickleStepId: 'p-flaky-s' }] } },
    {
      testCase: {
        id: 't2',
        pickleId: 'p-hooked',
        testSteps: [
          { id: 't2-1', pickleStepId: 'p-hooked-s' },
          { id: 't2-2', hookId: 'h' },
        ],
      },
    },
    { testCaseStarted: { id: 'a1', testCaseId: 't1', attempt: 0, timestamp: at(101) } },
    {
      testStepFinished: {
        testCaseStartedId: 'a1',
        testStepId: 't1-1',
        testStepResult: { status: 'FAILED', message: 'Error: boom' },
      },
    },
    { testCaseFinished: { testCaseStartedId: 'a1', timestamp: at(102), willBeRetried: true } },
    { testCaseStarted: { id: 'a2', testCaseId: 't1', attempt: 1, timestamp: at(102) } },
    { testStepFinished: { testCaseStartedId: 'a2', testStepId: 't1-1', testStepResult: { status: 'PASSED' } } },
    { testCaseFinished: { testCaseStartedId: 'a2', timestamp: at(103), willBeRetried: false } },
    { testCaseStarted: { id: 'b1', testCaseId: 't2', attempt: 0, timestamp: at(103) } },
    { testStepFinished: { testCaseStartedId: 'b1', testStepId: 't2-1', testStepResult: { status: 'PASSED' } } },
    {
      testStepFinished: {
        testCaseStartedId: 'b1',
        testStepId: 't2-2',
        testStepResult: {
          status: 'FAILED',
          message: 'TypeError: no cluster\n    at x',
          exception: { type: 'TypeError', message: 'no cluster', stackTrace: 'TypeError: no cluster\n    at x' },
        },
      },
    },
    { testCaseFinished: { testCaseStartedId: 'b1', timestamp: at(104.5), willBeRetried: false } },
    { testRunFinished: { timestamp: at(105) } },
  ];
  for (const m of messages) c.onMessage(m);
  const root = parseXml(c.xml('s', 'h'));
  assert.deepEqual(junitProblems(root), []);
  assert.deepEqual(root.attrs, { name: 's', tests: '2', failures: '1', errors: '0', time: '5.000' });
  const [flaky, hooked] = root.children[0].children;
  assert.deepEqual([flaky.attrs.time, flaky.children.map((k) => k.name)], ['1.000', ['system-out']]);
  assert.deepEqual(hooked.children[0].attrs, { type: 'TypeError', message: 'no cluster' });
  assert.equal(hooked.children[0].text, 'After hook (steps/hooks.ts:13)\nno cluster\n\n    at x');
  assert.match(hooked.children[1].text, /^Given a step\.+passed\nAfter hook \(steps\/hooks\.ts:13\)\.+failed$/);
});

test('experiment coverage: the HTML page and the markdown list each tagged ID with its scenarios and pass/fail, and the expected IDs with no scenario', () => {
  const md = read('experiments.md');
  assert.match(
    md,
    /^## Experiment coverage\n\n2 of 3 experiment IDs have scenarios, 0 pass; 8 scenarios ran \(5 without an experiment tag\)\./,
  );
  const rows = md
    .split('\n')
    .filter((l) => /^\| [A-Z]\d{2}/.test(l))
    .map((l) => l.split(' | ').slice(0, 2).join(' | '));
  assert.deepEqual(rows, ['| S01 passes | ❌ failed', '| S02 fails | ❌ failed', '| S03 missing | ⬜ no scenario']);
  assert.match(
    md,
    /✅ passing scenario \(test\/fixtures\/reports\/features\/placement\.feature:4\)<br>❌ pending scenario/,
  );
  assert.match(md, /\nIDs with no scenario: S03\n/);
  const html = read('experiments.html');
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.equal((html.match(/<tr class="/g) ?? []).length, 3);
  assert.ok(html.includes('<tr class="no-scenario"><th>S03</th>'));
  assert.ok(
    html.includes(
      '<div class="reason"><b>Then a placement assertion fails</b> (line 11): AssertionError: expected pod web to run on w1-k8s, but it runs on w2-k8s</div>',
    ),
    html,
  );
  assert.ok(html.trimEnd().endsWith('</html>'));
});

test('JSON, message and HTML reports: parse, hold the eight scenarios, and carry the SVG attachment base64-encoded (the HTML report shows string SVGs as an error)', () => {
  const json = JSON.parse(read('cucumber.json')) as {
    name: string;
    elements: { name: string; steps: { embeddings?: { mime_type: string }[] }[] }[];
  }[];
  assert.deepEqual(
    json.map((f) => [f.name, f.elements.length]),
    [
      ['Fixture outline', 4],
      ['Fixture placement & <reports>', 4],
    ],
  );
  assert.ok(json[1].elements[0].steps.some((s) => s.embeddings?.some((e) => e.mime_type === 'image/svg+xml')));
  const messages = read('messages.ndjson')
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          attachment?: { mediaType: string; contentEncoding: string; body: string };
          testRunFinished?: { success: boolean };
        },
    );
  const svg = messages.find((m) => m.attachment?.mediaType === 'image/svg+xml');
  assert.equal(svg?.attachment?.contentEncoding, 'BASE64');
  assert.match(Buffer.from(svg!.attachment!.body, 'base64').toString(), /^<svg /);
  assert.equal(messages.at(-1)?.testRunFinished?.success, false);
  const html = read('cucumber.html');
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.ok(html.includes(svg!.attachment!.body), 'the HTML report embeds the attachment');
});

test('run page (support/run-page.cjs): FAILED banner with the failing experiments, failures first grouped by experiment ID with step, message and picture, passing scenarios in <details>', () => {
  const html = read('index.html');
  assert.match(html, /<header class="fail"><h1>✖ FAILED — 5 of 8 scenario\(s\) failed<\/h1>/);
  assert.match(
    html,
    /Failing experiments: <a href="#exp-failed-S01"><b>S01<\/b> passes<\/a> · <a href="#exp-failed-S02"><b>S02<\/b> fails<\/a>/,
  );
  const failures = html.indexOf('<h2>Failures (5)</h2>');
  const passed = html.indexOf('<h2>Passed (2)');
  assert.ok(failures > 0 && passed > failures, 'failures come before the passing scenarios');
  assert.ok(
    html.includes(
      '<section class="group" id="exp-failed-S02"><h3 class="experiment"><span class="id">S02</span> fails <span class="count">1 of 1 failed</span></h3>',
    ),
  );
  assert.ok(
    html.includes('Failed step: <code>Then a placement assertion fails</code> <span class="where">line 11</span>'),
  );
  assert.ok(
    html.includes(
      '<pre class="message">AssertionError: expected pod web to run on w1-k8s, but it runs on w2-k8s</pre>',
    ),
  );
  assert.ok(
    html.includes('<h3 class="experiment">no experiment tag <span class="count">3 failed</span></h3>'),
    'untagged failures are grouped last',
  );
  const passing = html.slice(passed);
  assert.match(
    passing,
    /<details class="scenario passed" id="scenario-test-fixtures-reports-features-placement-feature-4"><summary>/,
  );
  assert.match(
    passing,
    /<figure class="picture"><figcaption>image\/svg\+xml — the cluster at the end of the scenario<\/figcaption><svg /,
  );
});

test('JUnit report (support/junit.cjs) of a real-cluster run: each <testsuite> names the backend in a property; a scenario the backend skipped is <skipped> with the reason', () => {
  const c = new JunitCollector();
  const attach = (caseStarted: string, fileName: string, body: string) => ({
    attachment: {
      testCaseStartedId: caseStarted,
      mediaType: 'text/plain',
      fileName,
      body,
      contentEncoding: 'IDENTITY',
    },
  });
  const messages: object[] = [
    ...twoScenarios('ran', 'scores'),
    { testCase: { id: 't1', pickleId: 'p-ran', testSteps: [{ id: 't1-1', pickleStepId: 'p-ran-s' }] } },
    { testCase: { id: 't2', pickleId: 'p-scores', testSteps: [{ id: 't2-1', pickleStepId: 'p-scores-s' }] } },
    { testCaseStarted: { id: 'a1', testCaseId: 't1', attempt: 0, timestamp: at(101) } },
    { testStepFinished: { testCaseStartedId: 'a1', testStepId: 't1-1', testStepResult: { status: 'PASSED' } } },
    attach(
      'a1',
      'backend-cleanup.txt',
      'kubeconfig backend, context kind-kind, server https://127.0.0.1:6443/, namespace ks-ran-1a2b3c\ncleanup:\n  (nothing to undo)\n',
    ),
    { testCaseFinished: { testCaseStartedId: 'a1', timestamp: at(102), willBeRetried: false } },
    { testCaseStarted: { id: 'b1', testCaseId: 't2', attempt: 0, timestamp: at(102) } },
    attach('b1', 'skip-reason.txt', 'skipped on the kubeconfig backend: simulator-only step: it reads the scores\n'),
    { testStepFinished: { testCaseStartedId: 'b1', testStepId: 't2-1', testStepResult: { status: 'SKIPPED' } } },
    { testCaseFinished: { testCaseStartedId: 'b1', timestamp: at(103), willBeRetried: false } },
    { testRunFinished: { timestamp: at(103) } },
  ];
  for (const m of messages) c.onMessage(m);
  const root = parseXml(c.xml('s', 'h'));
  assert.deepEqual(junitProblems(root), []);
  const [properties, ran, scores] = root.children[0].children;
  assert.deepEqual(properties.children[0].attrs, {
    name: 'backend',
    value: 'kubeconfig backend, context kind-kind, server https://127.0.0.1:6443/',
  });
  assert.equal(ran.children[0].name, 'system-out');
  assert.deepEqual(scores.children[0].attrs, {
    message: 'skipped on the kubeconfig backend: simulator-only step: it reads the scores',
  });
});
