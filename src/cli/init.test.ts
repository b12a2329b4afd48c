import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
