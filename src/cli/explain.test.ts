import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.ts';

const NODES = ['a', 'b', 'c']
  .map(
    (n, i) => `apiVersion: v1
kind: Node
metadata:
  name: ${n}
  labels: {kubernetes.io/hostname: ${n}${i === 0 ? ', disk: ssd' : ''}}
spec:${i === 2 ? '\n  taints: [{key: dedicated, value: db, effect: NoSchedule}]' : ' {}'}
status:
  capacity: {cpu: "2", memory: 4Gi}`,
  )
  .join('\n---\n');
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers: [{name: c, image: nginx}]`;

function files(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'explain-'));
  writeFileSync(join(dir, 'nodes.yaml'), NODES);
  writeFileSync(join(dir, 'pod.yaml'), POD);
  return ['-f', join(dir, 'nodes.yaml'), '-f', join(dir, 'pod.yaml')];
}

test('kube-scenarios explain: prints a row per node — TaintToleration rejects the tainted node, the others carry weighted scores — and the winner', () => {
  const r = runCli(['explain', 'web', ...files()]);
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
  assert.match(
    r.stdout,
    /^pod default\/web: last scheduling attempt at .*: Scheduled to [ab]\n\nNODE +RESULT +TaintToleration ×3 /,
  );
  assert.match(r.stdout, /\nc +rejected +TaintToleration: node\(s\) had untolerated taint \{dedicated: db\}\n/);
  assert.match(r.stdout, /\nWinner: [ab] with total \d+\.\n/);
});

test('kube-scenarios explain: --top 1 summarises the other feasible nodes; an unknown pod is an error naming the pods there are', () => {
  const f = files();
  assert.match(runCli(['explain', 'default/web', '--top', '1', ...f]).stdout, /\n1 more feasible node\(s\), totals/);
  const r = runCli(['explain', 'nope', ...f]);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: pods "nope" not found in namespace default; its pods are: web\n');
  assert.equal(runCli(['explain', 'web', '--top', 'x', ...f]).exitCode, 2);
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 5
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: 900m}}}]}`;

function deploymentFiles(): string[] {
  const [, nodes] = files();
  const file = join(mkdtempSync(join(tmpdir(), 'explain-')), 'web.yaml');
  writeFileSync(file, DEPLOYMENT);
  return ['-f', nodes, '-f', file];
}

test('kube-scenarios explain deployment/NAME -n NS: one table per outcome (node chosen, or unschedulable), each under the pods that share it', () => {
  // Nodes a and b (2 CPUs each) take two 900m pods each; c is tainted: the fifth pod stays pending.
  const r = runCli(['explain', 'deployment/web', '-n', 'shop', '--top', '0', ...deploymentFiles()]);
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
  const titles = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('== '))
    .map((l) => l.replace(/web-[a-z0-9]+-[a-z0-9]+/g, 'web-*'));
  assert.deepEqual(titles.sort(), [
    '== Scheduled to a: shop/web-*, shop/web-*',
    '== Scheduled to b: shop/web-*, shop/web-*',
    '== Unschedulable: shop/web-*',
  ]);
  assert.match(
    r.stdout,
    /^deployment shop\/web: 5 pod\(s\), 3 outcome\(s\); the table of each outcome's first pod follows\n\n== /,
  );
  assert.equal(r.stdout.match(/^pod shop\/web-/gm)?.length, 3);
  assert.match(r.stdout, /\nFailedScheduling: 0\/3 nodes are available: /);
});

test('kube-scenarios explain: -n NS POD is NS/POD; a missing workload or a kind without pods is an error', () => {
  const f = deploymentFiles();
  const pod = /pod (shop\/web-[a-z0-9-]+):/.exec(runCli(['explain', 'deploy/web', '-n', 'shop', ...f]).stdout)![1];
  const byFlag = runCli(['explain', pod.split('/')[1], '-n', 'shop', ...f]);
  assert.equal(byFlag.exitCode, 0, byFlag.stderr);
  assert.equal(byFlag.stdout, runCli(['explain', pod, ...f]).stdout);
  assert.equal(byFlag.stdout, runCli(['explain', `pod/${pod.split('/')[1]}`, '--namespace', 'shop', ...f]).stdout);
  assert.deepEqual(runCli(['explain', 'deployment/nope', '-n', 'shop', ...f]), {
    stdout: '',
    stderr: 'error: deployments.apps "nope" not found in namespace shop; its deployments are: web\n',
    exitCode: 1,
  });
  assert.equal(
    runCli(['explain', 'service/web', ...f]).stderr,
    'error: cannot explain service/web: explain takes a pod or a controller of pods (deployment, replicaset, statefulset, daemonset, job, replicationcontroller)\n',
  );
  assert.equal(
    runCli(['explain', 'other/web', '-n', 'shop', ...f]).stderr,
    'error: invalid target "other/web": its namespace other differs from -n shop\n',
  );
});
