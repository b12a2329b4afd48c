import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types.ts';
import { CycleState } from '../framework/types.ts';
import { cloneNodeInfo, newPodInfo } from '../framework/nodeinfo.ts';
import { makeContext, makeNode, makePod } from '../framework/testing.ts';
import {
  BALANCED_ALLOCATION_ARGS,
  NodeResourcesBalancedAllocation,
  balancedResourceScore,
} from './balancedallocation.ts';
import type { BalancedAllocationArgs } from './balancedallocation.ts';
import { defaultedArgs } from '../pluginargs.ts';

type Req = Record<string, string>;
const reqPod = (name: string, nodeName: string | undefined, ...reqs: Req[]): Pod =>
  makePod(name, {
    nodeName,
    containers: reqs.map((r, i): Container => ({ name: `c${i}`, image: 'nginx', resources: { requests: r } })),
  });

function run(
  incoming: Pod,
  nodes: Record<string, Record<string, string | number>>,
  existing: Pod[] = [],
  args?: BalancedAllocationArgs,
) {
  const ctx = makeContext(
    Object.entries(nodes).map(([name, allocatable]) => makeNode(name, { allocatable })),
    existing,
  );
  const pl = new NodeResourcesBalancedAllocation(args);
  const state = new CycleState();
  const pod = newPodInfo(incoming);
  const pre = pl.preScore(ctx, state, pod, ctx.snapshot.nodeInfos);
  return { pre, scores: Object.fromEntries(ctx.snapshot.nodeInfos.map((n) => [n.name, pl.score(ctx, state, pod, n)])) };
}

test('NodeResourcesBalancedAllocation Score: spec example, fractions 0.75/0.5 → std 0.125 → 87', () => {
  assert.equal(balancedResourceScore([750, 512], [1000, 1024]), 87);
});

test('NodeResourcesBalancedAllocation Score: differently sized nodes, 3000/4000 cpu & 5000/10000 memory → 87, equal fractions → 100', () => {
  const r = run(reqPod('p', undefined, { cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }), {
    node1: { cpu: '4000', memory: '10000' },
    node2: { cpu: '6000', memory: '10000' },
  });
  assert.equal(r.pre, null);
  assert.deepEqual(r.scores, { node1: 87, node2: 100 });
});

test('NodeResourcesBalancedAllocation Score: requests of pods already on the node are added', () => {
  // node1: cpu (3000+3000)/10000 = 0.6, memory (0+5000)/20000 = 0.25 → std 0.175 → 82
  // node2: cpu 0.6, memory (5000+5000)/20000 = 0.5 → std 0.05 → 95
  const existing = [
    reqPod('a', 'node1', { cpu: '3000', memory: '0' }),
    reqPod('b', 'node2', { cpu: '3000', memory: '5000' }),
  ];
  assert.deepEqual(
    run(
      reqPod('p', undefined, { cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }),
      { node1: { cpu: '10000', memory: '20000' }, node2: { cpu: '10000', memory: '20000' } },
      existing,
    ).scores,
    { node1: 82, node2: 95 },
  );
});

test('NodeResourcesBalancedAllocation Score: actual requests are used, with no 100m/200Mi defaults for containers without requests', () => {
  // The existing pod has no requests and adds nothing: cpu 1000/4000 = 0.25, memory 1Gi/4Gi = 0.25 → 100.
  assert.deepEqual(
    run(reqPod('p', undefined, { cpu: '1', memory: '1Gi' }), { n1: { cpu: '4', memory: '4Gi' } }, [
      makePod('e', { nodeName: 'n1' }),
    ]).scores,
    { n1: 100 },
  );
});

test('NodeResourcesBalancedAllocation Score: fractions are capped at 1 when requests exceed allocatable', () => {
  // cpu 6000/4000 → 1, memory 5000/10000 = 0.5 → std 0.25 → 75
  const existing = [reqPod('a', 'node1', { cpu: '3000', memory: '5000' })];
  assert.deepEqual(
    run(reqPod('p', undefined, { cpu: '3000', memory: '0' }), { node1: { cpu: '4000', memory: '10000' } }, existing)
      .scores,
    { node1: 75 },
  );
});

test('NodeResourcesBalancedAllocation Score: a resource with zero allocatable is left out; one fraction alone gives 100', () => {
  assert.deepEqual(run(reqPod('p', undefined, { cpu: '1', memory: '1Gi' }), { n1: { cpu: '4' } }).scores, { n1: 100 });
  assert.deepEqual(run(reqPod('p', undefined, { cpu: '1', memory: '1Gi' }), { n1: {} }).scores, { n1: 100 });
});

test('NodeResourcesBalancedAllocation Score: more than two resources use the population standard deviation', () => {
  // fractions 0.25, 0.25, 0.5 → mean 1/3, std √(1/72) ≈ 0.1179 → 88
  const args: BalancedAllocationArgs = {
    resources: [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
      { name: 'nvidia.com/gpu', weight: 1 },
    ],
  };
  assert.deepEqual(
    run(
      reqPod('p', undefined, { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1' }),
      { n1: { cpu: '4', memory: '4Gi', 'nvidia.com/gpu': '2' } },
      [],
      args,
    ).scores,
    { n1: 88 },
  );
  // An extended resource the pod does not request is skipped: back to cpu/memory only.
  assert.deepEqual(
    run(
      reqPod('p', undefined, { cpu: '1', memory: '2Gi' }),
      { n1: { cpu: '4', memory: '4Gi', 'nvidia.com/gpu': '2' } },
      [],
      args,
    ).scores,
    { n1: 87 },
  );
});

test('NodeResourcesBalancedAllocation PreScore: a best-effort pod (no cpu or memory requests) is skipped (1.33)', () => {
  const r = run(makePod('p'), { n1: { cpu: '4', memory: '4Gi' } }, [reqPod('e', 'n1', { cpu: '3', memory: '1Gi' })]);
  assert.deepEqual(r.pre, { code: 'Skip', reasons: [] });
  assert.deepEqual(r.scores, { n1: 0 });
});

test('NodeResourcesBalancedAllocation PreScore: a pod requesting only memory is not best-effort and is scored', () => {
  // cpu 0/4000 = 0, memory 2Gi/4Gi = 0.5 → std 0.25 → 75
  const r = run(reqPod('p', undefined, { memory: '2Gi' }), { n1: { cpu: '4', memory: '4Gi' } });
  assert.equal(r.pre, null);
  assert.deepEqual(r.scores, { n1: 75 });
});

test('NodeResourcesBalancedAllocation Score: without PreScore a best-effort pod scores 0 and others are computed', () => {
  const ctx = makeContext([makeNode('n1', { allocatable: { cpu: '4000', memory: '10000' } })]);
  const pl = new NodeResourcesBalancedAllocation();
  assert.equal(pl.score(ctx, new CycleState(), newPodInfo(makePod('p')), ctx.snapshot.get('n1')!), 0);
  assert.equal(
    pl.score(
      ctx,
      new CycleState(),
      newPodInfo(reqPod('p', undefined, { cpu: '3000', memory: '5000' })),
      ctx.snapshot.get('n1')!,
    ),
    87,
  );
});

test('NodeResourcesBalancedAllocation: weights outside [1, 100] are rejected', () => {
  assert.throws(() => new NodeResourcesBalancedAllocation({ resources: [{ name: 'cpu', weight: 0 }] }));
});

test('NodeResourcesBalancedAllocation Score: a copy of a node (a preemption dry run, outside the snapshot) scores the same as the node', () => {
  const ctx = makeContext(
    [makeNode('n1', { allocatable: { cpu: '4000', memory: '10000' } })],
    [reqPod('e', 'n1', { cpu: '1000', memory: '1000' })],
  );
  const pl = new NodeResourcesBalancedAllocation();
  const state = new CycleState();
  const pod = newPodInfo(reqPod('p', undefined, { cpu: '1000', memory: '4000' }));
  const node = ctx.snapshot.get('n1')!;
  assert.equal(pl.preScore(ctx, state, pod, [node]), null);
  // fractions 2000/4000 and 5000/10000: equal → 100
  assert.equal(pl.score(ctx, state, pod, cloneNodeInfo(node)), 100);
  assert.equal(pl.score(ctx, state, pod, node), 100);
});

test('NodeResourcesBalancedAllocation Score: the order of cpu and memory in the resources does not change a score; one resource alone scores 100', () => {
  const nodes = { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '6000', memory: '10000' } };
  const incoming = reqPod('p', undefined, { cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' });
  const cpuFirst = run(incoming, nodes, [], {
    resources: [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
  });
  const memoryFirst = run(incoming, nodes, [], {
    resources: [
      { name: 'memory', weight: 1 },
      { name: 'cpu', weight: 1 },
    ],
  });
  assert.deepEqual(memoryFirst.scores, cpuFirst.scores);
  assert.deepEqual(memoryFirst.scores, { node1: 87, node2: 100 });
  assert.deepEqual(run(incoming, nodes, [], { resources: [{ name: 'memory', weight: 1 }] }).scores, {
    node1: 100,
    node2: 100,
  });
});

test('NodeResourcesBalancedAllocationArgs defaults (SetDefaults_NodeResourcesBalancedAllocationArgs): resources cpu and memory weight 1', () => {
  assert.deepEqual(defaultedArgs(BALANCED_ALLOCATION_ARGS, undefined), {
    resources: [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
  });
});
