import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLabCluster } from '../cluster/lab.ts';
import { k } from './testing.ts';

// Outputs printed by kubectl 1.33.1 against `kube-scenarios serve` (pkg/cmd/wait/wait.go); the
// waiting itself runs on the virtual clock.

const SLOW_READY = `apiVersion: v1
kind: Pod
metadata:
  name: slow
  labels: {app: slow}
spec:
  containers:
  - name: web
    image: nginx
    readinessProbe:
      httpGet: {path: /, port: 80}
      initialDelaySeconds: 100
`;

function cluster() {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: SLOW_READY });
  return c;
}

test('kubectl wait --for=condition=Ready: the virtual clock runs until the condition holds, then "condition met"', () => {
  const c = cluster();
  assert.equal(
    k(c, 'wait --for=condition=Ready pod/slow --timeout=0').stderr,
    'error: condition not met for pods/slow\n',
  );
  const before = c.clock.now();
  assert.deepEqual(k(c, 'wait --for=condition=Ready pod/slow --timeout=200s'), {
    stdout: 'pod/slow condition met\n',
    stderr: '',
    exitCode: 0,
  });
  const waited = c.clock.now() - before;
  assert.ok(waited >= 60_000 && waited < 200_000, `waited ${waited} ms`);
  // conditions compare case-insensitively, with a value after a second `=`
  assert.equal(k(c, 'wait --for=condition=ready=TRUE pods -l app=slow').stdout, 'pod/slow condition met\n');
});

test('kubectl wait: a timeout leaves the clock at the deadline; later objects time out at once (one --timeout for all)', () => {
  const c = cluster();
  const before = c.clock.now();
  const r = k(c, 'wait --for=condition=Bogus pod/slow pod/slow --timeout=5s');
  assert.deepEqual(r, {
    stdout: '',
    stderr: 'timed out waiting for the condition on pods/slow\ntimed out waiting for the condition on pods/slow\n',
    exitCode: 1,
  });
  assert.equal(c.clock.now() - before, 5000);
});

test('kubectl wait --for=delete: waits out the grace period; a missing object is no error and prints nothing', () => {
  const c = createLabCluster();
  k(c, 'apply -f -', {
    stdin:
      'apiVersion: v1\nkind: Pod\nmetadata: {name: stubborn}\nspec:\n  terminationGracePeriodSeconds: 90\n  containers:\n  - {name: c, image: busybox, command: [sleep, "3600"]}\n',
  });
  k(c, 'delete pod stubborn --wait=false');
  assert.ok(c.store.get('Pod', 'default', 'stubborn'), 'still terminating');
  assert.equal(
    k(c, 'wait --for=delete pod/stubborn --timeout=10s').stderr,
    'error: timed out waiting for the condition on pods/stubborn\n',
  );
  assert.equal(k(c, 'wait --for=delete pod/stubborn --timeout=2m').stdout, 'pod/stubborn condition met\n');
  assert.equal(c.store.get('Pod', 'default', 'stubborn'), undefined);
  assert.deepEqual(k(c, 'wait --for=delete pod/stubborn --timeout=1s'), { stdout: '', stderr: '', exitCode: 0 });
});

test('kubectl wait --for=jsonpath: a value, any value, and the errors of wait.go', () => {
  const c = cluster();
  assert.equal(k(c, "wait --for=jsonpath='{.status.phase}'=Running pod/slow").stdout, 'pod/slow condition met\n');
  assert.equal(k(c, 'wait --for=jsonpath=.spec.containers[0].name pod/slow').stdout, 'pod/slow condition met\n');
  const err = (line: string) => k(c, line).stderr;
  assert.equal(
    err("wait --for=jsonpath='{.spec}'=x pod/slow"),
    'error: jsonpath leads to a nested object or list which is not supported\n',
  );
  assert.equal(
    err("wait --for=jsonpath='{.status.phase}=' pod/slow"),
    "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n",
  );
  assert.equal(err('wait pod/slow'), 'error: unrecognized condition: ""\n');
  assert.equal(err('wait --for=condition=Ready pods'), 'error: resource(s) were provided, but no name was specified\n');
  assert.equal(err('wait --for=condition=Ready pods -l app=none'), 'error: no matching resources found\n');
  assert.equal(err('wait --for=condition=Ready pod/nope'), 'Error from server (NotFound): pods "nope" not found\n');
  assert.equal(
    err('wait --for=condition=Ready pod/slow --timeout=x'),
    'error: invalid argument "x" for "--timeout" flag: time: invalid duration "x"\nSee \'kubectl wait --help\' for usage.\n',
  );
});
