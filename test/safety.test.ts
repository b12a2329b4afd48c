// Safe by construction: YAML tags never construct anything, no user text is evaluated as code,
// scenario file paths stay inside the project, and nothing in src/ can open a network connection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifests, ManifestError } from '../src/api/manifest.ts';
import { runKubectl } from '../src/kubectl/kubectl.ts';
import { testCluster } from '../src/kubectl/testing.ts';
import { PROJECT_DIR, resolveInside } from '../src/util/paths.ts';
import { sourceFiles } from './sources.ts';
import { UserError } from '../src/util/errors.ts';

const SRC = sourceFiles(join(PROJECT_DIR, 'src'));

test('manifest loader: YAML tags (!!js/function, !!js/regexp, !!python/object, custom !Ref) are rejected with file:line, never constructed', () => {
  for (const [tag, line] of [["!!js/function 'function () { return 1 }'", '!!js/function'], ['!!js/regexp /x/', '!!js/regexp'], ['!!python/object:os.system x', '!!python/object:os.system'], ['!Ref web', '!Ref']]) {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${tag}\nspec:\n  containers: [{name: c, image: nginx}]\n`;
    assert.throws(() => loadManifests(text, 'x.yaml'), (e: unknown) => {
      assert.ok(e instanceof ManifestError);
      assert.equal(e.message, `x.yaml:4: YAML tag ${line} is not supported — Kubernetes manifests are plain data; remove the tag`);
      return true;
    });
  }
});

test('manifest loader: merge keys work as in kubectl\'s YAML decoder, and an alias bomb is a clear error', () => {
  const merged = loadManifests('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  annotations: &common {team: web}\n  labels:\n    <<: *common\n    tier: db\n', 'm.yaml');
  assert.deepEqual(merged[0].object.metadata.labels, { team: 'web', tier: 'db' });
  const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
  assert.throws(() => loadManifests(bomb, 'b.yaml'), /^ManifestError: b\.yaml:1: YAML error: Excessive alias count/);
});

test('no user text is evaluated as code: src/ contains no eval, new Function or vm module', () => {
  for (const f of SRC) {
    const text = readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(|new\s+Function\s*\(|from 'node:vm'|require\('(node:)?vm'\)/, f);
  }
});

test('no network: no module in src/ imports node:net, http, https, http2, dgram or tls', () => {
  for (const f of SRC) {
    const text = readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /(from |require\()['"](node:)?(net|http|https|http2|dgram|tls)['"]/, f);
  }
});

test('scenario paths: resolveInside keeps paths inside the project root and rejects ../ escapes and absolute paths outside it', () => {
  const base = join(PROJECT_DIR, 'features', 'fixtures');
  assert.equal(resolveInside(PROJECT_DIR, base, 'nodes.yaml'), join(base, 'nodes.yaml'));
  assert.equal(resolveInside(PROJECT_DIR, base, '../../test/fixtures/notes-manifests.yaml'), join(PROJECT_DIR, 'test', 'fixtures', 'notes-manifests.yaml'));
  for (const bad of ['../../../etc/passwd', '/etc/passwd', '../../..']) assert.throws(() => resolveInside(PROJECT_DIR, base, bad), UserError);
});

test('kubectl apply -f inside a scenario (root set): a path outside the project is refused before anything is read', () => {
  let reads = 0;
  const r = runKubectl(testCluster(), ['apply', '-f', '../../../../../../etc/passwd'], { cwd: join(PROJECT_DIR, 'features', 'fixtures'), root: PROJECT_DIR, readFile: () => { reads++; return ''; } });
  assert.equal(r.exitCode, 1);
  assert.equal(reads, 0);
  assert.match(r.stderr, /^error: the path "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" is outside the project directory /);
});
