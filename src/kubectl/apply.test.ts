import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k, testCluster } from './testing.ts';
import { threeWayMerge } from './apply.ts';

const FILES: Record<string, string> = {
  'nginx.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n  labels:\n    app: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n',
  'nginx-v2.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n',
};
const opts = { readFile: (p: string) => FILES[p] };
const WARNING = 'Warning: resource pods/nginx is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n';

test('kubectl apply -f: created, then unchanged; the last-applied annotation holds the manifest as sorted JSON', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'apply -f nginx.yaml', opts), { stdout: 'pod/nginx created\n', stderr: '', exitCode: 0 });
  assert.deepEqual(k(c, 'apply -f nginx.yaml', opts), { stdout: 'pod/nginx unchanged\n', stderr: '', exitCode: 0 });
  const pod = c.store.get('Pod', 'default', 'nginx')!;
  assert.equal(pod.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'],
    '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"nginx","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}\n');
});

test('kubectl apply -f: a changed manifest is configured; fields dropped from the manifest are removed', () => {
  const c = testCluster();
  k(c, 'apply -f nginx.yaml', opts);
  assert.deepEqual(k(c, 'apply -f nginx-v2.yaml', opts), { stdout: 'pod/nginx configured\n', stderr: '', exitCode: 0 });
  const pod = c.store.get<{ apiVersion: string; kind: string; metadata: { labels?: Record<string, string> }; spec: { containers: { image: string; imagePullPolicy?: string }[] } }>('Pod', 'default', 'nginx')!;
  assert.equal(pod.spec.containers[0].image, 'nginx:1.27');
  assert.equal(pod.metadata.labels, undefined);
});

test('kubectl apply onto an object made by create warns about the missing annotation, then configures it', () => {
  const c = testCluster();
  k(c, 'create -f nginx.yaml', opts);
  assert.deepEqual(k(c, 'apply -f nginx.yaml', opts), { stdout: 'pod/nginx configured\n', stderr: WARNING, exitCode: 0 });
  assert.equal(k(c, 'apply -f nginx.yaml', opts).stdout, 'pod/nginx unchanged\n');
});

test('kubectl apply: three-way merge keeps server-set fields, merges containers by name, deletes what was last applied but dropped', () => {
  const original = { spec: { containers: [{ name: 'a', image: 'x' }], nodeSelector: { d: 'ssd' } } };
  const modified = { spec: { containers: [{ name: 'a', image: 'y' }] } };
  const live = { spec: { containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Always' }], nodeSelector: { d: 'ssd' }, dnsPolicy: 'ClusterFirst' } };
  assert.deepEqual(threeWayMerge(original, modified, live), { spec: { containers: [{ name: 'a', image: 'y', imagePullPolicy: 'Always' }], dnsPolicy: 'ClusterFirst' } });
});
