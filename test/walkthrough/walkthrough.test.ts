// The learner's walkthrough as a test: every ```console block of docs/walkthrough.md and
// docs/walkthrough.ko.md is typed, in order, into bash with the real kubectl 1.33 (as `kubectl`
// on PATH) against a fresh `kube-scenarios serve --lab` (built as the CLI builds it, virtual time
// following the wall clock), and what each command prints (stdout and stderr, as a terminal shows
// them) must be what the page shows, after normalise() (page.ts) takes out what differs from run
// to run. UPDATE=1 writes the outputs of the run into the pages. Without kubectl 1.33 the test
// says so loudly and fails under CI=true, like the differential test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { buildServedCluster } from '../../src/cli/serve.ts';
import { startServer } from '../../src/apiserver/server.ts';
import { writeKubeconfig } from '../../src/apiserver/kubeconfig.ts';
import { findKubectl133, kubectlMissing } from '../differential/kubectl133.ts';
import { normalise, parsePage, rewritePage, type Step } from './page.ts';

/** The pages; WALKTHROUGH=docs/walkthrough.md runs one. */
const PAGES = process.env.WALKTHROUGH ? [process.env.WALKTHROUGH] : ['docs/walkthrough.md', 'docs/walkthrough.ko.md'];
const ROOT = resolve(__dirname, '../..');
const KUBECTL = findKubectl133();

/** Runs one command line in bash, stderr merged into stdout as in a terminal. */
function sh(command: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  return new Promise((done) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-c', `exec 2>&1\n${command}`],
      { env, cwd, maxBuffer: 64 << 20, timeout: 120_000 },
      (err, stdout) => {
        const killed = err && (err as { killed?: boolean }).killed ? '\n<<killed after 120 s>>\n' : '';
        done(stdout + killed);
      },
    );
  });
}

/** A fresh `serve --lab` and a shell environment whose `kubectl` is kubectl 1.33; the outputs of the page's commands. */
async function runPage(kubectl: string, steps: Step[]): Promise<string[]> {
  const home = mkdtempSync(join(tmpdir(), 'walkthrough-'));
  const bin = join(home, 'bin');
  const work = join(home, 'work');
  mkdirSync(bin);
  mkdirSync(work);
  symlinkSync(kubectl, join(bin, 'kubectl'));
  const cluster = buildServedCluster({ lab: true, port: 0, speed: 1, seed: 1 });
  const server = await startServer(cluster, { speed: 1 });
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    KUBECACHEDIR: join(home, 'cache'),
    KUBECONFIG: writeKubeconfig(server.url, join(home, 'kubeconfig')),
  };
  try {
    const outputs: string[] = [];
    for (const s of steps) outputs.push(await sh(s.command, env, work));
    return outputs;
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

function firstDifference(shown: string, got: string): string {
  const a = normalise(shown).split('\n'),
    b = normalise(got).split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i])
      return `output line ${i + 1}:\n  page:    ${JSON.stringify(a[i])}\n  kubectl: ${JSON.stringify(b[i])}`;
  return 'none';
}

test('the walkthrough pages show what real kubectl 1.33 prints against serve --lab', {
  timeout: 900_000,
}, async (t) => {
  if (!KUBECTL) {
    t.skip(kubectlMissing('walkthrough test'));
    return;
  }
  const kubectl = KUBECTL;
  const pages = PAGES.map((p) => {
    const text = readFileSync(join(ROOT, p), 'utf8');
    return { file: p, text, steps: parsePage(text, p) };
  });
  for (const p of pages) assert.ok(p.steps.length >= 50, `${p.file}: only ${p.steps.length} commands`);
  // The pages run at once, each on its own server: their waits are wall-clock time.
  const outputs = await Promise.all(pages.map((p) => runPage(kubectl, p.steps)));
  const failures: string[] = [];
  pages.forEach((p, i) => {
    if (process.env.UPDATE === '1') {
      writeFileSync(join(ROOT, p.file), rewritePage(p.text, p.file, outputs[i]));
      return;
    }
    p.steps.forEach((s, j) => {
      if (normalise(s.shown) !== normalise(outputs[i][j]))
        failures.push(
          `${p.file}:${s.line}: $ ${s.command}\n${firstDifference(s.shown, outputs[i][j])}\n=== page:\n${s.shown}=== real kubectl 1.33:\n${outputs[i][j]}`,
        );
    });
  });
  assert.equal(
    failures.length,
    0,
    `${failures.length} commands of the walkthrough print something else than the page shows (UPDATE=1 rewrites the pages):\n\n${failures.join('\n\n')}`,
  );
});
