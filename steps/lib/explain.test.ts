import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addNode, createEmptyCluster } from '../../src/cluster/lab.ts';
import type { Pod } from '../../src/api/types.ts';
import { explainForAssertion, explanationsFor, explainPod } from './explain.ts';

function cluster() {
  const c = createEmptyCluster({ seed: 1 });
  addNode(c, { name: 'a', labels: { disk: 'ssd' } });
  addNode(c, { name: 'b' });
  c.settle();
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'nginx' }] } };
  c.api.create(pod);
  c.settle();
  return c;
}

test('assertion explanation: a failing placement assertion appends the explain table (NodeAffinity rejects the unlabelled node) and remembers it for the report', () => {
  const c = cluster();
  const world = {};
  const text = explainForAssertion(world, c, 'default/p');
  assert.match(text, /^why: pod default\/p: last scheduling attempt at .*: Scheduled to a\n/);
  assert.match(text, /\n  b +rejected  NodeAffinity: node\(s\) didn't match Pod's node affinity\/selector/);
  assert.equal(explanationsFor(world).get('default/p'), explainPod(c, 'default/p'));
  assert.equal(explanationsFor({}).size, 0);
});
