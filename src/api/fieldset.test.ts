import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, fieldsV1Of, pathSetOf, SEP } from './fieldset.ts';
import { kindInfo } from './kinds.ts';

const POD = kindInfo('Pod')!;
const dotted = (paths: string[]) => paths.map((p) => p.split(SEP).join('.')).sort();

test('fieldset: a node absent before is added with its children; one present (even null) is not (typed/compare.go)', () => {
  const c = compare(
    POD,
    { metadata: {}, spec: { containers: null } },
    { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
  );
  assert.deepEqual(dotted(c.added), [
    'f:metadata.f:labels',
    'f:metadata.f:labels.f:a',
    'f:spec.f:containers.k:{"name":"c"}',
    'f:spec.f:containers.k:{"name":"c"}.f:image',
    'f:spec.f:containers.k:{"name":"c"}.f:name',
  ]);
  assert.deepEqual([...c.modified, ...c.removed], []);
});

test('fieldset: an atomic list and a map empty on both sides are one leaf (x-kubernetes-list-type: atomic, emptyPromoteToLeaf)', () => {
  const c = compare(
    POD,
    { spec: { tolerations: [{ key: 'a' }] } },
    { spec: { tolerations: [{ key: 'b' }], securityContext: {} } },
  );
  assert.deepEqual(dotted(c.modified), ['f:spec.f:tolerations']);
  assert.deepEqual(dotted(c.added), ['f:spec.f:securityContext']);
});

test('fieldset: an item of a keyed list whose type is an atomic map is one leaf (imagePullSecrets: LocalObjectReference)', () => {
  const c = compare(POD, { spec: {} }, { spec: { imagePullSecrets: [{ name: 'reg' }] } });
  assert.deepEqual(dotted(c.added), ['f:spec.f:imagePullSecrets', 'f:spec.f:imagePullSecrets.k:{"name":"reg"}']);
});

test('fieldset: a set list names its members by value; a changed scalar is modified, a dropped one removed', () => {
  const c = compare(
    POD,
    { metadata: { finalizers: ['a'], labels: { x: '1', y: '2' } } },
    { metadata: { finalizers: ['a', 'b'], labels: { x: '3' } } },
  );
  assert.deepEqual(dotted(c.added), ['f:metadata.f:finalizers.v:"b"']);
  assert.deepEqual(dotted(c.modified), ['f:metadata.f:labels.f:x']);
  assert.deepEqual(dotted(c.removed), ['f:metadata.f:labels.f:y']);
});

test('fieldset: FieldsV1 marks a member with children by `.`, keys in byte order, and reads back to the same paths', () => {
  const paths = ['f:spec', 'f:spec\u0001f:b', 'f:spec\u0001f:a', 'f:metadata\u0001f:labels\u0001f:x'].map((p) =>
    p.replaceAll('\u0001', SEP),
  );
  const v1 = fieldsV1Of(paths);
  assert.equal(JSON.stringify(v1), '{"f:metadata":{"f:labels":{"f:x":{}}},"f:spec":{".":{},"f:a":{},"f:b":{}}}');
  assert.deepEqual([...pathSetOf(v1)].sort(), [...paths].sort());
});
