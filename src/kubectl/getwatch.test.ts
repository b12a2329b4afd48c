import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLabCluster } from '../cluster/lab.ts';
import { k } from './testing.ts';

// `kubectl get -w` (get.go GetOptions.watch) on the virtual clock.

const SLEEPER = `apiVersion: v1
kind: Pod
metadata:
  name: sleeper
  labels: {app: sleeper}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox
    command: [sh, -c, "sleep 90"]
`;

function cluster() {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: SLEEPER });
  return c;
}

test('kubectl get pods -w: the current table, then a row at each write of a watched pod, until the cluster is quiet', () => {
  const c = cluster();
  const start = c.clock.now();
  const r = k(c, 'get pods -w');
  assert.equal(r.exitCode, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^NAME {6}READY {3}STATUS {4}RESTARTS {3}AGE$/);
  assert.match(lines[1], /^sleeper {3}1\/1 {5}Running {3}0 {10}\d+s$/);
  // the exit at 90 s: Completed, padded to the widths the table already had (they only grow)
  assert.match(lines.at(-1)!, /^sleeper {3}0\/1 {5}Completed {3}0 {10}\d+s$/);
  assert.ok(c.clock.now() - start > 30_000);
});

test('kubectl get -w --request-timeout: the virtual clock runs exactly that long; --watch-only prints changes only', () => {
  const c = cluster();
  const start = c.clock.now();
  const r = k(c, 'get pods sleeper -w --request-timeout=5s -o name');
  assert.deepEqual(r, { stdout: 'pod/sleeper\n', stderr: '', exitCode: 0 });
  assert.equal(c.clock.now() - start, 5000);
  const only = k(c, 'get pods -l app=sleeper --watch-only --output-watch-events --request-timeout=2m');
  const lines = only.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^EVENT {6}NAME {6}READY/);
  assert.ok(
    lines.slice(1).every((l) => l.startsWith('MODIFIED   sleeper ')),
    only.stdout,
  );
});

test('kubectl get -w: its errors', () => {
  const c = cluster();
  assert.equal(k(c, 'get pods,deploy -w').stderr, 'error: you may only specify a single resource type\n');
  assert.equal(k(c, 'get pods nope -w').stderr, 'Error from server (NotFound): pods "nope" not found\n');
  assert.equal(
    k(c, 'get pods -w --request-timeout=x').stderr,
    'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n',
  );
});
