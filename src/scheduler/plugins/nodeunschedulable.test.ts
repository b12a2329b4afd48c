import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../framework/types.ts';
import type { Status } from '../framework/types.ts';
import { cloneNodeInfo, newPodInfo } from '../framework/nodeinfo.ts';
import { makeContext, makeNode, makePod } from '../framework/testing.ts';
import type { NodeOpts, PodOpts } from '../framework/testing.ts';
import { NodeUnschedulable } from './nodeunschedulable.ts';

function run(node: NodeOpts, pod: PodOpts = {}) {
  const ctx = makeContext([makeNode('n1', node)]);
  return new NodeUnschedulable().filter(ctx, new CycleState(), newPodInfo(makePod('p', pod)), ctx.snapshot.get('n1')!);
}

test('NodeUnschedulable Filter: a cordoned node rejects a pod without tolerations (UU "node(s) were unschedulable")', () => {
  assert.deepEqual(run({ unschedulable: true }), {
    code: 'UnschedulableAndUnresolvable',
    reasons: ['node(s) were unschedulable'],
  });
});

test('NodeUnschedulable Filter: a schedulable node passes, whether unschedulable is false or unset', () => {
  assert.equal(run({ unschedulable: false }), null);
  assert.equal(run({}), null);
});

test('NodeUnschedulable Filter: a toleration of node.kubernetes.io/unschedulable:NoSchedule lets the pod onto a cordoned node', () => {
  assert.equal(
    run(
      { unschedulable: true },
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] },
    ),
    null,
  );
});

test('NodeUnschedulable Filter: the synthetic taint is tolerated by a key-only Exists toleration and by a wildcard {operator: Exists}', () => {
  assert.equal(
    run({ unschedulable: true }, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] }),
    null,
  );
  assert.equal(run({ unschedulable: true }, { tolerations: [{ operator: 'Exists' }] }), null);
});

test('NodeUnschedulable Filter: a toleration for another effect or key, or requiring a value, does not tolerate the synthetic taint', () => {
  const rejected = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] };
  assert.deepEqual(
    run(
      { unschedulable: true },
      { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }] },
    ),
    rejected,
  );
  assert.deepEqual(
    run({ unschedulable: true }, { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }] }),
    rejected,
  );
  assert.deepEqual(
    run(
      { unschedulable: true },
      {
        tolerations: [
          { key: 'node.kubernetes.io/unschedulable', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
        ],
      },
    ),
    rejected,
  );
});

test("NodeUnschedulable Filter: a real unschedulable taint on an uncordoned node is not this plugin's concern", () => {
  assert.equal(run({ taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), null);
});

test('NodeUnschedulable Filter: a copy of a cordoned node (a preemption dry run, outside the snapshot) is rejected the same way', () => {
  const ctx = makeContext([makeNode('n1', { unschedulable: true }), makeNode('n2')]);
  const pl = new NodeUnschedulable();
  const pod = newPodInfo(makePod('p'));
  assert.deepEqual(pl.filter(ctx, new CycleState(), pod, cloneNodeInfo(ctx.snapshot.get('n1')!)), {
    code: 'UnschedulableAndUnresolvable',
    reasons: ['node(s) were unschedulable'],
  });
  assert.equal(pl.filter(ctx, new CycleState(), pod, cloneNodeInfo(ctx.snapshot.get('n2')!)), null);
});

test('NodeUnschedulable Filter over a chunk of the snapshot: none when no node is cordoned; else only the cordoned nodes are rejected, as by filter()', () => {
  const pl = new NodeUnschedulable();
  const pod = newPodInfo(makePod('p'));
  const none = makeContext([makeNode('n1'), makeNode('n2')]);
  assert.equal(pl.filterNodesFor(none, new CycleState(), pod, pl.filterFor(none, new CycleState(), pod)!), null);
  const ctx = makeContext([makeNode('n1'), makeNode('n2', { unschedulable: true }), makeNode('n3')]);
  const state = new CycleState();
  const all = ctx.snapshot.nodeInfos;
  const statuses: (Status | null)[] = all.map(() => null);
  pl.filterNodesFor(ctx, state, pod, pl.filterFor(ctx, state, pod)!)!(
    all,
    all.map((ni) => ctx.snapshot.amounts.row(ni)),
    0,
    all.length,
    statuses,
  );
  assert.deepEqual(
    statuses,
    all.map((ni) => pl.filter(ctx, state, pod, ni)),
  );
  assert.deepEqual(statuses[1], { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
});
