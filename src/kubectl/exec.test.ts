import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { runKubectl } from './kubectl.ts';

function withPod(spec: Partial<Pod['spec']>): Cluster {
  const c = createLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { containers: [], ...spec } as Pod['spec'],
  });
  c.settle();
  return c;
}
const two = {
  containers: [
    { name: 'nginx', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }] },
    { name: 'centos', image: 'centos:7', command: ['sleep', '100000'] },
  ],
};

test('kubectl exec: env prints the container environment; the defaulted-container notice goes to stderr', () => {
  const r = runKubectl(withPod(two), 'exec web -- env');
  assert.equal(r.exitCode, 0);
  assert.equal(r.stderr, 'Defaulted container "nginx" out of: nginx, centos\n');
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  assert.equal(lines[1], 'HOSTNAME=web');
  assert.ok(lines.includes('A=1'));
  assert.ok(lines.includes('KUBERNETES_SERVICE_HOST=10.96.0.1'));
  assert.equal(lines.at(-1), 'HOME=/root');
});

test('kubectl exec: -c is checked by the API server; a failing command reports its exit code', () => {
  const c = withPod(two);
  assert.deepEqual(runKubectl(c, 'exec web -c nope -- env'), {
    stdout: '',
    stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n',
    exitCode: 1,
  });
  assert.deepEqual(runKubectl(c, 'exec web -c centos -- printenv NOPE'), {
    stdout: '',
    stderr: 'command terminated with exit code 1\n',
    exitCode: 1,
  });
  assert.deepEqual(runKubectl(c, 'exec web -c centos -- cat /etc/resolv.conf'), {
    stdout:
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    stderr: '',
    exitCode: 0,
  });
});

test('kubectl exec: a completed pod is refused client-side; no command is a usage error', () => {
  const c = withPod({
    restartPolicy: 'Never',
    containers: [{ name: 'job', image: 'busybox:1.36', command: ['true'] }],
  });
  c.advance(5000);
  assert.equal(
    runKubectl(c, 'exec web -- env').stderr,
    'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
  );
  assert.equal(runKubectl(c, 'exec web').stderr, 'error: you must specify at least one command for the container\n');
  assert.match(runKubectl(c, 'exec').stderr, /^error: expected 'exec POD_NAME COMMAND/);
});

test('kubectl exec: commands the simulator cannot answer are NotSupported, not guessed', () => {
  assert.match(runKubectl(withPod(two), 'exec web -- ls /').stderr, /not supported yet: exec ls \//);
});

test('kubectl exec -t without -i: kubectl drops the TTY silently (exec.go SetupTTY: no stdin, no terminal)', () => {
  const c = withPod(two);
  assert.deepEqual(runKubectl(c, 'exec -t web -c nginx -- hostname'), { stdout: 'web\n', stderr: '', exitCode: 0 });
});

test('kubectl exec -i -- sh: the shell runs the lines of stdin and exits with the last status (or exit N)', () => {
  const c = withPod(two);
  assert.deepEqual(
    runKubectl(c, 'exec -i web -c nginx -- sh', { stdin: 'hostname\necho a  b && false || printenv A\n' }),
    { stdout: 'web\na b\n1\n', stderr: '', exitCode: 0 },
  );
  assert.deepEqual(runKubectl(c, 'exec -i web -c nginx -- /bin/bash', { stdin: 'printenv NOPE' }), {
    stdout: '',
    stderr: 'command terminated with exit code 1\n',
    exitCode: 1,
  });
  // -it: this kubectl's stdin is no terminal, so kubectl says it and goes on without one
  assert.deepEqual(runKubectl(c, 'exec -it web -c nginx -- sh', { stdin: 'hostname\nexit 3\nhostname\n' }), {
    stdout: 'web\n',
    stderr:
      'Unable to use a TTY - input is not a terminal or the right kind of file\ncommand terminated with exit code 3\n',
    exitCode: 3,
  });
  // what the shell model cannot run ends the session, after what ran before it
  assert.deepEqual(runKubectl(c, 'exec -i web -c nginx -- sh', { stdin: 'hostname\nls /\n' }), {
    stdout: 'web\n',
    stderr:
      'error: not supported yet: exec ls / (only env, printenv, hostname, cat /etc/resolv.conf|/etc/hostname, curl)\n',
    exitCode: 1,
  });
  assert.match(
    runKubectl(c, 'exec -i web -c nginx -- sh', { stdin: 'echo $HOME\n' }).stderr,
    /not supported yet: the shell line "echo \$HOME" \(expansions, pipes and redirections\)/,
  );
  // an image without the shell asked for, or whose shells are not modelled, says so
  assert.match(
    runKubectl(c, 'exec -i web -c centos -- ash', { stdin: '' }).stderr,
    /not supported yet: ash in centos:7/,
  );
});
