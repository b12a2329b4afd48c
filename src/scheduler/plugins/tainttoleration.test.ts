import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Taint, Toleration } from '../../api/types.ts';
import { CycleState } from '../framework/types.ts';
import type { Status } from '../framework/types.ts';
import { cloneNodeInfo, newPodInfo } from '../framework/nodeinfo.ts';
import { makeContext, makeNode, makePod } from '../framework/testing.ts';
import { TaintToleration, defaultNormalizeScore } from './tainttoleration.ts';

const uu = (reason: string) => ({ code: 'UnschedulableAndUnresolvable', reasons: [reason] });

function filter(tolerations: Toleration[], taints: Taint[]) {
  const ctx = makeContext([makeNode('nodeA', { taints })]);
  return new TaintToleration().filter(
    ctx,
    new CycleState(),
    newPodInfo(makePod('p', { tolerations })),
    ctx.snapshot.get('nodeA')!,
  );
}

/** PreScore + Score on every node + NormalizeScore, like the framework runs them. */
function scores(tolerations: Toleration[], nodes: Record<string, Taint[]>): Record<string, number> {
  const ctx = makeContext(Object.entries(nodes).map(([name, taints]) => makeNode(name, { taints })));
  const pl = new TaintToleration();
  const state = new CycleState();
  const pod = newPodInfo(makePod('p', { tolerations }));
  assert.equal(pl.preScore(ctx, state, pod, ctx.snapshot.nodeInfos), null);
  const nodeInfos = ctx.snapshot.nodeInfos;
  const list = nodeInfos.map((n) => pl.score(ctx, state, pod, n));
  pl.normalize(ctx, state, pod, nodeInfos, list);
  return Object.fromEntries(nodeInfos.map((n, i) => [n.name, list[i]]));
}

test('TaintToleration Filter: a pod without tolerations is rejected by a NoSchedule taint, reason names the taint {key: value}', () => {
  assert.deepEqual(
    filter([], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
    uu('node(s) had untolerated taint {dedicated: user1}'),
  );
});

test('TaintToleration Filter: an empty taint value prints as {key: }', () => {
  assert.deepEqual(
    filter([], [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
    uu('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'),
  );
});

test('TaintToleration Filter: an Equal toleration with the same key, value and effect tolerates the taint', () => {
  assert.equal(
    filter(
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
    ),
    null,
  );
});

test('TaintToleration Filter: an Equal toleration with a different value does not tolerate the taint', () => {
  assert.deepEqual(
    filter(
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
    ),
    uu('node(s) had untolerated taint {dedicated: user1}'),
  );
});

test('TaintToleration Filter: an Exists toleration tolerates the key with any value', () => {
  assert.equal(
    filter(
      [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    ),
    null,
  );
});

test('TaintToleration Filter: several taints all tolerated by several tolerations pass', () => {
  assert.equal(
    filter(
      [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
    ),
    null,
  );
});

test("TaintToleration Filter: a toleration whose non-empty effect differs from the taint's does not tolerate it", () => {
  assert.deepEqual(
    filter(
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    ),
    uu('node(s) had untolerated taint {foo: bar}'),
  );
});

test('TaintToleration Filter: a toleration with an empty effect tolerates every effect of the matching taint', () => {
  assert.equal(
    filter([{ key: 'foo', operator: 'Equal', value: 'bar' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
    null,
  );
});

test('TaintToleration Filter: a PreferNoSchedule taint never filters a node', () => {
  assert.equal(
    filter(
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
    ),
    null,
  );
  assert.equal(filter([], [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]), null);
});

test('TaintToleration Filter: a NoExecute taint filters like NoSchedule', () => {
  assert.deepEqual(
    filter([], [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]),
    uu('node(s) had untolerated taint {node.kubernetes.io/not-ready: }'),
  );
});

test('TaintToleration Filter: the first untolerated taint in node order is the one reported', () => {
  const taints: Taint[] = [
    { key: 'a', value: '1', effect: 'PreferNoSchedule' },
    { key: 'b', value: '2', effect: 'NoSchedule' },
    { key: 'c', value: '3', effect: 'NoExecute' },
  ];
  assert.deepEqual(filter([], taints), uu('node(s) had untolerated taint {b: 2}'));
  assert.deepEqual(filter([{ key: 'b', operator: 'Exists' }], taints), uu('node(s) had untolerated taint {c: 3}'));
});

test('TaintToleration Filter: a wildcard {operator: Exists} toleration tolerates every taint', () => {
  assert.equal(
    filter(
      [{ operator: 'Exists' }],
      [
        { key: 'x', value: 'y', effect: 'NoSchedule' },
        { key: 'z', effect: 'NoExecute' },
      ],
    ),
    null,
  );
});

test('TaintToleration Score: a node whose PreferNoSchedule taint is tolerated scores 100, an untolerated one 0', () => {
  assert.deepEqual(
    scores([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], {
      nodeA: [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }],
      nodeB: [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }],
    }),
    { nodeA: 100, nodeB: 0 },
  );
});

test('TaintToleration Score: nodes whose taints are all tolerated score the same, however many taints they have', () => {
  assert.deepEqual(
    scores(
      [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ],
      {
        nodeA: [],
        nodeB: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }],
        nodeC: [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ],
      },
    ),
    { nodeA: 100, nodeB: 100, nodeC: 100 },
  );
});

test('TaintToleration Score: raw counts 0/1/2 of untolerated PreferNoSchedule taints normalise in reverse to 100/50/0', () => {
  assert.deepEqual(
    scores([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], {
      nodeA: [],
      nodeB: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }],
      nodeC: [
        { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
      ],
    }),
    { nodeA: 100, nodeB: 50, nodeC: 0 },
  );
});

test('TaintToleration Score: only PreferNoSchedule taints count, and tolerations with effect NoSchedule are ignored for scoring', () => {
  assert.deepEqual(
    scores(
      [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ],
      {
        nodeA: [],
        nodeB: [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }],
        nodeC: [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ],
      },
    ),
    { nodeA: 100, nodeB: 100, nodeC: 0 },
  );
});

test('TaintToleration Score: a toleration with an empty effect counts for PreferNoSchedule taints', () => {
  assert.deepEqual(
    scores([{ key: 'foo', operator: 'Exists' }], {
      nodeA: [{ key: 'foo', value: 'x', effect: 'PreferNoSchedule' }],
      nodeB: [{ key: 'bar', effect: 'PreferNoSchedule' }],
    }),
    { nodeA: 100, nodeB: 0 },
  );
});

test('TaintToleration Score: with no tolerations the untainted node is preferred', () => {
  assert.deepEqual(
    scores([], { nodeA: [], nodeB: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }] }),
    { nodeA: 100, nodeB: 0 },
  );
});

test('TaintToleration NormalizeScore: reverse scaling truncates like Go int64 (raws 0/1/3 → 100/67/0)', () => {
  const list = [0, 1, 3];
  defaultNormalizeScore(list, true);
  // 100·1/3 = 33 (truncated) → 100 − 33 = 67
  assert.deepEqual(list, [100, 67, 0]);
});

test('TaintToleration Filter and Score: a copy of a tainted node (a preemption dry run, outside the snapshot) is judged the same way', () => {
  const ctx = makeContext([
    makeNode('hard', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }),
    makeNode('soft', {
      taints: [
        { key: 'spot', effect: 'PreferNoSchedule' },
        { key: 'arm', effect: 'PreferNoSchedule' },
      ],
    }),
  ]);
  const pl = new TaintToleration();
  const state = new CycleState();
  const pod = newPodInfo(makePod('p'));
  const hard = ctx.snapshot.get('hard')!,
    soft = ctx.snapshot.get('soft')!;
  assert.deepEqual(pl.filter(ctx, state, pod, cloneNodeInfo(hard)), pl.filter(ctx, state, pod, hard));
  assert.equal(
    pl.filter(ctx, state, pod, cloneNodeInfo(hard))?.reasons[0],
    'node(s) had untolerated taint {dedicated: db}',
  );
  assert.equal(pl.preScore(ctx, state, pod, ctx.snapshot.nodeInfos), null);
  assert.equal(pl.score(ctx, state, pod, cloneNodeInfo(soft)), 2);
  assert.equal(pl.score(ctx, state, pod, soft), 2);
});

test('TaintToleration Filter over a chunk of the snapshot: none when no node has taints; else untolerated NoSchedule/NoExecute taints reject, as by filter()', () => {
  const pl = new TaintToleration();
  const pod = newPodInfo(
    makePod('p', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }] }),
  );
  const none = makeContext([makeNode('n1'), makeNode('n2')]);
  assert.equal(pl.filterNodesFor(none, new CycleState(), pod, pl.filterFor(none, new CycleState(), pod)), null);
  const ctx = makeContext([
    makeNode('n1'),
    makeNode('n2', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }),
    makeNode('n3', { taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }] }),
    makeNode('n4', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }),
  ]);
  const state = new CycleState();
  const all = ctx.snapshot.nodeInfos;
  const statuses: (Status | null)[] = all.map(() => null);
  pl.filterNodesFor(ctx, state, pod, pl.filterFor(ctx, state, pod))!(
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
  assert.deepEqual(statuses, [null, uu('node(s) had untolerated taint {dedicated: db}'), null, null]);
});
