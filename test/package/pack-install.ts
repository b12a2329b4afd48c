// The pack-and-install test (`npm run test:package`, slow: packs, installs, runs cucumber): packs
// kube-scenarios with `npm pack`, installs the tarball into a fresh temporary project (as a
// consumer would: `npm install --save-dev <tarball>`; the registry is used only for what the npm
// cache lacks), runs `kube-scenarios init` there, runs the scaffolded features with cucumber,
// uses the engine as a library from TypeScript, and checks `init` skips existing files on a
// second run, and that the installed command runs the shipped precompiled bundle. Prints one line per check and ends with `package: N passed, N failed`.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'kube-scenarios-package-'));
const project = join(work, 'consumer');
let passed = 0, failed = 0;

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
}

function check(name: string, fn: () => void): void {
  try {
    fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    const err = e as { message?: string; stdout?: string; stderr?: string };
    console.log(`not ok - ${name}\n${[err.message, err.stdout, err.stderr].filter(Boolean).join('\n').replace(/^/gm, '    ')}`);
  }
}

function expect(cond: boolean, what: string): void { if (!cond) throw new Error(what); }

try {
  let tarball = '';
  check('npm pack builds a tarball', () => {
    run('npm', ['pack', '--silent', '--pack-destination', work], root);
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    expect(tarball.endsWith('.tgz'), 'no tarball written');
  });

  check('npm install --save-dev <tarball> in a fresh project', () => {
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2)}\n`);
    run('npm', ['install', '--save-dev', tarball, '--no-audit', '--no-fund', '--prefer-offline'], project);
  });

  check('the installed command runs the shipped bundle (dist/cli.js): no tsx, no rebuild', () => {
    // Its first run, on files dated by the tarball's extraction. Records every module it requires.
    const hook = join(work, 'record-requires.cjs');
    writeFileSync(hook, [
      "const Module = require('node:module');",
      'const load = Module._load;',
      'const seen = [];',
      'Module._load = function (request, ...rest) { seen.push(request); return load.call(this, request, ...rest); };',
      "process.on('exit', () => process.stderr.write(`required: ${JSON.stringify(seen)}\\n`));",
      '',
    ].join('\n'));
    const bin = join(project, 'node_modules', 'kube-scenarios', 'bin', 'kube-scenarios');
    const r = spawnSync(process.execPath, ['--require', hook, bin, '--version'], { cwd: project, encoding: 'utf8' });
    const seen = JSON.parse(/required: (.*)/.exec(r.stderr)?.[1] ?? '[]') as string[];
    expect(r.status === 0 && /^\d+\.\d+\.\d+/.test(r.stdout), `the command failed:\n${r.stdout}${r.stderr}`);
    expect(seen.some((m) => m.endsWith(join('dist', 'cli.js'))), `dist/cli.js was not loaded: ${seen.join(', ')}`);
    expect(!seen.some((m) => m.startsWith('tsx') || m === 'esbuild'), `tsx or esbuild was loaded: ${seen.join(', ')}`);
  });

  check('the kube-scenarios command runs (--version)', () => {
    const out = run('npx', ['--no-install', 'kube-scenarios', '--version'], project);
    expect(/^\d+\.\d+\.\d+/.test(out.trim()), `unexpected version output: ${out}`);
  });

  check('kube-scenarios init scaffolds the project', () => {
    const out = run('npx', ['--no-install', 'kube-scenarios', 'init'], project);
    for (const f of ['cucumber.cjs', 'features/lab-cluster.feature', 'features/own-nodes.feature', 'features/fixtures/nodes.yaml']) {
      expect(out.includes(`created ${f}`), `init did not report "created ${f}":\n${out}`);
    }
    expect(out.includes('added npm script "scenarios"'), `init did not add the npm script:\n${out}`);
  });

  check('the scaffolded features run green with cucumber (npm run scenarios)', () => {
    const out = run('npm', ['run', '-s', 'scenarios'], project);
    expect(/scenarios? \(\d+ passed\)/.test(out), `cucumber did not report passing scenarios:\n${out}`);
  });

  initProjectChecks(project);

  check('the engine works as a typed library (import from "kube-scenarios")', () => {
    writeFileSync(join(project, 'use.ts'), [
      "import { createLabCluster, runKubectl, type Node } from 'kube-scenarios';",
      'const cluster = createLabCluster({ seed: 3 });',
      "const nodes: Node[] = cluster.store.list<Node>('Node');",
      "process.stdout.write(`${nodes.length} nodes\\n${runKubectl(cluster, 'get nodes').stdout}`);",
      '',
    ].join('\n'));
    const out = run('node', ['--import', 'tsx', 'use.ts'], project);
    expect(out.startsWith('4 nodes') && out.includes('w1-k8s'), `unexpected output:\n${out}`);
  });

  check('init run again skips every existing file', () => {
    const out = run('npx', ['--no-install', 'kube-scenarios', 'init'], project);
    expect(!out.includes('created '), `init overwrote or created files:\n${out}`);
    expect(out.includes('skipped cucumber.cjs (already exists)'), `init did not report the skipped file:\n${out}`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`package: ${passed} passed, ${failed} failed`);

// ---- what an `init` project gets (the reports helper's checks; kept apart from the packaging ones) ----

/** Reports, `file:line` selection, typed snippets and the editor settings of a fresh init project. */
function initProjectChecks(dir: string): void {
  check('init project: one run writes the run page, cucumber HTML, JUnit, JSON and coverage reports and ends with the plain summary line', () => {
    const r = spawnSync('npm', ['run', '-s', 'scenarios'], { cwd: dir, encoding: 'utf8' });
    expect(r.status === 0, `the scenarios failed:\n${r.stdout}${r.stderr}`);
    expect(r.stdout.trimEnd().split('\n').at(-1) === 'scenarios: 2 passed, 0 failed, 0 skipped', `last line: ${r.stdout.trimEnd().split('\n').at(-1)}`);
    for (const f of ['index.html', 'cucumber.html', 'junit.xml', 'cucumber.json', 'experiments.html', 'experiments.md']) expect(existsSync(join(dir, 'reports', f)), `reports/${f} was not written`);
    expect(readFileSync(join(dir, 'reports', 'index.html'), 'utf8').includes('✔ PASSED — all 2 scenario(s) passed'), 'the run page does not say PASSED');
  });

  check('init project: npm test runs the scenarios (npm\'s placeholder test script was replaced)', () => {
    const scripts = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.test === 'cucumber-js', `test script: ${scripts.test}`);
  });

  check('init project: npx cucumber-js features/lab-cluster.feature:5 runs that scenario only', () => {
    const out = run('npx', ['--no-install', 'cucumber-js', 'features/lab-cluster.feature:5'], dir);
    expect(out.trimEnd().endsWith('scenarios: 1 passed, 0 failed, 0 skipped'), `not one scenario:\n${out}`);
  });

  check('init project: --dry-run prints a TypeScript snippet with the KubeWorld for an undefined step', () => {
    writeFileSync(join(dir, 'features', 'undefined.feature'), 'Feature: u\n  Scenario: u\n    Given the lab cluster\n    Then node "w1-k8s" runs 3 pods\n');
    try {
      const r = spawnSync('npx', ['--no-install', 'cucumber-js', '--dry-run', 'features/undefined.feature'], { cwd: dir, encoding: 'utf8' });
      expect(r.stdout.includes("Then('node {string} runs {int} pods', function (this: KubeWorld, string: string, int: number) {"), `no typed snippet:\n${r.stdout}${r.stderr}`);
    } finally {
      rmSync(join(dir, 'features', 'undefined.feature'));
    }
  });

  check('init project: .vscode/settings.json points the Cucumber extension at the package\'s step definitions', () => {
    const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as Record<string, string[]>;
    expect(settings['cucumber.glue'].includes('node_modules/kube-scenarios/steps/**/*.ts'), JSON.stringify(settings));
  });

  check('init project: the typed step example type-checks against the installed package (with the type packages docs/authoring.md lists)', () => {
    // The versions kube-scenarios itself is checked with (its devDependencies).
    const dev = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
    const types = ['typescript', '@types/node', '@types/chai', '@types/js-yaml'].map((t) => `${t}@${dev[t]}`);
    run('npm', ['install', '--save-dev', ...types, '--no-audit', '--no-fund', '--prefer-offline'], dir);
    const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2023', '--allowImportingTsExtensions', '--skipLibCheck', '--types', 'node', 'features/steps/example.steps.ts'], { cwd: dir, encoding: 'utf8' });
    expect(r.status === 0, `tsc:\n${r.stdout}${r.stderr}`);
  });
}
process.exitCode = failed ? 1 : 0;
