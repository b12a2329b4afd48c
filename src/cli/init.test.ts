import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init, NPM_PLACEHOLDER_TEST, renderInit } from './init.ts';

test('kube-scenarios init: scaffolds config, examples and the npm script, then never overwrites', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-init-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', scripts: { test: 'jest' } }));
    writeFileSync(join(dir, 'cucumber.cjs'), '// mine\n');
    const r = init(dir);
    assert.ok(r.created.includes('features/lab-cluster.feature') && r.created.includes('features/fixtures/nodes.yaml'));
    assert.deepEqual(r.skipped, ['cucumber.cjs']);
    assert.equal(readFileSync(join(dir, 'cucumber.cjs'), 'utf8'), '// mine\n');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts, {
      test: 'jest',
      scenarios: 'cucumber-js',
    });
    assert.deepEqual(r.skippedScripts, ['test']);
    assert.ok(
      r.created.includes('.vscode/settings.json') &&
        r.created.includes('features/steps/example.steps.ts') &&
        r.created.includes('features/experiments.md'),
      r.created.join(', '),
    );
    assert.match(renderInit(r), /^skipped cucumber\.cjs \(already exists\)$/m);
    const again = init(dir);
    assert.deepEqual(again.created, []);
    assert.deepEqual(again.skippedScripts, ['scenarios', 'test']);
    assert.ok(existsSync(join(dir, 'features', 'own-nodes.feature')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kube-scenarios init: a file given as --dir, or a dangling symlink or a file where a folder goes, is a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-init-'));
  try {
    writeFileSync(join(dir, 'file'), '');
    assert.throws(() => init(join(dir, 'file')), {
      name: 'UserError',
      message: `"${join(dir, 'file')}" is not a directory`,
    });
    mkdirSync(join(dir, 'features'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'features', 'fixtures'));
    assert.throws(() => init(dir), {
      name: 'UserError',
      message: `cannot write the scaffolding: mkdir ${join(dir, 'features', 'fixtures')}: no such file or directory`,
    });
    rmSync(join(dir, 'features', 'fixtures'));
    writeFileSync(join(dir, 'features', 'fixtures'), '');
    assert.throws(() => init(dir), {
      name: 'UserError',
      message: `cannot write the scaffolding: mkdir ${join(dir, 'features', 'fixtures')}: file exists`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("kube-scenarios init: npm's placeholder test script runs the scenarios; an existing .vscode/settings.json is kept; the next steps say how to install from a tarball or git", () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-init-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', scripts: { test: NPM_PLACEHOLDER_TEST } }));
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(join(dir, '.vscode', 'settings.json'), '{}\n');
    const r = init(dir);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts, {
      test: 'cucumber-js',
      scenarios: 'cucumber-js',
    });
    assert.deepEqual(r.replacedScripts, ['test']);
    assert.ok(r.skipped.includes('.vscode/settings.json'));
    assert.equal(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8'), '{}\n');
    const text = renderInit(r);
    assert.match(text, /^replaced npm's placeholder script "test" with "cucumber-js"$/m);
    assert.match(
      text,
      /It is not on the npm registry: install a packed\n.*\n +npm install --save-dev \/path\/to\/kube-scenarios-<version>\.tgz\n +npm install --save-dev git\+https:/,
    );
    assert.match(text, /npx cucumber-js features\/lab-cluster\.feature:5 +run the scenario at that line/);
    // The line named in the next steps is the example scenario's line.
    assert.equal(
      readFileSync(join(dir, 'features', 'lab-cluster.feature'), 'utf8')
        .split('\n')[4]
        .trim()
        .startsWith('Scenario:'),
      true,
    );
    const config = readFileSync(join(dir, 'cucumber.cjs'), 'utf8');
    assert.ok(!/\bpaths\s*:/.test(config), 'the configuration leaves the paths to the command line');
    for (const report of [
      'html:reports/cucumber.html',
      'junit.cjs:reports/junit.xml',
      'json:reports/cucumber.json',
      'experiments.cjs:reports/experiments.html',
      'run-page.cjs:reports/index.html',
      'run-summary.cjs',
      'plain-summary.cjs',
      'snippet-syntax.cjs',
    ]) {
      assert.ok(config.includes(report), `the configuration lacks ${report}`);
    }
    mkdirSync(join(dir, 'node_modules', 'kube-scenarios'), { recursive: true });
    assert.ok(
      !renderInit(init(dir)).includes('Install kube-scenarios'),
      'no install step once the package is installed',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
