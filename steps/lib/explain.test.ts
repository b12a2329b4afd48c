import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addNode, createEmptyCluster } from '../../src/cluster/bootstrap.ts';
import type { Pod } from '../../src/api/types.ts';
import { explainForAssertion, explainedPods, explainPod, scoresForReport } from './explain.ts';

function pod(name: string, selector: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeSelector: selector, containers: [{ name: 'c', image: 'nginx' }] },
  };
}

function cluster(pods: Pod[]) {
  const c = createEmptyCluster({ seed: 1 });
  addNode(c, { name: 'a', labels: { disk: 'ssd' } });
  addNode(c, { name: 'b' });
  c.settle();
  for (const p of pods) c.api.create(p);
  c.settle();
  return c;
}

test('assertion explanation: a failing placement assertion appends the explain table (NodeAffinity rejects the unlabelled node) and remembers the pod', () => {
  const c = cluster([pod('p', { disk: 'ssd' })]);
  const world = {};
  const text = explainForAssertion(world, c, 'default/p');
  assert.match(text, /^why: pod default\/p: last scheduling attempt at .*: Scheduled to a\n/);
  assert.match(text, /\n  b +rejected  NodeAffinity: node\(s\) didn't match Pod's node affinity\/selector/);
  assert.equal(text, `why: ${explainPod(c, 'default/p').replace(/\n(?=.)/g, '\n  ')}`);
  assert.deepEqual([...explainedPods(world, c)], ['default/p']);
  assert.equal(explainedPods(world, cluster([])).size, 0, 'pods of another cluster (a replay) are remembered apart');
  assert.equal(explainedPods({}, c).size, 0);
});

test('assertion explanation: pods with the same table (kube-scheduler rejects every node for the same reasons) share one table, named once', () => {
  const c = cluster(['p1', 'p2', 'p3'].map((n) => pod(n, { disk: 'nvme' })));
  const text = explainForAssertion({}, c, ['default/p1', 'default/p2', 'default/p3']);
  assert.equal(text.match(/NODE +RESULT/g)?.length, 1, text);
  assert.match(
    text,
    /^why: pod default\/p1: last scheduling attempt at \S+: Unschedulable\n  \(the same for 2 more pod\(s\): default\/p2, default\/p3\)\n/,
  );
  assert.match(
    text,
    /FailedScheduling: 0\/2 nodes are available: 2 node\(s\) didn't match Pod's node affinity\/selector\./,
  );
});

test('assertion explanation: at most two distinct tables; the pods with other explanations are counted, not shown', () => {
  const c = cluster([pod('p1', { disk: 'nvme' }), pod('p2', { disk: 'ssd' }), pod('p3', {})]);
  const text = explainForAssertion({}, c, ['default/p1', 'default/p2', 'default/p3']);
  assert.equal(text.match(/NODE +RESULT/g)?.length, 2, text);
  assert.ok(!text.includes('pod default/p3:'), text);
  assert.match(
    text,
    /\(1 more pod\(s\) with other explanations: see them with "When I explain pod <name>" or `kube-scenarios explain`\)$/,
  );
});

test("report scores: a passing scenario shows the scheduler's table for its first three scheduled pods and counts the rest; kube-system and unscheduled-by-the-scheduler pods are left out", () => {
  const c = cluster(['p1', 'p2', 'p3', 'p4'].map((n) => pod(n, {})));
  c.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'bound', namespace: 'default' },
    spec: { nodeName: 'a', containers: [{ name: 'c', image: 'nginx' }] },
  } as Pod);
  c.settle();
  const text = scoresForReport(c)!;
  assert.deepEqual(
    [...text.matchAll(/^\$ kube-scenarios explain (\S+)$/gm)].map((m) => m[1]),
    ['default/p1', 'default/p2', 'default/p3'],
  );
  assert.ok(text.includes(explainPod(c, 'default/p1')));
  assert.match(text, /\(1 more scheduled pod\(s\): add "Then I explain pod <name>" to the scenario to see one\)\n$/);
  assert.equal(scoresForReport(cluster([])), undefined);
});
