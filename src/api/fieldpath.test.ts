import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFieldPathAsString, FieldPathError } from './fieldpath.ts';
import type { Pod } from './types.ts';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u-1',
    labels: { tier: 'db', app: 'web' },
    annotations: { 'a.io/x': 'y "q"' },
  },
  spec: { nodeName: 'n1', containers: [] },
};

test('field paths (pkg/fieldpath ExtractFieldPathAsString): metadata name, namespace and uid as stored; labels and annotations as sorted key="value" lines or one subscripted key', () => {
  const cases: [string, string][] = [
    ['metadata.name', 'web'],
    ['metadata.namespace', 'shop'],
    ['metadata.uid', 'u-1'],
    ['metadata.labels', 'app="web"\ntier="db"'],
    ['metadata.annotations', 'a.io/x="y \\"q\\""'],
    ["metadata.labels['tier']", 'db'],
    ["metadata.labels['none']", ''],
    ["metadata.annotations['a.io/x']", 'y "q"'],
  ];
  for (const [path, want] of cases) assert.equal(extractFieldPathAsString(pod, path), want, path);
});

test('field paths: spec.* and status.* are not metadata (the kubelet answers some itself; kubectl describe shows them empty); bad subscripts are errors', () => {
  assert.throws(
    () => extractFieldPathAsString(pod, 'spec.nodeName'),
    new FieldPathError('unsupported fieldPath: spec.nodeName'),
  );
  assert.throws(
    () => extractFieldPathAsString(pod, "spec.nodeName['x']"),
    new FieldPathError('fieldPath "spec.nodeName[\'x\']" does not support subscript'),
  );
  assert.throws(() => extractFieldPathAsString(pod, "metadata.labels['a b']"), FieldPathError);
});
