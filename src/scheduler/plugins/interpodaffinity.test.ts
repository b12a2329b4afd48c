// Unit tests for the InterPodAffinity plugin: behaviour ported from upstream
// interpodaffinity/{filtering,scoring}_test.go, and the experiments S03/S04.

import test from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSelector, Namespace, Node, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/types.ts';
import { newPodInfo } from '../framework/nodeinfo.ts';
import {
  makeContext,
  makeNode,
  makePod,
  preFilterThenFilter,
  type ObjectsOpts,
  type PodOpts,
} from '../framework/testing.ts';
import { CycleState, type Code } from '../framework/types.ts';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  InterPodAffinity,
  type InterPodAffinityPreFilterState,
  type InterPodAffinityArgs,
  INTER_POD_AFFINITY_ARGS,
} from './interpodaffinity.ts';
import { defaultedArgs } from '../pluginargs.ts';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

const sel = (matchLabels: Record<string, string>): LabelSelector => ({ matchLabels });
const inSel = (key: string, ...values: string[]): LabelSelector => ({
  matchExpressions: [{ key, operator: 'In', values }],
});
const term = (
  labelSelector: LabelSelector | null,
  topologyKey: string,
  extra: Partial<PodAffinityTerm> = {},
): PodAffinityTerm => ({ labelSelector, topologyKey, ...extra });
const weighted = (weight: number, t: PodAffinityTerm): WeightedPodAffinityTerm => ({ weight, podAffinityTerm: t });

interface Aff {
  required?: PodAffinityTerm[];
  anti?: PodAffinityTerm[];
  preferred?: WeightedPodAffinityTerm[];
  preferredAnti?: WeightedPodAffinityTerm[];
}

function pod(
  name: string,
  labels: Record<string, string> | undefined,
  nodeName?: string,
  a: Aff = {},
  o: PodOpts = {},
): Pod {
  const affinity: NonNullable<Pod['spec']['affinity']> = {};
  if (a.required || a.preferred)
    affinity.podAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: a.required,
      preferredDuringSchedulingIgnoredDuringExecution: a.preferred,
    };
  if (a.anti || a.preferredAnti)
    affinity.podAntiAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: a.anti,
      preferredDuringSchedulingIgnoredDuringExecution: a.preferredAnti,
    };
  return makePod(name, {
    labels,
    ...(nodeName ? { nodeName } : {}),
    ...(affinity.podAffinity || affinity.podAntiAffinity ? { affinity } : {}),
    ...o,
  });
}

const node = (name: string, labels: Record<string, string> = {}): Node => makeNode(name, { labels });
const ns = (name: string, labels: Record<string, string> = {}): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
});

type Outcome = Code | 'Success';

const runFilter = (incoming: Pod, nodes: Node[], existing: Pod[] = [], objs: ObjectsOpts = {}) =>
  preFilterThenFilter(new InterPodAffinity(), incoming, nodes, existing, objs);

function runScore(
  incoming: Pod,
  nodes: Node[],
  existing: Pod[] = [],
  o: { args?: InterPodAffinityArgs; objs?: ObjectsOpts; feasible?: string[] } = {},
): Record<string, number> | 'Skip' {
  const ctx = makeContext(nodes, existing, o.objs);
  const pl = new InterPodAffinity(o.args);
  const state = new CycleState();
  const pi = newPodInfo(incoming);
  const feasible = (o.feasible ?? nodes.map((n) => n.metadata.name!)).map((n) => ctx.snapshot.get(n)!);
  const st = pl.preScore(ctx, state, pi, feasible);
  if (st?.code === 'Skip') return 'Skip';
  assert.equal(st, null);
  const scores = feasible.map((ni) => pl.score(ctx, state, pi, ni));
  pl.normalize(ctx, state, pi, feasible, scores);
  return Object.fromEntries(feasible.map((ni, i) => [ni.name, scores[i]]));
}

// ---- PreFilter -------------------------------------------------------------------------

test('InterPodAffinity PreFilter: Skip when the pod has no required terms and no existing anti-affinity matches it', () => {
  const existing = [pod('e', { app: 'db' }, 'n1', { anti: [term(sel({ app: 'other' }), HOST)] })];
  assert.equal(runFilter(pod('p', { app: 'web' }), [node('n1'), node('n2')], existing), 'Skip');
});

test('InterPodAffinity PreFilter: not skipped when an existing pod anti-affinity matches the incoming pod', () => {
  const existing = [pod('e', { app: 'db' }, 'n1', { anti: [term(sel({ app: 'web' }), HOST)] })];
  assert.deepEqual(runFilter(pod('p', { app: 'web' }), [node('n1'), node('n2')], existing), {
    n1: 'Unschedulable',
    n2: 'Success',
  });
});

// ---- Filter: incoming required affinity ------------------------------------------------

test('InterPodAffinity Filter: required affinity (In) is satisfied on the node of a matching pod', () => {
  const existing = [pod('e', { service: 'securityscan' }, 'machine1')];
  const p = pod('p', undefined, undefined, { required: [term(inSel('service', 'securityscan', 'value2'), 'region')] });
  assert.deepEqual(runFilter(p, [node('machine1', { region: 'r1' }), node('machine2', { region: 'r2' })], existing), {
    machine1: 'Success',
    machine2: 'UnschedulableAndUnresolvable',
  });
});

test('InterPodAffinity Filter: required affinity with NotIn matches a pod whose value is not listed', () => {
  const existing = [pod('e', { service: 'securityscan' }, 'machine1')];
  const p = pod('p', undefined, undefined, {
    required: [
      term(
        { matchExpressions: [{ key: 'service', operator: 'NotIn', values: ['securityscan3', 'value3'] }] },
        'region',
      ),
    ],
  });
  assert.deepEqual(runFilter(p, [node('machine1', { region: 'r1' })], existing), { machine1: 'Success' });
});

test('InterPodAffinity Filter: required affinity ignores pods in other namespaces by default', () => {
  const existing = [pod('e', { service: 'securityscan' }, 'machine1', {}, { namespace: 'ns' })];
  const p = pod('p', undefined, undefined, { required: [term(inSel('service', 'securityscan'), 'region')] });
  const r = runFilter(p, [node('machine1', { region: 'r1' })], existing);
  assert.deepEqual(r, { machine1: 'UnschedulableAndUnresolvable' });
});

test('InterPodAffinity Filter: required affinity with an explicit namespaces list matches pods there', () => {
  const existing = [pod('e', { service: 'securityscan' }, 'machine1', {}, { namespace: 'ns' })];
  const p = pod('p', undefined, undefined, {
    required: [term(inSel('service', 'securityscan'), 'region', { namespaces: ['ns'] })],
  });
  assert.deepEqual(runFilter(p, [node('machine1', { region: 'r1' })], existing), { machine1: 'Success' });
});

test('InterPodAffinity Filter: matchExpressions of one term are ANDed', () => {
  const existing = [pod('e', { service: 'securityscan' }, 'machine1')];
  const p = pod('p', undefined, undefined, {
    required: [
      term(
        {
          matchExpressions: [
            { key: 'service', operator: 'Exists' },
            { key: 'wrongkey', operator: 'DoesNotExist' },
            { key: 'service', operator: 'In', values: ['WrongValue'] },
          ],
        },
        'region',
      ),
    ],
  });
  assert.deepEqual(runFilter(p, [node('machine1', { region: 'r1' })], existing), {
    machine1: 'UnschedulableAndUnresolvable',
  });
});

test('InterPodAffinity Filter: several required affinity terms must all be satisfied — by the same pod', () => {
  const nodes = [node('n1', { zone: 'z1' }), node('n2', { zone: 'z1' })];
  // one pod matches each term, but no pod matches both → nothing counted (and the incoming pod does not match itself)
  const existing = [pod('a', { foo: '' }, 'n1'), pod('b', { bar: '' }, 'n2')];
  const p = pod('p', undefined, undefined, {
    required: [
      term({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }, 'zone'),
      term({ matchExpressions: [{ key: 'bar', operator: 'Exists' }] }, 'zone'),
    ],
  });
  assert.deepEqual(runFilter(p, nodes, existing), {
    n1: 'UnschedulableAndUnresolvable',
    n2: 'UnschedulableAndUnresolvable',
  });
  const both = [pod('a', { foo: '', bar: '' }, 'n1')];
  assert.deepEqual(runFilter(p, nodes, both), { n1: 'Success', n2: 'Success' });
});

test('InterPodAffinity Filter: a node lacking the topology key never satisfies required affinity', () => {
  const nodes = [node('n1', { zone: 'z1' }), node('n2')];
  const existing = [pod('e', { app: 'db' }, 'n1')];
  assert.deepEqual(
    runFilter(pod('p', undefined, undefined, { required: [term(sel({ app: 'db' }), 'zone')] }), nodes, existing),
    { n1: 'Success', n2: 'UnschedulableAndUnresolvable' },
  );
});

test('InterPodAffinity Filter: matching pods on every node count, including nodes the pod cannot use', () => {
  // nodeA and nodeB share region r1; the matching pod is on nodeA → both pass
  const nodes = [
    node('nodeA', { region: 'r1', zone: 'z1' }),
    node('nodeB', { region: 'r1', zone: 'z2' }),
    node('nodeC', { region: 'r2' }),
  ];
  const existing = [pod('e', { foo: 'bar' }, 'nodeA')];
  const p = pod('p', undefined, undefined, { required: [term(inSel('foo', 'bar'), 'region')] });
  assert.deepEqual(runFilter(p, nodes, existing), {
    nodeA: 'Success',
    nodeB: 'Success',
    nodeC: 'UnschedulableAndUnresolvable',
  });
});

test('InterPodAffinity Filter: first pod of a group — no matching pod anywhere and the pod matches its own terms → passes where it has the key', () => {
  const nodes = [node('n1', { zone: 'z1' }), node('n2', { zone: 'z2' }), node('n3')];
  const p = pod('p', { app: 'web' }, undefined, { required: [term(sel({ app: 'web' }), 'zone')] });
  assert.deepEqual(runFilter(p, nodes), { n1: 'Success', n2: 'Success', n3: 'UnschedulableAndUnresolvable' });
});

test('InterPodAffinity Filter: first-pod exception does not apply when the pod does not match its own terms', () => {
  const p = pod('p', { app: 'web' }, undefined, { required: [term(sel({ app: 'db' }), 'zone')] });
  assert.deepEqual(runFilter(p, [node('n1', { zone: 'z1' })]), { n1: 'UnschedulableAndUnresolvable' });
});

test('InterPodAffinity Filter: first-pod exception does not apply once some matching pod exists elsewhere', () => {
  const nodes = [node('n1', { zone: 'z1' }), node('n2', { zone: 'z2' })];
  const existing = [pod('e', { app: 'web' }, 'n1')];
  const p = pod('p', { app: 'web' }, undefined, { required: [term(sel({ app: 'web' }), 'zone')] });
  assert.deepEqual(runFilter(p, nodes, existing), { n1: 'Success', n2: 'UnschedulableAndUnresolvable' });
});

test('InterPodAffinity Filter: S03 — required podAffinity to app=backend on hostname: only the backend node passes', () => {
  const nodes = ['m-k8s', 'w1-k8s', 'w2-k8s', 'w3-k8s'].map((n) => node(n));
  const existing = [pod('backend', { app: 'backend' }, 'w3-k8s')];
  const frontend = pod(
    'frontend-1',
    { app: 'frontend' },
    undefined,
    { required: [term(sel({ app: 'backend' }), HOST)] },
    { ownerKind: 'ReplicaSet', ownerName: 'frontend-abc' },
  );
  assert.deepEqual(runFilter(frontend, nodes, existing), {
    'm-k8s': 'UnschedulableAndUnresolvable',
    'w1-k8s': 'UnschedulableAndUnresolvable',
    'w2-k8s': 'UnschedulableAndUnresolvable',
    'w3-k8s': 'Success',
  });
  // the next replicas too, with earlier frontends already on w3
  const more = [
    ...existing,
    pod('frontend-0', { app: 'frontend' }, 'w3-k8s', { required: [term(sel({ app: 'backend' }), HOST)] }),
  ];
  assert.equal((runFilter(frontend, nodes, more) as Record<string, Outcome>)['w3-k8s'], 'Success');
});

// ---- Filter: incoming required anti-affinity -------------------------------------------

test('InterPodAffinity Filter: S04 — required podAntiAffinity to app=backend: the backend node fails with the anti-affinity reason', () => {
  const ctx = makeContext(
    ['w1-k8s', 'w2-k8s', 'w3-k8s'].map((n) => node(n)),
    [pod('backend', { app: 'backend' }, 'w1-k8s')],
  );
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(
    pod('frontend-1', { app: 'frontend' }, undefined, { anti: [term(sel({ app: 'backend' }), HOST)] }),
  );
  assert.equal(pl.preFilter(ctx, state, pi).status, null);
  assert.deepEqual(pl.filter(ctx, state, pi, ctx.snapshot.get('w1-k8s')!), {
    code: 'Unschedulable',
    reasons: ["node(s) didn't match pod anti-affinity rules"],
  });
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('w2-k8s')!), null);
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('w3-k8s')!), null);
});

test('InterPodAffinity Filter: anti-affinity on a zone blocks every node of that zone; nodes without the key never violate', () => {
  const nodes = [node('a', { zone: 'z1' }), node('b', { zone: 'z1' }), node('c', { zone: 'z2' }), node('d')];
  const existing = [pod('e', { app: 'db' }, 'a')];
  assert.deepEqual(
    runFilter(pod('p', undefined, undefined, { anti: [term(sel({ app: 'db' }), 'zone')] }), nodes, existing),
    { a: 'Unschedulable', b: 'Unschedulable', c: 'Success', d: 'Success' },
  );
});

test('InterPodAffinity Filter: anti-affinity terms are independent — any matching term blocks', () => {
  const nodes = [node('a', { zone: 'z1' }), node('b', { zone: 'z2' }), node('c', { zone: 'z3' })];
  const existing = [pod('e1', { app: 'db' }, 'a'), pod('e2', { app: 'cache' }, 'b')];
  const p = pod('p', undefined, undefined, {
    anti: [term(sel({ app: 'db' }), 'zone'), term(sel({ app: 'cache' }), HOST)],
  });
  assert.deepEqual(runFilter(p, nodes, existing), { a: 'Unschedulable', b: 'Unschedulable', c: 'Success' });
});

test('InterPodAffinity Filter: a Deployment with hostname anti-affinity runs out of nodes — the (k+1)-th replica fails on every worker with the incoming anti-affinity reason', () => {
  const nodes = ['w1', 'w2', 'w3'].map((n) => node(n));
  const anti = [term(sel({ app: 'web' }), HOST)];
  const existing = nodes.map((n, i) => pod(`web-${i}`, { app: 'web' }, n.metadata.name, { anti }));
  const ctx = makeContext(nodes, existing);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(pod('web-3', { app: 'web' }, undefined, { anti }));
  pl.preFilter(ctx, state, pi);
  for (const ni of ctx.snapshot.nodeInfos) {
    // incoming anti-affinity (check 2) is reported, not the symmetric check 3
    assert.deepEqual(pl.filter(ctx, state, pi, ni), {
      code: 'Unschedulable',
      reasons: [ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH],
    });
  }
});

test('InterPodAffinity Filter: anti-affinity with an empty namespaceSelector {} matches pods in every namespace', () => {
  const nodes = [node('a'), node('b')];
  const existing = [pod('e', { app: 'db' }, 'a', {}, { namespace: 'other' })];
  assert.deepEqual(
    runFilter(
      pod('p', undefined, undefined, { anti: [term(sel({ app: 'db' }), HOST, { namespaceSelector: {} })] }),
      nodes,
      existing,
    ),
    { a: 'Unschedulable', b: 'Success' },
  );
  assert.deepEqual(
    runFilter(pod('p', undefined, undefined, { anti: [term(sel({ app: 'db' }), HOST)] }), nodes, existing),
    { a: 'Success', b: 'Success' },
  );
});

test('InterPodAffinity Filter: namespaceSelector is evaluated against Namespace labels', () => {
  const nodes = [node('a', { region: 'r1' }), node('b', { region: 'r2' })];
  const existing = [
    pod('e1', { app: 'db' }, 'a', {}, { namespace: 'subteam1' }),
    pod('e2', { app: 'db' }, 'b', {}, { namespace: 'subteam2' }),
  ];
  const objs = { namespaces: [ns('default'), ns('subteam1', { team: 'team1' }), ns('subteam2', { team: 'team2' })] };
  const aff = pod('p', undefined, undefined, {
    required: [term(sel({ app: 'db' }), 'region', { namespaceSelector: sel({ team: 'team1' }) })],
  });
  assert.deepEqual(runFilter(aff, nodes, existing, objs), { a: 'Success', b: 'UnschedulableAndUnresolvable' });
  const anti = pod('p', undefined, undefined, {
    anti: [term(sel({ app: 'db' }), 'region', { namespaceSelector: sel({ team: 'team2' }) })],
  });
  assert.deepEqual(runFilter(anti, nodes, existing, objs), { a: 'Success', b: 'Unschedulable' });
});

test('InterPodAffinity Filter: namespaces list and namespaceSelector are ORed', () => {
  const nodes = [node('a', { region: 'r1' }), node('b', { region: 'r2' })];
  const existing = [
    pod('e1', { app: 'db' }, 'a', {}, { namespace: 'x' }),
    pod('e2', { app: 'db' }, 'b', {}, { namespace: 'y' }),
  ];
  const objs = { namespaces: [ns('default'), ns('x'), ns('y', { team: 't' })] };
  const anti = pod('p', undefined, undefined, {
    anti: [term(sel({ app: 'db' }), 'region', { namespaces: ['x'], namespaceSelector: sel({ team: 't' }) })],
  });
  assert.deepEqual(runFilter(anti, nodes, existing, objs), { a: 'Unschedulable', b: 'Unschedulable' });
});

// ---- Filter: existing pods' anti-affinity (symmetry) -----------------------------------

test('InterPodAffinity Filter: an existing pod anti-affinity that matches the incoming pod blocks its topology domain', () => {
  const nodes = [
    node('machine1', { region: 'r1', zone: 'z1' }),
    node('machine2', { region: 'r1', zone: 'z2' }),
    node('machine3', { region: 'r2' }),
  ];
  const existing = [pod('e', { service: 'db' }, 'machine1', { anti: [term(sel({ security: 'S1' }), 'region')] })];
  const r = runFilter(pod('p', { security: 'S1' }), nodes, existing);
  assert.deepEqual(r, { machine1: 'Unschedulable', machine2: 'Unschedulable', machine3: 'Success' });
  const ctx = makeContext(nodes, existing);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(pod('p', { security: 'S1' }));
  pl.preFilter(ctx, state, pi);
  assert.deepEqual(pl.filter(ctx, state, pi, ctx.snapshot.get('machine1')!), {
    code: 'Unschedulable',
    reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"],
  });
});

test('InterPodAffinity Filter: an existing pod anti-affinity term only looks at the existing pod namespace by default', () => {
  const existing = [
    pod('e', { service: 'db' }, 'm1', { anti: [term(sel({ security: 'S1' }), HOST)] }, { namespace: 'other' }),
  ];
  assert.equal(runFilter(pod('p', { security: 'S1' }), [node('m1'), node('m2')], existing), 'Skip');
});

test('InterPodAffinity Filter: an existing pod anti-affinity namespaceSelector is evaluated with the incoming pod namespace labels', () => {
  const objs = { namespaces: [ns('default', { env: 'prod' }), ns('other')] };
  const existing = [
    pod(
      'e',
      { service: 'db' },
      'm1',
      { anti: [term(sel({ security: 'S1' }), HOST, { namespaceSelector: sel({ env: 'prod' }) })] },
      { namespace: 'other' },
    ),
  ];
  assert.deepEqual(runFilter(pod('p', { security: 'S1' }), [node('m1'), node('m2')], existing, objs), {
    m1: 'Unschedulable',
    m2: 'Success',
  });
});

test('InterPodAffinity Filter: existing required affinity is not enforced on the incoming pod', () => {
  const existing = [pod('e', { app: 'a' }, 'm1', { required: [term(sel({ app: 'zzz' }), HOST)] })];
  assert.equal(runFilter(pod('p', { app: 'b' }), [node('m1'), node('m2')], existing), 'Skip');
});

test('InterPodAffinity Filter: the checks run in order — affinity (UU) before anti-affinity before symmetry', () => {
  const nodes = [node('m1', { region: 'r1' }), node('m2', { region: 'r2' })];
  const existing = [
    pod('e1', { service: 'securityscan' }, 'm1', { anti: [term(sel({ app: 'web' }), 'region')] }),
    pod('e2', { app: 'blocked' }, 'm1'),
  ];
  const p = pod('p', { app: 'web' }, undefined, {
    required: [term(sel({ service: 'securityscan' }), 'region')],
    anti: [term(sel({ app: 'blocked' }), 'region')],
  });
  const ctx = makeContext(nodes, existing);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(p);
  pl.preFilter(ctx, state, pi);
  assert.deepEqual(pl.filter(ctx, state, pi, ctx.snapshot.get('m1')!)?.reasons, [
    ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ]);
  assert.deepEqual(pl.filter(ctx, state, pi, ctx.snapshot.get('m2')!)?.reasons, [ERR_REASON_AFFINITY_RULES_NOT_MATCH]);
  const noAnti = newPodInfo(
    pod('p', { app: 'web' }, undefined, { required: [term(sel({ service: 'securityscan' }), 'region')] }),
  );
  const st2 = new CycleState();
  pl.preFilter(ctx, st2, noAnti);
  assert.deepEqual(pl.filter(ctx, st2, noAnti, ctx.snapshot.get('m1')!)?.reasons, [
    ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  ]);
});

test('InterPodAffinity Filter: symmetric anti-affinity is checked against all node labels of the existing pod domain', () => {
  // existing pod on nodeA (zone z1) anti-affine by zone; incoming lands on nodeB in z1 → blocked; nodeC in z2 free
  const nodes = [node('nodeA', { zone: 'z1' }), node('nodeB', { zone: 'z1' }), node('nodeC', { zone: 'z2' })];
  const existing = [pod('e', {}, 'nodeA', { anti: [term(sel({ app: 'x' }), 'zone')] })];
  assert.deepEqual(runFilter(pod('p', { app: 'x' }), nodes, existing), {
    nodeA: 'Unschedulable',
    nodeB: 'Unschedulable',
    nodeC: 'Success',
  });
});

// ---- AddPod / RemovePod ----------------------------------------------------------------

test('InterPodAffinity AddPod: a nominated pod with anti-affinity matching the incoming pod blocks its node', () => {
  const ctx = makeContext([node('n1'), node('n2')]);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(pod('p', { app: 'web' }, undefined, { required: [term(sel({ app: 'web' }), HOST)] }));
  pl.preFilter(ctx, state, pi);
  const nominated = newPodInfo(pod('nom', { app: 'other' }, 'n1', { anti: [term(sel({ app: 'web' }), HOST)] }));
  pl.addPod(ctx, state, pi, nominated, ctx.snapshot.get('n1')!);
  assert.equal(
    pl.filter(ctx, state, pi, ctx.snapshot.get('n1')!)?.reasons[0],
    ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  );
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('n2')!), null);
});

test('InterPodAffinity AddPod: an added pod matching the incoming required affinity satisfies it on its node only', () => {
  const ctx = makeContext([node('n1'), node('n2')]);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(pod('p', { app: 'web' }, undefined, { required: [term(sel({ app: 'db' }), HOST)] }));
  pl.preFilter(ctx, state, pi);
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('n2')!)?.code, 'UnschedulableAndUnresolvable');
  pl.addPod(ctx, state, pi, newPodInfo(pod('db', { app: 'db' }, 'n2')), ctx.snapshot.get('n2')!);
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('n2')!), null);
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('n1')!)?.code, 'UnschedulableAndUnresolvable');
});

test('InterPodAffinity RemovePod: removing the pod that violates the incoming anti-affinity frees the node (preemption dry run)', () => {
  const existing = [pod('victim', { app: 'db' }, 'n1')];
  const ctx = makeContext([node('n1'), node('n2')], existing);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(pod('p', {}, undefined, { anti: [term(sel({ app: 'db' }), HOST)] }));
  pl.preFilter(ctx, state, pi);
  const n1 = ctx.snapshot.get('n1')!;
  const dry = state.clone();
  pl.removePod(ctx, dry, pi, n1.pods[0], n1);
  assert.equal(pl.filter(ctx, dry, pi, n1), null);
  // the original state is untouched
  assert.equal(pl.filter(ctx, state, pi, n1)?.code, 'Unschedulable');
  assert.ok(
    dry.read<InterPodAffinityPreFilterState>('PreFilterInterPodAffinity') !== state.read('PreFilterInterPodAffinity'),
  );
});

test('InterPodAffinity RemovePod: removing an existing pod with anti-affinity lifts the symmetric block', () => {
  const existing = [pod('e', { app: 'db' }, 'n1', { anti: [term(sel({ app: 'web' }), HOST)] })];
  const ctx = makeContext([node('n1'), node('n2')], existing);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(pod('p', { app: 'web' }));
  pl.preFilter(ctx, state, pi);
  const n1 = ctx.snapshot.get('n1')!;
  assert.equal(pl.filter(ctx, state, pi, n1)?.reasons[0], ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
  pl.removePod(ctx, state, pi, n1.pods[0], n1);
  assert.equal(pl.filter(ctx, state, pi, n1), null);
});

test('InterPodAffinity RemovePod: removing the only matching pod re-enables the first-pod exception for a self-affine pod', () => {
  const existing = [pod('e', { app: 'web' }, 'n1')];
  const ctx = makeContext([node('n1'), node('n2')], existing);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(pod('p', { app: 'web' }, undefined, { required: [term(sel({ app: 'web' }), HOST)] }));
  pl.preFilter(ctx, state, pi);
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('n2')!)?.code, 'UnschedulableAndUnresolvable');
  pl.removePod(ctx, state, pi, ctx.snapshot.get('n1')!.pods[0], ctx.snapshot.get('n1')!);
  assert.equal(pl.filter(ctx, state, pi, ctx.snapshot.get('n2')!), null);
});

// ---- Scoring ---------------------------------------------------------------------------

const regionNodes = (): Node[] => [
  node('machine1', { region: 'China' }),
  node('machine2', { region: 'India' }),
  node('machine3', { region: 'China' }),
];

test('InterPodAffinity PreScore: Skip when no pod has affinity terms', () => {
  assert.equal(
    runScore(pod('p', { security: 'S1' }), regionNodes(), [pod('e', { security: 'S1' }, 'machine1')]),
    'Skip',
  );
});

test('InterPodAffinity Score: preferred affinity — nodes in the topology of a matching pod get 100, others 0', () => {
  const p = pod('p', { security: 'S1' }, undefined, {
    preferred: [weighted(5, term(inSel('security', 'S1'), 'region'))],
  });
  const existing = [pod('e', { security: 'S1' }, 'machine1')];
  assert.deepEqual(runScore(p, regionNodes(), existing), { machine1: 100, machine2: 0, machine3: 100 });
});

test('InterPodAffinity Score: preferred affinity with no matching pod anywhere → Skip (all 0)', () => {
  const p = pod('p', { security: 'S1' }, undefined, {
    preferred: [weighted(5, term(inSel('security', 'S2'), 'region'))],
  });
  assert.equal(runScore(p, regionNodes(), [pod('e', { security: 'S1' }, 'machine1')]), 'Skip');
});

test('InterPodAffinity Score: weights accumulate per topology value and normalise with float truncation', () => {
  // region China: weight 8 (two matching pods ×4), India: 4; az1 (machine1): +5 → raws m1 13, m2 4, m3 8
  const nodes = [
    node('machine1', { region: 'China', az: 'az1' }),
    node('machine2', { region: 'India' }),
    node('machine3', { region: 'China' }),
  ];
  const existing = [
    pod('e1', { security: 'S1' }, 'machine1'),
    pod('e2', { security: 'S1' }, 'machine3'),
    pod('e3', { security: 'S1' }, 'machine2'),
  ];
  const p = pod('p', {}, undefined, {
    preferred: [weighted(4, term(sel({ security: 'S1' }), 'region')), weighted(5, term(sel({ security: 'S1' }), 'az'))],
  });
  // normalise: min 4, max 13 → m1 100, m2 0, m3 int(100·4/9)=44
  assert.deepEqual(runScore(p, nodes, existing), { machine1: 100, machine2: 0, machine3: 44 });
});

test('InterPodAffinity Score: preferred anti-affinity subtracts; the true minimum may be negative', () => {
  const existing = [pod('e1', { security: 'S1' }, 'machine1'), pod('e2', { security: 'S2' }, 'machine2')];
  const p = pod('p', {}, undefined, {
    preferred: [weighted(5, term(sel({ security: 'S2' }), 'region'))],
    preferredAnti: [weighted(5, term(sel({ security: 'S1' }), 'region'))],
  });
  // China −5 (machine1, machine3), India +5 → min −5, max 5 → China 0, India 100
  assert.deepEqual(runScore(p, regionNodes(), existing), { machine1: 0, machine2: 100, machine3: 0 });
});

test('InterPodAffinity Score: only preferred anti-affinity — nodes away from matching pods score 100', () => {
  const existing = [pod('e1', { security: 'S1' }, 'machine1')];
  const p = pod('p', {}, undefined, { preferredAnti: [weighted(5, term(sel({ security: 'S1' }), 'region'))] });
  assert.deepEqual(runScore(p, regionNodes(), existing), { machine1: 0, machine2: 100, machine3: 0 });
});

test('InterPodAffinity Score: existing pods’ preferred affinity toward the incoming pod counts (symmetry)', () => {
  const existing = [
    pod('e1', { app: 'db' }, 'machine2', { preferred: [weighted(5, term(sel({ security: 'S1' }), 'region'))] }),
  ];
  assert.deepEqual(runScore(pod('p', { security: 'S1' }), regionNodes(), existing), {
    machine1: 0,
    machine2: 100,
    machine3: 0,
  });
});

test('InterPodAffinity Score: existing pods’ preferred anti-affinity toward the incoming pod subtracts (symmetry)', () => {
  const existing = [
    pod('e1', { app: 'db' }, 'machine1', { preferredAnti: [weighted(5, term(sel({ security: 'S1' }), 'region'))] }),
  ];
  assert.deepEqual(runScore(pod('p', { security: 'S1' }), regionNodes(), existing), {
    machine1: 0,
    machine2: 100,
    machine3: 0,
  });
});

test('InterPodAffinity Score: existing pods’ required affinity matching the incoming pod scores hardPodAffinityWeight', () => {
  const existing = [pod('e1', { app: 'db' }, 'machine1', { required: [term(sel({ security: 'S1' }), 'region')] })];
  assert.deepEqual(runScore(pod('p', { security: 'S1' }), regionNodes(), existing), {
    machine1: 100,
    machine2: 0,
    machine3: 100,
  });
  assert.equal(
    runScore(pod('p', { security: 'S1' }), regionNodes(), existing, { args: { hardPodAffinityWeight: 0 } }),
    'Skip',
  );
});

test('InterPodAffinity Score: hardPodAffinityWeight scales against preferred weights', () => {
  // machine1 (China): required-affinity pod → +hard; machine2 (India): preferred weight 5 toward the incoming pod
  const existing = [
    pod('e1', { app: 'db' }, 'machine1', { required: [term(sel({ security: 'S1' }), 'region')] }),
    pod('e2', { app: 'db' }, 'machine2', { preferred: [weighted(5, term(sel({ security: 'S1' }), 'region'))] }),
  ];
  assert.deepEqual(runScore(pod('p', { security: 'S1' }), regionNodes(), existing), {
    machine1: 0,
    machine2: 100,
    machine3: 0,
  });
  assert.deepEqual(
    runScore(pod('p', { security: 'S1' }), regionNodes(), existing, { args: { hardPodAffinityWeight: 10 } }),
    { machine1: 100, machine2: 0, machine3: 100 },
  );
  assert.deepEqual(
    runScore(pod('p', { security: 'S1' }), regionNodes(), existing, { args: { hardPodAffinityWeight: 5 } }),
    { machine1: 0, machine2: 0, machine3: 0 },
  );
  assert.equal(new InterPodAffinity(10).hardPodAffinityWeight, 10);
});

test('InterPodAffinity Score: ignorePreferredTermsOfExistingPods skips scoring when the incoming pod has no preferred terms', () => {
  const existing = [
    pod('e1', { app: 'db' }, 'machine2', { preferred: [weighted(5, term(sel({ security: 'S1' }), 'region'))] }),
  ];
  assert.equal(
    runScore(pod('p', { security: 'S1' }), regionNodes(), existing, {
      args: { ignorePreferredTermsOfExistingPods: true },
    }),
    'Skip',
  );
  const withTerms = pod('p', { security: 'S1' }, undefined, {
    preferred: [weighted(1, term(sel({ app: 'none' }), 'region'))],
  });
  assert.deepEqual(
    runScore(withTerms, regionNodes(), existing, { args: { ignorePreferredTermsOfExistingPods: true } }),
    { machine1: 0, machine2: 100, machine3: 0 },
  );
});

test('InterPodAffinity Score: pods on nodes without labels contribute nothing; nodes lacking the key score 0', () => {
  const nodes = [node('m1', { region: 'r1' }), node('m2', { region: 'r2' }), node('m3')];
  const existing = [pod('e1', { security: 'S1' }, 'm1'), pod('e2', { security: 'S1' }, 'm3')];
  const p = pod('p', {}, undefined, { preferred: [weighted(5, term(sel({ security: 'S1' }), 'region'))] });
  assert.deepEqual(runScore(p, nodes, existing), { m1: 100, m2: 0, m3: 0 });
});

test('InterPodAffinity Score: preferred terms respect namespaces and namespaceSelector', () => {
  const objs = { namespaces: [ns('default'), ns('ns1', { team: 'a' }), ns('ns2')] };
  const existing = [
    pod('e1', { security: 'S1' }, 'machine1', {}, { namespace: 'ns1' }),
    pod('e2', { security: 'S1' }, 'machine2', {}, { namespace: 'ns2' }),
  ];
  const bySelector = pod('p', {}, undefined, {
    preferred: [weighted(5, term(sel({ security: 'S1' }), 'region', { namespaceSelector: sel({ team: 'a' }) }))],
  });
  assert.deepEqual(runScore(bySelector, regionNodes(), existing, { objs }), {
    machine1: 100,
    machine2: 0,
    machine3: 100,
  });
  const own = pod('p', {}, undefined, { preferred: [weighted(5, term(sel({ security: 'S1' }), 'region'))] });
  assert.equal(runScore(own, regionNodes(), existing, { objs }), 'Skip');
  const all = pod('p', {}, undefined, {
    preferred: [weighted(5, term(sel({ security: 'S1' }), 'region', { namespaceSelector: {} }))],
  });
  assert.deepEqual(runScore(all, regionNodes(), existing, { objs }), { machine1: 0, machine2: 0, machine3: 0 });
});

test('InterPodAffinity Score: normalisation uses only the feasible nodes; equal raws all give 0', () => {
  const existing = [pod('e1', { security: 'S1' }, 'machine1')];
  const p = pod('p', {}, undefined, { preferred: [weighted(5, term(sel({ security: 'S1' }), 'region'))] });
  assert.deepEqual(runScore(p, regionNodes(), existing, { feasible: ['machine1', 'machine3'] }), {
    machine1: 0,
    machine3: 0,
  });
});

test('InterPodAffinity Score: a self-cancelling sum still counts as accumulated (no Skip)', () => {
  const existing = [pod('e1', { security: 'S1' }, 'machine1')];
  const p = pod('p', {}, undefined, {
    preferred: [weighted(5, term(sel({ security: 'S1' }), 'region'))],
    preferredAnti: [weighted(5, term(sel({ security: 'S1' }), 'region'))],
  });
  assert.deepEqual(runScore(p, regionNodes(), existing), { machine1: 0, machine2: 0, machine3: 0 });
});

test('InterPodAffinity Score: zone and hostname terms combine on the same node', () => {
  const nodes = [node('a', { [ZONE]: 'z1' }), node('b', { [ZONE]: 'z1' }), node('c', { [ZONE]: 'z2' })];
  const existing = [pod('e', { app: 'cache' }, 'a')];
  const p = pod('p', {}, undefined, {
    preferred: [weighted(10, term(sel({ app: 'cache' }), ZONE)), weighted(30, term(sel({ app: 'cache' }), HOST))],
  });
  // a: 40, b: 10, c: 0 → 100, 25, 0
  assert.deepEqual(runScore(p, nodes, existing), { a: 100, b: 25, c: 0 });
});

test("InterPodAffinity Score: a node's raw score sums its domains' weighted counts under each key — the same for the snapshot's nodes (per-domain parts) and for copies outside it (labels)", () => {
  const nodes = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((n) => node(n, { [ZONE]: n[0] }));
  const existing = [pod('e1', { app: 'web' }, 'a1'), pod('e2', { app: 'web' }, 'a1'), pod('e3', { app: 'web' }, 'b2')];
  const incoming = pod('p', { app: 'web' }, undefined, {
    preferred: [weighted(5, term(sel({ app: 'web' }), ZONE))],
    preferredAnti: [weighted(3, term(sel({ app: 'web' }), HOST))],
  });
  const ctx = makeContext(nodes, existing);
  const pl = new InterPodAffinity();
  const state = new CycleState();
  const pi = newPodInfo(incoming);
  const all = ctx.snapshot.nodeInfos;
  assert.equal(pl.preScore(ctx, state, pi, all), null);
  const raw = (list: typeof all) => {
    const out: number[] = [];
    pl.scoreNodes(
      ctx,
      state,
      pi,
      list,
      list.map(() => -1),
      out,
    );
    return Object.fromEntries(list.map((ni, i) => [ni.name, out[i]]));
  };
  // zone a: 2 matching pods × 5, zone b: 1 × 5; minus 3 per matching pod on the node itself
  const want = { a1: 10 - 6, a2: 10, a3: 10, b1: 5, b2: 5 - 3, b3: 5 };
  assert.deepEqual(raw(all), want);
  assert.deepEqual(raw(all.map((ni) => ({ ...ni, snapshotIndex: -1 }))), want);
});

test('InterPodAffinityArgs defaults (SetDefaults_InterPodAffinityArgs): hardPodAffinityWeight 1', () => {
  assert.deepEqual(defaultedArgs(INTER_POD_AFFINITY_ARGS, undefined), { hardPodAffinityWeight: 1 });
});
