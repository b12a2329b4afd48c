import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLabCluster } from '../cluster/lab.ts';
import { runKubectl } from './kubectl.ts';
import { labWithPods } from './testing.ts';

// The lab cluster after `kubectl run webserver --image=nginx --port 80` and `kubectl run crasher
// --image=busybox -- false`; GOLDEN is what kubectl
// 1.33.1 printed for these command lines reading that state (a read-only stub API server).
const GOLDEN: { args: string[]; stdout: string; stderr: string; exitCode: number }[] = [
  {
    args: ['annotate', 'pod', 'webserver'],
    stdout: '',
    stderr: 'error: at least one annotation update is required\n',
    exitCode: 1,
  },
  {
    args: ['annotate', 'pod', 'webserver', 'a=b', '--dry-run=client'],
    stdout: 'pod/webserver annotated (dry run)\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'annotate',
      'pod',
      'webserver',
      'a=b',
      'c=d=e',
      '--dry-run=client',
      '-o',
      'jsonpath={.metadata.annotations}',
    ],
    stdout: '{"a":"b","c":"d=e"}',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['annotate', 'pod', 'webserver', 'a'],
    stdout: '',
    stderr: 'error: at least one annotation update is required\n',
    exitCode: 1,
  },
  {
    args: ['annotate', 'pod', 'webserver', 'a=b', 'a-'],
    stdout: '',
    stderr: 'error: can not both modify and remove the following annotation(s) in the same command: a\n',
    exitCode: 1,
  },
  {
    args: ['annotate', 'pods', 'a=b'],
    stdout: '',
    stderr: 'error: resource(s) were provided, but no name was specified\n',
    exitCode: 1,
  },
  {
    args: ['annotate', 'pod', '-n', 'kube-system', 'etcd-m-k8s', 'kubernetes.io/config.source=api', '--dry-run=client'],
    stdout: '',
    stderr:
      "error: --overwrite is false but found the following declared annotation(s): 'kubernetes.io/config.source' already has a value (file)\n",
    exitCode: 1,
  },
  {
    args: [
      'annotate',
      'pod',
      '-n',
      'kube-system',
      'etcd-m-k8s',
      'kubernetes.io/config.source=file',
      '--dry-run=client',
    ],
    stdout: 'pod/etcd-m-k8s annotated (dry run)\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['annotate', 'pod', 'nope', 'a=b'],
    stdout: '',
    stderr: 'Error from server (NotFound): pods "nope" not found\n',
    exitCode: 1,
  },
  {
    args: ['annotate', 'a=b'],
    stdout: '',
    stderr: 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
    exitCode: 1,
  },
  {
    args: ['annotate', 'pods', '--all', 'a=b', '--dry-run=client'],
    stdout: 'pod/crasher annotated (dry run)\npod/webserver annotated (dry run)\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['annotate', 'pod', 'webserver', 'x-', '--dry-run=client'],
    stdout: 'pod/webserver annotated (dry run)\n',
    stderr: '',
    exitCode: 0,
  },
];

test('kubectl annotate: dry runs and errors byte for byte as kubectl 1.33.1 printed them', () => {
  const c = labWithPods();
  for (const g of GOLDEN)
    assert.deepEqual(
      runKubectl(c, g.args),
      { stdout: g.stdout, stderr: g.stderr, exitCode: g.exitCode },
      `kubectl ${g.args.join(' ')}`,
    );
});

test('kubectl annotate: sets and removes annotations; another value needs --overwrite', () => {
  const c = createLabCluster();
  runKubectl(c, 'run web --image=nginx');
  assert.equal(runKubectl(c, 'annotate pod web team=payments note=a=b').stdout, 'pod/web annotated\n');
  assert.deepEqual(c.store.get('Pod', 'default', 'web')!.metadata.annotations, { team: 'payments', note: 'a=b' });
  assert.equal(runKubectl(c, 'annotate pod web team=payments').stdout, 'pod/web annotated\n'); // the same value is no conflict
  assert.equal(
    runKubectl(c, 'annotate pod web team=search').stderr,
    "error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (payments)\n",
  );
  assert.equal(runKubectl(c, 'annotate pod web team=search --overwrite').stdout, 'pod/web annotated\n');
  runKubectl(c, 'annotate pod web team- note-');
  assert.equal(c.store.get('Pod', 'default', 'web')!.metadata.annotations, undefined);
});
