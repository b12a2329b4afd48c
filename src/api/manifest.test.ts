import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifestFile, loadManifests, ManifestError, parseFieldPath } from './manifest.ts';

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
  const entries = loadManifests(`---\n${POD}---\n# only a comment\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n`, 'all.yaml');
  assert.deepEqual(entries.map((e) => [e.object.kind, e.object.metadata.name, e.file, e.line]), [['Pod', 'web', 'all.yaml', 2], ['Namespace', 'team-a', 'all.yaml', 13]]);
});

test('manifest loader: plain documents are read once (js-yaml); the yaml library parses the text only when a line is asked for', (t) => {
  const yamlLib = require('yaml') as typeof import('yaml');
  const parses = t.mock.method(yamlLib, 'parseAllDocuments');
  const entries = loadManifests(`${POD}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n`, 'all.yaml');
  assert.deepEqual(entries.map((e) => e.object.metadata.name), ['web', 'team-a']);
  assert.equal(parses.mock.callCount(), 0);
  assert.deepEqual(entries.map((e) => e.line), [1, 10]);
  assert.equal(entries[0].lineOf('spec.containers[0].image'), 8);
  assert.equal(parses.mock.callCount(), 1, 'one parse gives the lines of every entry');
});

test('manifest loader: text the fast path leaves to the yaml library (anchors, merge keys) reads the same', (t) => {
  const yamlLib = require('yaml') as typeof import('yaml');
  const parses = t.mock.method(yamlLib, 'parseAllDocuments');
  const [e] = loadManifests('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  annotations: &common {team: web}\n  labels:\n    <<: *common\n', 'm.yaml');
  assert.deepEqual(e.object.metadata.labels, { team: 'web' });
  assert.equal(parses.mock.callCount(), 1);
});

test('manifest loader: kind List is expanded into its items, each with its own line', () => {
  const entries = loadManifests('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: b}\n', 'l.yaml');
  assert.deepEqual(entries.map((e) => [e.object.metadata.name, e.line]), [['a', 4], ['b', 7]]);
});

test('manifest loader: the YAML 1.2 core schema keeps yes/no as strings (no YAML 1.1 booleans)', () => {
  const [e] = loadManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {enabled: yes}\nspec:\n  containers: [{name: web, image: nginx}]\n', 'y.yaml');
  assert.equal(e.object.metadata.labels!.enabled, 'yes');
});

test('manifest loader: a YAML syntax error in any document rejects the whole file with its line', () => {
  assert.equal(errorOf(`${POD}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [a, b\nspec: {}\n`), 'f.yaml:14: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]');
  assert.match(errorOf('apiVersion: v1\nkind: Pod\nkind: Pod\n'), /^f\.yaml:3: YAML syntax error: Map keys must be unique/);
});

test('manifest loader: a document that is not a mapping, or lacks apiVersion/kind, is rejected', () => {
  assert.equal(errorOf('- a\n- b\n'), 'f.yaml:1: expected a Kubernetes object (a mapping with apiVersion and kind), found a sequence');
  assert.equal(errorOf('kind: Pod\nmetadata: {name: x}\n'), 'f.yaml:1: apiVersion not set — every object needs apiVersion and kind (e.g. apiVersion: v1, kind: Pod)');
  assert.equal(errorOf('apiVersion: v1\nmetadata: {name: x}\n'), 'f.yaml:1: kind not set — every object needs apiVersion and kind (e.g. apiVersion: v1, kind: Pod)');
});

test('manifest loader: an unknown kind, or a kind in the wrong version, reads like kubectl\'s "no matches for kind"', () => {
  assert.match(errorOf('apiVersion: v1\nkind: Foo\nmetadata: {name: x}\n'), /^f\.yaml:2: no matches for kind "Foo" in version "v1" — the simulated API server serves Pod, Node, /);
  assert.equal(errorOf('apiVersion: v1\nkind: Deployment\nmetadata: {name: x}\n'), 'f.yaml:2: no matches for kind "Deployment" in version "v1" — Deployment is served as apiVersion: apps/v1');
});

test('manifest loader (strict decoding): an unknown field is rejected at its line with the API server\'s text', () => {
  assert.equal(errorOf(`${POD}    imagePullPolcy: Always\n`), 'f.yaml:9: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"');
  assert.equal(
    errorOf('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata:\n      labels: {app: x}\n      spec:\n        containers: [{name: x, image: nginx}]\n'),
    'f.yaml:10: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.metadata.spec"',
  );
});

test('manifest loader (strict decoding): several unknown fields are listed in JSON (sorted key) order', () => {
  assert.equal(errorOf('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  zz: 1\nspex: {}\n'), 'f.yaml:5: Namespace in version "v1" cannot be handled as a Namespace: strict decoding error: unknown field "metadata.zz", unknown field "spex"');
});

test('manifest loader (decoding): a value of the wrong type fails like Go\'s json decoder', () => {
  assert.equal(errorOf(`${POD}    ports:\n    - containerPort: eighty\n`), 'f.yaml:10: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
  assert.equal(errorOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    version: 1.0\nspec:\n  containers: [{name: web, image: nginx}]\n'), 'f.yaml:6: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
  assert.equal(errorOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 1.5\n'), 'f.yaml:5: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.equal(errorOf('apiVersion: v1\nkind: Node\nmetadata: {name: w1}\nspec:\n  unschedulable: "yes"\n'), 'f.yaml:5: Node in version "v1" cannot be handled as a Node: json: cannot unmarshal string into Go struct field NodeSpec.spec.unschedulable of type bool');
});

test('manifest loader (decoding): a malformed quantity fails with resource.Quantity\'s message', () => {
  assert.equal(errorOf(`${POD}    resources:\n      requests:\n        cpu: lots\n`), "f.yaml:11: Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
});

test('manifest loader: lineOf maps an API field path to the line of the offending field', () => {
  const [e] = loadManifests(`${POD}    resources:\n      limits: {cpu: "1"}\n      requests:\n        cpu: "2"\n`, 'r.yaml');
  assert.equal(e.lineOf('spec.containers[0].resources.requests'), 11);
  assert.equal(e.lineOf('spec.containers[0].resources.requests[cpu]'), 12);
  assert.equal(e.lineOf('spec.containers[0].image'), 8);
  assert.equal(e.lineOf('spec.containers[0].ports[0].containerPort'), 7, 'a missing field points at its nearest existing parent');
  assert.equal(e.lineOf('metadata.name'), 4);
  assert.deepEqual(parseFieldPath('metadata.labels[kubernetes.io/hostname]'), ['metadata', 'labels', 'kubernetes.io/hostname']);
});

test('manifest loader: loadManifestFile reports a missing file as kubectl does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  assert.throws(() => loadManifestFile(join(dir, 'x.yaml')), { message: `the path "${join(dir, 'x.yaml')}" does not exist` });
  writeFileSync(join(dir, 'pod.yaml'), POD);
  assert.equal(loadManifestFile(join(dir, 'pod.yaml'))[0].object.metadata.name, 'web');
});
