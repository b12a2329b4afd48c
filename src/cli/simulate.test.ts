import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from './main.ts';
import { runSimulate, type SimulateReport } from './simulate.ts';

const ROOT = join(__dirname, '..', '..');
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'simulate', name);
const rel = (name: string) => join('test', 'fixtures', 'simulate', name);

function json(argv: string[]): SimulateReport {
  const r = runSimulate(argv);
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
  return JSON.parse(r.stdout) as SimulateReport;
}

test('simulate -o json: pods, events and every scheduling attempt with filter reasons', () => {
  const report = json(['-f', fixture('basic.yaml'), '-o', 'json']);
  assert.deepEqual(report.pods.map((p) => [p.namespace, p.name, p.node, p.phase, p.status]), [
    ['default', 'big', null, 'Pending', 'Pending'],
    ['default', 'web', 'w1', 'Running', 'Running'],
  ]);
  const [web, big] = report.scheduling;
  assert.deepEqual(Object.keys(web), ['pod', 'result', 'node', 'feasible', 'filtered', 'scores', 'total']);
  assert.equal(web.pod, 'default/web');
  assert.equal(web.result, 'Scheduled');
  assert.equal(web.node, 'w1');
  assert.deepEqual(web.feasible, ['w1']);
  assert.deepEqual(web.filtered, { w2: ["node(s) didn't match Pod's node affinity/selector"] });
  assert.deepEqual(Object.keys(big), ['pod', 'result', 'node', 'message', 'feasible', 'filtered', 'scores', 'total']);
  assert.equal(big.result, 'Unschedulable');
  assert.equal(big.node, null);
  assert.match(big.message!, /^0\/2 nodes are available: 2 Insufficient cpu\./);
  const failed = report.events.find((e) => e.reason === 'FailedScheduling');
  assert.deepEqual(failed && [failed.type, failed.object, failed.message], ['Warning', 'Pod/default/big', big.message]);
  assert.ok(report.events.some((e) => e.reason === 'Scheduled' && e.object === 'Pod/default/web' && e.message === 'Successfully assigned default/web to w1'));
});

test('simulate: Node manifests are stored as written, with a Ready condition and pods capacity added when missing', () => {
  // w2 in basic.yaml lists only capacity (no pods): it still takes part in scheduling.
  const report = json(['-f', fixture('basic.yaml'), '-o', 'json']);
  assert.deepEqual(Object.keys(report.scheduling[1].filtered).sort(), ['w1', 'w2']);
  assert.deepEqual(report.scheduling[1].filtered.w2, ['Insufficient cpu']);
});

test('simulate: Namespace, PriorityClass, Service, Deployment, DaemonSet and a pod bound by spec.nodeName', () => {
  const report = json(['-f', fixture('workloads.yaml'), '-o', 'json']);
  const byName = new Map(report.pods.map((p) => [p.name.replace(/-[a-z0-9]+(-[a-z0-9]+)?$/, ''), p]));
  assert.equal(byName.get('db')?.node, 'w2-k8s', 'spec.nodeName binds without the scheduler');
  assert.ok(!report.scheduling.some((a) => a.pod === 'default/db'));
  const web = report.pods.filter((p) => p.namespace === 'shop');
  assert.equal(web.length, 2);
  assert.ok(web.every((p) => p.node === 'w1-k8s'), 'w2-k8s is tainted role=db:NoSchedule');
  const agent = report.pods.filter((p) => p.name.startsWith('agent-'));
  assert.deepEqual(agent.map((p) => p.node), ['w1-k8s'], 'the DaemonSet does not tolerate the taint either');
});

test('simulate -o yaml prints the same report as YAML', () => {
  const asJson = json(['-f', fixture('basic.yaml'), '-o', 'json']);
  const r = runSimulate(['-f', fixture('basic.yaml'), '-o', 'yaml']);
  assert.equal(r.exitCode, 0);
  assert.deepEqual(parse(r.stdout), asJson);
});

test('simulate -o wide (default): kubectl get pods -A -o wide, then the FailedScheduling messages', () => {
  const r = runSimulate(['-f', fixture('basic.yaml')]);
  assert.equal(r.exitCode, 0);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
  assert.match(r.stdout, /\ndefault\/big: FailedScheduling: 0\/2 nodes are available: 2 Insufficient cpu\./);
});

test('simulate: the same seed gives the same result', () => {
  const a = runSimulate(['-f', fixture('workloads.yaml'), '-o', 'json', '--seed', '7']);
  const b = runSimulate(['-f', fixture('workloads.yaml'), '-o', 'json', '--seed', '7']);
  assert.equal(a.stdout, b.stdout);
});

test('simulate: an invalid object anywhere fails before anything is applied, at the offending field\'s line', () => {
  const r = runSimulate(['-f', rel('invalid.yaml'), '-o', 'json']);
  assert.deepEqual(r, { stdout: '', stderr: `error: ${rel('invalid.yaml')}:21: The Pod "greedy" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n`, exitCode: 1 });
});

test('simulate: an unknown field is a strict decoding error at its line', () => {
  const r = runSimulate(['-f', rel('typo.yaml')]);
  assert.equal(r.stderr, `error: ${rel('typo.yaml')}:9: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"\n`);
  assert.equal(r.stdout, '');
  assert.equal(r.exitCode, 1);
});

test('simulate: kinds other than the supported eight are rejected; a missing namespace points at metadata.namespace', () => {
  const cm = runSimulate(['-f', rel('configmap.yaml')]);
  assert.equal(cm.stderr, `error: ${rel('configmap.yaml')}:2: not supported yet: kind ConfigMap in simulate — use Node, Namespace, PriorityClass, Service, Deployment, ReplicaSet, DaemonSet, Pod\n`);
  assert.equal(cm.exitCode, 1);
  const ns = runSimulate(['-f', rel('missing-namespace.yaml')]);
  assert.equal(ns.stderr, `error: ${rel('missing-namespace.yaml')}:5: namespaces "nowhere" not found\n`);
});

test('simulate: a missing file reads like kubectl; checking covers every file before any is applied', () => {
  assert.deepEqual(runSimulate(['-f', 'nope.yaml']), { stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n', exitCode: 1 });
  const r = runSimulate(['-f', fixture('basic.yaml'), '-f', rel('typo.yaml')]);
  assert.equal(r.stdout, '');
  assert.equal(r.exitCode, 1);
});

test('kube-scenarios CLI: usage errors are one line and exit 2', () => {
  assert.deepEqual(runSimulate([]), { stdout: '', stderr: "error: required option '-f, --filename <file>' not specified\n", exitCode: 2 });
  assert.deepEqual(runSimulate(['-f', 'x', '-o', 'xml']), { stdout: '', stderr: "error: option '-o, --output <format>' argument 'xml' is invalid. Allowed choices are json, yaml, wide.\n", exitCode: 2 });
  assert.equal(runSimulate(['-f', 'x', '--seed', 'abc']).exitCode, 2);
  const unknown = runCli(['frobnicate']);
  assert.equal(unknown.exitCode, 2);
  assert.equal(unknown.stderr, "error: unknown command 'frobnicate'\n");
  assert.deepEqual(runCli(['--version']), { stdout: '0.1.0\n', stderr: '', exitCode: 0 });
});

test('kube-scenarios binary: bin/kube-scenarios runs simulate end to end', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kube-scenarios'), 'simulate', '-f', fixture('basic.yaml'), '-o', 'json'], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as SimulateReport).pods.length, 2);
});
