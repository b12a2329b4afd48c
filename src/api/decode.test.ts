import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeObject, validatorFor } from './decode.ts';
import { KINDS, kindInfo } from './kinds.ts';
import type { KubeObject } from './types.ts';

const pod = (extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...extra } }) as unknown as KubeObject;

test('strict decoding (fieldValidation=Strict): unknown fields are found the same way for the first object of a shape and for later ones, in JSON order', () => {
  const info = kindInfo('Pod')!;
  assert.equal(decodeObject(pod(), info), undefined);
  for (let i = 0; i < 2; i++) {
    const err = decodeObject(pod({ zeta: 1, nodeSelector: { any: 'x' } }, { imagePullPolcy: 'Always', resources: { limits: { cpu: '1' }, lim: 1 } }), info);
    assert.deepEqual(err, {
      message: 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy", unknown field "spec.containers[0].resources.lim", unknown field "spec.zeta"',
      path: ['spec', 'containers', 0, 'imagePullPolcy'],
    });
  }
});

test('strict decoding (fieldValidation=Strict): unknown fields are listed in JSON order whatever order the manifest writes them in', () => {
  const info = kindInfo('Pod')!;
  const reversed = (): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { zeta: 1, containers: [{ resources: { lim: 1, limits: { cpu: '1' } }, imagePullPolcy: 'Always', image: 'nginx', name: 'c' }] },
  }) as unknown as KubeObject;
  decodeObject(pod(), info); // the shapes are known: later objects are checked without a Proxy
  for (let i = 0; i < 2; i++) {
    assert.equal(decodeObject(reversed(), info)?.message,
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy", unknown field "spec.containers[0].resources.lim", unknown field "spec.zeta"');
  }
});

test('strict decoding (fieldValidation=Strict): an object shared by two fields (a YAML alias) is checked at both places', () => {
  const info = kindInfo('Pod')!;
  const shared = { limits: { cpu: '1' }, lim: 1 };
  const obj = pod({}, { resources: shared }) as unknown as { spec: { containers: unknown[] } };
  obj.spec.containers.push({ name: 'd', image: 'nginx', resources: shared });
  assert.equal(decodeObject(obj as unknown as KubeObject, info)!.message,
    'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].resources.lim", unknown field "spec.containers[1].resources.lim"');
});

test('strict decoding: every kind the API server serves has its kubernetes-models validator', () => {
  for (const info of KINDS) assert.equal(typeof validatorFor(info), 'function', info.kind);
});
