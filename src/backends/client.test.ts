import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourcePath } from './client.ts';

test('REST paths of the core and named groups, namespaced and cluster-scoped (k8s.io/apiserver installer.go layout)', () => {
  assert.equal(resourcePath('Pod', 'ks-a', 'web'), '/api/v1/namespaces/ks-a/pods/web');
  assert.equal(resourcePath('Node', 'ignored', 'w1'), '/api/v1/nodes/w1');
  assert.equal(resourcePath('Deployment', 'ks-a'), '/apis/apps/v1/namespaces/ks-a/deployments');
  assert.equal(resourcePath('PriorityClass'), '/apis/scheduling.k8s.io/v1/priorityclasses');
  assert.equal(
    resourcePath('Event', 'ks-a', undefined, { fieldSelector: 'involvedObject.name=web' }),
    '/api/v1/namespaces/ks-a/events?fieldSelector=involvedObject.name%3Dweb',
  );
  assert.throws(() => resourcePath('Ingress'), /no API path known for kind Ingress/);
});
