// The run page in a real browser: runs cucumber (a child process, the project's own steps) on the
// fixture features of test/fixtures/report-page — one placement failure, one pass — then opens
// reports/index.html in headless Chromium (Debian's `chromium` package) at 1366×900 and checks
// what is on the first screen: the FAILED banner, the failing experiment, the failure with the
// scheduler's reasons and the placement picture (drawn, not zero-sized), and that the passing
// scenario's scores are one click away (closed, and shown once its <details> opens).
// Without Chromium the test fails and says how to install it (CI: .ci/run installs it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium.ts';

const root = join(__dirname, '..', '..');

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * Marks what the browser lays out: every element with a data-check attribute gets data-screen
 * ("first" when it is at least partly inside the first 900 px and has a size, "below" or "hidden"),
 * then the passing scenario's <details> is opened (the one click) and its scores are measured.
 */
const PROBE = `<script>
window.addEventListener('load', () => {
  const mark = (el) => {
    const r = el.getBoundingClientRect();
    el.setAttribute('data-screen', r.width === 0 || r.height === 0 ? 'hidden' : r.top < window.innerHeight && r.bottom > 0 ? 'first' : 'below');
    el.setAttribute('data-size', Math.round(r.width) + 'x' + Math.round(r.height));
  };
  const pick = (name, sel) => { for (const el of document.querySelectorAll(sel)) { el.setAttribute('data-check', name); } };
  pick('verdict', 'header h1'); pick('ids', 'header .ids'); pick('failure', 'article.failed h4');
  pick('message', 'article.failed pre.message'); pick('picture', 'article.failed figure.picture svg');
  pick('caption', 'article.failed figcaption'); pick('scores-closed', 'details.passed pre');
  document.querySelectorAll('[data-check]').forEach(mark);
  const d = document.querySelector('details.passed');
  if (d) { d.open = true; d.querySelectorAll('pre').forEach((p) => { p.setAttribute('data-check', 'scores-open'); mark(p); }); }
  document.body.setAttribute('data-probed', 'yes');
});
</script>`;

test("run page in headless Chromium: the first screen shows FAILED, the failing experiment, the failure's reasons and its placement picture; a passing scenario's scores are one click away", () => {
  const chromium = findChromium();
  assert.ok(
    chromium,
    'Chromium is not installed, so the run page cannot be checked in a browser: install it (Debian/Ubuntu: `apt-get update && apt-get install -y chromium`) or set CHROMIUM=/path/to/chrome. CI installs it in .ci/run.',
  );
  const out = mkdtempSync(join(tmpdir(), 'run-page-'));
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'),
      '--config',
      'test/fixtures/report-page/cucumber.cjs',
    ],
    {
      cwd: root,
      env: { ...childEnv(), REPORTS_OUT: out },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  assert.equal(run.status, 1, `cucumber should fail one scenario:\n${run.stdout}${run.stderr}`);
  const page = join(out, 'index.html');
  assert.ok(existsSync(page), 'no index.html written');
  const probed = join(out, 'probed.html');
  writeFileSync(probed, readFileSync(page, 'utf8').replace('</body>', `${PROBE}</body>`));
  const browser = spawnSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--window-size=1366,900',
      '--virtual-time-budget=5000',
      '--dump-dom',
      `file://${probed}`,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const dom = browser.stdout;
  assert.ok(
    dom.includes('data-probed="yes"'),
    `Chromium did not render the page (exit ${browser.status}):\n${browser.stderr.slice(-2000)}`,
  );
  const checks = (name: string) =>
    [...dom.matchAll(new RegExp(`<[^>]*data-check="${name}"[^>]*>`, 'g'))].map((m) => ({
      screen: /data-screen="(\w+)"/.exec(m[0])?.[1],
      size: /data-size="(\d+)x(\d+)"/.exec(m[0]),
    }));
  const only = (name: string) => {
    const c = checks(name);
    assert.equal(c.length, 1, `one ${name} expected, found ${c.length}`);
    return c[0];
  };
  assert.match(dom, /<h1[^>]*>✖ FAILED — 1 of 2 scenario\(s\) failed<\/h1>/);
  for (const name of ['verdict', 'ids', 'failure', 'message', 'caption', 'picture'])
    assert.equal(only(name).screen, 'first', `${name} is not on the first screen`);
  assert.match(
    dom,
    /Failing experiments: <a href="#exp-failed-S05"><b>S05<\/b> taints: pods avoid a tainted node<\/a>/,
  );
  assert.match(
    dom,
    /<pre class="message"[^>]*>AssertionError: expected pod default\/web to run on m-k8s, but it runs on w\d-k8s\nwhy: pod default\/web: last scheduling attempt at [^\n]*\n\n {2}NODE +RESULT/,
  );
  assert.match(
    dom,
    /m-k8s +rejected +TaintToleration: node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}/,
  );
  const picture = only('picture').size!;
  assert.ok(
    Number(picture[1]) > 300 && Number(picture[2]) > 100,
    `the placement picture is drawn too small: ${picture[0]}`,
  );
  assert.match(dom, /<figcaption[^>]*>placement\.svg — the cluster at the end of the scenario<\/figcaption>/);
  assert.ok(
    checks('scores-closed').every((c) => c.screen === 'hidden'),
    "the passing scenario's scores should be folded",
  );
  const open = checks('scores-open');
  assert.ok(
    open.length > 0 && open.every((c) => c.screen !== 'hidden'),
    'opening the passing scenario does not show its scores',
  );
  assert.match(
    dom,
    /\$ kube-scenarios explain default\/web\npod default\/web: last scheduling attempt at [^\n]*: Scheduled to w\d-k8s/,
  );
});
