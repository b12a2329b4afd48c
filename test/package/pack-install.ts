// The pack-and-install test (`npm run test:package`, slow: packs, installs, runs cucumber): packs
// kube-scenarios with `npm pack` (which runs the build, scripts/build.cjs), installs the tarball
// into a fresh temporary project as a consumer would (`npm install --save-dev <tarball>`; the
// registry is used only for what the npm cache lacks), and checks there that
// - the tarball holds the compiled package (lib/: JavaScript, declarations, the CLI bundle, the
//   step definitions), the lab cluster's data (labs/) and no TypeScript sources or tests;
// - chai is not installed with it (tsx is: it loads the project's own TypeScript steps);
// - the installed command runs lib/cli.cjs (no tsx, no esbuild), and `simulate` works;
// - `kube-scenarios init` scaffolds a project whose features run green with cucumber, and a
//   second run skips every existing file;
// - `import { Cluster } from 'kube-scenarios'` works from a plain CommonJS project, a plain ES
//   module project and a `tsc --init` TypeScript project, and the declarations type-check
//   without any @types package and without skipLibCheck (docs/package.md's tsconfig).
// Prints one line per check and ends with `package: N passed, N failed`.

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the test writes JavaScript that uses template literals

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'kube-scenarios-package-'));
const project = join(work, 'consumer');
const typescript = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies.typescript;
let passed = 0,
  failed = 0;

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });
}

function check(name: string, fn: () => void): void {
  try {
    fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    const err = e as { message?: string; stdout?: string; stderr?: string };
    console.log(
      `not ok - ${name}\n${[err.message, err.stdout, err.stderr].filter(Boolean).join('\n').replace(/^/gm, '    ')}`,
    );
  }
}

function expect(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}

/** Writes files (path → text) under dir, creating folders. */
function write(dir: string, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
}

const pkgJson = (o: object) => `${JSON.stringify(o, null, 2)}\n`;

// What every library check prints: the lab cluster's node count and `kubectl get nodes`.
const expectLab = (out: string) =>
  expect(out.startsWith('4 nodes') && out.includes('w1-k8s') && out.includes('true'), `unexpected output:\n${out}`);

try {
  let tarball = '';
  check('npm pack builds a tarball of the compiled package', () => {
    run('npm', ['pack', '--silent', '--pack-destination', work], root);
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    expect(tarball.endsWith('.tgz'), 'no tarball written');
    const files = run('tar', ['tzf', tarball], work)
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    for (const f of [
      'lib/cli.cjs',
      'lib/index.mjs',
      'lib/index.d.mts',
      'lib/src/index.js',
      'lib/src/index.d.ts',
      'lib/steps/cluster.steps.js',
      'bin/kube-scenarios',
      'templates/cucumber.cjs',
      'labs/kubeadm/lab.yaml', // the lab cluster as data, read by lib/src/cluster/lab.js and lib/cli.cjs
    ]) {
      expect(files.includes(f), `the tarball has no ${f}`);
    }
    // (templates/ holds what init writes, the project's own TypeScript step example among it)
    const sources = files.filter(
      (f) => /\.(ts|mts|cts)$/.test(f) && !/\.d\.m?ts$/.test(f) && !f.startsWith('templates/'),
    );
    expect(sources.length === 0, `the tarball ships TypeScript sources: ${sources.join(', ')}`);
    const tests = files.filter((f) => /(\.test\.|testutil|testing\.)/.test(f));
    expect(tests.length === 0, `the tarball ships tests: ${tests.join(', ')}`);
    expect(!files.includes('lib/.tsbuildinfo'), 'the tarball ships the build state lib/.tsbuildinfo');
  });

  check('npm install --save-dev <tarball> in a fresh CommonJS project; chai is not installed', () => {
    write(project, {
      'package.json': pkgJson({ name: 'consumer', version: '1.0.0', private: true, type: 'commonjs' }),
    });
    run(
      'npm',
      ['install', '--save-dev', tarball, `typescript@${typescript}`, '--no-audit', '--no-fund', '--prefer-offline'],
      project,
    );
    const present = ['chai'].filter((m) => existsSync(join(project, 'node_modules', m)));
    expect(present.length === 0, `installed with kube-scenarios: ${present.join(', ')}`);
  });

  check('the installed command runs the compiled CLI (lib/cli.cjs): no tsx, no esbuild', () => {
    // Records every module it requires.
    const hook = join(work, 'record-requires.cjs');
    writeFileSync(
      hook,
      [
        "const Module = require('node:module');",
        'const load = Module._load;',
        'const seen = [];',
        'Module._load = function (request, ...rest) { seen.push(request); return load.call(this, request, ...rest); };',
        "process.on('exit', () => process.stderr.write(`required: ${JSON.stringify(seen)}\\n`));",
        '',
      ].join('\n'),
    );
    const bin = join(project, 'node_modules', 'kube-scenarios', 'bin', 'kube-scenarios');
    const r = spawnSync(process.execPath, ['--require', hook, bin, '--version'], { cwd: project, encoding: 'utf8' });
    const seen = JSON.parse(/required: (.*)/.exec(r.stderr)?.[1] ?? '[]') as string[];
    expect(r.status === 0 && /^\d+\.\d+\.\d+/.test(r.stdout), `the command failed:\n${r.stdout}${r.stderr}`);
    expect(
      seen.some((m) => m.endsWith(join('lib', 'cli.cjs'))),
      `lib/cli.cjs was not loaded: ${seen.join(', ')}`,
    );
    expect(!seen.some((m) => m.startsWith('tsx') || m === 'esbuild'), `tsx or esbuild was loaded: ${seen.join(', ')}`);
  });

  check('the kube-scenarios command runs (--version)', () => {
    const out = run('npx', ['--no-install', 'kube-scenarios', '--version'], project);
    expect(/^\d+\.\d+\.\d+/.test(out.trim()), `unexpected version output: ${out}`);
  });

  check('kube-scenarios init scaffolds the project', () => {
    const out = run('npx', ['--no-install', 'kube-scenarios', 'init'], project);
    for (const f of [
      'cucumber.cjs',
      'features/lab-cluster.feature',
      'features/own-nodes.feature',
      'features/fixtures/nodes.yaml',
    ]) {
      expect(out.includes(`created ${f}`), `init did not report "created ${f}":\n${out}`);
    }
    expect(out.includes('added npm script "scenarios"'), `init did not add the npm script:\n${out}`);
  });

  check('the scaffolded features run green with cucumber (npm run scenarios), on the compiled steps', () => {
    const out = run('npm', ['run', '-s', 'scenarios'], project);
    expect(/scenarios? \(\d+ passed\)/.test(out), `cucumber did not report passing scenarios:\n${out}`);
  });

  check('kube-scenarios simulate runs on the scaffolded nodes', () => {
    write(project, {
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: app, image: nginx}]}\n',
    });
    const out = run(
      'npx',
      ['--no-install', 'kube-scenarios', 'simulate', '-f', 'features/fixtures/nodes.yaml', '-f', 'pod.yaml'],
      project,
    );
    expect(/^default +web +1\/1 +Running/m.test(out), `simulate did not show the pod running:\n${out}`);
  });

  check('init run again skips every existing file', () => {
    const out = run('npx', ['--no-install', 'kube-scenarios', 'init'], project);
    expect(!out.includes('created '), `init overwrote or created files:\n${out}`);
    expect(out.includes('skipped cucumber.cjs (already exists)'), `init did not report the skipped file:\n${out}`);
  });

  const useIt = [
    'const cluster = createLabCluster({ seed: 3 });',
    "const nodes = cluster.store.list('Node');",
    "process.stdout.write(`${nodes.length} nodes\\n${runKubectl(cluster, 'get nodes').stdout}${cluster instanceof Cluster}\\n`);",
    '',
  ];

  check('a plain CommonJS project: require("kube-scenarios")', () => {
    write(project, {
      'use.js': ["const { Cluster, createLabCluster, runKubectl } = require('kube-scenarios');", ...useIt].join('\n'),
    });
    expectLab(run('node', ['use.js'], project));
  });

  check('a plain ES module project: import { Cluster } from "kube-scenarios"', () => {
    const dir = join(project, 'esm');
    write(dir, {
      'package.json': pkgJson({ name: 'esm', private: true, type: 'module' }),
      'use.js': ["import { Cluster, createLabCluster, runKubectl } from 'kube-scenarios';", ...useIt].join('\n'),
    });
    expectLab(run('node', ['use.js'], dir));
  });

  const typed = [
    "import { Cluster, createLabCluster, runKubectl, type Node } from 'kube-scenarios';",
    'const cluster: Cluster = createLabCluster({ seed: 3 });',
    "const nodes: Node[] = cluster.store.list<Node>('Node');",
    "const out: string = runKubectl(cluster, 'get nodes').stdout;",
    // an error the declarations must catch (were they `any`, the directive would be the error)
    '// @ts-expect-error: kubectl output is a string',
    'const wrong: number = out;',
    'console.log(`${nodes.length} nodes\\n${out}${cluster instanceof Cluster}`);',
    '',
  ].join('\n');

  check('a `tsc --init` TypeScript project (ES module) type-checks, compiles and runs', () => {
    const dir = join(project, 'ts');
    write(dir, { 'package.json': pkgJson({ name: 'ts', private: true, type: 'module' }), 'index.ts': typed });
    run('npx', ['--no-install', 'tsc', '--init'], dir);
    run('npx', ['--no-install', 'tsc', '-p', '.'], dir);
    expectLab(run('node', ['index.js'], dir));
  });

  check("docs/package.md's tsconfig: CommonJS, no @types package, no skipLibCheck", () => {
    const dir = join(project, 'ts-cjs');
    write(dir, {
      'package.json': pkgJson({ name: 'ts-cjs', private: true, type: 'commonjs' }),
      'tsconfig.json': pkgJson({
        compilerOptions: { module: 'nodenext', strict: true, skipLibCheck: false, types: [] },
      }),
      'index.ts': typed,
    });
    const types = ['node', 'js-yaml'].filter((t) => existsSync(join(project, 'node_modules', '@types', t)));
    expect(types.length === 0, `the consumer has @types/${types.join(', @types/')}`);
    run('npx', ['--no-install', 'tsc', '-p', '.'], dir);
    expectLab(run('node', ['index.js'], dir));
  });
  // Last: they install TypeScript's type packages into the project.
  initProjectChecks(project);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`package: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

// ---- what an `init` project gets (the reports helper's checks; kept apart from the packaging ones) ----

/** Reports, `file:line` selection, typed snippets and the editor settings of a fresh init project. */
function initProjectChecks(dir: string): void {
  check(
    'init project: one run writes the run page, cucumber HTML, JUnit, JSON and coverage reports and ends with the plain summary line',
    () => {
      const r = spawnSync('npm', ['run', '-s', 'scenarios'], { cwd: dir, encoding: 'utf8' });
      expect(r.status === 0, `the scenarios failed:\n${r.stdout}${r.stderr}`);
      expect(
        r.stdout.trimEnd().split('\n').at(-1) === 'scenarios: 2 passed, 0 failed, 0 skipped',
        `last line: ${r.stdout.trimEnd().split('\n').at(-1)}`,
      );
      for (const f of [
        'index.html',
        'cucumber.html',
        'junit.xml',
        'cucumber.json',
        'experiments.html',
        'experiments.md',
      ])
        expect(existsSync(join(dir, 'reports', f)), `reports/${f} was not written`);
      expect(
        readFileSync(join(dir, 'reports', 'index.html'), 'utf8').includes('✔ PASSED — all 2 scenario(s) passed'),
        'the run page does not say PASSED',
      );
    },
  );

  check("init project: npm test runs the scenarios (npm's placeholder test script was replaced)", () => {
    const scripts = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.test === 'cucumber-js', `test script: ${scripts.test}`);
  });

  check('init project: npx cucumber-js features/lab-cluster.feature:5 runs that scenario only', () => {
    const out = run('npx', ['--no-install', 'cucumber-js', 'features/lab-cluster.feature:5'], dir);
    expect(out.trimEnd().endsWith('scenarios: 1 passed, 0 failed, 0 skipped'), `not one scenario:\n${out}`);
  });

  check('init project: --dry-run prints a TypeScript snippet with the KubeWorld for an undefined step', () => {
    writeFileSync(
      join(dir, 'features', 'undefined.feature'),
      'Feature: u\n  Scenario: u\n    Given the lab cluster\n    Then node "w1-k8s" runs 3 pods\n',
    );
    try {
      const r = spawnSync('npx', ['--no-install', 'cucumber-js', '--dry-run', 'features/undefined.feature'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(
        r.stdout.includes(
          "Then('node {string} runs {int} pods', function (this: KubeWorld, string: string, int: number) {",
        ),
        `no typed snippet:\n${r.stdout}${r.stderr}`,
      );
    } finally {
      rmSync(join(dir, 'features', 'undefined.feature'));
    }
  });

  check("init project: .vscode/settings.json points the Cucumber extension at the package's step definitions", () => {
    const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    expect(
      settings['cucumber.glue'].includes('node_modules/kube-scenarios/lib/steps/**/*.js'),
      JSON.stringify(settings),
    );
  });

  check(
    'init project: the typed step example type-checks against the installed package (with the type packages docs/authoring.md lists)',
    () => {
      // The versions kube-scenarios itself is checked with (its devDependencies).
      const dev = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies as Record<
        string,
        string
      >;
      const types = ['typescript', '@types/node'].map((t) => `${t}@${dev[t]}`);
      run('npm', ['install', '--save-dev', ...types, '--no-audit', '--no-fund', '--prefer-offline'], dir);
      const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
      const r = spawnSync(
        process.execPath,
        [
          tsc,
          '--noEmit',
          '--strict',
          '--module',
          'nodenext',
          '--target',
          'es2023',
          '--types',
          'node',
          'features/steps/example.steps.ts',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.status === 0, `tsc:\n${r.stdout}${r.stderr}`);
    },
  );
}
