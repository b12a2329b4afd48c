import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BUILTIN_EXPERIMENTS,
  BUILTIN_EXPERIMENT_IDS,
  coverageHtml,
  coverageMarkdown,
  coverageOf,
  expectedIds,
  parseExperimentIds,
  parseExperiments,
  type ScenarioResult,
} from './coverage.ts';

const result = (name: string, tags: string[], outcome: ScenarioResult['outcome']): ScenarioResult => ({
  name,
  feature: 'F',
  uri: 'f.feature',
  line: 1,
  tags,
  outcome,
  status: outcome.toUpperCase(),
  durationMs: 1,
});

test('experiment coverage: the expected IDs are the table rows of experiments.md; without the file, the built-in S01–S10, M01–M03, P01–P11', () => {
  assert.deepEqual(
    parseExperimentIds('| ID | x |\n|---|---|\n| S01 | a |\n| S02 | b |\n| S01 | again |\ntext | P03 |\n'),
    ['S01', 'S02'],
  );
  assert.equal(BUILTIN_EXPERIMENT_IDS.length, 24);
  assert.deepEqual(expectedIds('/nonexistent/experiments.md'), {
    ids: BUILTIN_EXPERIMENT_IDS,
    source: 'built-in list',
    titles: BUILTIN_EXPERIMENTS,
  });
});

test('experiment coverage: an ID fails when any of its scenarios fails, IDs outside the expected list are still listed, untagged scenarios are counted', () => {
  const c = coverageOf(
    [
      result('a', ['@S01', '@ko'], 'passed'),
      result('b', ['@S01'], 'failed'),
      result('c', ['@X99'], 'passed'),
      result('d', [], 'passed'),
      result('e', ['@Z01'], 'passed'),
    ],
    { ids: ['S01', 'S02'], source: 'test' },
    /^@([SX]\d{2})$/,
  );
  assert.deepEqual(
    c.experiments.map((e) => [e.id, e.outcome, e.expected]),
    [
      ['S01', 'failed', true],
      ['S02', 'no scenario', true],
      ['X99', 'passed', false],
    ],
  );
  assert.deepEqual(c.missing, ['S02']);
  assert.equal(c.untagged, 2);
});

test('experiment coverage: an ID with a skipped scenario and no failed one is skipped, not passed and not failed (a real-cluster run skips the simulator-only ones)', () => {
  const c = coverageOf(
    [
      result('a', ['@S01'], 'passed'),
      result('b', ['@S01'], 'skipped'),
      result('c', ['@S02'], 'skipped'),
      result('d', ['@S02'], 'failed'),
    ],
    { ids: ['S01', 'S02'], source: 'test' },
  );
  assert.deepEqual(
    c.experiments.map((e) => [e.id, e.outcome]),
    [
      ['S01', 'skipped'],
      ['S02', 'failed'],
    ],
  );
});

test('experiment titles: the experiment column of experiments.md without code marks, cut at a word past 70 characters', () => {
  const rows = parseExperiments(
    '| S01 | `kubectl label node w1-k8s cpu=2core_over`; pod `webserver` (nginx) with `nodeSelector: {cpu: "2core_over"}` and more | x |\n| M01 | sidecar | y |\n',
  );
  assert.deepEqual(rows, [
    { id: 'S01', title: 'kubectl label node w1-k8s cpu=2core_over; pod webserver (nginx) with…' },
    { id: 'M01', title: 'sidecar' },
  ]);
});

test("experiment coverage page: each ID with its title, its scenarios linked to their section of the run page, and a failed scenario's step and first message line", () => {
  const failed: ScenarioResult = {
    ...result('b <x>', ['@S01'], 'failed'),
    uri: 'features/a b.feature',
    line: 7,
    failure: {
      step: 'Then pod web runs on node w1',
      line: 9,
      message: 'AssertionError: expected pod web to run on w1\nwhy: …',
    },
  };
  const c = coverageOf([result('a', ['@S01'], 'passed'), failed], {
    ids: ['S01'],
    source: 'test',
    titles: { S01: 'nodeSelector' },
  });
  const html = coverageHtml(c);
  assert.ok(html.includes('<div class="title">nodeSelector</div>'), html);
  assert.ok(html.includes('<a href="index.html#scenario-features-a-b-feature-7">b &lt;x&gt;</a>'), html);
  assert.ok(
    html.includes(
      '<div class="reason"><b>Then pod web runs on node w1</b> (line 9): AssertionError: expected pod web to run on w1</div>',
    ),
    html,
  );
  assert.match(
    coverageMarkdown(c),
    /\| S01 nodeSelector \| ❌ failed \| ✅ a \(f\.feature:1\)<br>❌ b <x> \(features\/a b\.feature:7\): AssertionError: expected pod web to run on w1 \|/,
  );
});
