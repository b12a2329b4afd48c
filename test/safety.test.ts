// Safe by construction: YAML tags never construct anything, no user text is evaluated as code,
// scenario file paths stay inside the project, and nothing in src/ can open a network connection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifests, ManifestError } from '../src/api/manifest.ts';
import { runKubectl } from '../src/kubectl/kubectl.ts';
import { testCluster } from '../src/kubectl/testing.ts';
import { PROJECT_DIR, resolveInside } from '../src/util/paths.ts';
import { UserError } from '../src/util/errors.ts';

test('manifest loader: YAML tags (!!js/function, !!js/regexp, !!python/object, custom !Ref) are rejected with file:line, never constructed', () => {
  for (const [tag, line] of [
    ["!!js/function 'function () { return 1 }'", '!!js/function'],
    ['!!js/regexp /x/', '!!js/regexp'],
    ['!!python/object:os.system x', '!!python/object:os.system'],
    ['!Ref web', '!Ref'],
  ]) {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${tag}\nspec:\n  containers: [{name: c, image: nginx}]\n`;
    assert.throws(
      () => loadManifests(text, 'x.yaml'),
      (e: unknown) => {
        assert.ok(e instanceof ManifestError);
        assert.equal(
          e.message,
          `x.yaml:4: YAML tag ${line} is not supported — Kubernetes manifests are plain data; remove the tag`,
        );
        return true;
      },
    );
  }
});

test("manifest loader: merge keys work as in kubectl's YAML decoder, and an alias bomb is a clear error", () => {
  const merged = loadManifests(
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  annotations: &common {team: web}\n  labels:\n    <<: *common\n    tier: db\n',
    'm.yaml',
  );
  assert.deepEqual(merged[0].object.metadata.labels, { team: 'web', tier: 'db' });
  const bomb =
    'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
  assert.throws(() => loadManifests(bomb, 'b.yaml'), /^ManifestError: b\.yaml:1: YAML error: Excessive alias count/);
});

// The linter enforces these in src/ and steps/ (biome.jsonc: noGlobalEval, noRestrictedGlobals,
// noRestrictedImports, run by `npm test`); this test proves the configuration still does, on a
// probe file linted with it in a temporary project.
test('no code from text, no network, no development tools at run time: biome.jsonc rejects each in src/ and steps/, not in tests', () => {
  const probe = [
    "import { connect } from 'node:net';",
    "const https = require('https');",
    "import vm from 'node:vm';",
    "eval('1');",
    "export const f = new Function('return 1');",
    "import { register } from 'tsx/esm/api';",
    "const esbuild = require('esbuild');",
    "import { AssertionError } from 'chai';",
    'export const all = [connect, https, vm, register, esbuild, AssertionError];',
    '',
  ].join('\n');
  const expected = [
    '1 lint/style/noRestrictedImports',
    '2 lint/style/noRestrictedImports',
    '3 lint/style/noRestrictedImports',
    '4 lint/security/noGlobalEval',
    '5 lint/style/noRestrictedGlobals',
    '6 lint/style/noRestrictedImports',
    '7 lint/style/noRestrictedImports',
    '8 lint/style/noRestrictedImports',
  ];
  const dir = mkdtempSync(join(tmpdir(), 'ks-lint-'));
  try {
    copyFileSync(join(PROJECT_DIR, 'biome.jsonc'), join(dir, 'biome.jsonc'));
    for (const d of ['src', 'steps', 'test']) {
      mkdirSync(join(dir, d));
      writeFileSync(join(dir, d, 'probe.ts'), probe);
    }
    const r = spawnSync(
      join(PROJECT_DIR, 'node_modules', '.bin', 'biome'),
      ['lint', '--vcs-enabled=false', '--reporter=json', '.'],
      { cwd: dir, encoding: 'utf8' },
    );
    const report = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('{')) ?? 'null') as {
      diagnostics: { category: string; location: { path: string; start: { line: number } } }[];
    } | null;
    assert.ok(report, `biome printed no report:\n${r.stdout}${r.stderr}`);
    const found = (file: string) =>
      report.diagnostics
        .filter((d) => d.location.path === file && d.category !== 'lint/style/useNodejsImportProtocol')
        .map((d) => `${d.location.start.line} ${d.category}`)
        .sort();
    assert.deepEqual(found('src/probe.ts'), expected);
    assert.deepEqual(found('steps/probe.ts'), expected);
    assert.deepEqual(found('test/probe.ts'), ['4 lint/security/noGlobalEval'], 'tests may import what they need');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scenario paths: resolveInside keeps paths inside the project root and rejects ../ escapes and absolute paths outside it', () => {
  const base = join(PROJECT_DIR, 'features', 'fixtures');
  assert.equal(resolveInside(PROJECT_DIR, base, 'nodes.yaml'), join(base, 'nodes.yaml'));
  assert.equal(
    resolveInside(PROJECT_DIR, base, '../../test/fixtures/notes-manifests.yaml'),
    join(PROJECT_DIR, 'test', 'fixtures', 'notes-manifests.yaml'),
  );
  for (const bad of ['../../../etc/passwd', '/etc/passwd', '../../..'])
    assert.throws(() => resolveInside(PROJECT_DIR, base, bad), UserError);
});

test('kubectl apply -f inside a scenario (root set): a path outside the project is refused before anything is read', () => {
  let reads = 0;
  const r = runKubectl(testCluster(), ['apply', '-f', '../../../../../../etc/passwd'], {
    cwd: join(PROJECT_DIR, 'features', 'fixtures'),
    root: PROJECT_DIR,
    readFile: () => {
      reads++;
      return '';
    },
  });
  assert.equal(r.exitCode, 1);
  assert.equal(reads, 0);
  assert.match(
    r.stderr,
    /^error: the path "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" is outside the project directory /,
  );
});
