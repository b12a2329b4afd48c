// The precompiled CLI bundle's staleness rule (bin/cli-bundle.cjs) and bin/kube-scenarios' choice
// between the bundle and tsx, on small temporary projects: a bundle at least as new as every input
// runs as it is, and so does one whose inputs are newer but unchanged (an installed tarball); a
// changed source, package.json or package-lock.json (the dependencies it bundles), or a missing
// bundle, rebuilds it; a bundle that cannot be written leaves the sources to tsx.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const { BUNDLE, cliBundle, isFresh } = require('../bin/cli-bundle.cjs') as {
  BUNDLE: string;
  cliBundle(root: string): string | null;
  isFresh(root: string): boolean;
};

/** The CLI entry reports whether it runs compiled (the bundle) or as TypeScript (tsx), and a word. */
const mainTs = (word: string) => `export function main(): void { process.stdout.write(\`\${__filename.endsWith('.ts') ? 'tsx' : 'bundle'} ${word}\\n\`); }\n`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kube-scenarios-bundle-'));
  mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'src', 'cli', 'main.ts'), mainTs('one'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "p", "version": "1.0.0" }\n');
  writeFileSync(join(dir, 'package-lock.json'), '{ "name": "p", "lockfileVersion": 3 }\n');
  for (const f of ['kube-scenarios', 'cli-bundle.cjs', 'heap.cjs']) copyFileSync(join(ROOT, 'bin', f), join(dir, 'bin', f));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Sets a file's modification time `seconds` after a fixed moment in the past. */
function age(file: string, seconds: number): void {
  const t = new Date(Date.UTC(2020, 0, 1) + seconds * 1000);
  utimesSync(file, t, t);
}

const run = (dir: string) => spawnSync(process.execPath, [join(dir, 'bin', 'kube-scenarios')], { encoding: 'utf8' });

test('cli bundle: a bundle at least as new as every source runs as it is, and is not rebuilt', () => {
  const dir = project();
  try {
    const bundle = cliBundle(dir)!;
    assert.equal(bundle, join(dir, BUNDLE));
    writeFileSync(bundle, `${readFileSync(bundle, 'utf8')}// untouched\n`);
    for (const f of ['src/cli/main.ts', 'package.json', 'package-lock.json']) age(join(dir, f), 0);
    age(bundle, 0);
    assert.equal(isFresh(dir), true);
    assert.equal(cliBundle(dir), bundle);
    assert.match(readFileSync(bundle, 'utf8'), /\/\/ untouched\n$/);
    assert.equal(run(dir).stdout, 'bundle one\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli bundle: inputs newer than the bundle but unchanged (files dated by a tarball extraction) keep it; it is re-dated', () => {
  const dir = project();
  try {
    const bundle = cliBundle(dir)!;
    age(bundle, 10);
    age(join(dir, 'src', 'cli', 'main.ts'), 12);
    age(join(dir, 'package.json'), 11);
    age(join(dir, 'package-lock.json'), 9);
    assert.equal(isFresh(dir), true);
    // (node_modules/.package-lock.json, npm's record of the installed tree, is an input too)
    const newest = Math.max(...['src/cli/main.ts', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'].map((f) => Math.floor(statSync(join(dir, f)).mtimeMs)));
    assert.equal(Math.floor(statSync(bundle).mtimeMs), newest, 'dated as its newest input (to the millisecond)');
    assert.equal(run(dir).stdout, 'bundle one\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli bundle: a changed source, package.json or package-lock.json makes it stale, and the CLI rebuilds it and runs the new code', () => {
  const dir = project();
  try {
    const bundle = cliBundle(dir)!;
    writeFileSync(join(dir, 'package.json'), '{ "name": "p", "version": "1.0.1" }\n');
    age(bundle, 10);
    age(join(dir, 'package.json'), 11);
    assert.equal(isFresh(dir), false, 'package.json changed');
    cliBundle(dir);
    writeFileSync(join(dir, 'package-lock.json'), '{ "name": "p", "lockfileVersion": 3, "packages": {} }\n');
    age(bundle, 10);
    age(join(dir, 'package-lock.json'), 11);
    assert.equal(isFresh(dir), false, 'package-lock.json changed: the bundled dependencies may have');
    cliBundle(dir);
    writeFileSync(join(dir, 'src', 'cli', 'main.ts'), mainTs('two'));
    age(bundle, 10);
    age(join(dir, 'src', 'cli', 'main.ts'), 11);
    assert.equal(isFresh(dir), false, 'a source changed');
    assert.equal(run(dir).stdout, 'bundle two\n');
    assert.equal(isFresh(dir), true, 'rebuilt');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli bundle: without a bundle the CLI builds one; when it cannot be written the sources run through tsx', () => {
  const dir = project();
  try {
    assert.equal(isFresh(dir), false);
    assert.equal(run(dir).stdout, 'bundle one\n');
    assert.equal(isFresh(dir), true);
    rmSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist'), 'a file where the folder should be\n');
    assert.equal(cliBundle(dir), null);
    const r = run(dir);
    assert.equal(r.stdout, 'tsx one\n', r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
