import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, KubeObject } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { k, testCluster } from './testing.ts';

test('kubectl scale deployment/web --replicas=N: spec.replicas set, `deployment.apps/web scaled`', () => {
  const c = testCluster();
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'n', image: 'nginx' }] } },
    },
  });
  assert.deepEqual(k(c, 'scale deployment/web --replicas=4'), {
    stdout: 'deployment.apps/web scaled\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.replicas, 4);
  assert.equal(k(c, 'scale deployment web --replicas=2').stdout, 'deployment.apps/web scaled\n');
});

test('kubectl scale: --replicas is required; nothing found is "no objects passed to scale" with the errors (pkg/cmd/scale/scale.go)', () => {
  const c = testCluster();
  assert.equal(k(c, 'scale deployment/web').stderr, 'error: required flag(s) "replicas" not set\n');
  assert.equal(
    k(c, 'scale deployment/web --replicas=3').stderr,
    'error: no objects passed to scale deployments.apps "web" not found\n',
  );
  assert.equal(
    k(c, 'scale deployment web other --replicas=3').stderr,
    'error: no objects passed to scale [deployments.apps "web" not found, deployments.apps "other" not found]\n',
  );
});

test('kubectl scale beyond int32: the API server cannot decode the patched Scale and says so on the `patch` field; nothing changes', () => {
  const c = createLabCluster();
  k(c, 'apply -f web.yaml', {
    readFile: () =>
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n',
  });
  const d = c.store.get<KubeObject>('Deployment', 'default', 'web')!;
  const r = k(c, 'scale deployment web --replicas=2147483648');
  const json = `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"default","uid":"${d.metadata.uid}","resourceVersion":"${d.metadata.resourceVersion}","creationTimestamp":"${d.metadata.creationTimestamp}"},"spec":{"replicas":2147483648},"status":{"replicas":1,"selector":"app=web"}}`;
  assert.equal(
    r.stderr,
    `The request is invalid: patch: Invalid value: ${JSON.stringify(json)}: json: cannot unmarshal number 2147483648 into Go struct field ScaleSpec.spec.replicas of type int32\n`,
  );
  assert.equal(r.exitCode, 1);
  assert.equal(
    c.store.get<KubeObject & { spec: { replicas: number } }>('Deployment', 'default', 'web')!.spec.replicas,
    1,
  );
});
