import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageOf } from './coverage.ts';
import { runPageHtml } from './runpage.ts';
import type { ScenarioResult } from './run.ts';

const result = (
  name: string,
  tags: string[],
  outcome: ScenarioResult['outcome'],
  extra: Partial<ScenarioResult> = {},
): ScenarioResult => ({
  name,
  feature: 'F',
  uri: 'features/f.feature',
  line: 3,
  tags,
  outcome,
  status: outcome.toUpperCase(),
  durationMs: 1,
  attachments: [],
  ...extra,
});
const expected = { ids: ['S01', 'S02'], source: 'test', titles: { S01: 'nodeSelector', S02: 'affinity' } };
const page = (results: ScenarioResult[]) => runPageHtml(coverageOf(results, expected), results);

test('run page: all passed is a green PASSED banner with no Failures section; no scenario at all is FAILED', () => {
  const html = page([result('a', ['@S01'], 'passed')]);
  assert.match(html, /<header class="pass"><h1>✔ PASSED — all 1 scenario\(s\) passed<\/h1>/);
  assert.ok(!html.includes('<h2>Failures'));
  assert.match(page([]), /<header class="fail"><h1>✖ FAILED — no scenario ran<\/h1>/);
});

test("run page: a failure's message beyond 40 lines is folded; a picture that could run script is shown as an image, never inline", () => {
  const message = Array.from({ length: 45 }, (_, i) => `line ${i + 1}`).join('\n');
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>';
  const html = page([
    result('b', ['@S02'], 'failed', {
      failure: { step: 'Then x', line: 4, message },
      attachments: [{ mediaType: 'image/svg+xml', fileName: 'placement.svg', body: svg, base64: false }],
    }),
  ]);
  assert.ok(html.includes('line 40</pre><details class="text"><summary>5 more lines of the message</summary>'));
  assert.ok(!html.includes('onload="alert(1)"'));
  assert.ok(
    html.includes(`<img alt="placement.svg" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`),
  );
  assert.match(html, /Failing experiments: <a href="#exp-failed-S02"><b>S02<\/b> affinity<\/a>/);
});

test('run page of a real-cluster run: the backend, context and server in the banner; the scenarios skipped there with their reasons', () => {
  const text = (fileName: string, body: string) => ({ mediaType: 'text/plain', fileName, body, base64: false });
  const html = page([
    result('ran', ['@S01'], 'passed', {
      attachments: [
        text(
          'backend-cleanup.txt',
          'kubeconfig backend, context kind-kind, server https://127.0.0.1:6443/, namespace ks-ran-1a2b3c\ncleanup:\n  (nothing to undo)\n',
        ),
      ],
    }),
    result('scores', ['@S02'], 'skipped', {
      line: 9,
      attachments: [
        text(
          'skip-reason.txt',
          "skipped on the kubeconfig backend: simulator-only step: it reads the simulator scheduler's per-plugin scores\n",
        ),
      ],
    }),
  ]);
  assert.match(
    html,
    /<p class="backend">Backend: kubeconfig backend, context kind-kind, server https:\/\/127\.0\.0\.1:6443\/<\/p>/,
  );
  assert.match(html, /<h2>Skipped on this backend \(1\)<\/h2>/);
  assert.match(
    html,
    /scores<\/a> <span class="where">features\/f\.feature:9<\/span>: skipped on the kubeconfig backend: simulator-only step/,
  );
  assert.ok(!page([result('a', ['@S01'], 'passed')]).includes('Backend:'), 'a simulator run says nothing new');
  assert.match(
    html,
    /ran <span class="where">features\/f\.feature:3<\/span><\/summary>/,
    'no placement picture promised',
  );
});
