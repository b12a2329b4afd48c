// Runs cucumber on the fixture features of test/fixtures/reports (a child process, with every
// report the `reports` profile writes) and parses each report file: JUnit in the shape Jenkins and
// GitLab import, the experiment coverage page and its markdown, JSON, messages and the HTML.

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
const run = spawnSync(process.execPath, [join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), '--config', 'test/fixtures/reports/cucumber.cjs'] /* relative: cucumber joins it to cwd */, {
  cwd: root, env: { ...childEnv(), REPORTS_OUT: out }, encoding: 'utf8',
});
const read = (name: string) => readFileSync(join(out, name), 'utf8');

interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

/** A strict little XML reader (elements, attributes, text, CDATA; no DTD): throws on malformed input. */
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
    else if (m[2]) { if (stack.pop()!.name !== m[2]) throw new Error(`mismatched </${m[2]}>`); }
    else if (m[3]) {
      const attrs: Record<string, string> = {};
      for (const a of m[4].matchAll(/([\w:-]+)="([^"]*)"/g)) {
        const v = a[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
        if (/&(?!amp;|lt;|gt;|quot;|apos;)/.test(a[2])) throw new Error(`bad entity in ${a[0]}`);
        attrs[a[1]] = v;
      }
      const el: XmlElement = { name: m[3], attrs, children: [], text: '' };
      top.children.push(el);
      if (!m[5]) stack.push(el);
    } else if (m[6] !== undefined) {
      if (/&(?!amp;|lt;|gt;|quot;|apos;)/.test(m[6])) throw new Error('bad entity in text');
      top.text += m[6];
    }
  }
  if (pos !== body.length || stack.length !== 1 || root.children.length !== 1) throw new Error(`malformed XML near offset ${pos}`);
  return root.children[0];
}

test('report fixtures: cucumber runs them, fails (a failing and an undefined scenario) and the plain summary line stays the last line, after the run summary', () => {
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), 'scenarios: 1 passed, 3 failed, 0 skipped');
  const summary = lines.indexOf('─── run summary ───');
  assert.ok(summary > 0 && summary < lines.length - 1);
  assert.equal(lines[summary + 1], 'scenarios:   4 (1 passed, 3 failed, 0 skipped)');
  assert.equal(lines[summary + 2], 'experiments: 2/3 IDs have scenarios, 0 pass; failing: S01, S02');
  assert.equal(lines[summary + 3], 'no scenario: S03');
  assert.equal(lines[summary + 4], 'slowest:');
});

test('JUnit report: one testsuite with consistent counts, one testcase per scenario with classname = feature name, the assertion message in <failure>, undefined and pending scenarios marked', () => {
  const suite = parseXml(read('junit.xml'));
  // The shape Jenkins' and GitLab's JUnit importers read (the common subset of the JUnit XSD).
  assert.equal(suite.name, 'testsuite');
  assert.equal(suite.attrs.name, 'fixture-suite');
  for (const a of ['tests', 'failures', 'errors', 'skipped']) assert.match(suite.attrs[a], /^\d+$/, a);
  assert.match(suite.attrs.time, /^\d+(\.\d+)?$/);
  const cases = suite.children;
  assert.ok(cases.every((c) => c.name === 'testcase'));
  assert.equal(Number(suite.attrs.tests), cases.length);
  assert.deepEqual(cases.map((c) => c.attrs.name), ['passing scenario', 'failing scenario', 'undefined scenario', 'pending scenario']);
  for (const c of cases) {
    assert.equal(c.attrs.classname, 'Fixture placement & <reports>');
    assert.match(c.attrs.time, /^\d+(\.\d+)?$/);
    assert.ok(c.children.every((k) => ['failure', 'error', 'skipped', 'system-out', 'system-err'].includes(k.name)), c.attrs.name);
  }
  const kids = (i: number, n: string) => cases[i].children.filter((k) => k.name === n);
  assert.equal(Number(suite.attrs.failures), cases.filter((_, i) => kids(i, 'failure').length).length);
  assert.equal(Number(suite.attrs.skipped), cases.filter((_, i) => kids(i, 'skipped').length).length);
  assert.equal(kids(0, 'failure').length, 0);
  const [failure] = kids(1, 'failure');
  assert.equal(failure.attrs.type, 'AssertionError');
  assert.equal(failure.attrs.message, 'expected pod web to run on w1-k8s, but it runs on w2-k8s');
  assert.match(failure.text, /^AssertionError: expected pod web to run on w1-k8s/);
  // The failing step's text is in the same testcase's system-out, marked failed.
  assert.match(kids(1, 'system-out')[0].text, /Then a placement assertion fails\.+failed\nAnd a step that passes\.+skipped/);
  assert.equal(kids(2, 'failure').length, 1);
  assert.match(kids(2, 'system-out')[0].text, /Given a step nobody defined\.+undefined/);
  assert.match(kids(3, 'system-out')[0].text, /Given a step that is pending\.+pending/);
});

test('experiment coverage: the HTML page and the markdown list each tagged ID with its scenarios and pass/fail, and the expected IDs with no scenario', () => {
  const md = read('experiments.md');
  assert.match(md, /^## Experiment coverage\n\n2 of 3 experiment IDs have scenarios, 0 pass; 4 scenarios ran \(1 without an experiment tag\)\./);
  const rows = md.split('\n').filter((l) => /^\| [A-Z]\d{2}/.test(l)).map((l) => l.split(' | ').slice(0, 2).join(' | '));
  assert.deepEqual(rows, ['| S01 | ❌ failed', '| S02 | ❌ failed', '| S03 | ⬜ no scenario']);
  assert.match(md, /✅ passing scenario \(test\/fixtures\/reports\/features\/placement\.feature:4\)<br>❌ pending scenario/);
  assert.match(md, /\nIDs with no scenario: S03\n/);
  const html = read('experiments.html');
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.equal((html.match(/<tr class="/g) ?? []).length, 3);
  assert.ok(html.includes('<tr class="no-scenario"><th>S03</th>'));
  assert.ok(html.trimEnd().endsWith('</html>'));
});

test('JSON, message and HTML reports: parse, hold the four scenarios, and carry the SVG attachment base64-encoded (the HTML report shows string SVGs as an error)', () => {
  const json = JSON.parse(read('cucumber.json')) as { name: string; elements: { name: string; steps: { embeddings?: { mime_type: string }[] }[] }[] }[];
  assert.equal(json.length, 1);
  assert.equal(json[0].elements.length, 4);
  assert.ok(json[0].elements[0].steps.some((s) => s.embeddings?.some((e) => e.mime_type === 'image/svg+xml')));
  const messages = read('messages.ndjson').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
  const svg = messages.find((m) => m.attachment?.mediaType === 'image/svg+xml');
  assert.equal(svg?.attachment.contentEncoding, 'BASE64');
  assert.match(Buffer.from(svg!.attachment.body, 'base64').toString(), /^<svg /);
  assert.equal(messages.at(-1)?.testRunFinished?.success, false);
  const html = read('cucumber.html');
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.ok(html.includes(svg!.attachment.body), 'the HTML report embeds the attachment');
});
