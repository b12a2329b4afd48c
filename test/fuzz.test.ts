// A bounded fuzz run (fast-check, fixed seed, about a second each): mutated copies of the study
// notes' manifests (test/fixtures/notes-manifests.yaml: lines deleted, duplicated, re-indented,
// bytes replaced, values swapped for odd scalars, text truncated) go through loadManifests and
// the API server's create path; random argument vectors go through runKubectl and the simulate
// CLI. The only assertion is the contract of every entry point: success, or a clear user-facing
// error (UserError / ApiError, or a non-zero exit with a message) — never an uncaught exception,
// a TypeError or a stack trace.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadManifests } from '../src/api/manifest.ts';
import { runSimulate } from '../src/cli/simulate.ts';
import { stdin } from '../src/cli/input.ts';
import { Cluster } from '../src/cluster/cluster.ts';
import { runKubectl } from '../src/kubectl/kubectl.ts';
import { runningPod, testCluster } from '../src/kubectl/testing.ts';
import { ApiError } from '../src/store/errors.ts';
import { UserError } from '../src/util/errors.ts';
import { PROJECT_DIR } from '../src/util/paths.ts';
import { mutationArb } from './mutations.ts';

const SEED = 424242;
const NOTES = readFileSync(join(__dirname, 'fixtures', 'notes-manifests.yaml'), 'utf8');
const LEAK =
  /\n\s+at .*:\d+:\d+|TypeError|ReferenceError|RangeError|Cannot read prop|is not a function|undefined \(reading|\[object Object\]/;

/** Runs fn; passes if it returns or throws a user-facing error, rethrows anything else. */
function clearErrorOrSuccess(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError || e instanceof ApiError) {
      assert.ok(e.message.length > 0);
      assert.doesNotMatch(e.message, LEAK);
      return;
    }
    throw e;
  }
}

test('fuzz: mutated manifests are either created or rejected with a UserError/ApiError by loadManifests and the API server, never a crash', () => {
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
      const text = mutations.reduce((t, m) => m(t), NOTES);
      const cluster = new Cluster();
      cluster.components.length = 0;
      clearErrorOrSuccess(() => {
        for (const e of loadManifests(text, 'notes.yaml'))
          clearErrorOrSuccess(() => {
            cluster.api.create(e.object);
          });
      });
    }),
    { seed: SEED, numRuns: 60 },
  );
});

test('fuzz: mutated manifests applied with kubectl to a running cluster end in success or a kubectl error message, never a crash', () => {
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 2 }), (mutations) => {
      const stdin = mutations.reduce((t, m) => m(t), NOTES);
      const cluster = testCluster();
      const r = runKubectl(cluster, ['apply', '-f', '-'], { stdin });
      if (r.exitCode !== 0) assert.notEqual(r.stderr, '');
      assert.doesNotMatch(r.stderr, LEAK);
    }),
    { seed: SEED, numRuns: 25 },
  );
});

const WORDS = [
  'get',
  'describe',
  'delete',
  'apply',
  'create',
  'run',
  'scale',
  'taint',
  'label',
  'cordon',
  'uncordon',
  'drain',
  'logs',
  'gett',
  'kubectl',
  'pods',
  'pod',
  'po',
  'nodes',
  'node',
  'no',
  'deployments',
  'deploy',
  'rs',
  'ds',
  'ns',
  'pc',
  'events',
  'pods,nodes',
  'pod/web',
  'node/w1-k8s',
  'svc',
  'x/y/z',
  '/',
  'web',
  'w1-k8s',
  'w2-k8s',
  'm-k8s',
  'nosuch',
  'Web',
  '',
  ' ',
  '-',
  '--',
  '---',
  '=',
  ':',
  '-=',
  '=-',
  '-o',
  'wide',
  'yaml',
  'json',
  'name',
  'jsonpath={.items[*].metadata.name}',
  'custom-columns=NAME:.metadata.name',
  '-owide',
  '-oyaml',
  '-A',
  '-n',
  'kube-system',
  '--all-namespaces',
  '-l',
  'app=web',
  'app in (a,b)',
  '!app',
  'app',
  '--selector=',
  '--field-selector',
  'spec.nodeName=w1-k8s',
  '--show-labels',
  '--sort-by=.metadata.name',
  '--no-headers',
  '--overwrite',
  '--all',
  '--force',
  '--ignore-daemonsets',
  '--delete-emptydir-data',
  '--grace-period=0',
  '--grace-period=-1',
  '--timeout=1s',
  '--timeout=0',
  '--replicas=3',
  '--replicas=-1',
  '--replicas',
  '--image=nginx',
  '--image=',
  '--restart=Never',
  '--dry-run=client',
  '--dry-run=server',
  '--dry-run',
  '--port=80',
  '--labels=a=b',
  '-f',
  'manifests/name-uppercase.yaml',
  'fixtures/notes-manifests.yaml',
  '-',
  'nosuch.yaml',
  '../../../etc/passwd',
  'manifests/',
  'gpu=true:NoSchedule',
  'gpu:NoExecute',
  'gpu-',
  'gpu:NoSchedule-',
  'a=b:c:d',
  'key=:PreferNoSchedule',
  'node-role.kubernetes.io/control-plane:NoSchedule-',
  'disk=ssd',
  'disk-',
  'a=b=c',
  '--help',
  '-h',
  '--namespace=',
  '--context=x',
  '-x',
  '--bogus',
  '"',
  "'",
  '\\',
  '--=',
  '-oo',
  '--output=',
  '-o=json',
];

test('fuzz: random kubectl argument vectors end with exit 0, or exit 1 and an error on stderr, never an exception', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 7 }), (argv) => {
      const cluster = testCluster();
      cluster.store.create(runningPod('web', 'w1-k8s', { labels: { app: 'web' } }));
      const r = runKubectl(cluster, argv, { cwd: join(__dirname, 'corpus'), root: PROJECT_DIR, stdin: NOTES });
      assert.ok(r.exitCode === 0 || r.exitCode === 1, `exit ${r.exitCode}`);
      if (r.exitCode !== 0) assert.notEqual(r.stderr, '');
      assert.doesNotMatch(r.stderr, LEAK);
    }),
    { seed: SEED, numRuns: 1500 },
  );
});

const SIM_WORDS = [
  '-f',
  '--filename',
  '--filename=test/fixtures/simulate/basic.yaml',
  'test/fixtures/simulate/basic.yaml',
  'test/fixtures/simulate/workloads.yaml',
  'test/fixtures/notes-manifests.yaml',
  'test/corpus/manifests/yaml-tab-indent.yaml',
  'test',
  'nosuch.yaml',
  '',
  '-o',
  'json',
  'yaml',
  'wide',
  'xml',
  '--seed',
  '7',
  '-1',
  '1.5',
  'abc',
  '--',
  '-h',
  '--help',
  '--bogus',
  '-',
  'simulate',
  '-R',
  '--recursive',
  'test/fixtures',
  'test/corpus/manifests',
  '/dev/zero',
  '/dev/null',
  'README.md/x',
];

test('fuzz: random simulate argument vectors end with exit 0, or a non-zero exit and an error on stderr, never an exception', () => {
  const cwd = process.cwd();
  process.chdir(PROJECT_DIR);
  const read = stdin.read;
  stdin.read = () => NOTES; // `-f -`: the test runner's own stdin is not to be read
  try {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SIM_WORDS), { maxLength: 6 }), (argv) => {
        const r = runSimulate(argv);
        if (r.exitCode !== 0) assert.match(r.stderr, /^error: |^Usage:/);
        assert.doesNotMatch(r.stderr, LEAK);
      }),
      { seed: SEED, numRuns: 150 },
    );
  } finally {
    stdin.read = read;
    process.chdir(cwd);
  }
});
