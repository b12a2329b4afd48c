import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { k, testCluster } from './testing.ts';

test('kubectl run --dry-run=client -o yaml: the exact 1.33 manifest (sorted keys, creationTimestamp: null, resources: {}, status: {})', () => {
  const c = testCluster();
  const r = k(c, 'run nginx --image=nginx --port=80 --dry-run=client -o yaml');
  assert.equal(
    r.stdout,
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  creationTimestamp: null',
      '  labels:',
      '    run: nginx',
      '  name: nginx',
      'spec:',
      '  containers:',
      '  - image: nginx',
      '    name: nginx',
      '    ports:',
      '    - containerPort: 80',
      '    resources: {}',
      '  dnsPolicy: ClusterFirst',
      '  restartPolicy: Always',
      'status: {}',
      '',
    ].join('\n'),
  );
  assert.equal(c.store.get('Pod', 'default', 'nginx'), undefined);
});

test('kubectl run: --labels, --env, --restart, args after --, --command, and namespace only when -n is given', () => {
  const c = testCluster();
  const y = k(
    c,
    'run bb -n kube-system --image=busybox --labels=app=bb,tier=x --env=A=1 --env=B=2 --restart=Never --dry-run=client -o yaml -- sleep 3600',
  ).stdout;
  assert.match(y, /\n  labels:\n    app: bb\n    tier: x\n  name: bb\n  namespace: kube-system\n/);
  assert.match(
    y,
    /\n  - args:\n    - sleep\n    - "3600"\n    env:\n    - name: A\n      value: "1"\n    - name: B\n      value: "2"\n    image: busybox\n/,
  );
  assert.match(y, /\n  restartPolicy: Never\n/);
  assert.match(
    k(c, 'run bb --image=busybox --command --dry-run=client -o yaml -- sleep 10').stdout,
    /\n  - command:\n    - sleep\n/,
  );
});

test('kubectl run: creates the pod (pod/x created); a second run is AlreadyExists; bad image and missing flags error', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'run webserver2 --image=nginx:1.14 --port 80'), {
    stdout: 'pod/webserver2 created\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(c.store.get<Pod>('Pod', 'default', 'webserver2')!.spec.containers[0].image, 'nginx:1.14');
  assert.deepEqual(k(c, 'run webserver2 --image=nginx'), {
    stdout: '',
    stderr: 'Error from server (AlreadyExists): pods "webserver2" already exists\n',
    exitCode: 1,
  });
  assert.equal(k(c, 'run x --image=Nginx').stderr, 'error: Invalid image name "Nginx": invalid reference format\n');
  // kubectl 1.33.1 (no server needed): cobra's required-flag check comes before NAME.
  assert.deepEqual(k(c, 'run'), { stdout: '', stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 });
  assert.equal(k(c, 'run x').stderr, 'error: required flag(s) "image" not set\n');
  assert.equal(k(c, 'run x --image=').stderr, 'error: --image is required\n');
  assert.equal(
    k(c, 'run --image=nginx').stderr,
    "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n",
  );
  assert.equal(
    k(c, 'run x --image=nginx --restart=Sometimes').stderr,
    "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n",
  );
  assert.equal(
    k(c, 'run x --image=nginx --dry-run').stderr,
    'error: --dry-run flag without a value was specified. A value must be set: "none", "server", or "client".\n',
  );
});

test('kubectl run --dry-run=client without -o prints "(dry run)" and creates nothing', () => {
  const c = testCluster();
  assert.equal(k(c, 'run web --image=nginx --dry-run=client').stdout, 'pod/web created (dry run)\n');
  assert.equal(c.store.get('Pod', 'default', 'web'), undefined);
});
