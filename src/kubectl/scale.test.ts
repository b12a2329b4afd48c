import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../api/types.ts';
import { k, testCluster } from './testing.ts';

test('kubectl scale deployment/web --replicas=N: spec.replicas set, `deployment.apps/web scaled`', () => {
  const c = testCluster();
  c.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'n', image: 'nginx' }] } } } });
  assert.deepEqual(k(c, 'scale deployment/web --replicas=4'), { stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 });
  assert.equal(c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.replicas, 4);
  assert.equal(k(c, 'scale deployment web --replicas=2').stdout, 'deployment.apps/web scaled\n');
});

test('kubectl scale: --replicas is required; a missing deployment is NotFound', () => {
  const c = testCluster();
  assert.equal(k(c, 'scale deployment/web').stderr, 'error: required flag(s) "replicas" not set\n');
  assert.equal(k(c, 'scale deployment/web --replicas=3').stderr, 'Error from server (NotFound): deployments.apps "web" not found\n');
});
