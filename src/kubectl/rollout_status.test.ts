import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLabCluster } from '../cluster/lab.ts';
import { k } from './testing.ts';

// The status viewers of polymorphichelpers/rollout_status.go, word for word; with --watch the
// virtual clock runs until the rollout is done.

const SLOW = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
        readinessProbe:
          httpGet: {path: /, port: 80}
          initialDelaySeconds: 60
`;

test('kubectl rollout status: follows a rollout on the virtual clock, one status line per write of the Deployment, until it is done', () => {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: SLOW('nginx:1.25') });
  const r = k(c, 'rollout status deploy/web');
  assert.equal(r.exitCode, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...');
  assert.equal(lines.at(-1), 'deployment "web" successfully rolled out');
  // done: a second call prints the final line only; -w=false prints the current state once
  assert.equal(k(c, 'rollout status deployment web').stdout, 'deployment "web" successfully rolled out\n');
  k(c, 'set image deploy/web nginx=nginx:1.26');
  const once = k(c, 'rollout status deploy/web -w=false');
  assert.equal(once.exitCode, 0);
  assert.match(once.stdout, /^Waiting for deployment "web" rollout to finish: .*\n$/);
});

test('kubectl rollout status --timeout: the clock stops at the deadline; --revision must match the running one', () => {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: SLOW('nginx:1.25') });
  const before = c.clock.now();
  const r = k(c, 'rollout status deploy/web --timeout=5s');
  assert.equal(r.stderr, 'error: timed out waiting for the condition\n');
  assert.equal(c.clock.now() - before, 5000);
  assert.equal(
    k(c, 'rollout status deploy/web --revision=2').stderr,
    'error: desired revision (2) is different from the running revision (1)\n',
  );
  assert.equal(
    k(c, 'rollout status svc/kubernetes').stderr,
    'error: no status viewer has been implemented for Service\n',
  );
  assert.equal(k(c, 'rollout status').stderr, 'error: required resource not specified\n');
});

test('kubectl rollout status of a DaemonSet and a StatefulSet (defaulted to RollingUpdate with partition 0)', () => {
  const c = createLabCluster();
  assert.equal(
    k(c, 'rollout status -n kube-system ds/kube-proxy').stdout,
    'daemon set "kube-proxy" successfully rolled out\n',
  );
  k(c, 'apply -f -', {
    stdin:
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 2\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: c, image: postgres}]}\n',
  });
  assert.equal(
    k(c, 'rollout status sts/db').stdout,
    'partitioned roll out complete: 2 new pods have been updated...\n',
  );
});
