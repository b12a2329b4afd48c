import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../api/types.ts';
import { k, testCluster } from './testing.ts';

const taints = (c: ReturnType<typeof testCluster>, n: string) => c.store.get<Node>('Node', undefined, n)!.spec?.taints;

test('kubectl taint: add (tainted), remove by key:effect (untainted), remove every effect of a key with k-', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'taint nodes w3-k8s key01=value01:NoSchedule'), {
    stdout: 'node/w3-k8s tainted\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(taints(c, 'w3-k8s'), [{ key: 'key01', value: 'value01', effect: 'NoSchedule' }]);
  k(c, 'taint nodes w3-k8s key01:NoExecute');
  assert.deepEqual(
    taints(c, 'w3-k8s')!.map((t) => t.effect),
    ['NoExecute', 'NoSchedule'],
  );
  assert.equal(k(c, 'taint nodes w3-k8s key01:NoSchedule-').stdout, 'node/w3-k8s untainted\n');
  assert.equal(k(c, 'taint node w3-k8s key01-').stdout, 'node/w3-k8s untainted\n');
  assert.equal(taints(c, 'w3-k8s'), undefined);
});

test('kubectl taint: an existing key+effect needs --overwrite (then "modified"); same key, other effect is a new taint', () => {
  const c = testCluster();
  k(c, 'taint nodes w1-k8s role=web:NoSchedule');
  assert.equal(
    k(c, 'taint nodes w1-k8s role=api:NoSchedule').stderr,
    'error: node w1-k8s already has role taint(s) with same effect(s) and --overwrite is false\n',
  );
  assert.equal(k(c, 'taint nodes w1-k8s role=api:NoSchedule --overwrite').stdout, 'node/w1-k8s modified\n');
  assert.deepEqual(taints(c, 'w1-k8s'), [{ key: 'role', value: 'api', effect: 'NoSchedule' }]);
  assert.equal(k(c, 'taint nodes w1-k8s role=api:PreferNoSchedule').stdout, 'node/w1-k8s tainted\n');
});

test('kubectl taint: parse errors are usage errors with the -h hint', () => {
  const c = testCluster();
  const hint = "\nSee 'kubectl taint -h' for help and examples\n";
  assert.equal(
    k(c, 'taint nodes w1-k8s k=v:Bogus').stderr,
    'error: invalid taint effect: Bogus, unsupported taint effect' + hint,
  );
  assert.match(
    k(c, 'taint nodes w1-k8s k=v').stderr,
    /^error: invalid taint spec: k=v, name part must consist of alphanumeric characters/,
  );
  assert.equal(k(c, 'taint nodes w1-k8s k:').stderr, 'error: invalid taint effect: , unsupported taint effect' + hint);
  assert.equal(
    k(c, 'taint nodes w1-k8s a=b=c:NoSchedule').stderr,
    'error: invalid taint spec: a=b=c:NoSchedule' + hint,
  );
  assert.equal(
    k(c, 'taint nodes w1-k8s k=v:NoSchedule k=w:NoSchedule').stderr,
    'error: duplicated taints with the same key and effect: {k w NoSchedule <nil>}' + hint,
  );
  assert.match(
    k(c, 'taint nodes w1-k8s bad!key:NoSchedule').stderr,
    /^error: invalid taint spec: bad!key:NoSchedule, name part must consist of alphanumeric characters, '-', '_' or '\.', and must start and end with an alphanumeric character \(e\.g\. 'MyName',  or 'my\.name',  or '123-abc', regex used for validation is/,
  );
});

test('kubectl taint: validation and lookup errors', () => {
  const c = testCluster();
  assert.equal(k(c, 'taint nodes w1-k8s').stderr, 'error: at least one taint update is required\n');
  assert.equal(
    k(c, 'taint nodes w1-k8s k:NoSchedule other').stderr,
    'error: all resources must be specified before taint changes: other\n',
  );
  assert.equal(
    k(c, 'taint nodes w1-k8s k:NoSchedule k:NoSchedule-').stderr,
    'error: can not both modify and remove the following taint(s) in the same command: {"k":"NoSchedule"}\n',
  );
  assert.equal(
    k(c, 'taint pods web k:NoSchedule').stderr,
    'error: invalid resource type pods, only node types are supported\n',
  );
  assert.equal(
    k(c, 'taint nodes k:NoSchedule').stderr,
    "error: at least one resource name must be specified since 'all' parameter is not set\n",
  );
  assert.equal(k(c, 'taint nodes w1-k8s gone:NoSchedule-').stderr, 'error: taint "gone:NoSchedule" not found\n');
  assert.equal(k(c, 'taint nodes w1-k8s gone-').stderr, 'error: taint "gone" not found\n');
  assert.equal(k(c, 'taint nodes nope k:NoSchedule').stderr, 'Error from server (NotFound): nodes "nope" not found\n');
});

test('kubectl taint --all taints every node', () => {
  const c = testCluster();
  assert.equal(
    k(c, 'taint nodes --all x=y:NoSchedule').stdout,
    'node/m-k8s tainted\nnode/w1-k8s tainted\nnode/w2-k8s tainted\nnode/w3-k8s tainted\n',
  );
});
