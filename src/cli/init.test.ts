import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { init, renderInit } from './init.ts';

test('kube-scenarios init: scaffolds config, examples and the npm script, then never overwrites', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-init-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', scripts: { test: 'jest' } }));
    writeFileSync(join(dir, 'cucumber.cjs'), '// mine\n');
    const r = init(dir);
    assert.ok(r.created.includes('features/lab-cluster.feature') && r.created.includes('features/fixtures/nodes.yaml'));
    assert.deepEqual(r.skipped, ['cucumber.cjs']);
    assert.equal(readFileSync(join(dir, 'cucumber.cjs'), 'utf8'), '// mine\n');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts, { test: 'jest', scenarios: 'cucumber-js' });
    assert.match(renderInit(r), /^skipped cucumber\.cjs \(already exists\)$/m);
    const again = init(dir);
    assert.deepEqual(again.created, []);
    assert.deepEqual(again.skippedScripts, ['scenarios']);
    assert.ok(existsSync(join(dir, 'features', 'own-nodes.feature')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kube-scenarios init: a file given as --dir, or a dangling symlink or a file where a folder goes, is a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-init-'));
  try {
    writeFileSync(join(dir, 'file'), '');
    assert.throws(() => init(join(dir, 'file')), { name: 'UserError', message: `"${join(dir, 'file')}" is not a directory` });
    mkdirSync(join(dir, 'features'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'features', 'fixtures'));
    assert.throws(() => init(dir), { name: 'UserError', message: `cannot write the scaffolding: mkdir ${join(dir, 'features', 'fixtures')}: no such file or directory` });
    rmSync(join(dir, 'features', 'fixtures'));
    writeFileSync(join(dir, 'features', 'fixtures'), '');
    assert.throws(() => init(dir), { name: 'UserError', message: `cannot write the scaffolding: mkdir ${join(dir, 'features', 'fixtures')}: file exists` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
