import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k, testCluster } from './testing.ts';

test('kubectl label nodes: labeled, then any existing key errors without --overwrite (even the same value)', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'label node w1-k8s cpu=2core_over'), {
    stdout: 'node/w1-k8s labeled\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(c.store.get('Node', undefined, 'w1-k8s')!.metadata.labels!.cpu, '2core_over');
  assert.deepEqual(k(c, 'label node w1-k8s cpu=2core_over'), {
    stdout: '',
    stderr: "error: 'cpu' already has a value (2core_over), and --overwrite is false\n",
    exitCode: 1,
  });
  assert.equal(k(c, 'label node w1-k8s cpu=4 --overwrite').stdout, 'node/w1-k8s labeled\n');
});

test('kubectl label: k- removes (unlabeled); removing an absent key prints `label "k" not found.` and not labeled', () => {
  const c = testCluster();
  k(c, 'label node w1-k8s gpu=true');
  assert.equal(k(c, 'label node w1-k8s gpu-').stdout, 'node/w1-k8s unlabeled\n');
  assert.equal(k(c, 'label node w1-k8s gpu-').stdout, 'label "gpu" not found.\nnode/w1-k8s not labeled\n');
});

test("kubectl label: several labels at once; spec errors use kubectl's wording", () => {
  const c = testCluster();
  assert.equal(k(c, 'label node w1-k8s gpu=true disktype=ssd cpu=2core').stdout, 'node/w1-k8s labeled\n');
  assert.equal(k(c, 'label node w1-k8s a=b=c').stderr, 'error: invalid label spec: a=b=c\n');
  assert.equal(
    k(c, 'label node w1-k8s a=b a-').stderr,
    'error: can not both modify and remove a label in the same command\n',
  );
  assert.equal(k(c, 'label node w1-k8s').stderr, 'error: at least one label update is required\n');
  assert.equal(
    k(c, 'label node w1-k8s a=b other').stderr,
    'error: all resources must be specified before label changes: other\n',
  );
  assert.match(
    k(c, 'label node w1-k8s a=-x-').stderr,
    /^error: invalid label value: "a=-x-": a valid label must be an empty string/,
  );
  assert.equal(k(c, 'label node nope a=b').stderr, 'Error from server (NotFound): nodes "nope" not found\n');
});
