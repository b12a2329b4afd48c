import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types.ts';
import { CycleState } from '../framework/types.ts';
import type { Status } from '../framework/types.ts';
import { cloneNodeInfo, newPodInfo } from '../framework/nodeinfo.ts';
import { makeContext, makeNode, makePod } from '../framework/testing.ts';
import {
  DEFAULT_RESOURCES,
  NODE_RESOURCES_FIT_ARGS,
  NodeResourcesFit,
  insufficientResources,
} from './noderesourcesfit.ts';
import type { NodeResourcesFitArgs } from './noderesourcesfit.ts';
import { defaultedArgs } from '../pluginargs.ts';

// ---- helpers --------------------------------------------------------------------------------------

type Req = Record<string, string>;
const containers = (prefix: string, reqs: Req[]): Container[] =>
  reqs.map((r, i) => ({ name: `${prefix}${i}`, image: 'nginx', resources: { requests: r } }));
/** A pod with one container per request map (none at all when no maps are given). */
const reqPod = (name: string, nodeName: string | undefined, ...reqs: Req[]): Pod =>
  makePod(name, { nodeName, containers: containers('c', reqs) });
const withInit = (pod: Pod, ...reqs: Req[]): Pod => {
  pod.spec.initContainers = containers('i', reqs);
  return pod;
};

/** The upstream fixture node: 10m cpu, 20 B memory, 32 pods, 5 example.com/aaa, 20 B ephemeral-storage, 5 hugepages-2Mi. */
const FIXTURE_ALLOCATABLE = {
  cpu: '10m',
  memory: '20',
  pods: 32,
  'example.com/aaa': '5',
  'ephemeral-storage': '20',
  'hugepages-2Mi': '5',
};

function filter(
  incoming: Pod,
  existing: Pod[],
  allocatable: Record<string, string | number> = FIXTURE_ALLOCATABLE,
  args?: NodeResourcesFitArgs,
) {
  const ctx = makeContext(
    [makeNode('n1', { allocatable })],
    existing.map((p) => {
      p.spec.nodeName = 'n1';
      return p;
    }),
  );
  const pl = new NodeResourcesFit(args);
  const state = new CycleState();
  const pod = newPodInfo(incoming);
  assert.deepEqual(pl.preFilter(ctx, state, pod), { status: null });
  return pl.filter(ctx, state, pod, ctx.snapshot.get('n1')!);
}
const U = (...reasons: string[]) => ({ code: 'Unschedulable', reasons });

/** PreScore + Score over nodes (name → allocatable) holding `existing` pods. */
function scores(
  incoming: Pod,
  nodes: Record<string, Record<string, string | number>>,
  existing: Pod[] = [],
  args?: NodeResourcesFitArgs,
) {
  const ctx = makeContext(
    Object.entries(nodes).map(([name, allocatable]) => makeNode(name, { allocatable })),
    existing,
  );
  const pl = new NodeResourcesFit(args);
  const state = new CycleState();
  const pod = newPodInfo(incoming);
  assert.equal(pl.preScore(ctx, state, pod, ctx.snapshot.nodeInfos), null);
  return Object.fromEntries(ctx.snapshot.nodeInfos.map((n) => [n.name, pl.score(ctx, state, pod, n)]));
}

// ---- Filter -------------------------------------------------------------------------------------------

test('NodeResourcesFit Filter: a pod requesting nothing always fits a node with pod room, even a full one', () => {
  assert.equal(filter(makePod('p'), [reqPod('e', undefined, { cpu: '10m', memory: '20' })]), null);
});

test('NodeResourcesFit Filter: every insufficient resource is reported on one node (cpu and memory)', () => {
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1' }), [reqPod('e', undefined, { cpu: '10m', memory: '20' })]),
    U('Insufficient cpu', 'Insufficient memory'),
  );
});

test('NodeResourcesFit Filter: an init container larger than the containers sets the request (max, not sum)', () => {
  assert.deepEqual(
    filter(withInit(reqPod('p', undefined, { cpu: '1m', memory: '1' }), { cpu: '3m', memory: '1' }), [
      reqPod('e', undefined, { cpu: '8m', memory: '19' }),
    ]),
    U('Insufficient cpu'),
  );
  assert.deepEqual(
    filter(
      withInit(
        reqPod('p', undefined, { cpu: '1m', memory: '1' }),
        { cpu: '3m', memory: '1' },
        { cpu: '2m', memory: '1' },
      ),
      [reqPod('e', undefined, { cpu: '8m', memory: '19' })],
    ),
    U('Insufficient cpu'),
  );
  assert.deepEqual(
    filter(withInit(reqPod('p', undefined, { cpu: '1m', memory: '1' }), { cpu: '1m', memory: '3' }), [
      reqPod('e', undefined, { cpu: '9m', memory: '19' }),
    ]),
    U('Insufficient memory'),
  );
  assert.deepEqual(
    filter(
      withInit(
        reqPod('p', undefined, { cpu: '1m', memory: '1' }),
        { cpu: '1m', memory: '3' },
        { cpu: '1m', memory: '2' },
      ),
      [reqPod('e', undefined, { cpu: '9m', memory: '19' })],
    ),
    U('Insufficient memory'),
  );
  assert.equal(
    filter(
      withInit(
        reqPod('p', undefined, { cpu: '1m', memory: '1' }),
        { cpu: '1m', memory: '1' },
        { cpu: '1m', memory: '1' },
      ),
      [reqPod('e', undefined, { cpu: '9m', memory: '19' })],
    ),
    null,
  );
});

test('NodeResourcesFit Filter: a request equal to the free amount fits (also through an init container)', () => {
  assert.equal(
    filter(reqPod('p', undefined, { cpu: '5m', memory: '1' }), [reqPod('e', undefined, { cpu: '5m', memory: '19' })]),
    null,
  );
  assert.equal(
    filter(withInit(reqPod('p', undefined, { cpu: '4m', memory: '1' }), { cpu: '5m', memory: '1' }), [
      reqPod('e', undefined, { cpu: '5m', memory: '19' }),
    ]),
    null,
  );
});

test('NodeResourcesFit Filter: only the short resource is reported when the other fits', () => {
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '2m', memory: '1' }), [reqPod('e', undefined, { cpu: '9m', memory: '5' })]),
    U('Insufficient cpu'),
  );
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '2' }), [reqPod('e', undefined, { cpu: '5m', memory: '19' })]),
    U('Insufficient memory'),
  );
  assert.equal(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1' }), [reqPod('e', undefined, { cpu: '5m', memory: '5' })]),
    null,
  );
});

test('NodeResourcesFit Filter: extended resources are checked against allocatable (Insufficient example.com/aaa)', () => {
  assert.equal(filter(reqPod('p', undefined, { 'example.com/aaa': '1' }), [reqPod('e', undefined)]), null);
  assert.equal(filter(withInit(reqPod('p', undefined), { 'example.com/aaa': '1' }), [reqPod('e', undefined)]), null);
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'example.com/aaa': '10' }), [
      reqPod('e', undefined, { 'example.com/aaa': '0' }),
    ]),
    U('Insufficient example.com/aaa'),
  );
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'example.com/aaa': '1' }), [
      reqPod('e', undefined, { 'example.com/aaa': '5' }),
    ]),
    U('Insufficient example.com/aaa'),
  );
  assert.deepEqual(
    filter(
      reqPod(
        'p',
        undefined,
        { cpu: '1m', memory: '1', 'example.com/aaa': '3' },
        { cpu: '1m', memory: '1', 'example.com/aaa': '3' },
      ),
      [reqPod('e', undefined, { 'example.com/aaa': '2' })],
    ),
    U('Insufficient example.com/aaa'),
  );
});

test('NodeResourcesFit Filter: init containers needing an extended resource one after another take the max', () => {
  assert.equal(
    filter(
      withInit(
        reqPod('p', undefined),
        { cpu: '1m', memory: '1', 'example.com/aaa': '3' },
        { cpu: '1m', memory: '1', 'example.com/aaa': '3' },
      ),
      [reqPod('e', undefined, { 'example.com/aaa': '2' })],
    ),
    null,
  );
  assert.deepEqual(
    filter(
      withInit(
        reqPod('p', undefined),
        { cpu: '1m', memory: '1', 'example.com/aaa': '6' },
        { cpu: '1m', memory: '1', 'example.com/aaa': '3' },
      ),
      [reqPod('e', undefined, { 'example.com/aaa': '2' })],
    ),
    U('Insufficient example.com/aaa'),
  );
});

test('NodeResourcesFit Filter: an extended resource the node lacks counts as 0 allocatable (Insufficient nvidia.com/gpu)', () => {
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'nvidia.com/gpu': '1' }), []),
    U('Insufficient nvidia.com/gpu'),
  );
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'example.com/bbb': '1' }), []),
    U('Insufficient example.com/bbb'),
  );
  assert.equal(
    filter(reqPod('p', undefined, { 'nvidia.com/gpu': '2' }), [], {
      cpu: '1',
      memory: '1Gi',
      pods: 10,
      'nvidia.com/gpu': '2',
    }),
    null,
  );
});

test('NodeResourcesFit Filter: kubernetes.io-prefixed and hugepages resources are checked like extended resources', () => {
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'kubernetes.io/something': '10' }), []),
    U('Insufficient kubernetes.io/something'),
  );
  assert.deepEqual(
    filter(withInit(reqPod('p', undefined), { cpu: '1m', memory: '1', 'subdomain.kubernetes.io/something': '10' }), []),
    U('Insufficient subdomain.kubernetes.io/something'),
  );
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'hugepages-2Mi': '10' }), [
      reqPod('e', undefined, { 'hugepages-2Mi': '0' }),
    ]),
    U('Insufficient hugepages-2Mi'),
  );
  assert.deepEqual(
    filter(
      reqPod(
        'p',
        undefined,
        { cpu: '1m', memory: '1', 'hugepages-2Mi': '3' },
        { cpu: '1m', memory: '1', 'hugepages-2Mi': '3' },
      ),
      [reqPod('e', undefined, { 'hugepages-2Mi': '2' })],
    ),
    U('Insufficient hugepages-2Mi'),
  );
});

test('NodeResourcesFit Filter: ignoredResources and ignoredResourceGroups skip extended resources', () => {
  assert.equal(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'example.com/bbb': '1' }), [], FIXTURE_ALLOCATABLE, {
      ignoredResources: ['example.com/bbb'],
    }),
    null,
  );
  assert.equal(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'example.com/bbb': '1' }), [], FIXTURE_ALLOCATABLE, {
      ignoredResourceGroups: ['example.com'],
    }),
    null,
  );
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1', 'example.com/bbb': '1' }), [], FIXTURE_ALLOCATABLE, {
      ignoredResourceGroups: ['example'],
    }),
    U('Insufficient example.com/bbb'),
  );
});

test('NodeResourcesFit Filter: pod overhead is added to the request', () => {
  const fits = reqPod('p', undefined, { cpu: '1m', memory: '1' });
  fits.spec.overhead = { cpu: '3m', memory: '13' };
  assert.equal(filter(fits, [reqPod('e', undefined, { cpu: '5m', memory: '5' })]), null);
  const over = reqPod('p', undefined, { cpu: '1m', memory: '1' });
  over.spec.overhead = { cpu: '1m', memory: '15' };
  assert.deepEqual(filter(over, [reqPod('e', undefined, { cpu: '5m', memory: '5' })]), U('Insufficient memory'));
});

test('NodeResourcesFit Filter: "Too many pods" is reported even for request-less pods, alongside other reasons', () => {
  const onePod = { cpu: '10m', memory: '20', pods: 1 };
  assert.deepEqual(
    filter(makePod('p', { containers: [] }), [reqPod('e', undefined, { cpu: '10m', memory: '20' })], onePod),
    U('Too many pods'),
  );
  assert.deepEqual(
    filter(
      reqPod('p', undefined, { cpu: '1m', memory: '1' }),
      [reqPod('e', undefined, { cpu: '5m', memory: '5' })],
      onePod,
    ),
    U('Too many pods'),
  );
  assert.deepEqual(
    filter(
      reqPod('p', undefined, { cpu: '5m', memory: '1' }),
      [reqPod('e', undefined, { cpu: '5m', memory: '19' })],
      onePod,
    ),
    U('Too many pods'),
  );
  assert.deepEqual(
    filter(
      withInit(reqPod('p', undefined, { cpu: '5m', memory: '1' }), { cpu: '5m', memory: '1' }),
      [reqPod('e', undefined, { cpu: '5m', memory: '19' })],
      onePod,
    ),
    U('Too many pods'),
  );
  assert.deepEqual(
    filter(
      reqPod('p', undefined, { cpu: '6m', memory: '16' }),
      [reqPod('e', undefined, { cpu: '5m', memory: '5' })],
      onePod,
    ),
    U('Too many pods', 'Insufficient cpu', 'Insufficient memory'),
  );
});

test('NodeResourcesFit Filter: a node without a pods allocatable admits no pod', () => {
  const ctx = makeContext([{ ...makeNode('n1'), status: { allocatable: { cpu: '1' } } }]);
  const pl = new NodeResourcesFit();
  const state = new CycleState();
  const pod = newPodInfo(makePod('p'));
  pl.preFilter(ctx, state, pod);
  assert.deepEqual(pl.filter(ctx, state, pod, ctx.snapshot.get('n1')!), U('Too many pods'));
});

test('NodeResourcesFit Filter: ephemeral-storage requests are checked (Insufficient ephemeral-storage)', () => {
  assert.deepEqual(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1' }), [reqPod('e', undefined, { cpu: '10m', memory: '10' })]),
    U('Insufficient cpu'),
  );
  assert.equal(
    filter(reqPod('p', undefined, { cpu: '1m', memory: '1' }), [reqPod('e', undefined, { cpu: '2m', memory: '10' })]),
    null,
  );
  assert.deepEqual(
    filter(reqPod('p', undefined, { 'ephemeral-storage': '25' }), [reqPod('e', undefined, { cpu: '2m', memory: '2' })]),
    U('Insufficient ephemeral-storage'),
  );
  assert.equal(
    filter(reqPod('p', undefined, { 'ephemeral-storage': '10' }), [reqPod('e', undefined, { cpu: '2m', memory: '2' })]),
    null,
  );
});

test('NodeResourcesFit Filter: a zero request never fails on an over-committed resource', () => {
  // The node's cpu is already over-committed; a pod requesting only memory still fits.
  const overcommitted = reqPod('e', undefined, { cpu: '20m', memory: '1' });
  assert.equal(filter(reqPod('p', undefined, { cpu: '0', memory: '1' }), [overcommitted]), null);
});

test('NodeResourcesFit Filter: sidecars add to the containers, and count in the need of later init containers', () => {
  const pod = reqPod('p', undefined, { cpu: '2m' });
  pod.spec.initContainers = [
    { name: 'init-a', image: 'busybox', resources: { requests: { cpu: '5m' } } },
    { name: 'sidecar', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '3m' } } },
    { name: 'init-b', image: 'busybox', resources: { requests: { cpu: '4m' } } },
  ];
  // regular = 2 + 3 = 5; init-a needs 5; init-b needs 4 + 3 = 7 → request 7m.
  assert.equal(newPodInfo(pod).requests.cpu, 7);
  assert.equal(filter(pod, [], { cpu: '7m', memory: '1', pods: 10 }), null);
  assert.deepEqual(filter(pod, [], { cpu: '6m', memory: '1', pods: 10 }), U('Insufficient cpu'));
});

test('NodeResourcesFit Filter: terminal pods on the node use no resources, terminating ones still do', () => {
  const done = reqPod('done', undefined, { cpu: '10m' });
  done.status = { phase: 'Failed' };
  assert.equal(filter(reqPod('p', undefined, { cpu: '10m' }), [done]), null);
  const terminating = reqPod('t', undefined, { cpu: '10m' });
  terminating.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  assert.deepEqual(filter(reqPod('p', undefined, { cpu: '10m' }), [terminating]), U('Insufficient cpu'));
});

test('NodeResourcesFit Filter: without PreFilter state the filter reports an Error', () => {
  const ctx = makeContext([makeNode('n1')]);
  assert.deepEqual(
    new NodeResourcesFit().filter(ctx, new CycleState(), newPodInfo(makePod('p')), ctx.snapshot.get('n1')!),
    { code: 'Error', reasons: ['error reading "PreFilterNodeResourcesFit" from cycleState: not found'] },
  );
});

test('NodeResourcesFit: insufficientResources compares requests with allocatable minus what pods already request', () => {
  const ctx = makeContext(
    [makeNode('n1', { allocatable: { cpu: '2', memory: '4Gi' } })],
    [reqPod('e', 'n1', { cpu: '1500m', memory: '1Gi' })],
  );
  const n = ctx.snapshot.get('n1')!;
  assert.deepEqual(insufficientResources({ cpu: 500, memory: 3 * 2 ** 30 }, n), []);
  assert.deepEqual(insufficientResources({ cpu: 501, memory: 3 * 2 ** 30 + 1 }, n), [
    'Insufficient cpu',
    'Insufficient memory',
  ]);
});

// ---- Score: LeastAllocated (default) ---------------------------------------------------------------------

const noContainers = () => makePod('p', { containers: [] });
const big = () => reqPod('p', undefined, { cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' });

test('NodeResourcesFit Score (LeastAllocated): spec example 1000m/1Gi node with a request-less pod, incoming 100m/100Mi → 80/70 → 75', () => {
  const s = scores(reqPod('p', undefined, { cpu: '100m', memory: '100Mi' }), { n1: { cpu: '1000m', memory: '1Gi' } }, [
    makePod('e', { nodeName: 'n1' }),
  ]);
  assert.deepEqual(s, { n1: 75 });
});

test('NodeResourcesFit Score (LeastAllocated): nothing scheduled and nothing requested scores 100', () => {
  assert.deepEqual(
    scores(noContainers(), { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '4000', memory: '10000' } }),
    { node1: 100, node2: 100 },
  );
});

test('NodeResourcesFit Score (LeastAllocated): differently sized nodes, (25+50)/2 → 37 and 50', () => {
  assert.deepEqual(
    scores(big(), { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '6000', memory: '10000' } }),
    { node1: 37, node2: 50 },
  );
});

test("NodeResourcesFit Score (LeastAllocated): existing pods' requests count; an explicit 0 memory request stays 0", () => {
  const existing = [
    reqPod('a', 'node1', { cpu: '3000', memory: '0' }),
    reqPod('b', 'node1', { cpu: '3000', memory: '0' }),
    reqPod('c', 'node2', { cpu: '3000', memory: '0' }),
    reqPod('d', 'node2', { cpu: '3000', memory: '5000' }),
  ];
  assert.deepEqual(
    scores(
      noContainers(),
      { node1: { cpu: '10000', memory: '20000' }, node2: { cpu: '10000', memory: '20000' } },
      existing,
    ),
    { node1: 70, node2: 57 },
  );
});

test('NodeResourcesFit Score (LeastAllocated): requested and scheduled resources add up (57/45, and 57/60 on a bigger node)', () => {
  const existing = () => [
    reqPod('a', 'node1', { cpu: '3000', memory: '0' }),
    reqPod('b', 'node2', { cpu: '3000', memory: '5000' }),
  ];
  assert.deepEqual(
    scores(big(), { node1: { cpu: '10000', memory: '20000' }, node2: { cpu: '10000', memory: '20000' } }, existing()),
    { node1: 57, node2: 45 },
  );
  assert.deepEqual(
    scores(big(), { node1: { cpu: '10000', memory: '20000' }, node2: { cpu: '10000', memory: '50000' } }, existing()),
    { node1: 57, node2: 60 },
  );
});

test('NodeResourcesFit Score (LeastAllocated): a resource requested beyond capacity scores 0 for that resource', () => {
  const existing = [
    reqPod('a', 'node1', { cpu: '3000', memory: '0' }),
    reqPod('b', 'node2', { cpu: '3000', memory: '5000' }),
  ];
  assert.deepEqual(
    scores(
      reqPod('p', undefined, { cpu: '3000', memory: '0' }),
      { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '4000', memory: '10000' } },
      existing,
    ),
    { node1: 50, node2: 25 },
  );
});

test('NodeResourcesFit Score (LeastAllocated): a node with zero allocatable cpu and memory scores 0', () => {
  const existing = [
    reqPod('a', 'node1', { cpu: '3000', memory: '0' }),
    reqPod('b', 'node2', { cpu: '3000', memory: '5000' }),
  ];
  assert.deepEqual(scores(noContainers(), { node1: {}, node2: {} }, existing), { node1: 0, node2: 0 });
});

test('NodeResourcesFit Score (LeastAllocated): containers without requests count 100m cpu / 200Mi memory each', () => {
  // Incoming: one container without requests → 100m/200Mi; existing: one such pod. 4 cpu / 1000Mi node:
  // cpu (4000−200)·100/4000 = 95, memory (1000Mi−400Mi)·100/1000Mi = 60 → 77.
  assert.deepEqual(scores(makePod('p'), { n1: { cpu: '4', memory: '1000Mi' } }, [makePod('e', { nodeName: 'n1' })]), {
    n1: 77,
  });
});

test('NodeResourcesFit Score (LeastAllocated): resource weights give a weighted mean, (25·1 + 50·2)/3 → 41', () => {
  const args: NodeResourcesFitArgs = {
    scoringStrategy: {
      type: 'LeastAllocated',
      resources: [
        { name: 'memory', weight: 2 },
        { name: 'cpu', weight: 1 },
      ],
    },
  };
  assert.deepEqual(
    scores(big(), { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '6000', memory: '10000' } }, [], args),
    { node1: 41, node2: 50 },
  );
});

test('NodeResourcesFit Score (LeastAllocated): an extended resource in the weights is skipped unless the pod requests it', () => {
  const args: NodeResourcesFitArgs = {
    scoringStrategy: {
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
        { name: 'nvidia.com/gpu', weight: 1 },
      ],
    },
  };
  const nodes = {
    node1: { cpu: '6000', memory: '10000' },
    node2: { cpu: '6000', memory: '10000', 'nvidia.com/gpu': '4' },
  };
  assert.deepEqual(scores(big(), nodes, [], args), { node1: 50, node2: 50 });
  const gpuPod = reqPod(
    'p',
    undefined,
    { cpu: '1000', memory: '2000', 'nvidia.com/gpu': '2' },
    { cpu: '2000', memory: '3000' },
  );
  // node2: gpu (4−2)·100/4 = 50 → (50+50+50)/3; node1 lacks the gpu → resource skipped.
  assert.deepEqual(
    scores(gpuPod, { ...nodes, node3: { cpu: '6000', memory: '10000', 'nvidia.com/gpu': '10' } }, [], args),
    { node1: 50, node2: 50, node3: 60 },
  );
});

test('NodeResourcesFit: resource weights outside [1, 100] and unknown strategies are rejected', () => {
  assert.throws(
    () =>
      new NodeResourcesFit({
        scoringStrategy: {
          resources: [
            { name: 'memory', weight: -1 },
            { name: 'cpu', weight: 1 },
          ],
        },
      }),
  );
  assert.throws(
    () =>
      new NodeResourcesFit({
        scoringStrategy: {
          resources: [
            { name: 'memory', weight: 1 },
            { name: 'cpu', weight: 0 },
          ],
        },
      }),
  );
  assert.throws(
    () =>
      new NodeResourcesFit({
        scoringStrategy: {
          resources: [
            { name: 'memory', weight: 1 },
            { name: 'cpu', weight: 101 },
          ],
        },
      }),
  );
  assert.throws(
    () => new NodeResourcesFit({ scoringStrategy: { type: 'Spread' as 'MostAllocated' } }),
    /scoring strategy Spread is not supported/,
  );
});

// ---- Score: MostAllocated ---------------------------------------------------------------------------------

const most = (resources?: { name: string; weight: number }[]): NodeResourcesFitArgs => ({
  scoringStrategy: { type: 'MostAllocated', resources },
});

test('NodeResourcesFit Score (MostAllocated): nothing requested scores 0', () => {
  assert.deepEqual(
    scores(
      noContainers(),
      { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '4000', memory: '10000' } },
      [],
      most(),
    ),
    { node1: 0, node2: 0 },
  );
});

test('NodeResourcesFit Score (MostAllocated): requested·100/capacity averaged, (75+50)/2 → 62 and 50', () => {
  assert.deepEqual(
    scores(big(), { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '6000', memory: '10000' } }, [], most()),
    { node1: 62, node2: 50 },
  );
});

test('NodeResourcesFit Score (MostAllocated): requests beyond capacity are capped at capacity (100 for that resource)', () => {
  const existing = [
    reqPod('a', 'node1', { cpu: '3000', memory: '0' }),
    reqPod('b', 'node2', { cpu: '3000', memory: '5000' }),
  ];
  // node1: cpu min(6000,4000) → 100, mem 0 → 50; node2: cpu 100, mem 5000/10000 → 50 → 75.
  assert.deepEqual(
    scores(
      reqPod('p', undefined, { cpu: '3000', memory: '0' }),
      { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '4000', memory: '10000' } },
      existing,
      most(),
    ),
    { node1: 50, node2: 75 },
  );
});

test('NodeResourcesFit Score (MostAllocated): weights apply, (75·1 + 50·2)/3 → 58', () => {
  assert.deepEqual(
    scores(
      big(),
      { node1: { cpu: '4000', memory: '10000' } },
      [],
      most([
        { name: 'memory', weight: 2 },
        { name: 'cpu', weight: 1 },
      ]),
    ),
    { node1: 58 },
  );
});

// ---- Score: RequestedToCapacityRatio ---------------------------------------------------------------------

const rtcr = (
  shape: { utilization: number; score: number }[],
  resources?: { name: string; weight: number }[],
): NodeResourcesFitArgs => ({
  scoringStrategy: { type: 'RequestedToCapacityRatio', resources, requestedToCapacityRatio: { shape } },
});
const leastLike = [
  { utilization: 0, score: 10 },
  { utilization: 100, score: 0 },
];
const binPacking = [
  { utilization: 0, score: 0 },
  { utilization: 100, score: 10 },
];

test('NodeResourcesFit Score (RequestedToCapacityRatio): a decreasing shape favours empty nodes (100, and 25/50 rounded to 38)', () => {
  assert.deepEqual(
    scores(
      noContainers(),
      { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '4000', memory: '10000' } },
      [],
      rtcr(leastLike),
    ),
    { node1: 100, node2: 100 },
  );
  assert.deepEqual(
    scores(
      big(),
      { node1: { cpu: '4000', memory: '10000' }, node2: { cpu: '6000', memory: '10000' } },
      [],
      rtcr(leastLike),
    ),
    { node1: 38, node2: 50 },
  );
});

test('NodeResourcesFit Score (RequestedToCapacityRatio): a bin-packing shape favours full nodes; zero per-resource scores are left out of the mean', () => {
  // node1: cpu 75, memory 50 → round(62.5) = 63; an empty pod scores 0 everywhere.
  assert.deepEqual(scores(big(), { node1: { cpu: '4000', memory: '10000' } }, [], rtcr(binPacking)), { node1: 63 });
  assert.deepEqual(scores(noContainers(), { node1: { cpu: '4000', memory: '10000' } }, [], rtcr(binPacking)), {
    node1: 0,
  });
  // cpu 3000/4000 → 75; memory request 0 → score 0, dropped from the mean → 75 (not 37).
  assert.deepEqual(
    scores(
      reqPod('p', undefined, { cpu: '3000', memory: '0' }),
      { node1: { cpu: '4000', memory: '10000' } },
      [],
      rtcr(binPacking),
    ),
    { node1: 75 },
  );
});

test('NodeResourcesFit Score (RequestedToCapacityRatio): a broken-linear shape interpolates with integer division; over capacity uses utilization 100', () => {
  const shape = [
    { utilization: 30, score: 2 },
    { utilization: 70, score: 9 },
  ];
  // cpu 1000/4000 = 25 ≤ 30 → 20; memory 5000/10000 = 50 → 20 + (90−20)·(50−30)/(70−30) = 55 → round(37.5) = 38
  assert.deepEqual(
    scores(
      reqPod('p', undefined, { cpu: '1000', memory: '5000' }),
      { node1: { cpu: '4000', memory: '10000' } },
      [],
      rtcr(shape),
    ),
    { node1: 38 },
  );
  // cpu beyond capacity → f(100) = 90 (past the last point); memory 50 → 55 → round(72.5) = 73
  assert.deepEqual(
    scores(
      reqPod('p', undefined, { cpu: '5000', memory: '5000' }),
      { node1: { cpu: '4000', memory: '10000' } },
      [],
      rtcr(shape),
    ),
    { node1: 73 },
  );
});

test('NodeResourcesFit: RequestedToCapacityRatio requires a valid shape', () => {
  assert.throws(() => new NodeResourcesFit({ scoringStrategy: { type: 'RequestedToCapacityRatio' } }));
  assert.throws(
    () =>
      new NodeResourcesFit(
        rtcr([
          { utilization: 50, score: 1 },
          { utilization: 40, score: 2 },
        ]),
      ),
  );
  assert.throws(() => new NodeResourcesFit(rtcr([{ utilization: 0, score: 11 }])));
});

test('NodeResourcesFit Filter and Score: a copy of a node (a preemption dry run, outside the snapshot) is read from its own amounts, same answers', () => {
  const ctx = makeContext(
    [makeNode('n1', { allocatable: { cpu: '4000m', memory: '10000' } })],
    [reqPod('e', 'n1', { cpu: '3000m', memory: '5000' })],
  );
  const node = ctx.snapshot.get('n1')!,
    copy = cloneNodeInfo(node);
  for (const strategy of ['LeastAllocated', 'MostAllocated'] as const) {
    const pl = new NodeResourcesFit({ scoringStrategy: { type: strategy } });
    const state = new CycleState();
    const fits = newPodInfo(reqPod('p', undefined, { cpu: '500m', memory: '1000' }));
    pl.preFilter(ctx, state, fits);
    assert.equal(pl.filter(ctx, state, fits, copy), null);
    assert.equal(pl.preScore(ctx, state, fits, [node]), null);
    assert.equal(pl.score(ctx, state, fits, copy), pl.score(ctx, state, fits, node));
    assert.equal(pl.score(ctx, state, fits, copy), strategy === 'LeastAllocated' ? 26 : 73); // cpu 12 / 87, memory 40 / 60
  }
  const pl = new NodeResourcesFit();
  const state = new CycleState();
  const tooBig = newPodInfo(reqPod('q', undefined, { cpu: '2000m', memory: '1000' }));
  pl.preFilter(ctx, state, tooBig);
  assert.deepEqual(pl.filter(ctx, state, tooBig, copy), U('Insufficient cpu'));
});

test('NodeResourcesFit Filter over a chunk of the snapshot: the same answers as filter() (nodes with room pass, the others get every reason)', () => {
  const ctx = makeContext(
    [
      makeNode('room', { allocatable: { cpu: '4', memory: '8Gi' } }),
      makeNode('busy', { allocatable: { cpu: '1', memory: '8Gi' } }),
      makeNode('tiny', { allocatable: { cpu: '100m', memory: '100Mi' } }),
      makeNode('full', { allocatable: { cpu: '4', memory: '8Gi', pods: 1 } }),
    ],
    [reqPod('e1', 'busy', { cpu: '800m' }), reqPod('e2', 'full', {})],
  );
  const all = ctx.snapshot.nodeInfos;
  const rows = all.map((ni) => ctx.snapshot.amounts.row(ni));
  for (const req of [{ cpu: '500m', memory: '1Gi' }, { cpu: '500m', 'ephemeral-storage': '1' }, {}] as Req[]) {
    const pl = new NodeResourcesFit();
    const state = new CycleState();
    const pod = newPodInfo(reqPod('p', undefined, req));
    pl.preFilter(ctx, state, pod);
    const statuses: (Status | null)[] = all.map(() => null);
    pl.filterNodesFor(ctx, state, pod, pl.filterFor(ctx, state, pod))(all, rows, 0, all.length, statuses);
    assert.deepEqual(
      statuses,
      all.map((ni) => pl.filter(ctx, state, pod, ni)),
      JSON.stringify(req),
    );
  }
  const pl = new NodeResourcesFit();
  const state = new CycleState();
  const pod = newPodInfo(reqPod('p', undefined, { cpu: '500m', memory: '1Gi' }));
  pl.preFilter(ctx, state, pod);
  const statuses: (Status | null)[] = all.map(() => null);
  pl.filterNodesFor(ctx, state, pod, pl.filterFor(ctx, state, pod))(all, rows, 0, all.length, statuses);
  assert.deepEqual(statuses, [
    null,
    U('Insufficient cpu'),
    U('Insufficient cpu', 'Insufficient memory'),
    U('Too many pods'),
  ]);
});

test('NodeResourcesFit Score: the order of cpu and memory in scoringStrategy.resources does not change a score (weights follow their resource)', () => {
  const nodes = { n1: { cpu: '4000m', memory: '10000' }, n2: { cpu: '2000m', memory: '40000' } };
  const existing = [reqPod('e', 'n1', { cpu: '1000m', memory: '5000' })];
  const incoming = reqPod('p', undefined, { cpu: '500m', memory: '1000' });
  for (const type of ['LeastAllocated', 'MostAllocated'] as const) {
    const cpuFirst = scores(incoming, nodes, existing, {
      scoringStrategy: {
        type,
        resources: [
          { name: 'cpu', weight: 3 },
          { name: 'memory', weight: 1 },
        ],
      },
    });
    const memoryFirst = scores(incoming, nodes, existing, {
      scoringStrategy: {
        type,
        resources: [
          { name: 'memory', weight: 1 },
          { name: 'cpu', weight: 3 },
        ],
      },
    });
    assert.deepEqual(memoryFirst, cpuFirst, type);
  }
  // LeastAllocated: n1 cpu 62, memory 40 → (62·3 + 40)/4 = 56; n2 cpu 75, memory 97 → (75·3 + 97)/4 = 80
  assert.deepEqual(
    scores(incoming, nodes, existing, {
      scoringStrategy: {
        resources: [
          { name: 'memory', weight: 1 },
          { name: 'cpu', weight: 3 },
        ],
      },
    }),
    { n1: 56, n2: 80 },
  );
  // memory alone
  assert.deepEqual(
    scores(incoming, nodes, existing, { scoringStrategy: { resources: [{ name: 'memory', weight: 1 }] } }),
    { n1: 40, n2: 97 },
  );
});

test('NodeResourcesFitArgs defaults (SetDefaults_NodeResourcesFitArgs): LeastAllocated, resources cpu and memory weight 1; a resource without weight gets 1', () => {
  const args = (given?: Record<string, unknown>) => defaultedArgs(NODE_RESOURCES_FIT_ARGS, given);
  const defaulted = args();
  assert.deepEqual(defaulted, {
    scoringStrategy: {
      type: 'LeastAllocated',
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
    },
  });
  // each profile gets its own default resources, not the shared DEFAULT_RESOURCES entries
  assert.notEqual((defaulted.scoringStrategy as { resources: unknown[] }).resources[0], DEFAULT_RESOURCES[0]);
  assert.deepEqual(
    args({
      apiVersion: 'x',
      scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu' }] },
    }),
    { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }] } },
  );
});
