import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { k } from './testing.ts';

// Outputs printed by kubectl 1.33.1 against `kube-scenarios serve` (pkg/cmd/patch/patch.go).

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        image: nginx:1.25
`;

function cluster() {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: WEB });
  return c;
}
const replicas = (c: ReturnType<typeof cluster>) =>
  c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.replicas;

test('kubectl patch: strategic (default), merge and json patches; an unchanged object is "patched (no change)"', () => {
  const c = cluster();
  assert.deepEqual(k(c, `patch deploy web -p '{"spec":{"replicas":2}}'`), {
    stdout: 'deployment.apps/web patched\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(replicas(c), 2);
  const rv = c.store.get('Deployment', 'default', 'web')!.metadata.resourceVersion;
  assert.equal(
    k(c, `patch deploy web -p '{"spec":{"replicas":2}}'`).stdout,
    'deployment.apps/web patched (no change)\n',
  );
  assert.equal(c.store.get('Deployment', 'default', 'web')!.metadata.resourceVersion, rv);
  // YAML is accepted too (yaml.ToJSON)
  k(c, `patch deploy web --type=merge -p 'spec: {replicas: 3}'`);
  assert.equal(replicas(c), 3);
  k(c, `patch deployment/web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":4}]'`);
  assert.equal(replicas(c), 4);
  // strategic merge merges containers by name; a merge patch replaces the list
  k(c, `patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'`);
  const containers = c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.template.spec.containers;
  assert.deepEqual(
    containers.map((x) => [x.name, x.image, x.imagePullPolicy]),
    [['nginx', 'nginx:1.26', 'IfNotPresent']],
  );
});

test('kubectl patch: dry runs store nothing and print plain "patched" (the operation is set after the dry-run suffix); -o prints the patched object', () => {
  const c = cluster();
  assert.equal(
    k(c, `patch deploy web -p '{"spec":{"replicas":5}}' --dry-run=client`).stdout,
    'deployment.apps/web patched\n',
  );
  assert.equal(
    k(c, `patch deploy web -p '{"spec":{"replicas":5}}' --dry-run=server`).stdout,
    'deployment.apps/web patched\n',
  );
  assert.equal(replicas(c), 1);
  assert.equal(k(c, `patch deploy web -p '{"spec":{"replicas":5}}' -o jsonpath={.spec.replicas}`).stdout, '5');
});

test("kubectl patch: its errors, in Validate order, and the builder's; one missing object does not stop the others", () => {
  const c = cluster();
  const err = (line: string) => k(c, line).stderr;
  assert.equal(
    err('patch deploy web'),
    'error: must specify --patch or --patch-file containing the contents of the patch\n',
  );
  assert.equal(
    err(`patch deploy web -p {} --patch-file=x`),
    'error: cannot specify --patch and --patch-file together\n',
  );
  assert.equal(err('patch deploy web -p {} --local'), 'error: cannot specify --local and server resources\n');
  assert.equal(
    err('patch deploy web --type=foo -p {}'),
    'error: --type must be one of [json merge strategic], not "foo"\n',
  );
  assert.equal(err('patch deploy -p {}'), 'error: resource(s) were provided, but no name was specified\n');
  assert.match(err('patch -p {}'), /^error: You must provide one or more resources by argument or filename\.\n/);
  const r = k(c, 'patch deploy web other -p {}');
  assert.deepEqual(r, {
    stdout: 'deployment.apps/web patched (no change)\n',
    stderr: 'Error from server (NotFound): deployments.apps "other" not found\n',
    exitCode: 1,
  });
  assert.equal(
    err(`patch deploy web --type=json -p '[{"op":"remove","path":"/spec/nope"}]'`),
    'Error from server (BadRequest): jsonpatch: path /spec/nope does not exist\n',
  );
});
