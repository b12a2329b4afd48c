// Unit tests for the PodTopologySpread plugin: behaviour ported from upstream
// podtopologyspread/{filtering,scoring}_test.go plus worked examples computed by hand from the upstream formulas.

import test from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSelector, Node, Pod, Service, TopologySpreadConstraint } from '../../api/types.ts';
import { newPodInfo } from '../framework/nodeinfo.ts';
import {
  makeContext,
  makeNode,
  makePod,
  preFilterThenFilter,
  type ObjectsOpts,
  type PodOpts,
} from '../framework/testing.ts';
import { CycleState, type Code, type SchedulerContext } from '../framework/types.ts';
import {
  ERR_REASON_CONSTRAINTS_NOT_MATCH,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  PodTopologySpread,
  type PodTopologySpreadPreFilterState,
  POD_TOPOLOGY_SPREAD_ARGS,
} from './podtopologyspread.ts';
import { defaultedArgs } from '../pluginargs.ts';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const exists = (key: string): LabelSelector => ({ matchExpressions: [{ key, operator: 'Exists' }] });
const foo = exists('foo');
const bar = exists('bar');
const unschedulableTaint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };

function spread(
  maxSkew: number,
  topologyKey: string,
  when: TopologySpreadConstraint['whenUnsatisfiable'],
  labelSelector: LabelSelector | null,
  extra: Partial<TopologySpreadConstraint> = {},
): TopologySpreadConstraint {
  return { maxSkew, topologyKey, whenUnsatisfiable: when, labelSelector, ...extra };
}

/** A node with these labels (plus kubernetes.io/hostname unless noHostname). */
function node(
  name: string,
  labels: Record<string, string>,
  o: {
    taints?: Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never;
    noHostname?: boolean;
  } = {},
): Node {
  const n = makeNode(name, { labels, taints: o.taints });
  if (o.noHostname) delete n.metadata.labels![HOST];
  return n;
}

/** A pod with these labels, optionally bound to a node. */
function pod(name: string, labels: Record<string, string> | undefined, nodeName?: string, o: PodOpts = {}): Pod {
  return makePod(name, { labels, ...(nodeName ? { nodeName } : {}), ...o });
}

/** Labels `{foo: ''}` on `count` pods bound to `nodeName`. */
function pods(nodeName: string, count: number, labels: Record<string, string> = { foo: '' }): Pod[] {
  return Array.from({ length: count }, (_, i) => pod(`p-${nodeName}-${i}`, labels, nodeName));
}

const zoneNodes = (): Node[] => [
  node('node-a', { zone: 'zone1', node: 'node-a' }),
  node('node-b', { zone: 'zone1', node: 'node-b' }),
  node('node-x', { zone: 'zone2', node: 'node-x' }),
  node('node-y', { zone: 'zone2', node: 'node-y' }),
];

type Outcome = Code | 'Success';

/** PreFilter then Filter on every node; 'Skip' when PreFilter skipped. */
const runFilter = (incoming: Pod, nodes: Node[], existing: Pod[] = [], objs: ObjectsOpts = {}) =>
  preFilterThenFilter(new PodTopologySpread(), incoming, nodes, existing, objs);

/** PreScore over the feasible nodes (default: all), Score and NormalizeScore. 'Skip' when PreScore skipped. */
function runScore(
  incoming: Pod,
  nodes: Node[],
  existing: Pod[] = [],
  opts: { failed?: Node[]; objs?: ObjectsOpts } = {},
): Record<string, number> | 'Skip' {
  const ctx = makeContext([...nodes, ...(opts.failed ?? [])], existing, opts.objs);
  const pl = new PodTopologySpread();
  const state = new CycleState();
  const pi = newPodInfo(incoming);
  const feasible = nodes.map((n) => ctx.snapshot.get(n.metadata.name!)!);
  const st = pl.preScore(ctx, state, pi, feasible);
  if (st?.code === 'Skip') return 'Skip';
  assert.equal(st, null);
  const scores = feasible.map((ni) => pl.score(ctx, state, pi, ni));
  pl.normalize(ctx, state, pi, feasible, scores);
  return Object.fromEntries(feasible.map((ni, i) => [ni.name, scores[i]]));
}

function preFilterState(
  ctx: SchedulerContext,
  incoming: Pod,
): { state: CycleState; s: PodTopologySpreadPreFilterState } {
  const state = new CycleState();
  new PodTopologySpread().preFilter(ctx, state, newPodInfo(incoming));
  return { state, s: state.read<PodTopologySpreadPreFilterState>('PreFilterPodTopologySpread')! };
}

const counts = (s: PodTopologySpreadPreFilterState, i = 0): Record<string, number> =>
  Object.fromEntries(s.tpValueToMatchNum[i]);

// ---- PreFilter -------------------------------------------------------------------------

test('PodTopologySpread PreFilter: Skip when the pod has no topologySpreadConstraints and no default applies', () => {
  assert.equal(runFilter(pod('p', { foo: '' }), zoneNodes()), 'Skip');
});

test('PodTopologySpread PreFilter: Skip when the pod has only ScheduleAnyway constraints', () => {
  const p = pod('p', { foo: '' }, undefined, { topologySpreadConstraints: [spread(1, 'zone', 'ScheduleAnyway', foo)] });
  assert.equal(runFilter(p, zoneNodes()), 'Skip');
});

test('PodTopologySpread PreFilter: system default constraints (ScheduleAnyway) never filter, even for a Service-selected pod', () => {
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: 'default' },
    spec: { selector: { foo: 'bar' } },
  };
  assert.equal(runFilter(pod('p', { foo: 'bar' }), zoneNodes(), [], { services: [svc] }), 'Skip');
});

test('PodTopologySpread PreFilter: counts matching pods per zone over nodes carrying every topology key', () => {
  const p = pod('p', { foo: '' }, undefined, {
    topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', foo), spread(1, 'node', 'DoNotSchedule', foo)],
  });
  const ctx = makeContext(zoneNodes(), [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-y', 4)]);
  const { s } = preFilterState(ctx, p);
  assert.deepEqual(counts(s, 0), { zone1: 3, zone2: 4 });
  assert.deepEqual(counts(s, 1), { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 });
  assert.equal(s.minMatchNum(0), 3);
  assert.equal(s.minMatchNum(1), 0);
});

test('PodTopologySpread PreFilter: pods in another namespace are not counted', () => {
  const p = pod('p', { foo: '' }, undefined, { topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', foo)] });
  const ctx = makeContext(zoneNodes(), [
    pod('a1', { foo: '' }, 'node-a'),
    pod('a2', { foo: '' }, 'node-a', { namespace: 'ns1' }),
    pod('b1', { foo: '' }, 'node-b'),
    pod('y1', { foo: '' }, 'node-y', { namespace: 'ns2' }),
    pod('y2', { foo: '' }, 'node-y'),
  ]);
  assert.deepEqual(counts(preFilterState(ctx, p).s), { zone1: 2, zone2: 1 });
});

test('PodTopologySpread PreFilter: a null labelSelector counts no pods', () => {
  const p = pod('p', { foo: '' }, undefined, { topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', null)] });
  const ctx = makeContext(zoneNodes(), [...pods('node-a', 2), ...pods('node-y', 2)]);
  assert.deepEqual(counts(preFilterState(ctx, p).s), { zone1: 0, zone2: 0 });
});

test('PodTopologySpread PreFilter: an empty labelSelector {} counts no pods (special case)', () => {
  const p = pod('p', { foo: '' }, undefined, { topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', {})] });
  const ctx = makeContext(zoneNodes(), [...pods('node-a', 2), ...pods('node-y', 1)]);
  assert.deepEqual(counts(preFilterState(ctx, p).s), { zone1: 0, zone2: 0 });
});

test('PodTopologySpread PreFilter: nodeAffinityPolicy Honor (default) drops nodes not matching nodeSelector; Ignore keeps them', () => {
  const nodes = [
    node('node-a', { node: 'node-a', foo: '' }),
    node('node-b', { node: 'node-b', foo: '' }),
    node('node-c', { node: 'node-c', bar: '' }),
  ];
  const existing = [
    pod('pa', { bar: '' }, 'node-a'),
    pod('pb', { bar: '' }, 'node-b'),
    pod('pc', { bar: '' }, 'node-b'),
    pod('pd', undefined, 'node-c'),
  ];
  const honor = pod('p', { foo: '' }, undefined, {
    nodeSelector: { foo: '' },
    topologySpreadConstraints: [spread(1, 'node', 'DoNotSchedule', bar)],
  });
  assert.deepEqual(counts(preFilterState(makeContext(nodes, existing), honor).s), { 'node-a': 1, 'node-b': 2 });
  const ignore = pod('p', { foo: '' }, undefined, {
    nodeSelector: { foo: '' },
    topologySpreadConstraints: [spread(1, 'node', 'DoNotSchedule', bar, { nodeAffinityPolicy: 'Ignore' })],
  });
  assert.deepEqual(counts(preFilterState(makeContext(nodes, existing), ignore).s), {
    'node-a': 1,
    'node-b': 2,
    'node-c': 0,
  });
});

test('PodTopologySpread PreFilter: nodeAffinityPolicy Honor applies required node affinity too', () => {
  const nodes = [
    node('node-a', { node: 'node-a', foo: '' }),
    node('node-b', { node: 'node-b', foo: '' }),
    node('node-c', { node: 'node-c', bar: '' }),
  ];
  const existing = [
    pod('pa', { bar: '' }, 'node-a'),
    pod('pb', { bar: '' }, 'node-b'),
    pod('pc', { bar: '' }, 'node-b'),
    pod('pd', undefined, 'node-c'),
  ];
  const p = pod('p', { foo: '' }, undefined, {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: [''] }] }],
        },
      },
    },
    topologySpreadConstraints: [spread(1, 'node', 'DoNotSchedule', bar)],
  });
  assert.deepEqual(counts(preFilterState(makeContext(nodes, existing), p).s), { 'node-a': 1, 'node-b': 2 });
});

test('PodTopologySpread PreFilter: nodeTaintsPolicy Ignore (default) counts tainted nodes; Honor drops nodes with untolerated taints', () => {
  const nodes = [
    node('node-a', { node: 'node-a' }),
    node('node-b', { node: 'node-b' }),
    node('node-c', { node: 'node-c', bar: '' }, { taints: [unschedulableTaint] }),
  ];
  const existing = [
    pod('pa', { bar: '' }, 'node-a'),
    pod('pb', { bar: '' }, 'node-b'),
    pod('pc', { bar: '' }, 'node-b'),
    pod('pd', undefined, 'node-c'),
  ];
  const ignore = pod('p', { foo: '' }, undefined, {
    topologySpreadConstraints: [spread(1, 'node', 'DoNotSchedule', bar)],
  });
  assert.deepEqual(counts(preFilterState(makeContext(nodes, existing), ignore).s), {
    'node-a': 1,
    'node-b': 2,
    'node-c': 0,
  });
  const honor = pod('p', { foo: '' }, undefined, {
    topologySpreadConstraints: [spread(1, 'node', 'DoNotSchedule', bar, { nodeTaintsPolicy: 'Honor' })],
  });
  assert.deepEqual(counts(preFilterState(makeContext(nodes, existing), honor).s), { 'node-a': 1, 'node-b': 2 });
  const tolerated = pod('p', { foo: '' }, undefined, {
    tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }],
    topologySpreadConstraints: [spread(1, 'node', 'DoNotSchedule', bar, { nodeTaintsPolicy: 'Honor' })],
  });
  assert.deepEqual(counts(preFilterState(makeContext(nodes, existing), tolerated).s), {
    'node-a': 1,
    'node-b': 2,
    'node-c': 0,
  });
});

test('PodTopologySpread PreFilter: inclusion policies are per constraint (zone honor taints, node ignore)', () => {
  const nodes = [
    node('node-a', { zone: 'zone1', node: 'node-a', foo: '' }),
    node('node-b', { zone: 'zone1', node: 'node-b' }, { taints: [unschedulableTaint] }),
    node('node-x', { zone: 'zone2', node: 'node-x', foo: '' }),
  ];
  const existing = [...pods('node-b', 2), ...pods('node-x', 1)];
  const p = pod('p', { foo: '' }, undefined, {
    topologySpreadConstraints: [
      spread(1, 'zone', 'DoNotSchedule', foo, { nodeTaintsPolicy: 'Honor' }),
      spread(1, 'node', 'DoNotSchedule', foo),
    ],
  });
  const { s } = preFilterState(makeContext(nodes, existing), p);
  assert.deepEqual(counts(s, 0), { zone1: 0, zone2: 1 });
  assert.deepEqual(counts(s, 1), { 'node-a': 0, 'node-b': 2, 'node-x': 1 });
});

test('PodTopologySpread PreFilter: matchLabelKeys values of the pod are ANDed into the selector', () => {
  const p = pod('p', { foo: '', bar: 'a' }, undefined, {
    topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', foo, { matchLabelKeys: ['bar'] })],
  });
  const existing = [
    pod('a1', { foo: '' }, 'node-a'),
    pod('a2', { foo: '', bar: 'a' }, 'node-a'),
    pod('b1', { foo: '' }, 'node-b'),
    pod('y1', { foo: '', bar: 'a' }, 'node-y'),
    pod('y2', { bar: '' }, 'node-y'),
  ];
  assert.deepEqual(counts(preFilterState(makeContext(zoneNodes(), existing), p).s), { zone1: 1, zone2: 1 });
});

test('PodTopologySpread PreFilter: matchLabelKeys with an empty labelSelector makes it non-empty; keys the pod lacks are ignored', () => {
  const existing = [
    ...pods('node-a', 2, { foo: 'a' }),
    ...pods('node-b', 1, { foo: 'a' }),
    ...pods('node-y', 2, { foo: 'a' }),
  ];
  const p = pod('p', { foo: 'a' }, undefined, {
    topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', {}, { matchLabelKeys: ['foo'] })],
  });
  assert.deepEqual(counts(preFilterState(makeContext(zoneNodes(), existing), p).s), { zone1: 3, zone2: 2 });
  const missing = pod('p', { foo: '' }, undefined, {
    topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', foo, { matchLabelKeys: ['bar'] })],
  });
  assert.deepEqual(counts(preFilterState(makeContext(zoneNodes(), existing), missing).s), { zone1: 3, zone2: 2 });
});

// ---- Filter ----------------------------------------------------------------------------

const hard = (
  maxSkew: number,
  key: string,
  sel: LabelSelector | null,
  extra: Partial<TopologySpreadConstraint> = {},
  labels: Record<string, string> = { foo: '' },
  o: PodOpts = {},
): Pod =>
  pod('p', labels, undefined, { topologySpreadConstraints: [spread(maxSkew, key, 'DoNotSchedule', sel, extra)], ...o });

test('PodTopologySpread Filter: with no existing pods every node passes', () => {
  assert.deepEqual(runFilter(hard(1, 'zone', foo), zoneNodes()), {
    'node-a': 'Success',
    'node-x': 'Success',
    'node-b': 'Success',
    'node-y': 'Success',
  });
  assert.deepEqual(runFilter(hard(1, 'zone', bar), zoneNodes()), {
    'node-a': 'Success',
    'node-x': 'Success',
    'node-b': 'Success',
    'node-y': 'Success',
  });
});

test('PodTopologySpread Filter: existing pods in a different namespace do not count', () => {
  const existing = [
    pod('a1', { foo: '' }, 'node-a', { namespace: 'ns1' }),
    pod('b1', { foo: '' }, 'node-a', { namespace: 'ns2' }),
    pod('x1', { foo: '' }, 'node-x'),
    pod('y1', { foo: '' }, 'node-y'),
  ];
  const r = runFilter(hard(1, 'zone', foo), zoneNodes(), existing);
  assert.deepEqual(r, {
    'node-a': 'Success',
    'node-b': 'Success',
    'node-x': 'Unschedulable',
    'node-y': 'Unschedulable',
  });
});

test('PodTopologySpread Filter: a null selector matches neither existing pods nor the incoming pod', () => {
  const r = runFilter(hard(1, 'zone', null), zoneNodes(), [
    pod('x1', { foo: '' }, 'node-x'),
    pod('y1', { foo: '' }, 'node-y'),
  ]);
  assert.deepEqual(Object.values(r as object), ['Success', 'Success', 'Success', 'Success']);
});

test('PodTopologySpread Filter: zones 3/3 all fit with maxSkew 1', () => {
  const r = runFilter(hard(1, 'zone', foo), zoneNodes(), [
    ...pods('node-a', 2),
    ...pods('node-b', 1),
    ...pods('node-y', 3),
  ]);
  assert.deepEqual(Object.values(r as object), ['Success', 'Success', 'Success', 'Success']);
});

test('PodTopologySpread Filter: a node lacking the topology key fails UU (missing required label) and is not a domain', () => {
  const nodes = [
    node('node-a', { zone: 'zone1' }),
    node('node-b', { zon: 'zone1' }),
    node('node-x', { zone: 'zone2' }),
    node('node-y', { zone: 'zone2' }),
  ];
  const r = runFilter(hard(1, 'zone', foo), nodes, [
    ...pods('node-a', 1),
    ...pods('node-b', 1),
    ...pods('node-x', 1),
    ...pods('node-y', 1),
  ]);
  assert.deepEqual(r, {
    'node-a': 'Success',
    'node-b': 'UnschedulableAndUnresolvable',
    'node-x': 'Unschedulable',
    'node-y': 'Unschedulable',
  });
});

test('PodTopologySpread Filter: reason strings are exact', () => {
  const ctx = makeContext([node('n1', { zone: 'z1' }), node('n2', {}), node('n3', { zone: 'z2' })], pods('n1', 1));
  const pl = new PodTopologySpread();
  const state = new CycleState();
  const pi = newPodInfo(hard(1, 'zone', foo));
  pl.preFilter(ctx, state, pi);
  assert.deepEqual(pl.filter(ctx, state, pi, ctx.snapshot.get('n1')!), {
    code: 'Unschedulable',
    reasons: ["node(s) didn't match pod topology spread constraints"],
  });
  assert.deepEqual(pl.filter(ctx, state, pi, ctx.snapshot.get('n2')!), {
    code: 'UnschedulableAndUnresolvable',
    reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"],
  });
  assert.equal(ERR_REASON_NODE_LABEL_NOT_MATCH, `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`);
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('n3')!), null);
});

test('PodTopologySpread Filter: all nodes lacking the key fail UU', () => {
  const r = runFilter(hard(1, 'rack', foo), [node('node-a', { zone: 'zone1' }), node('node-x', { zone: 'zone2' })]);
  assert.deepEqual(r, { 'node-a': 'UnschedulableAndUnresolvable', 'node-x': 'UnschedulableAndUnresolvable' });
});

test('PodTopologySpread Filter: nodes 2/1/0/3 with maxSkew 1 — only the empty node fits', () => {
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-y', 3)];
  assert.deepEqual(runFilter(hard(1, 'node', foo), zoneNodes(), existing), {
    'node-a': 'Unschedulable',
    'node-x': 'Success',
    'node-b': 'Unschedulable',
    'node-y': 'Unschedulable',
  });
});

test('PodTopologySpread Filter: nodes 2/1/0/3 with maxSkew 2 — node-b and node-x fit', () => {
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-y', 3)];
  assert.deepEqual(runFilter(hard(2, 'node', foo), zoneNodes(), existing), {
    'node-a': 'Unschedulable',
    'node-x': 'Success',
    'node-b': 'Success',
    'node-y': 'Unschedulable',
  });
});

test('PodTopologySpread Filter: an incoming pod not matching its own selector adds no self-match', () => {
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-y', 3)];
  assert.deepEqual(runFilter(hard(1, 'node', foo, {}, { bar: '' }), zoneNodes(), existing), {
    'node-a': 'Unschedulable',
    'node-x': 'Success',
    'node-b': 'Success',
    'node-y': 'Unschedulable',
  });
});

test('PodTopologySpread Filter: domains outside the pod required node affinity do not set the minimum', () => {
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-y', 3)];
  const affinity = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'node', operator: 'In' as const, values: ['node-a', 'node-y'] }] },
        ],
      },
    },
  };
  const r = runFilter(hard(1, 'node', foo, {}, { foo: '' }, { affinity }), zoneNodes(), existing);
  // only node-a (2) and node-y (3) are domains → min 2; node-b/node-x are not counted (NodeAffinity filters them for real)
  assert.deepEqual(r, { 'node-a': 'Success', 'node-x': 'Success', 'node-b': 'Success', 'node-y': 'Unschedulable' });
});

test('PodTopologySpread Filter: terminating pods are excluded from the counts', () => {
  const nodes = [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })];
  const existing = [pod('pa', { foo: '' }, 'node-a', { deleting: true }), pod('pb', { foo: '' }, 'node-b')];
  assert.deepEqual(runFilter(hard(1, 'node', foo), nodes, existing), {
    'node-a': 'Success',
    'node-b': 'Unschedulable',
  });
});

test('PodTopologySpread Filter: with fewer domains than minDomains the global minimum is 0', () => {
  const nodes = [
    node('node-a', { node: 'node-a' }),
    node('node-b', { node: 'node-b' }),
    node('node-c', { node: 'node-c' }),
  ];
  const existing = [...pods('node-a', 2), ...pods('node-b', 2), ...pods('node-c', 1)];
  assert.deepEqual(runFilter(hard(2, 'node', foo, { minDomains: 4 }), nodes, existing), {
    'node-a': 'Unschedulable',
    'node-b': 'Unschedulable',
    'node-c': 'Success',
  });
  assert.deepEqual(runFilter(hard(2, 'node', foo, { minDomains: 2 }), nodes, existing), {
    'node-a': 'Success',
    'node-b': 'Success',
    'node-c': 'Success',
  });
});

test('PodTopologySpread Filter: minDomains counts zones, not nodes', () => {
  // zones 3/3 (zone1 = node-a+node-b), minDomains 3 > 2 zones → min 0 → every node has skew 4 > 1
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-x', 3)];
  assert.deepEqual(Object.values(runFilter(hard(1, 'zone', foo, { minDomains: 3 }), zoneNodes(), existing) as object), [
    'Unschedulable',
    'Unschedulable',
    'Unschedulable',
    'Unschedulable',
  ]);
});

test('PodTopologySpread Filter: nodeTaintsPolicy Ignore (default) — a tainted empty node makes the minimum 0', () => {
  const nodes = [
    node('cp', {}, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
    node('w1', {}),
    node('w2', {}),
  ];
  const existing = [...pods('w1', 1), ...pods('w2', 1)];
  const r = runFilter(hard(1, HOST, foo), nodes, existing);
  assert.deepEqual(r, { cp: 'Success', w1: 'Unschedulable', w2: 'Unschedulable' });
  const honor = runFilter(hard(1, HOST, foo, { nodeTaintsPolicy: 'Honor' }), nodes, existing);
  assert.deepEqual(honor, { cp: 'Success', w1: 'Success', w2: 'Success' });
});

test('PodTopologySpread Filter: multiple constraints must all pass (zone and node)', () => {
  // zones 3/4 (a:2 b:1 | x:0 y:4); node-x: zone2 4+1-3 = 2 > 1 fails on zone; node-b: zone1 ok, node 1+1-0 = 2 fails
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-y', 4)];
  const p = pod('p', { foo: '' }, undefined, {
    topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', foo), spread(1, 'node', 'DoNotSchedule', foo)],
  });
  assert.deepEqual(runFilter(p, zoneNodes(), existing), {
    'node-a': 'Unschedulable',
    'node-x': 'Unschedulable',
    'node-b': 'Unschedulable',
    'node-y': 'Unschedulable',
  });
  const existing2 = [...pods('node-a', 1), ...pods('node-y', 1)];
  assert.deepEqual(runFilter(p, zoneNodes(), existing2), {
    'node-a': 'Unschedulable',
    'node-x': 'Success',
    'node-b': 'Success',
    'node-y': 'Unschedulable',
  });
});

test('PodTopologySpread Filter: different selectors per constraint', () => {
  // zone/foo: zone1 1, zone2 0; node/bar: b 1 → node-a ok? zone1 1+1-0=2 fails; node-y: zone2 ok, node 0+1-0=1 ok
  const nodes = [
    node('node-a', { zone: 'zone1', node: 'node-a' }),
    node('node-b', { zone: 'zone1', node: 'node-b' }),
    node('node-y', { zone: 'zone2', node: 'node-y' }),
  ];
  const existing = [pod('pa', { foo: '' }, 'node-a'), pod('pb', { bar: '' }, 'node-b')];
  const p = pod('p', { foo: '', bar: '' }, undefined, {
    topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', foo), spread(1, 'node', 'DoNotSchedule', bar)],
  });
  assert.deepEqual(runFilter(p, nodes, existing), {
    'node-a': 'Unschedulable',
    'node-y': 'Success',
    'node-b': 'Unschedulable',
  });
});

// ---- AddPod / RemovePod ----------------------------------------------------------------

test('PodTopologySpread AddPod: adding a matching pod raises its domain count and the minimum', () => {
  const nodes = [node('node-a', { zone: 'zone1', node: 'node-a' }), node('node-b', { zone: 'zone1', node: 'node-b' })];
  const ctx = makeContext(nodes, pods('node-b', 1));
  const p = hard(1, 'node', foo);
  const { state } = preFilterState(ctx, p);
  const pl = new PodTopologySpread();
  pl.addPod(ctx, state, newPodInfo(p), newPodInfo(pod('added', { foo: '' }, 'node-a')), ctx.snapshot.get('node-a')!);
  const s = state.read<PodTopologySpreadPreFilterState>('PreFilterPodTopologySpread')!;
  assert.deepEqual(counts(s), { 'node-a': 1, 'node-b': 1 });
  assert.equal(s.minMatchNum(0), 1);
});

test('PodTopologySpread AddPod: a pod from another namespace or with non-matching labels changes nothing', () => {
  const nodes = [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })];
  const ctx = makeContext(nodes, pods('node-b', 1));
  const p = hard(1, 'node', foo);
  const { state, s } = preFilterState(ctx, p);
  const pl = new PodTopologySpread();
  pl.addPod(
    ctx,
    state,
    newPodInfo(p),
    newPodInfo(pod('x', { foo: '' }, 'node-a', { namespace: 'ns1' })),
    ctx.snapshot.get('node-a')!,
  );
  pl.addPod(ctx, state, newPodInfo(p), newPodInfo(pod('y', { bar: '' }, 'node-a')), ctx.snapshot.get('node-a')!);
  assert.deepEqual(counts(s), { 'node-a': 0, 'node-b': 1 });
});

test('PodTopologySpread AddPod: nothing changes for a node outside the pod node affinity (nodeAffinityPolicy Honor)', () => {
  const nodes = [node('node-a', { node: 'node-a', foo: '' }), node('node-b', { node: 'node-b' })];
  const ctx = makeContext(nodes);
  const p = hard(1, 'node', foo, {}, { foo: '' }, { nodeSelector: { foo: '' } });
  const { state, s } = preFilterState(ctx, p);
  new PodTopologySpread().addPod(
    ctx,
    state,
    newPodInfo(p),
    newPodInfo(pod('x', { foo: '' }, 'node-b')),
    ctx.snapshot.get('node-b')!,
  );
  assert.deepEqual(counts(s), { 'node-a': 0 });
});

test('PodTopologySpread RemovePod: removing a pod lowers its domain count and can move the minimum', () => {
  const ctx = makeContext(zoneNodes(), [
    ...pods('node-a', 1),
    ...pods('node-b', 1),
    ...pods('node-x', 2),
    ...pods('node-y', 1),
  ]);
  const p = hard(1, 'zone', foo);
  const { state, s } = preFilterState(ctx, p);
  assert.deepEqual(counts(s), { zone1: 2, zone2: 3 });
  const victim = ctx.snapshot.get('node-x')!.pods[0];
  new PodTopologySpread().removePod(ctx, state, newPodInfo(p), victim, ctx.snapshot.get('node-x')!);
  assert.deepEqual(counts(s), { zone1: 2, zone2: 2 });
  assert.equal(s.minMatchNum(0), 2);
  new PodTopologySpread().removePod(
    ctx,
    state,
    newPodInfo(p),
    ctx.snapshot.get('node-y')!.pods[0],
    ctx.snapshot.get('node-y')!,
  );
  assert.equal(s.minMatchNum(0), 1);
});

test('PodTopologySpread PreFilter state: clone() is independent of the original (preemption dry runs)', () => {
  const ctx = makeContext(zoneNodes(), pods('node-a', 1));
  const p = hard(1, 'node', foo);
  const { state, s } = preFilterState(ctx, p);
  const copy = state.clone();
  new PodTopologySpread().addPod(
    ctx,
    copy,
    newPodInfo(p),
    newPodInfo(pod('n', { foo: '' }, 'node-x')),
    ctx.snapshot.get('node-x')!,
  );
  assert.equal(counts(s)['node-x'], 0);
  assert.equal(counts(copy.read<PodTopologySpreadPreFilterState>('PreFilterPodTopologySpread')!)['node-x'], 1);
  assert.equal(s.minMatchNum(0), 0);
});

test('PodTopologySpread Filter: after RemovePod of the only pod on the busiest node it fits again', () => {
  const nodes = [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })];
  const ctx = makeContext(nodes, [...pods('node-a', 1)]);
  const p = hard(1, 'node', foo);
  const pl = new PodTopologySpread();
  const state = new CycleState();
  const pi = newPodInfo(p);
  pl.preFilter(ctx, state, pi);
  const a = ctx.snapshot.get('node-a')!;
  assert.equal(pl.filter(ctx, state, pi, a)?.code, 'Unschedulable');
  pl.removePod(ctx, state, pi, a.pods[0], a);
  assert.equal(pl.filter(ctx, state, pi, a), null);
});

// ---- Scoring ---------------------------------------------------------------------------

const soft = (
  maxSkew: number,
  key: string,
  sel: LabelSelector | null,
  labels: Record<string, string> = { foo: '' },
  extra: Partial<TopologySpreadConstraint> = {},
): Pod =>
  pod('p', labels, undefined, { topologySpreadConstraints: [spread(maxSkew, key, 'ScheduleAnyway', sel, extra)] });
const hostNodes = (...names: string[]): Node[] => names.map((n) => node(n, {}));

test('PodTopologySpread PreScore: Skip for a bare pod without constraints (no Service or controller)', () => {
  assert.equal(runScore(pod('p', { foo: '' }), hostNodes('node-a', 'node-b')), 'Skip');
});

test('PodTopologySpread PreScore: Skip when the controlling ReplicaSet does not exist', () => {
  const p = pod('p', { foo: 'bar' }, undefined, { ownerKind: 'ReplicaSet', ownerName: 'rs2' });
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet' as const,
    metadata: { name: 'rs1', namespace: 'default' },
    spec: { selector: exists('tar'), template: { spec: { containers: [] } } },
  };
  assert.equal(runScore(p, hostNodes('node-a', 'node-b'), [], { objs: { replicaSets: [rs] } }), 'Skip');
});

test('PodTopologySpread Score: with no existing pods every node scores 100', () => {
  assert.deepEqual(runScore(soft(1, HOST, foo), hostNodes('node-a', 'node-b')), { 'node-a': 100, 'node-b': 100 });
});

test('PodTopologySpread Score: a single candidate node scores 100', () => {
  assert.deepEqual(
    runScore(soft(1, HOST, foo), hostNodes('node-a'), [...pods('node-a', 2), ...pods('node-b', 1)], {
      failed: hostNodes('node-b'),
    }),
    { 'node-a': 100 },
  );
});

test('PodTopologySpread Score: hostname maxSkew 1, counts 2/1/0/3 → raws 4/2/0/5 → 20/60/100/0', () => {
  const nodes = hostNodes('node-a', 'node-b', 'node-c', 'node-d');
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-d', 3)];
  const ctx = makeContext(nodes, existing);
  const pl = new PodTopologySpread();
  const state = new CycleState();
  const pi = newPodInfo(soft(1, HOST, foo));
  assert.equal(pl.preScore(ctx, state, pi, ctx.snapshot.nodeInfos), null);
  assert.deepEqual(
    ctx.snapshot.nodeInfos.map((ni) => pl.score(ctx, state, pi, ni)),
    [4, 2, 0, 5],
  );
  assert.deepEqual(runScore(soft(1, HOST, foo), nodes, existing), {
    'node-a': 20,
    'node-b': 60,
    'node-c': 100,
    'node-d': 0,
  });
});

test('PodTopologySpread Score: a null selector counts nothing → all 100', () => {
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-d', 3)];
  assert.deepEqual(runScore(soft(1, HOST, null), hostNodes('node-a', 'node-b', 'node-c', 'node-d'), existing), {
    'node-a': 100,
    'node-b': 100,
    'node-c': 100,
    'node-d': 100,
  });
});

test('PodTopologySpread Score: maxSkew − 1 is added to every raw score (maxSkew 2 → 33/66/100/16)', () => {
  const existing = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-d', 3)];
  assert.deepEqual(runScore(soft(2, HOST, foo), hostNodes('node-a', 'node-b', 'node-c', 'node-d'), existing), {
    'node-a': 33,
    'node-b': 66,
    'node-c': 100,
    'node-d': 16,
  });
});

test('PodTopologySpread Score: maxSkew 3, counts 4/3/2/1 → 44/66/77/100', () => {
  const existing = [...pods('node-a', 4), ...pods('node-b', 3), ...pods('node-c', 2), ...pods('node-d', 1)];
  assert.deepEqual(runScore(soft(3, HOST, foo), hostNodes('node-a', 'node-b', 'node-c', 'node-d'), existing), {
    'node-a': 44,
    'node-b': 66,
    'node-c': 77,
    'node-d': 100,
  });
});

test('PodTopologySpread Score: system default constraints apply to a Service-selected pod; nodes without a zone still spread by hostname', () => {
  const existing = [...pods('node-a', 4), ...pods('node-b', 3), ...pods('node-c', 2), ...pods('node-d', 1)];
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: 'default' },
    spec: { selector: { foo: '' } },
  };
  assert.deepEqual(
    runScore(pod('p', { foo: '' }), hostNodes('node-a', 'node-b', 'node-c', 'node-d'), existing, {
      objs: { services: [svc] },
    }),
    { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  );
});

test('PodTopologySpread Score: system defaults use the ReplicaSet selector; zone and hostname both weigh in', () => {
  const nodes = [node('a', { [ZONE]: 'z1' }), node('b', { [ZONE]: 'z1' }), node('c', { [ZONE]: 'z2' })];
  const existing = [
    pod('e1', { app: 'web' }, 'a'),
    pod('e2', { app: 'web' }, 'a'),
    pod('e3', { app: 'web' }, 'b'),
    pod('e4', { other: 'x' }, 'c'),
  ];
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet' as const,
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } } },
  };
  const p = pod('p', { app: 'web' }, undefined, { ownerKind: 'ReplicaSet', ownerName: 'web-1' });
  // hostname (maxSkew 3, size 3 → ln5): a 2·1.609+2, b 1.609+2, c 2; zone (maxSkew 5, size 2 → ln4): z1 3·1.386+4, z2 4
  // raws: a round(5.219+8.159)=13, b round(3.609+8.159)=12, c round(2+4)=6 → 100·(13+6−raw)/13
  assert.deepEqual(runScore(p, nodes, existing, { objs: { replicaSets: [rs] } }), { a: 46, b: 53, c: 100 });
});

test('PodTopologySpread Score: 3 of 4 nodes candidates — a failed node does not count for hostname', () => {
  const existing = [...pods('node-a', 4), ...pods('node-b', 2), ...pods('node-x', 1), ...pods('node-y', 3)];
  assert.deepEqual(
    runScore(soft(1, HOST, foo), hostNodes('node-a', 'node-b', 'node-x'), existing, { failed: hostNodes('node-y') }),
    { 'node-a': 33, 'node-b': 83, 'node-x': 100 },
  );
});

test('PodTopologySpread Score: a candidate lacking an explicit constraint key is ignored and scores 0', () => {
  const existing = [...pods('node-a', 4), ...pods('node-b', 2), ...pods('node-x', 1), ...pods('node-y', 3)];
  const nodes = [node('node-a', {}), node('node-b', { n: 'node-b' }, { noHostname: true }), node('node-x', {})];
  assert.deepEqual(runScore(soft(1, HOST, foo), nodes, existing, { failed: hostNodes('node-y') }), {
    'node-a': 16,
    'node-b': 0,
    'node-x': 100,
  });
});

test('PodTopologySpread Score: zone counts include pods on non-candidate nodes of a candidate zone', () => {
  // zones: zone1 (a:4, b:2) = 6, zone2 (x:1, y:3 — y failed) = 4; size 2 → ln4
  const nodes = [
    node('node-a', { zone: 'zone1' }),
    node('node-b', { zone: 'zone1' }),
    node('node-x', { zone: 'zone2' }),
  ];
  const existing = [...pods('node-a', 4), ...pods('node-b', 2), ...pods('node-x', 1), ...pods('node-y', 3)];
  // raws: zone1 round(6·1.386)=8, zone2 round(4·1.386)=6 → 100·(8+6−8)/8=75, 100·(8+6−6)/8=100
  assert.deepEqual(runScore(soft(1, 'zone', foo), nodes, existing, { failed: [node('node-y', { zone: 'zone2' })] }), {
    'node-a': 75,
    'node-b': 75,
    'node-x': 100,
  });
});

test('PodTopologySpread Score: pods in other namespaces and terminating pods are not counted', () => {
  const existing = [
    pod('a1', { foo: '' }, 'node-a', { namespace: 'ns1' }),
    pod('a2', { foo: '' }, 'node-a', { deleting: true }),
    ...pods('node-b', 1),
  ];
  assert.deepEqual(runScore(soft(1, HOST, foo), hostNodes('node-a', 'node-b'), existing), {
    'node-a': 100,
    'node-b': 0,
  });
});

test('PodTopologySpread Score: nodeAffinityPolicy Honor excludes pods on nodes outside the pod node selector from zone counts', () => {
  const nodes = [
    node('node-a', { zone: 'zone1', foo: '' }),
    node('node-b', { zone: 'zone1', foo: '' }),
    node('node-x', { zone: 'zone2', foo: '' }),
  ];
  const failed = [node('node-y', { zone: 'zone2' })];
  const existing = [...pods('node-a', 1, { bar: '' }), ...pods('node-y', 3, { bar: '' })];
  const honor = soft(1, 'zone', bar, { foo: '' });
  honor.spec.nodeSelector = { foo: '' };
  // zone2 counts only node-x (0): zone1 raw round(1·ln4)=1, zone2 0 → 0 / 100
  assert.deepEqual(runScore(honor, nodes, existing, { failed }), { 'node-a': 0, 'node-b': 0, 'node-x': 100 });
  const ignore = soft(1, 'zone', bar, { foo: '' }, { nodeAffinityPolicy: 'Ignore' });
  ignore.spec.nodeSelector = { foo: '' };
  // zone2 = 3 → raw round(3·1.386)=4, zone1 1 → zone1 100·(4+1−1)/4 = 100, zone2 25
  assert.deepEqual(runScore(ignore, nodes, existing, { failed }), { 'node-a': 100, 'node-b': 100, 'node-x': 25 });
});

test('PodTopologySpread Score: nodeTaintsPolicy Honor excludes pods on tainted nodes from zone counts', () => {
  const nodes = [node('node-a', { zone: 'zone1' }), node('node-x', { zone: 'zone2' })];
  const failed = [node('node-y', { zone: 'zone2' }, { taints: [unschedulableTaint] })];
  const existing = [...pods('node-a', 1), ...pods('node-y', 3)];
  assert.deepEqual(
    runScore(soft(1, 'zone', foo, { foo: '' }, { nodeTaintsPolicy: 'Honor' }), nodes, existing, { failed }),
    { 'node-a': 0, 'node-x': 100 },
  );
  assert.deepEqual(runScore(soft(1, 'zone', foo), nodes, existing, { failed }), { 'node-a': 100, 'node-x': 25 });
});

test('PodTopologySpread Score: matchLabelKeys narrows the counted pods', () => {
  const existing = [...pods('node-a', 2, { foo: '', rev: '1' }), ...pods('node-b', 1, { foo: '', rev: '2' })];
  assert.deepEqual(
    runScore(
      soft(1, HOST, foo, { foo: '', rev: '2' }, { matchLabelKeys: ['rev'] }),
      hostNodes('node-a', 'node-b'),
      existing,
    ),
    { 'node-a': 100, 'node-b': 0 },
  );
});

test('PodTopologySpread Score: DoNotSchedule constraints are not scored (Skip when none are ScheduleAnyway)', () => {
  const p = pod('p', { foo: '' }, undefined, { topologySpreadConstraints: [spread(1, HOST, 'DoNotSchedule', foo)] });
  assert.equal(runScore(p, hostNodes('node-a', 'node-b'), pods('node-a', 2)), 'Skip');
});

test('PodTopologySpread Score: raw scores are rounded to the nearest integer (math.Round), not truncated', () => {
  // hostname, 2 nodes → ln4 = 1.386: count 2 → 2.77 → 3 (truncation would give 2), count 1 → 1.39 → 1
  const existing = [...pods('node-a', 2), ...pods('node-b', 1)];
  const ctx = makeContext(hostNodes('node-a', 'node-b'), existing);
  const pl = new PodTopologySpread();
  const state = new CycleState();
  const pi = newPodInfo(soft(1, HOST, foo));
  pl.preScore(ctx, state, pi, ctx.snapshot.nodeInfos);
  assert.deepEqual(
    ctx.snapshot.nodeInfos.map((ni) => pl.score(ctx, state, pi, ni)),
    [3, 1],
  );
});

// ---- PodTopologySpreadArgs: defaultingType List ------------------------------------------

/** PreFilter+Filter and PreScore+Score+Normalize with a plugin built from these args. */
function runWithArgs(
  args: ConstructorParameters<typeof PodTopologySpread>[0],
  incoming: Pod,
  nodes: Node[],
  existing: Pod[],
  objs: ObjectsOpts,
): { filter: Record<string, Outcome> | 'Skip'; score: Record<string, number> | 'Skip' } {
  const ctx = makeContext(nodes, existing, objs);
  const pl = new PodTopologySpread(args);
  const pi = newPodInfo(incoming);
  const fstate = new CycleState();
  let filter: Record<string, Outcome> | 'Skip' = 'Skip';
  if (pl.preFilter(ctx, fstate, pi).status?.code !== 'Skip') {
    filter = Object.fromEntries(
      ctx.snapshot.nodeInfos.map((ni) => [ni.name, pl.filter(ctx, fstate, pi, ni)?.code ?? 'Success']),
    );
  }
  const sstate = new CycleState();
  let score: Record<string, number> | 'Skip' = 'Skip';
  if (pl.preScore(ctx, sstate, pi, ctx.snapshot.nodeInfos)?.code !== 'Skip') {
    const nodeInfos = ctx.snapshot.nodeInfos;
    const scores = nodeInfos.map((ni) => pl.score(ctx, sstate, pi, ni));
    pl.normalize(ctx, sstate, pi, nodeInfos, scores);
    score = Object.fromEntries(nodeInfos.map((ni, i) => [ni.name, scores[i]]));
  }
  return { filter, score };
}

const webSvc: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' } },
};

test('PodTopologySpread defaultingType List: a DoNotSchedule default constraint filters a Service-selected pod without constraints of its own', () => {
  const nodes = [node('a', { [ZONE]: 'z1' }), node('b', { [ZONE]: 'z2' })];
  const existing = [pod('e1', { app: 'web' }, 'a')];
  const args = {
    defaultingType: 'List' as const,
    defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const }],
  };
  const r = runWithArgs(args, pod('p', { app: 'web' }), nodes, existing, { services: [webSvc] });
  assert.deepEqual(r.filter, { a: 'Unschedulable', b: 'Success' });
  assert.equal(r.score, 'Skip', 'no ScheduleAnyway default constraint: nothing to score');
});

test("PodTopologySpread defaultingType List: the pod's own constraints replace the default constraints", () => {
  const nodes = [node('a', { [ZONE]: 'z1' }), node('b', { [ZONE]: 'z2' })];
  const existing = [pod('e1', { app: 'web' }, 'a')];
  const args = {
    defaultingType: 'List' as const,
    defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' as const }],
  };
  const own = pod('p', { app: 'web' }, undefined, {
    topologySpreadConstraints: [spread(1, HOST, 'ScheduleAnyway', { matchLabels: { app: 'web' } })],
  });
  assert.equal(runWithArgs(args, own, nodes, existing, { services: [webSvc] }).filter, 'Skip');
});

test('PodTopologySpread defaultingType List with no defaultConstraints: no default spreading at all (the system defaults would score)', () => {
  const nodes = hostNodes('node-a', 'node-b');
  const existing = [pod('e1', { app: 'web' }, 'node-a'), pod('e2', { app: 'web' }, 'node-a')];
  assert.deepEqual(
    runWithArgs({ defaultingType: 'List', defaultConstraints: [] }, pod('p', { app: 'web' }), nodes, existing, {
      services: [webSvc],
    }),
    { filter: 'Skip', score: 'Skip' },
  );
  assert.notEqual(runWithArgs({}, pod('p', { app: 'web' }), nodes, existing, { services: [webSvc] }).score, 'Skip');
});

test('PodTopologySpread defaultingType List: a ScheduleAnyway default constraint scores, and nodes without its topology key score 0 (system defaults do not require every key)', () => {
  const nodes = [node('a', { [ZONE]: 'z1' }), node('b', { [ZONE]: 'z2' }), node('c', {})];
  const existing = [pod('e1', { app: 'web' }, 'a'), pod('e2', { app: 'web' }, 'a')];
  const args = {
    defaultingType: 'List' as const,
    defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway' as const }],
  };
  const r = runWithArgs(args, pod('p', { app: 'web' }), nodes, existing, { services: [webSvc] });
  assert.equal(r.filter, 'Skip');
  assert.equal((r.score as Record<string, number>).c, 0);
  assert.ok(
    (r.score as Record<string, number>).b > (r.score as Record<string, number>).a,
    `z2 (empty) scores above z1: ${JSON.stringify(r.score)}`,
  );
});

test('PodTopologySpread system defaults: each pod spreads by its own default selector, whatever pods the plugin saw before', () => {
  const nodes = hostNodes('node-a', 'node-b');
  const existing = [pod('e1', { app: 'web' }, 'node-a'), pod('e2', { app: 'web' }, 'node-a')];
  const ctx = makeContext(nodes, existing, { services: [webSvc] });
  const pl = new PodTopologySpread();
  const scoreOf = (p: Pod): Record<string, number> | 'Skip' => {
    const pi = newPodInfo(p);
    const state = new CycleState();
    if (pl.preScore(ctx, state, pi, ctx.snapshot.nodeInfos)?.code === 'Skip') return 'Skip';
    const scores = ctx.snapshot.nodeInfos.map((ni) => pl.score(ctx, state, pi, ni));
    pl.normalize(ctx, state, pi, ctx.snapshot.nodeInfos, scores);
    return Object.fromEntries(ctx.snapshot.nodeInfos.map((ni, i) => [ni.name, scores[i]]));
  };
  const web = scoreOf(pod('p', { app: 'web' }));
  assert.notEqual(web, 'Skip');
  assert.ok((web as Record<string, number>)['node-b'] > (web as Record<string, number>)['node-a'], JSON.stringify(web));
  assert.equal(
    scoreOf(pod('q', { app: 'other' })),
    'Skip',
    'no Service or controller selects it: no default constraints',
  );
  assert.deepEqual(scoreOf(pod('p2', { app: 'web' })), web);
});

test("PodTopologySpread Filter: a node outside the snapshot (a copy with nominated pods, snapshotIndex unknown) gets the verdict of its labels, as the snapshot's nodes get their domain's", () => {
  const nodes = [...zoneNodes(), node('node-nozone', { node: 'node-nozone' })];
  const incoming = pod('p', { foo: '' }, undefined, {
    topologySpreadConstraints: [spread(1, 'zone', 'DoNotSchedule', foo)],
  });
  const ctx = makeContext(nodes, [...pods('node-a', 1), ...pods('node-b', 1), ...pods('node-x', 1)]);
  const pl = new PodTopologySpread();
  const state = new CycleState();
  const pi = newPodInfo(incoming);
  assert.equal(pl.preFilter(ctx, state, pi).status, null);
  const filter = pl.filterFor(ctx, state, pi);
  const verdict = (ni: (typeof ctx.snapshot.nodeInfos)[number]) => filter(ni, -1)?.code ?? 'Success';
  const inSnapshot = Object.fromEntries(ctx.snapshot.nodeInfos.map((ni) => [ni.name, verdict(ni)]));
  assert.deepEqual(inSnapshot, {
    'node-a': 'Unschedulable',
    'node-b': 'Unschedulable',
    'node-x': 'Success',
    'node-y': 'Success',
    'node-nozone': 'UnschedulableAndUnresolvable',
  });
  const copies = Object.fromEntries(
    ctx.snapshot.nodeInfos.map((ni) => [ni.name, verdict({ ...ni, snapshotIndex: -1 })]),
  );
  assert.deepEqual(copies, inSnapshot);
});

test('PodTopologySpreadArgs defaults (SetDefaults_PodTopologySpreadArgs): defaultingType System', () => {
  assert.deepEqual(defaultedArgs(POD_TOPOLOGY_SPREAD_ARGS, undefined), { defaultingType: 'System' });
});
