import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, Pod } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { runKubectl } from './kubectl.ts';
import { labWithPods } from './testing.ts';

test('kubectl rollout restart: errors byte for byte as kubectl 1.33.1 printed them (read against a stub API server)', () => {
  const c = labWithPods();
  assert.deepEqual(runKubectl(c, 'rollout restart'), {
    stdout: '',
    stderr: 'error: required resource not specified\n',
    exitCode: 1,
  });
  assert.deepEqual(runKubectl(c, 'rollout restart pod/webserver'), {
    stdout: '',
    stderr: 'error: pods "webserver" restarting is not supported\n',
    exitCode: 1,
  });
  assert.deepEqual(runKubectl(c, 'rollout restart deployment/nope'), {
    stdout: '',
    stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    exitCode: 1,
  });
});

test('kubectl rollout restart: stamps restartedAt on the pod template, the deployment replaces its pods; again in the same second fails as kubectl does', () => {
  const c = createLabCluster();
  runKubectl(c, 'create deployment web --image=nginx --replicas=2');
  const before = c.store
    .list<Pod>('Pod', 'default')
    .map((p) => p.metadata.name)
    .sort();
  assert.deepEqual(runKubectl(c, 'rollout restart deployment web'), {
    stdout: 'deployment.apps/web restarted\n',
    stderr: '',
    exitCode: 0,
  });
  const stamp = c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.template.metadata!.annotations![
    'kubectl.kubernetes.io/restartedAt'
  ];
  assert.match(stamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  c.clock.advanceTo(c.clock.now() + 120_000);
  c.settle();
  const after = c.store
    .list<Pod>('Pod', 'default')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();
  assert.equal(after.length, 2);
  assert.ok(
    after.every((n) => !before.includes(n)),
    `${after} replaced ${before}`,
  );
  // Stamped this very second already: the patch is empty.
  const d = c.store.get<Deployment>('Deployment', 'default', 'web')!;
  d.spec.template.metadata!.annotations!['kubectl.kubernetes.io/restartedAt'] = new Date(c.clock.now())
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  c.store.update(d);
  assert.equal(
    runKubectl(c, 'rollout restart deployment web').stderr,
    'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
  );
});
