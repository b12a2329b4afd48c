import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k, testCluster } from './testing.ts';
import { wrap } from './explain.ts';

// kubectl 1.33's plaintext template (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl);
// outputs checked byte for byte against the real kubectl by test/differential (explain …).

test('explain of a field with an enum: FIELD line, ENUM one value a line, the description wrapped at 76 and indented 4', () => {
  const r = k(testCluster(), 'explain po.spec.containers.imagePullPolicy');
  assert.equal(r.exitCode, 0);
  assert.ok(
    r.stdout.startsWith(
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: imagePullPolicy <string>\nENUM:\n    Always\n    IfNotPresent\n    Never\n\nDESCRIPTION:\n    Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if\n',
    ),
    r.stdout,
  );
  assert.ok(r.stdout.endsWith("image. Container will fail if the image isn't present\n    \n\n"), r.stdout);
});

test('explain of a kind: GROUP for a named group, fields sorted with <type> and -required-', () => {
  const r = k(testCluster(), 'explain pc');
  assert.ok(
    r.stdout.startsWith('GROUP:      scheduling.k8s.io\nKIND:       PriorityClass\nVERSION:    v1\n\n'),
    r.stdout,
  );
  assert.match(r.stdout, /\n {2}value\t<integer> -required-\n/);
  assert.match(r.stdout, /\n {2}metadata\t<ObjectMeta>\n/);
});

test('explain --recursive lists nested fields two spaces deeper, without descriptions; short enums end in ", ...."', () => {
  const r = k(testCluster(), 'explain pod.spec --recursive');
  assert.match(r.stdout, /\n {2}containers\t<\[\]Container> -required-\n {4}args\t<\[\]string>\n/);
  assert.match(r.stdout, /\n {2}dnsPolicy\t<string>\n {2}enum: ClusterFirst, ClusterFirstWithHostNet, Default, None\n/);
});

test('a missing field: the header, then `error: field "<last element>" does not exist`', () => {
  const r = k(testCluster(), 'explain pod.spec.containers.nope.deeper');
  assert.deepEqual(r, {
    stdout: 'KIND:       Pod\nVERSION:    v1\n\n',
    stderr: 'error: field "deeper" does not exist\n',
    exitCode: 1,
  });
});

test("an unknown resource type is the RESTMapper's error, printed without error:", () => {
  assert.equal(k(testCluster(), 'explain foo').stderr, 'the server doesn\'t have a resource type "foo"\n');
  assert.equal(
    k(testCluster(), 'explain').stderr,
    'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
  );
});

test('go-wordwrap WrapString: breaks at the space before a word that would pass the limit; a longer word stays whole', () => {
  assert.equal(wrap(10, 'aaaa bbbb cccc'), 'aaaa bbbb\ncccc');
  assert.equal(wrap(5, 'abcdefgh ij'), 'abcdefgh\nij');
  assert.equal(wrap(10, 'a\n  b'), 'a\n  b');
});
