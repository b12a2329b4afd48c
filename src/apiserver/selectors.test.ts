import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/types.ts';
import { listFilter } from './selectors.ts';

const pod = (name: string, node: string, phase: string, labels: Record<string, string> = {}) =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: node },
    status: { phase },
  }) as unknown as KubeObject;

test('field selectors: the fields pods support (spec.nodeName, status.phase), =, == and !=, terms ANDed (describe node lists its pods so)', () => {
  const pods = [pod('a', 'n1', 'Running'), pod('b', 'n1', 'Succeeded'), pod('c', 'n2', 'Running')];
  const f = listFilter('Pod', null, 'spec.nodeName=n1,status.phase!=Succeeded,status.phase!=Failed')!;
  assert.deepEqual(
    pods.filter(f).map((p) => p.metadata.name),
    ['a'],
  );
  assert.deepEqual(
    pods.filter(listFilter('Pod', null, 'metadata.name==c')!).map((p) => p.metadata.name),
    ['c'],
  );
});

test('an unsupported field is BadRequest "field label not supported" (the registries reject it)', () => {
  assert.throws(() => listFilter('Pod', null, 'spec.nope=x'), {
    reason: 'BadRequest',
    message: 'field label not supported: spec.nope',
  } as object);
  assert.throws(() => listFilter('Node', null, 'status.phase=x'), {
    message: 'field label not supported: status.phase',
  } as object);
});

test('label selectors filter with labels.Parse semantics; a malformed one is BadRequest', () => {
  const pods = [
    pod('a', 'n', 'Running', { app: 'web' }),
    pod('b', 'n', 'Running', { app: 'db' }),
    pod('c', 'n', 'Running'),
  ];
  assert.deepEqual(
    pods.filter(listFilter('Pod', 'app in (web,db)', null)!).map((p) => p.metadata.name),
    ['a', 'b'],
  );
  assert.deepEqual(
    pods.filter(listFilter('Pod', '!app', null)!).map((p) => p.metadata.name),
    ['c'],
  );
  assert.throws(() => listFilter('Pod', 'a in (b', null), { reason: 'BadRequest' } as object);
  assert.equal(listFilter('Pod', null, null), undefined);
});
