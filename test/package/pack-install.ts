// The pack-and-install test (`npm run test:package`, slow: packs, installs, runs cucumber): packs
// kube-scenarios with `npm pack`, installs the tarball into a fresh temporary project (as a
// consumer would: `npm install --save-dev <tarball>`; the registry is used only for what the npm
// cache lacks), runs `kube-scenarios init` there, runs the scaffolded features with cucumber,
// uses the engine as a library from TypeScript, and checks `init` skips existing files on a
// second run, and that the installed command runs the shipped precompiled bundle. Prints one line per check and ends with `package: N passed, N failed`.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
process.exitCode = failed ? 1 : 0;
