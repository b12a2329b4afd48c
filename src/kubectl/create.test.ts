import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k, testCluster } from './testing.ts';

const FILES: Record<string, string> = {
  'nginx.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n',
  'two.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: other\nspec:\n  containers:\n  - name: c\n    image: busybox\n',
  'broken.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: busybox\n---\napiVersion: v1\nkind: Pod\nmetadata: [\n',
};
const opts = {
  readFile: (p: string) => {
    if (!(p in FILES)) throw new Error('ENOENT');
    return FILES[p];
  },
};

test('kubectl create -f: one "created" line per object; a second create is AlreadyExists "error when creating" and exit 1', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'create -f nginx.yaml', opts), { stdout: 'pod/nginx created\n', stderr: '', exitCode: 0 });
  assert.deepEqual(k(c, 'create -f nginx.yaml', opts), {
    stdout: '',
    stderr: 'Error from server (AlreadyExists): error when creating "nginx.yaml": pods "nginx" already exists\n',
    exitCode: 1,
  });
});

test('kubectl create -f: an existing object fails alone, the others in the file are still created', () => {
  const c = testCluster();
  k(c, 'create -f nginx.yaml', opts);
  const r = k(c, 'create -f two.yaml', opts);
  assert.equal(r.stdout, 'pod/other created\n');
  assert.equal(
    r.stderr,
    'Error from server (AlreadyExists): error when creating "two.yaml": pods "nginx" already exists\n',
  );
  assert.equal(r.exitCode, 1);
});

test('kubectl create -f: a file with a syntax error creates nothing; a missing file is reported', () => {
  const c = testCluster();
  const r = k(c, 'create -f broken.yaml', opts);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^error: broken\.yaml:\d+: /);
  assert.equal(c.store.get('Pod', 'default', 'a'), undefined);
  assert.equal(k(c, 'create -f nope.yaml', opts).stderr, 'error: the path "nope.yaml" does not exist\n');
});

test('kubectl create --save-config stores the last-applied annotation so a later apply has no warning', () => {
  const c = testCluster();
  k(c, 'create --save-config -f nginx.yaml', opts);
  const r = k(c, 'apply -f nginx.yaml', opts);
  assert.deepEqual(r, { stdout: 'pod/nginx unchanged\n', stderr: '', exitCode: 0 });
});

test('kubectl create -f: an Invalid object renders as "The Pod \\"x\\" is invalid: <field error>"; several errors one per line, each as StandardErrorMessage renders it', () => {
  const c = testCluster();
  const files: Record<string, string> = {
    'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers: []\n',
    'both.yaml':
      FILES['nginx.yaml'] + '---\n' + 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers: []\n',
  };
  const o = { readFile: (p: string) => files[p] };
  assert.deepEqual(k(c, 'create -f bad.yaml', o), {
    stdout: '',
    stderr: 'The Pod "bad" is invalid: spec.containers: Required value\n',
    exitCode: 1,
  });
  k(c, 'create -f both.yaml', o);
  assert.equal(
    k(c, 'create -f both.yaml', o).stderr,
    'Error from server (AlreadyExists): error when creating "both.yaml": pods "nginx" already exists\n' +
      'Error from server (Invalid): error when creating "both.yaml": Pod "bad" is invalid: spec.containers: Required value\n',
  );
});
