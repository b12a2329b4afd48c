import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shellSplit } from './flags.ts';
import { k, testCluster } from './testing.ts';
import { runKubectl } from './kubectl.ts';

test('kubectl entry: a command line is split like a shell (quotes, escapes) and a leading kubectl word is dropped', () => {
  assert.deepEqual(shellSplit(`kubectl run x --image=busybox -- sh -c "echo 'hi there'" a\\ b`), [
    'kubectl',
    'run',
    'x',
    '--image=busybox',
    '--',
    'sh',
    '-c',
    "echo 'hi there'",
    'a b',
  ]);
  const c = testCluster();
  assert.equal(runKubectl(c, ['get', 'nodes']).stdout, k(c, 'kubectl get nodes').stdout);
});

test('kubectl entry: an unknown command gives cobra\'s error with "Did you mean this?" suggestions', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'gte pods'), {
    stdout: '',
    stderr: 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n',
    exitCode: 1,
  });
  assert.equal(k(c, 'frobnicate').stderr, 'error: unknown command "frobnicate" for "kubectl"\n');
});

test('kubectl entry: suggestions come in the order kubectl registers its commands (cobra SuggestionsFor), as kubectl 1.33.1 prints them', () => {
  const c = testCluster();
  const sugg = (w: string) =>
    k(c, w)
      .stderr.split('\n')
      .filter((l) => l.startsWith('\t'))
      .map((l) => l.slice(1));
  // Outputs of kubectl 1.33.1 (no server needed).
  assert.deepEqual(sugg('gett pods'), ['set', 'get']);
  assert.deepEqual(sugg('hel'), ['set', 'get']);
  assert.deepEqual(sugg('alph'), ['auth']);
  assert.deepEqual(sugg('opt'), ['set', 'get', 'top', 'cp', 'options']);
  assert.deepEqual(sugg('ap'), ['top', 'cp', 'apply', 'api-versions', 'api-resources']);
  assert.deepEqual(sugg('c'), ['create', 'certificate', 'cluster-info', 'cordon', 'cp', 'completion', 'config']);
  assert.deepEqual(sugg('r'), ['run', 'rollout', 'cp', 'replace']);
  assert.deepEqual(sugg('e'), ['expose', 'set', 'explain', 'get', 'edit', 'exec', 'cp', 'events']);
});

test('kubectl entry: get and describe without arguments, as kubectl 1.33.1 prints them', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'get'), {
    stdout: '',
    exitCode: 1,
    stderr:
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
      'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
      "See 'kubectl get -h' for help and examples\n",
  });
  assert.deepEqual(k(c, 'describe'), {
    stdout: '',
    exitCode: 1,
    stderr:
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
  });
});

test("kubectl entry: an unknown flag gives pflag's error and the --help hint of templater.FlagErrorFunc", () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'get pods --foo'), {
    stdout: '',
    stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
    exitCode: 1,
  });
  assert.equal(
    k(c, 'get pods -z').stderr,
    "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n",
  );
});

test('kubectl entry: a real kubectl command the simulator lacks answers "not supported yet" with exit 1', () => {
  const r = k(testCluster(), 'top pods');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: not supported yet: kubectl top\n');
});

test('kubectl entry: global -n before the command applies to it', () => {
  const r = k(testCluster(), '-n kube-system get pods');
  assert.equal(r.stderr, 'No resources found in kube-system namespace.\n');
  assert.equal(r.exitCode, 0);
});
