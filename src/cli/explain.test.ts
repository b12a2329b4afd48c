import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.ts';

const NODES = ['a', 'b', 'c'].map((n, i) => `apiVersion: v1
kind: Node
metadata:
  name: ${n}
  labels: {kubernetes.io/hostname: ${n}${i === 0 ? ', disk: ssd' : ''}}
spec:${i === 2 ? '\n  taints: [{key: dedicated, value: db, effect: NoSchedule}]' : ' {}'}
status:
  capacity: {cpu: "2", memory: 4Gi}`).join('\n---\n');
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
  assert.match(r.stdout, /^pod default\/web: last scheduling attempt at .*: Scheduled to [ab]\n\nNODE +RESULT +TaintToleration ×3 /);
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
