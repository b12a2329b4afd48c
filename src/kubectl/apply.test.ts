import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k, testCluster } from './testing.ts';
import { threeWayMerge } from './apply.ts';

const FILES: Record<string, string> = {
  'nginx.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n  labels:\n    app: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n',
  'nginx-v2.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n',
};
const opts = { readFile: (p: string) => FILES[p] };
const WARNING =
  'Warning: resource pods/nginx is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n';

test('kubectl apply -f: created, then unchanged; the last-applied annotation holds the manifest as sorted JSON', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'apply -f nginx.yaml', opts), { stdout: 'pod/nginx created\n', stderr: '', exitCode: 0 });
  assert.deepEqual(k(c, 'apply -f nginx.yaml', opts), { stdout: 'pod/nginx unchanged\n', stderr: '', exitCode: 0 });
  const pod = c.store.get('Pod', 'default', 'nginx')!;
  assert.equal(
    pod.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'],
    '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"nginx","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}\n',
  );
});

test('kubectl apply -f: a changed manifest is configured; fields dropped from the manifest are removed', () => {
  const c = testCluster();
  k(c, 'apply -f nginx.yaml', opts);
  assert.deepEqual(k(c, 'apply -f nginx-v2.yaml', opts), { stdout: 'pod/nginx configured\n', stderr: '', exitCode: 0 });
  const pod = c.store.get<{
    apiVersion: string;
    kind: string;
    metadata: { labels?: Record<string, string> };
    spec: { containers: { image: string; imagePullPolicy?: string }[] };
  }>('Pod', 'default', 'nginx')!;
  assert.equal(pod.spec.containers[0].image, 'nginx:1.27');
  assert.equal(pod.metadata.labels, undefined);
});

test('kubectl apply onto an object made by create warns about the missing annotation, then configures it', () => {
  const c = testCluster();
  k(c, 'create -f nginx.yaml', opts);
  assert.deepEqual(k(c, 'apply -f nginx.yaml', opts), {
    stdout: 'pod/nginx configured\n',
    stderr: WARNING,
    exitCode: 0,
  });
  assert.equal(k(c, 'apply -f nginx.yaml', opts).stdout, 'pod/nginx unchanged\n');
});

test('kubectl apply: three-way merge keeps server-set fields, merges containers by name, deletes what was last applied but dropped', () => {
  const original = { spec: { containers: [{ name: 'a', image: 'x' }], nodeSelector: { d: 'ssd' } } };
  const modified = { spec: { containers: [{ name: 'a', image: 'y' }] } };
  const live = {
    spec: {
      containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Always' }],
      nodeSelector: { d: 'ssd' },
      dnsPolicy: 'ClusterFirst',
    },
  };
  assert.deepEqual(threeWayMerge(original, modified, live), {
    spec: { containers: [{ name: 'a', image: 'y', imagePullPolicy: 'Always' }], dnsPolicy: 'ClusterFirst' },
  });
});

test('kubectl apply -f with an unknown field: the API server refuses that object (BadRequest, as kubectl 1.33 prints it), the others are created; the file:line goes to the hints', () => {
  const c = testCluster();
  const files: Record<string, string> = {
    'x.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: web\n    image: nginx\n    imagePullPolcy: Always\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: fine\nspec:\n  containers:\n  - name: web\n    image: nginx\n',
  };
  const r = k(c, 'apply -f x.yaml', { readFile: (p) => files[p] });
  assert.deepEqual(r, {
    stdout: 'pod/fine created\n',
    stderr:
      'Error from server (BadRequest): error when creating "x.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"\n',
    exitCode: 1,
    hints: [
      'x.yaml:9: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"',
    ],
  });
  assert.equal(c.store.get('Pod', 'default', 'typo'), undefined);
  // kubectl create says the same; a client dry run never asks the server.
  assert.equal(
    k(c, 'create -f x.yaml', { readFile: (p) => files[p] }).stderr.split('\n')[0],
    'Error from server (BadRequest): error when creating "x.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"',
  );
  assert.equal(
    k(c, 'apply -f x.yaml --dry-run=client', { readFile: (p) => files[p] }).stdout,
    'pod/typo created (dry run)\npod/fine unchanged (dry run)\n',
  );
});
