import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadManifestFile } from '../api/manifest.ts';
import type { Pod, ReplicaSet } from '../api/types.ts';
import { UserError } from '../util/errors.ts';
import { Cluster } from '../cluster/cluster.ts';
import { EventEmitter } from 'node:events';
import { ignoreClosedReader, runCli } from './main.ts';
import {
  applyFiles,
  applyInput,
  buildReport,
  checkDocuments,
  runSimulate,
  Spool,
  type SimulateReport,
} from './simulate.ts';
import { loadInput } from './input.ts';
import type { SchedulingAttempt } from '../scheduler/attempt.ts';
import { writeCapture } from '../../bench/e2e/capture.ts';
import { pathErrorText } from './input.ts';

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
  assert.deepEqual(
    report.pods.map((p) => [p.namespace, p.name, p.node, p.phase, p.status]),
    [
      ['default', 'big', null, 'Pending', 'Pending'],
      ['default', 'web', 'w1', 'Running', 'Running'],
    ],
  );
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
  assert.ok(
    report.events.some(
      (e) =>
        e.reason === 'Scheduled' &&
        e.object === 'Pod/default/web' &&
        e.message === 'Successfully assigned default/web to w1',
    ),
  );
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
  assert.ok(
    web.every((p) => p.node === 'w1-k8s'),
    'w2-k8s is tainted role=db:NoSchedule',
  );
  const agent = report.pods.filter((p) => p.name.startsWith('agent-'));
  assert.deepEqual(
    agent.map((p) => p.node),
    ['w1-k8s'],
    'the DaemonSet does not tolerate the taint either',
  );
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
  assert.match(
    lines[0],
    /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
  );
  assert.match(r.stdout, /\ndefault\/big: FailedScheduling: 0\/2 nodes are available: 2 Insufficient cpu\./);
});

test('simulate: the same seed gives the same result', () => {
  const a = runSimulate(['-f', fixture('workloads.yaml'), '-o', 'json', '--seed', '7']);
  const b = runSimulate(['-f', fixture('workloads.yaml'), '-o', 'json', '--seed', '7']);
  assert.equal(a.stdout, b.stdout);
});

test("simulate: an invalid object anywhere fails with no result, at the offending field's line", () => {
  const r = runSimulate(['-f', rel('invalid.yaml'), '-o', 'json']);
  assert.deepEqual(r, {
    stdout: '',
    stderr: `error: ${rel('invalid.yaml')}:21: The Pod "greedy" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n`,
    exitCode: 1,
  });
});

test('simulate: an unknown field is a strict decoding error at its line', () => {
  const r = runSimulate(['-f', rel('typo.yaml')]);
  assert.equal(
    r.stderr,
    `error: ${rel('typo.yaml')}:9: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"\n`,
  );
  assert.equal(r.stdout, '');
  assert.equal(r.exitCode, 1);
});

test('simulate: every kind the API server serves is applied: StatefulSet and Job pods run, a PDB, ConfigMap, Secret, ServiceAccount are stored', () => {
  const file = manifest([
    node('a', '8'),
    `apiVersion: v1
kind: ServiceAccount
metadata: {name: runner}`,
    `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {mode: fast}`,
    `apiVersion: v1
kind: Secret
metadata: {name: token}
stringData: {t: x}`,
    `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: db}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: db}}`,
    `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: nginx}]}`,
    `apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: ["true"]}]`,
  ]);
  const r = runSimulate(['-f', file, '-o', 'json']);
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout) as SimulateReport;
  assert.deepEqual(
    report.pods.filter((p) => p.name.startsWith('db-')).map((p) => [p.name, p.node]),
    [
      ['db-0', 'a'],
      ['db-1', 'a'],
    ],
  );
  assert.deepEqual(
    report.pods.filter((p) => p.name.startsWith('once-')).map((p) => p.node),
    ['a'],
  );
  const cluster = applyFiles([file], 1);
  // (besides the `default` ServiceAccount and the kube-root-ca.crt ConfigMap every namespace has)
  for (const kind of ['ServiceAccount', 'ConfigMap', 'Secret', 'PodDisruptionBudget'])
    assert.equal(
      cluster.store
        .list(kind, 'default')
        .filter((o) => o.metadata.name !== 'default' && o.metadata.name !== 'kube-root-ca.crt').length,
      1,
      kind,
    );
});

test('simulate: kinds the simulator does not model are skipped with one warning on stderr; an unknown kind of a served group version is an error', () => {
  const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {kind: Deployment, name: web}
  maxReplicas: 3`;
  const file = manifest([
    node('a'),
    hpa,
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}`,
    pod('web', '100m'),
    `apiVersion: example.com/v1
kind: Widget
metadata: {name: w}`,
  ]);
  const r = runSimulate(['-f', file, '-o', 'json']);
  assert.equal(r.exitCode, 0);
  assert.equal(
    r.stderr,
    `warning: skipped 3 objects the simulator does not model: HorizontalPodAutoscaler/web (${file}:9), Role/reader (${file}:16), Widget/w (${file}:27)\n`,
  );
  assert.deepEqual(
    (JSON.parse(r.stdout) as SimulateReport).pods.map((p) => [p.name, p.node]),
    [['web', 'a']],
  );
  const many = manifest([
    pod('web', '100m'),
    ...Array.from({ length: 4 }, () => hpa),
    ...Array.from(
      { length: 3 },
      (_, i) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i${i}}`,
    ),
  ]);
  assert.equal(
    runSimulate(['-f', many, '-o', 'json']).stderr,
    `warning: skipped 7 objects the simulator does not model: 4 HorizontalPodAutoscaler, 3 Ingress (the first at ${many}:8)\n`,
  );
  const typo = manifest([
    pod('web', '100m'),
    `apiVersion: apps/v1
kind: Deploymnet
metadata: {name: web}`,
  ]);
  assert.match(
    runSimulate(['-f', typo]).stderr,
    new RegExp(`^error: ${typo}:9: no matches for kind "Deploymnet" in version "apps/v1"`),
  );
});

test("simulate: a namespaced object's namespace is created when missing, as the step `When I install` does", () => {
  const report = json(['-f', fixture('missing-namespace.yaml'), '-o', 'json']);
  assert.deepEqual(
    report.pods.map((p) => [p.namespace, p.name]),
    [['nowhere', 'web']],
  );
});

test('simulate: a kubectl get pods -A -o yaml capture (List, status, managedFields, ownerReferences) after its nodes, then a helm template', () => {
  const own = (f: string) => join(ROOT, 'features', 'own-cluster', 'fixtures', f);
  const r = runSimulate([
    '-f',
    own('gke-nodes.yaml'),
    '-f',
    own('gke-pods.yaml'),
    '-f',
    own('helm-payments.yaml'),
    '-o',
    'json',
  ]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(
    r.stderr,
    `warning: skipped 1 object the simulator does not model: HorizontalPodAutoscaler/payments-api (${own('helm-payments.yaml')}:134)\n`,
  );
  const report = JSON.parse(r.stdout) as SimulateReport;
  const captured = loadManifestFile(own('gke-pods.yaml'));
  for (const e of captured) {
    const p = report.pods.find((q) => q.namespace === e.object.metadata.namespace && q.name === e.object.metadata.name);
    assert.equal(p?.node, (e.object as Pod).spec.nodeName, `${e.object.metadata.name} stays on its node`);
  }
  assert.equal(report.pods.filter((p) => p.namespace === 'payments' && p.node !== null).length, 6);
});

test('simulate: a missing file reads like kubectl; checking covers every file before any is applied', () => {
  assert.deepEqual(runSimulate(['-f', 'nope.yaml']), {
    stdout: '',
    stderr: 'error: the path "nope.yaml" does not exist\n',
    exitCode: 1,
  });
  const r = runSimulate(['-f', fixture('basic.yaml'), '-f', rel('typo.yaml')]);
  assert.equal(r.stdout, '');
  assert.equal(r.exitCode, 1);
});

test('kube-scenarios CLI: usage errors are one line and exit 2', () => {
  assert.deepEqual(runSimulate([]), {
    stdout: '',
    stderr: "error: required option '-f, --filename <file>' not specified\n",
    exitCode: 2,
  });
  assert.deepEqual(runSimulate(['-f', 'x', '-o', 'xml']), {
    stdout: '',
    stderr: "error: option '-o, --output <format>' argument 'xml' is invalid. Allowed choices are json, yaml, wide.\n",
    exitCode: 2,
  });
  assert.equal(runSimulate(['-f', 'x', '--seed', 'abc']).exitCode, 2);
  const unknown = runCli(['frobnicate']);
  assert.equal(unknown.exitCode, 2);
  assert.equal(unknown.stderr, "error: unknown command 'frobnicate'\n");
  assert.deepEqual(runCli(['--version']), { stdout: '0.1.0\n', stderr: '', exitCode: 0 });
});

test('kube-scenarios binary: bin/kube-scenarios runs simulate end to end', () => {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'kube-scenarios'), 'simulate', '-f', fixture('basic.yaml'), '-o', 'json'],
    { encoding: 'utf8', cwd: ROOT },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as SimulateReport).pods.length, 2);
});

// ---- the dry run only when needed (applyFiles) -----------------------------------------------

const node = (name: string, cpu = '4') => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: {kubernetes.io/hostname: ${name}}
status:
  capacity: {cpu: "${cpu}", memory: 8Gi}`;
const pod = (name: string, cpu: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}${extra}
spec:
  containers: [{name: c, image: nginx, resources: {requests: {cpu: "${cpu}"}}}]`;

/** Deployment web (app: web) with `replicas` pods of one nginx container, `container` added to it. */
const deploymentOf = (replicas: number, container: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx${container}}]}`;

/** Writes the documents to a file of their own; returns its path. */
function manifest(docs: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'simulate-')), 'in.yaml');
  writeFileSync(file, docs.join('\n---\n'));
  return file;
}

/** What applying the files gives: the first error's text, or the report. */
function outcome(apply: () => ReturnType<typeof applyFiles>): string | SimulateReport {
  try {
    return buildReport(apply());
  } catch (e) {
    if (e instanceof UserError) return e.message;
    throw e;
  }
}

/** applyFiles against the reference: every document checked by the dry run before any is applied. */
function assertSameAsCheckingFirst(files: string[], seed = 1): string | SimulateReport {
  const reference = outcome(() => {
    checkDocuments(
      files.flatMap((f) => loadManifestFile(f)),
      seed,
    );
    return applyFiles(files, seed);
  });
  const actual = outcome(() => applyFiles(files, seed));
  assert.deepEqual(actual, reference);
  return actual;
}

test('simulate: an error in the last document of a big input is reported at its file:line with exit status 1', () => {
  const nodes = Array.from({ length: 300 }, (_, i) => node(`n${i}`));
  const file = manifest([...nodes, pod('web', '100m').replace('image: nginx', 'image: ""')]);
  const r = runSimulate(['-f', file, '-o', 'json']);
  assert.equal(r.stdout, '');
  assert.equal(r.exitCode, 1);
  assert.equal(
    r.stderr,
    `error: ${file}:${300 * 8 + 6}: The Pod "web" is invalid: spec.containers[0].image: Required value\n`,
  );
  assertSameAsCheckingFirst([file]);
});

test('simulate: a pod that does not fit gets the same attempt as when every document is checked first', () => {
  const file = manifest([node('a', '1'), node('b', '2'), pod('big', '3'), pod('web', '1500m')]);
  const report = assertSameAsCheckingFirst([file]);
  assert.ok(typeof report !== 'string');
  const big = report.scheduling.find((a) => a.pod === 'default/big');
  assert.equal(big?.result, 'Unschedulable');
  assert.equal(
    big?.message,
    '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
  );
  assert.equal(report.scheduling.find((a) => a.pod === 'default/web')?.node, 'b');
});

test('simulate: once a controller has created objects, the first error is still the one checking every document first finds', () => {
  // The Deployment's ReplicaSet exists only in the cluster: creating one of that name fails there,
  // not in the dry run, which reports the invalid pod after it instead.
  const deployment = deploymentOf(1, '');
  const rsName = applyFiles([manifest([node('a'), deployment])], 1).store.list<ReplicaSet>('ReplicaSet')[0].metadata
    .name!;
  const replicaSet = `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${rsName}}
spec:
  selector: {matchLabels: {app: other}}
  template:
    metadata: {labels: {app: other}}
    spec: {containers: [{name: c, image: nginx}]}`;
  const file = manifest([node('a'), deployment, replicaSet, pod('bad', '100m').replace('image: nginx', 'image: ""')]);
  assert.match(
    assertSameAsCheckingFirst([file]) as string,
    /: The Pod "bad" is invalid: spec\.containers\[0\]\.image: Required value$/,
  );
  // Without the invalid pod, the cluster's own error is the first one: the Deployment's file has
  // settled (its ReplicaSet exists) when the next file's ReplicaSet takes the same name.
  const first = manifest([node('a'), deployment]);
  const clash = manifest([replicaSet]);
  assert.equal(assertSameAsCheckingFirst([first, clash]), `${clash}:3: replicasets.apps "${rsName}" already exists`);
  // In one file the user's ReplicaSet comes first, and the Deployment's own name collides
  // (kube-controller-manager would bump collisionCount; the simulator says it does not model that).
  assert.match(
    assertSameAsCheckingFirst([manifest([node('a'), deployment, replicaSet])]) as string,
    /^not supported yet: ReplicaSet name collision for Deployment web/,
  );
});

test('simulate: a pod the garbage collector deleted does not free its name for a later document (the dry run still holds it)', () => {
  const orphan = pod(
    'orphan',
    '100m',
    '\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: gone, uid: "0000"}]',
  );
  const file = manifest([node('a'), orphan, orphan]);
  assert.equal(assertSameAsCheckingFirst([file]), `${file}:20: pods "orphan" already exists`);
});

test('simulate: the fixtures give the same result or error as when every document is checked first', () => {
  for (const name of ['basic.yaml', 'workloads.yaml', 'invalid.yaml', 'missing-namespace.yaml', 'typo.yaml']) {
    for (const seed of [1, 7]) assertSameAsCheckingFirst([fixture(name)], seed);
  }
  assertSameAsCheckingFirst([fixture('basic.yaml'), fixture('workloads.yaml')]);
});

// ---- inputs as kubectl apply -f reads them (src/cli/input.ts) ----------------------------------

const bin = join(ROOT, 'bin', 'kube-scenarios');

test('simulate -f -: reads stdin, named STDIN in messages; a FIFO (-f <(...)) is read too', () => {
  const text = readFileSync(fixture('basic.yaml'), 'utf8');
  const viaStdin = spawnSync(process.execPath, [bin, 'simulate', '-f', '-', '-o', 'json'], {
    input: text,
    encoding: 'utf8',
  });
  assert.equal(viaStdin.status, 0, viaStdin.stderr);
  assert.equal(viaStdin.stdout, runSimulate(['-f', fixture('basic.yaml'), '-o', 'json']).stdout);
  const bad = spawnSync(process.execPath, [bin, 'simulate', '-f', '-'], {
    input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: A}\nspec: {containers: [{name: c, image: nginx}]}\n',
    encoding: 'utf8',
  });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^error: STDIN:3: The Pod "A" is invalid: metadata\.name: Invalid value: "A"/);
  const fifo = spawnSync(
    'bash',
    ['-c', `"${process.execPath}" "${bin}" simulate -o json -f <(cat "${fixture('basic.yaml')}")`],
    { encoding: 'utf8' },
  );
  assert.equal(fifo.status, 0, fifo.stderr);
  assert.equal(fifo.stdout, viaStdin.stdout);
});

test("simulate -f DIR: the .json, .yaml and .yml files in lexical order, subdirectories only with -R; no file at all is kubectl's error", () => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-dir-'));
  writeFileSync(join(dir, 'b-pod.yml'), pod('web', '100m'));
  writeFileSync(
    join(dir, 'a-node.json'),
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      status: { capacity: { cpu: '1', memory: '1Gi' } },
    }),
  );
  writeFileSync(join(dir, 'notes.txt'), 'not: [a manifest');
  mkdirSync(join(dir, 'more'));
  writeFileSync(join(dir, 'more', 'c.yaml'), pod('db', '100m'));
  const flat = json(['-f', dir, '-o', 'json']);
  assert.deepEqual(
    flat.pods.map((p) => [p.name, p.node]),
    [['web', 'n1']],
  );
  const deep = json(['-f', dir, '-R', '-o', 'json']);
  assert.deepEqual(deep.pods.map((p) => [p.name, p.node]).sort(), [
    ['db', 'n1'],
    ['web', 'n1'],
  ]);
  // The directory's documents in lexical order: the pod created before the node it needs fails.
  writeFileSync(join(dir, '0-bound.yaml'), pod('early', '100m').replace('spec:', 'spec:\n  nodeName: n1'));
  assert.equal(
    runSimulate(['-f', dir]).stderr,
    `error: ${join(dir, '0-bound.yaml')}:6: pod default/early is bound to node n1, which is not in the inventory — load the nodes (kubectl get nodes -o yaml) before the pods\n`,
  );
  const empty = mkdtempSync(join(tmpdir(), 'simulate-empty-'));
  assert.deepEqual(runSimulate(['-f', empty]), {
    stdout: '',
    stderr: `error: error reading [${empty}]: recognized file extensions are [.json .yaml .yml]\n`,
    exitCode: 1,
  });
  assert.equal(
    runSimulate(['-f', fixture('basic.yaml'), '-f', empty, '-o', 'json']).exitCode,
    0,
    'an empty directory after a file is no error (kubectl)',
  );
});

test("simulate: paths that cannot be read give kubectl's messages (ELOOP, ENOTDIR), a sparse file over the limit is refused unread", () => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-fs-'));
  symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
  const loop = join(dir, 'loop-a');
  assert.equal(
    runSimulate(['-f', loop]).stderr,
    `error: the path "${loop}" cannot be accessed: stat ${loop}: too many levels of symbolic links\n`,
  );
  const big = join(dir, 'big.yaml');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 256 * 1024 * 1024 + 1);
  closeSync(fd);
  assert.deepEqual(runSimulate(['-f', big]), {
    stdout: '',
    stderr: `error: the path "${big}" is larger than 256 MiB, the limit for one input — split it into several files\n`,
    exitCode: 1,
  });
  assert.equal(
    pathErrorText('open', 'x.yaml', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
    'open x.yaml: permission denied',
  );
});

test('simulate: with an invalid name after 2,000 valid pods, the error comes from the dry run before anything is applied or settled', (t) => {
  const settles = t.mock.method(Cluster.prototype, 'settle');
  const file = manifest([...Array.from({ length: 2000 }, (_, i) => pod(`p${i}`, '10m')), pod('Bad_Name', '10m')]);
  const r = runSimulate(['-f', file]);
  assert.equal(r.exitCode, 1);
  assert.match(
    r.stderr,
    new RegExp(
      `^error: ${file}:${2000 * 7 + 4}: The Pod "Bad_Name" is invalid: metadata\\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain`,
    ),
  );
  assert.equal(settles.mock.callCount(), 0);
});

test("kube-scenarios binary: output piped into `head -1` ends quietly (no EPIPE trace), with the run's exit code", () => {
  const nodes = Array.from({ length: 20 }, (_, i) => node(`n${i}`));
  const web = deploymentOf(60, ', resources: {requests: {cpu: 100m}}');
  const file = manifest([...nodes, web]);
  // About 380 kB of JSON: far more than a pipe holds, so most writes come after head has exited.
  const r = spawnSync(
    'bash',
    ['-c', `set -o pipefail; "${process.execPath}" "${bin}" simulate -f "${file}" -o json | head -1`],
    { encoding: 'utf8' },
  );
  assert.equal(r.stdout, '{\n');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});

test('ignoreClosedReader: EPIPE on a stream is ignored, any other write error is thrown', () => {
  const stream = new EventEmitter();
  ignoreClosedReader(stream);
  assert.doesNotThrow(() => stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
  assert.throws(() => stream.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' })), /EIO/);
});

test("kube-scenarios binary: with stderr on a terminal (script(1)'s pseudo-terminal) and stdout in a file, the phases are shown on stderr and erased", (t) => {
  if (spawnSync('script', ['--version']).error) {
    t.skip('script(1) is not installed');
    return;
  }
  const out = join(mkdtempSync(join(tmpdir(), 'simulate-tty-')), 'out.json');
  const r = spawnSync(
    'script',
    ['-qc', `"${process.execPath}" "${bin}" simulate -f "${fixture('basic.yaml')}" -o json > "${out}"`, '/dev/null'],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stdout);
  const phases = [
    ...new Set(
      r.stdout
        .split('\r\x1b[K')
        .map((s) => /^[a-z ]+/.exec(s)?.[0].trim())
        .filter(Boolean),
    ),
  ];
  assert.deepEqual(phases, ['reading files', 'checking documents', 'applying documents', 'building the report']);
  assert.ok(r.stdout.endsWith('\r\x1b[K'), JSON.stringify(r.stdout.slice(-40)));
  assert.equal((JSON.parse(readFileSync(out, 'utf8')) as SimulateReport).pods.length, 2);
});

test("simulate -f PATTERN: a path that does not exist is a glob, as kubectl (Go's filepath.Glob): matched directories are read too", () => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-glob-'));
  mkdirSync(join(dir, 'nodes'));
  writeFileSync(join(dir, 'nodes', 'n1.yaml'), node('n1'));
  writeFileSync(join(dir, 'web.yaml'), pod('web', '100m'));
  writeFileSync(join(dir, 'db.yaml'), pod('db', '100m'));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    // `*` matches nodes/ (read as a directory), db.yaml and web.yaml, in that order.
    assert.deepEqual(
      json(['-f', '*', '-o', 'json']).pods.map((p) => [p.name, p.node]),
      [
        ['db', 'n1'],
        ['web', 'n1'],
      ],
    );
    assert.deepEqual(
      json(['-f', 'nodes', '-f', '[v-z]?b.yaml', '-o', 'json']).pods.map((p) => p.name),
      ['web'],
    );
    assert.deepEqual(
      json(['-f', 'no*', '-f', '[^w]*.yaml', '-o', 'json']).pods.map((p) => p.name),
      ['db'],
    );
    assert.equal(runSimulate(['-f', '*.json']).stderr, 'error: the path "*.json" does not exist\n');
    assert.equal(
      runSimulate(['-f', '[z-a]*']).stderr,
      'error: the path "[z-a]*" does not exist\n',
      'a reversed range matches nothing',
    );
    for (const bad of ['[]', '[a-]', '[-a]', 'x\\', '[ab'])
      assert.equal(
        runSimulate(['-f', bad]).stderr,
        `error: pattern ${JSON.stringify(bad)} is not valid: syntax error in pattern\n`,
        bad,
      );
  } finally {
    process.chdir(cwd);
  }
});

// ---- the streamed report ---------------------------------------------------------------------

test('simulate -o json|yaml: the streamed report is byte for byte the serialised buildReport', () => {
  for (const file of ['basic.yaml', 'workloads.yaml']) {
    const cluster = applyFiles([fixture(file)], 1);
    const report = buildReport(cluster);
    assert.equal(runSimulate(['-f', fixture(file), '-o', 'json']).stdout, JSON.stringify(report, null, 2) + '\n');
    assert.equal(runSimulate(['-f', fixture(file), '-o', 'yaml']).stdout, stringify(report, { lineWidth: 0 }));
  }
  // no attempts at all: the empty list is written as the serialisers write it
  const nodesOnly = manifest([node('a')]);
  assert.equal(
    runSimulate(['-f', nodesOnly, '-o', 'json']).stdout,
    JSON.stringify(buildReport(applyFiles([nodesOnly], 1)), null, 2) + '\n',
  );
  assert.equal(
    runSimulate(['-f', nodesOnly, '-o', 'yaml']).stdout,
    stringify(buildReport(applyFiles([nodesOnly], 1)), { lineWidth: 0 }),
  );
});

test('simulate: the spool keeps elements in order through its temporary file, multi-byte text included', () => {
  const spool = new Spool(',', 10);
  const parts = ['a', 'bébé—', 'x'.repeat(25), '한국어', 'z'];
  for (const p of parts) spool.add(p);
  let out = '';
  spool.copyTo((t) => {
    out += t;
  });
  spool.close();
  assert.equal(out, parts.join(','));
});

test('simulate --top N: per attempt only the N best feasible and N rejected nodes, the rest counted', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => node(n));
  const file = manifest([...nodes, node('small', '100m'), pod('web', '500m')]);
  const full = json(['-f', file, '-o', 'json']).scheduling[0];
  const top = json(['-f', file, '-o', 'json', '--top', '1']).scheduling[0];
  assert.deepEqual(top.feasible, [full.node]);
  assert.deepEqual(Object.keys(top.scores), [full.node]);
  assert.deepEqual(top.total, { [full.node!]: full.total[full.node!] });
  assert.deepEqual(top.filtered, full.filtered, 'one rejected node: nothing left out');
  assert.deepEqual(top.omitted, { feasible: 3, filtered: {} });
  assert.equal(full.omitted, undefined);
});

test("simulate --top N: the scheduler's bounded attempts are the full ones truncated (best feasible, rejected by name, the rest counted)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-top-'));
  const { nodes, workload } = writeCapture(dir, { nodes: 24, pods: 240 });
  const input = () => loadInput({ filename: [nodes, workload] });
  const full = applyInput(input(), 1).scheduler.attempts;
  // The reference: truncate a full attempt as --top documents it.
  const truncate = (a: SchedulingAttempt, top: number) => {
    const rejected = Object.keys(a.filtered);
    if (a.feasible.length <= top && rejected.length <= top)
      return { feasible: a.feasible, filtered: a.filtered, scores: a.scores, total: a.total, omitted: undefined };
    const feasible = a.feasible
      .map((n, i) => ({ n, i }))
      .sort(
        (x, y) =>
          (x.n === a.node ? -1 : y.n === a.node ? 1 : 0) || (a.total[y.n] ?? 0) - (a.total[x.n] ?? 0) || x.i - y.i,
      )
      .slice(0, top)
      .map((r) => r.n);
    const byName = [...rejected].sort();
    const omitted = { feasible: a.feasible.length - feasible.length, filtered: {} as Record<string, number> };
    for (const n of byName.slice(top)) {
      const k = `${a.filteredBy[n] || '?'}: ${a.filtered[n].join(', ')}`;
      omitted.filtered[k] = (omitted.filtered[k] ?? 0) + 1;
    }
    return {
      feasible,
      filtered: Object.fromEntries(byName.slice(0, top).map((n) => [n, a.filtered[n]])),
      scores: Object.fromEntries(feasible.filter((n) => n in a.scores).map((n) => [n, a.scores[n]])),
      total: Object.fromEntries(feasible.filter((n) => n in a.total).map((n) => [n, a.total[n]])),
      omitted,
    };
  };
  let truncated = 0;
  for (const top of [0, 2, 5]) {
    const bounded = applyInput(input(), 1, undefined, { traceTop: top }).scheduler.attempts;
    assert.equal(bounded.length, full.length);
    bounded.forEach((b, i) => {
      const want = truncate(full[i], top);
      if (want.omitted) truncated++;
      assert.deepEqual(
        { feasible: b.feasible, filtered: b.filtered, scores: b.scores, total: b.total, omitted: b.omitted },
        want,
        `${b.pod} with --top ${top}`,
      );
      assert.deepEqual(
        [b.pod, b.node, b.result, b.message],
        [full[i].pod, full[i].node, full[i].result, full[i].message],
      );
    });
  }
  assert.ok(truncated > 100, `most attempts are truncated (${truncated})`);
});

test('simulate: a file settles once, after its last document: pods applied before their nodes are tried twice, not once per node', () => {
  const pods = manifest(Array.from({ length: 5 }, (_, i) => pod(`p${i}`, '100m')));
  const nodes = manifest(Array.from({ length: 8 }, (_, i) => node(`n${i}`)));
  const cluster = applyFiles([pods, nodes], 1);
  const attempts = cluster.scheduler.attempts;
  // once in the pods' file (no nodes yet), once when the whole node file is there
  assert.equal(attempts.length, 10);
  assert.deepEqual(
    attempts.slice(0, 5).map((a) => a.message),
    Array(5).fill('no nodes available to schedule pods'),
  );
  assert.ok(
    attempts.slice(5).every((a) => a.result === 'Scheduled' && a.feasible.length === 8),
    'the retry sees every node of the file',
  );
});
