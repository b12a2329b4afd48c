import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../framework/types.ts';
import { newPodInfo } from '../framework/nodeinfo.ts';
import { makeContext, makeNode, makePod } from '../framework/testing.ts';
import { NodeName } from './nodename.ts';

function run(nodeName: string | undefined) {
  const ctx = makeContext([makeNode('foo')]);
  return new NodeName().filter(
    ctx,
    new CycleState(),
    newPodInfo(makePod('p', nodeName ? { nodeName } : {})),
    ctx.snapshot.get('foo')!,
  );
}

test('NodeName Filter: a pod without spec.nodeName fits every node', () => {
  assert.equal(run(undefined), null);
});

test('NodeName Filter: a pod naming this node fits it', () => {
  assert.equal(run('foo'), null);
});

test('NodeName Filter: a pod naming another node is rejected UU "node(s) didn\'t match the requested node name"', () => {
  assert.deepEqual(run('bar'), {
    code: 'UnschedulableAndUnresolvable',
    reasons: ["node(s) didn't match the requested node name"],
  });
});
