import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkNesting,
  loadManifestFile,
  loadManifests,
  ManifestError,
  MAX_NESTING,
  parseFieldPath,
} from './manifest.ts';

function errorOf(text: string, file = 'f.yaml'): string {
  try {
    loadManifests(text, file);
  } catch (e) {
    assert.ok(e instanceof ManifestError || e instanceof Error);
    return (e as Error).message;
  }
  return '(accepted)';
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
`;

test('manifest loader: multi-document YAML gives each object with its file and first line; empty documents are skipped', () => {
  const entries = loadManifests(
    `---\n${POD}---\n# only a comment\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n`,
    'all.yaml',
  );
  assert.deepEqual(
    entries.map((e) => [e.object.kind, e.object.metadata.name, e.file, e.line]),
    [
      ['Pod', 'web', 'all.yaml', 2],
      ['Namespace', 'team-a', 'all.yaml', 13],
    ],
  );
});

test('manifest loader: plain documents are read once (js-yaml); the yaml library parses a document only when one of its lines is asked for', (t) => {
  const yamlLib = require('yaml') as typeof import('yaml');
  const parses = t.mock.method(yamlLib, 'parseAllDocuments');
  const entries = loadManifests(`${POD}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n`, 'all.yaml');
  assert.deepEqual(
    entries.map((e) => e.object.metadata.name),
    ['web', 'team-a'],
  );
  assert.equal(parses.mock.callCount(), 0);
  assert.equal(entries[1].lineOf('metadata.name'), 13);
  assert.equal(parses.mock.callCount(), 1, 'only the second document was parsed');
  assert.deepEqual(
    entries.map((e) => e.line),
    [1, 10],
  );
  assert.equal(entries[0].lineOf('spec.containers[0].image'), 8);
  assert.equal(parses.mock.callCount(), 2, 'each document is parsed once');
});

test("manifest loader: the line of a field in the last of 3,000 documents (a List among them) costs one document's parse", (t) => {
  const yamlLib = require('yaml') as typeof import('yaml');
  const pods = Array.from({ length: 3000 }, (_, i) => POD.replace('name: web', `name: p${i}`));
  const list =
    '# kubectl get namespaces -o yaml\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: b}\n';
  const text = [list, ...pods].join('---\n');
  const entries = loadManifests(text, 'many.yaml');
  const parses = t.mock.method(yamlLib, 'parseAllDocuments');
  const last = entries[entries.length - 1];
  const expected = text.split('\n').lastIndexOf('    image: nginx') + 1;
  assert.equal(last.lineOf('spec.containers[0].image'), expected);
  assert.equal(parses.mock.callCount(), 1);
  assert.deepEqual([entries[1].line, entries[2].line], [8, 12]);
});

test('manifest loader: text the fast path leaves to the yaml library (anchors, merge keys) reads the same', (t) => {
  const yamlLib = require('yaml') as typeof import('yaml');
  const parses = t.mock.method(yamlLib, 'parseAllDocuments');
  const [e] = loadManifests(
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  annotations: &common {team: web}\n  labels:\n    <<: *common\n',
    'm.yaml',
  );
  assert.deepEqual(e.object.metadata.labels, { team: 'web' });
  assert.equal(parses.mock.callCount(), 1);
});

test('manifest loader: kind List is expanded into its items, each with its own line', () => {
  const entries = loadManifests(
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: b}\n',
    'l.yaml',
  );
  assert.deepEqual(
    entries.map((e) => [e.object.metadata.name, e.line]),
    [
      ['a', 4],
      ['b', 7],
    ],
  );
});

test('manifest loader: the YAML 1.2 core schema keeps yes/no as strings (no YAML 1.1 booleans)', () => {
  const [e] = loadManifests(
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {enabled: yes}\nspec:\n  containers: [{name: web, image: nginx}]\n',
    'y.yaml',
  );
  assert.equal(e.object.metadata.labels!.enabled, 'yes');
});

test('manifest loader: a YAML syntax error in any document rejects the whole file with its line', () => {
  assert.equal(
    errorOf(`${POD}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [a, b\nspec: {}\n`),
    'f.yaml:14: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
  );
  assert.equal(
    errorOf('apiVersion: v1\nkind: Pod\nkind: Pod\n'),
    'f.yaml:3: YAML syntax error: mapping key "kind" already defined at line 2',
  );
});

test('manifest loader: a document that is not a mapping, or lacks apiVersion/kind, is rejected', () => {
  assert.equal(
    errorOf('- a\n- b\n'),
    'f.yaml:1: expected a Kubernetes object (a mapping with apiVersion and kind), found a sequence',
  );
  assert.equal(
    errorOf('kind: Pod\nmetadata: {name: x}\n'),
    'f.yaml:1: apiVersion not set — every object needs apiVersion and kind (e.g. apiVersion: v1, kind: Pod)',
  );
  assert.equal(
    errorOf('apiVersion: v1\nmetadata: {name: x}\n'),
    'f.yaml:1: kind not set — every object needs apiVersion and kind (e.g. apiVersion: v1, kind: Pod)',
  );
});

test('manifest loader: an unknown kind, or a kind in the wrong version, reads like kubectl\'s "no matches for kind"', () => {
  assert.match(
    errorOf('apiVersion: v1\nkind: Foo\nmetadata: {name: x}\n'),
    /^f\.yaml:2: no matches for kind "Foo" in version "v1" — the simulated API server serves Pod, Node, /,
  );
  assert.equal(
    errorOf('apiVersion: v1\nkind: Deployment\nmetadata: {name: x}\n'),
    'f.yaml:2: no matches for kind "Deployment" in version "v1" — Deployment is served as apiVersion: apps/v1',
  );
});

test("manifest loader (strict decoding): an unknown field is rejected at its line with the API server's text", () => {
  assert.equal(
    errorOf(`${POD}    imagePullPolcy: Always\n`),
    'f.yaml:9: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"',
  );
  assert.equal(
    errorOf(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata:\n      labels: {app: x}\n      spec:\n        containers: [{name: x, image: nginx}]\n',
    ),
    'f.yaml:10: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.metadata.spec"',
  );
});

test('manifest loader (strict decoding): several unknown fields are listed in JSON (sorted key) order', () => {
  assert.equal(
    errorOf('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  zz: 1\nspex: {}\n'),
    'f.yaml:5: Namespace in version "v1" cannot be handled as a Namespace: strict decoding error: unknown field "metadata.zz", unknown field "spex"',
  );
});

test("manifest loader (decoding): a value of the wrong type fails like Go's json decoder", () => {
  assert.equal(
    errorOf(`${POD}    ports:\n    - containerPort: eighty\n`),
    'f.yaml:10: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
  );
  assert.equal(
    errorOf(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    version: 1.0\nspec:\n  containers: [{name: web, image: nginx}]\n',
    ),
    'f.yaml:6: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
  );
  assert.equal(
    errorOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 1.5\n'),
    'f.yaml:5: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
  );
  assert.equal(
    errorOf('apiVersion: v1\nkind: Node\nmetadata: {name: w1}\nspec:\n  unschedulable: "yes"\n'),
    'f.yaml:5: Node in version "v1" cannot be handled as a Node: json: cannot unmarshal string into Go struct field NodeSpec.spec.unschedulable of type bool',
  );
});

test("manifest loader (decoding): a malformed quantity fails with resource.Quantity's message", () => {
  assert.equal(
    errorOf(`${POD}    resources:\n      requests:\n        cpu: lots\n`),
    'f.yaml:11: Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
  );
});

test('manifest loader: lineOf maps an API field path to the line of the offending field', () => {
  const [e] = loadManifests(
    `${POD}    resources:\n      limits: {cpu: "1"}\n      requests:\n        cpu: "2"\n`,
    'r.yaml',
  );
  assert.equal(e.lineOf('spec.containers[0].resources.requests'), 11);
  assert.equal(e.lineOf('spec.containers[0].resources.requests[cpu]'), 12);
  assert.equal(e.lineOf('spec.containers[0].image'), 8);
  assert.equal(
    e.lineOf('spec.containers[0].ports[0].containerPort'),
    7,
    'a missing field points at its nearest existing parent',
  );
  assert.equal(e.lineOf('metadata.name'), 4);
  assert.deepEqual(parseFieldPath('metadata.labels[kubernetes.io/hostname]'), [
    'metadata',
    'labels',
    'kubernetes.io/hostname',
  ]);
});

test('manifest loader: loadManifestFile reports a missing file as kubectl does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  assert.throws(() => loadManifestFile(join(dir, 'x.yaml')), {
    message: `the path "${join(dir, 'x.yaml')}" does not exist`,
  });
  writeFileSync(join(dir, 'pod.yaml'), POD);
  assert.equal(loadManifestFile(join(dir, 'pod.yaml'))[0].object.metadata.name, 'web');
});

test('manifest loader: nesting deeper than MAX_NESTING is refused at its line before any parse (the parsers would overflow the stack)', () => {
  const deep = (levels: number) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} v\n`;
  assert.throws(() => loadManifests(deep(1000), 'deep.yaml'), {
    name: 'ManifestError',
    message: `deep.yaml:${5 + MAX_NESTING}: YAML error: nested deeper than ${MAX_NESTING} levels — no Kubernetes object nests that deep; check the indentation and the brackets`,
  });
  assert.throws(() => loadManifests(`- - - ${'- '.repeat(MAX_NESTING)}x\n`, 'seq.yaml'), {
    message: /^seq\.yaml:1: YAML error: nested deeper than/,
  });
  assert.doesNotThrow(() => checkNesting(deep(MAX_NESTING - 1), 'ok.yaml'));
  // A block scalar is text: its brackets and indentation are not nesting.
  const script = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata:\n  run.sh: |\n    ${'['.repeat(500)}\n${Array.from({ length: 300 }, (_, i) => `    ${' '.repeat(i)}x`).join('\n')}\n  other: "{[ not ]} nesting"\n`;
  assert.equal(loadManifests(script, 'script.yaml')[0].object.metadata.name, 's');
});

test('manifest loader: a duplicate key names the key and its first line; an unknown alias is reported at its own line', () => {
  assert.throws(
    () =>
      loadManifests(
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: x\n    tier: y\n    app: z\n',
        'dup.yaml',
      ),
    { message: 'dup.yaml:8: YAML syntax error: mapping key "app" already defined at line 6' },
  );
  assert.throws(
    () =>
      loadManifests(
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  labels: *common\n',
        'alias.yaml',
      ),
    { message: 'alias.yaml:10: YAML error: Unresolved alias (the anchor must be set before the alias): common' },
  );
});

test('manifest loader: no manifest of the project nests too deep for checkNesting', () => {
  const root = join(__dirname, '..', '..');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory()
        ? walk(join(dir, d.name))
        : /\.(ya?ml|json)$/.test(d.name) && !d.name.includes('too-deep')
          ? [join(dir, d.name)]
          : [],
    );
  const files = [
    ...walk(join(root, 'features')),
    ...walk(join(root, 'test', 'fixtures')),
    ...walk(join(root, 'test', 'corpus')),
    ...walk(join(root, 'templates')),
  ];
  assert.ok(files.length > 100, `${files.length} files`);
  for (const f of files) assert.doesNotThrow(() => checkNesting(readFileSync(f, 'utf8'), f), f);
});
