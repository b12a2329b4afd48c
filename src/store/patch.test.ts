import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch.ts';

test('JSON merge patch (RFC 7386): objects merge, null deletes, lists are replaced', () => {
  const pod = {
    metadata: { labels: { a: '1', b: '2' } },
    spec: {
      containers: [
        { name: 'a', image: 'x' },
        { name: 'b', image: 'y' },
      ],
    },
  };
  const out = mergePatch(pod, {
    metadata: { labels: { a: null, c: '3' } },
    spec: { containers: [{ name: 'b', image: 'z' }] },
  });
  assert.deepEqual(out, {
    metadata: { labels: { b: '2', c: '3' } },
    spec: { containers: [{ name: 'b', image: 'z' }] },
  });
  assert.deepEqual(pod.metadata.labels, { a: '1', b: '2' }, 'the target is not changed');
});

test('strategic merge patch: containers, env and volumes merge by name, ports by containerPort (core/v1 patchMergeKey)', () => {
  const spec = {
    containers: [
      { name: 'a', image: 'x', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] },
      { name: 'b', image: 'y' },
    ],
    volumes: [{ name: 'v1', emptyDir: {} }],
    tolerations: [{ key: 'k1', operator: 'Exists' }],
  };
  const out = strategicMergePatch(spec, {
    containers: [{ name: 'a', image: 'x2', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 81 }] }],
    volumes: [{ name: 'v2', emptyDir: {} }],
    tolerations: [{ key: 'k2', operator: 'Exists' }],
  });
  assert.deepEqual(out, {
    containers: [
      {
        name: 'a',
        image: 'x2',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80 }, { containerPort: 81 }],
      },
      { name: 'b', image: 'y' },
    ],
    volumes: [
      { name: 'v1', emptyDir: {} },
      { name: 'v2', emptyDir: {} },
    ],
    tolerations: [{ key: 'k2', operator: 'Exists' }], // no patchStrategy: replaced
  });
});

test('strategic merge patch directives: $patch delete removes a list item, $patch replace a map; $setElementOrder is dropped; finalizers merge as a set', () => {
  const obj = {
    metadata: { finalizers: ['a'], labels: { x: '1', y: '2' } },
    spec: { containers: [{ name: 'a' }, { name: 'b' }] },
  };
  const out = strategicMergePatch(obj, {
    metadata: { finalizers: ['b'], labels: { $patch: 'replace', z: '3' } },
    spec: { containers: [{ name: 'a', $patch: 'delete' }], '$setElementOrder/containers': [{ name: 'b' }] },
  });
  assert.deepEqual(out, {
    metadata: { finalizers: ['a', 'b'], labels: { z: '3' } },
    spec: { containers: [{ name: 'b' }] },
  });
});

test('JSON patch (RFC 6902): add, remove, replace, move, copy, test; a failed test or a missing path is BadRequest', () => {
  const doc = { spec: { replicas: 1, list: ['a', 'b'] }, metadata: { name: 'x' } };
  const out = jsonPatch(doc, [
    { op: 'replace', path: '/spec/replicas', value: 3 },
    { op: 'add', path: '/spec/list/-', value: 'c' },
    { op: 'add', path: '/spec/list/0', value: 'z' },
    { op: 'remove', path: '/spec/list/1' },
    { op: 'copy', from: '/metadata/name', path: '/metadata/generateName' },
    { op: 'move', from: '/spec/list', path: '/spec/items' },
    { op: 'add', path: '/metadata/labels', value: { 'a~b/c': '1' } },
    { op: 'test', path: '/metadata/labels/a~0b~1c', value: '1' },
  ]);
  assert.deepEqual(out, {
    spec: { replicas: 3, items: ['z', 'b', 'c'] },
    metadata: { name: 'x', generateName: 'x', labels: { 'a~b/c': '1' } },
  });
  assert.throws(() => jsonPatch(doc, [{ op: 'test', path: '/spec/replicas', value: 2 }]), {
    reason: 'BadRequest',
  } as object);
  assert.throws(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/nope/x' }]), { reason: 'BadRequest' } as object);
});
