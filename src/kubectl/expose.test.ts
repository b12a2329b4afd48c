import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { k } from './testing.ts';

// Outputs printed by kubectl 1.33.1 against `kube-scenarios serve` (pkg/cmd/expose/expose.go and
// the service/v2 generator).

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]
`;

function cluster() {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: WEB });
  return c;
}

test('kubectl expose --dry-run=client: the typed Service the generator builds (selector and labels from the object)', () => {
  const c = cluster();
  assert.equal(
    k(c, 'expose deploy web --port=8080 --target-port=80 --dry-run=client -o yaml').stdout,
    `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 8080
    protocol: TCP
    targetPort: 80
  selector:
    app: web
status:
  loadBalancer: {}
`,
  );
  // -o json in Go's field order
  assert.match(
    k(c, 'expose deploy web --port=80 --dry-run=client -o json').stdout,
    /^\{\n {4}"kind": "Service",\n {4}"apiVersion": "v1",/,
  );
});

test('kubectl expose: ports found by introspection become port-1, port-2 with their protocols; "exposed"', () => {
  const c = cluster();
  assert.deepEqual(k(c, 'expose deployment/web --name=web-svc'), {
    stdout: 'service/web-svc exposed\n',
    stderr: '',
    exitCode: 0,
  });
  const svc = c.store.get<Service>('Service', 'default', 'web-svc')!;
  assert.deepEqual(svc.spec.ports, [
    { name: 'port-1', protocol: 'TCP', port: 80, targetPort: 80 },
    { name: 'port-2', protocol: 'UDP', port: 53, targetPort: 53 },
  ]);
  assert.ok(svc.spec.clusterIP);
  assert.equal(
    k(c, 'expose deploy web --name=web-svc').stderr,
    'Error from server (AlreadyExists): services "web-svc" already exists\n',
  );
});

test('kubectl expose: its errors', () => {
  const c = cluster();
  assert.match(k(c, 'expose').stderr, /^error: You must provide one or more resources by argument or filename\.\n/);
  assert.equal(
    k(c, 'expose deploy nope --port=80').stderr,
    'Error from server (NotFound): deployments.apps "nope" not found\n',
  );
  assert.equal(k(c, 'expose -n kube-system ds/kube-proxy --port=80').stderr, 'error: cannot expose a DaemonSet.apps\n');
  assert.equal(
    k(c, 'expose svc/kubernetes --name=x').stderr,
    "error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set\n",
  );
});
