import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notFoundError, registryHas } from './images.ts';
import { normalizeImage } from '../api/imageref.ts';

test('containerd image names: bare names are docker.io/library with :latest; registries and digests are kept', () => {
  assert.equal(normalizeImage('nginx'), 'docker.io/library/nginx:latest');
  assert.equal(normalizeImage('nginx:1.14'), 'docker.io/library/nginx:1.14');
  assert.equal(normalizeImage('myorg/app'), 'docker.io/myorg/app:latest');
  assert.equal(normalizeImage('registry.example.com:5000/team/app:v2'), 'registry.example.com:5000/team/app:v2');
});

test('image pull model: an unknown Docker Hub official image (a typo such as nginxx) does not exist; org and private-registry images are assumed to exist', () => {
  assert.equal(registryHas('nginx:1.14'), true);
  assert.equal(registryHas('nginxx'), false);
  assert.equal(registryHas('docker.io/library/nginxx:1.0'), false);
  assert.equal(registryHas('myorg/payments-api:3.2.1'), true);
  assert.equal(registryHas('europe-docker.pkg.dev/acme/prod/payments-api:3.2.1'), true);
});

test('image pull error text: containerd\'s not-found error reaches the kubelet without the gRPC "rpc error: code = Unknown desc = " wrapper (stripped since 1.28)', () => {
  assert.equal(
    notFoundError('nginxx'),
    'failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
  );
});
