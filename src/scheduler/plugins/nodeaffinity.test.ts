import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm } from '../../api/types.ts';
import { CycleState } from '../framework/types.ts';
import { newPodInfo } from '../framework/nodeinfo.ts';
import { makeContext, makeNode, makePod } from '../framework/testing.ts';
import type { PodOpts } from '../framework/testing.ts';
import { NodeAffinity, requiredNodeAffinityMatches } from './nodeaffinity.ts';
import type { NodeAffinityArgs } from './nodeaffinity.ts';

const POD_REASON = {
  code: 'UnschedulableAndUnresolvable',
  reasons: ["node(s) didn't match Pod's node affinity/selector"],
};

const expr = (
  key: string,
  operator: NodeSelectorRequirement['operator'],
  values?: string[],
): NodeSelectorRequirement => ({ key, operator, values });
const nameIn = (...values: string[]): NodeSelectorRequirement => ({ key: 'metadata.name', operator: 'In', values });
const required = (...terms: NodeSelectorTerm[]): PodOpts => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
});
const preferred = (...terms: PreferredSchedulingTerm[]): PodOpts => ({
  affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } },
});

/** PreFilter (optional) then Filter against one node, as the upstream table test does. */
function run(
  podOpts: PodOpts,
  labels: Record<string, string> = {},
  o: { nodeName?: string; runPreFilter?: boolean; args?: NodeAffinityArgs } = {},
) {
  const ctx = makeContext([makeNode(o.nodeName ?? 'node1', { labels })]);
  const pl = new NodeAffinity(o.args);
  const state = new CycleState();
  const pod = newPodInfo(makePod('p', podOpts));
  const pre = o.runPreFilter === false ? undefined : pl.preFilter(ctx, state, pod);
  return { pre, status: pl.filter(ctx, state, pod, ctx.snapshot.nodeInfos[0]) };
}

/** PreScore, Score and NormalizeScore over nodes given as name → labels. */
function scores(
  podOpts: PodOpts,
  nodes: Record<string, Record<string, string>>,
  args?: NodeAffinityArgs,
  runPreScore = true,
) {
  const ctx = makeContext(Object.entries(nodes).map(([name, labels]) => makeNode(name, { labels })));
  const pl = new NodeAffinity(args);
  const state = new CycleState();
  const pod = newPodInfo(makePod('p', podOpts));
  const pre = runPreScore ? pl.preScore(ctx, state, pod, ctx.snapshot.nodeInfos) : null;
  const nodeInfos = ctx.snapshot.nodeInfos;
  const list = nodeInfos.map((n) => pl.score(ctx, state, pod, n));
  pl.normalize(ctx, state, pod, nodeInfos, list);
  return { pre, scores: Object.fromEntries(nodeInfos.map((n, i) => [n.name, list[i]])) };
}

// ---- PreFilter ------------------------------------------------------------------------------------

test('NodeAffinity PreFilter: Skip for a pod with neither nodeSelector nor required node affinity', () => {
  assert.deepEqual(run({}, { foo: 'bar' }).pre, { status: { code: 'Skip', reasons: [] } });
  const preferredOnly = run(preferred({ weight: 1, preference: { matchExpressions: [expr('foo', 'Exists')] } }), {
    foo: 'bar',
  });
  assert.equal(preferredOnly.pre?.status?.code, 'Skip');
  assert.equal(preferredOnly.status, null);
});

test('NodeAffinity PreFilter: Skip when nodeAffinity exists but its required selector is nil', () => {
  const r = run({ affinity: { nodeAffinity: {} } }, { foo: 'bar' });
  assert.equal(r.pre?.status?.code, 'Skip');
  assert.equal(r.status, null);
});

test('NodeAffinity PreFilter: a nodeSelector alone runs the filter without restricting nodes', () => {
  assert.deepEqual(run({ nodeSelector: { foo: 'bar' } }, { foo: 'bar' }).pre, { status: null });
});

test('NodeAffinity PreFilter: a metadata.name In matchField becomes the PreFilterResult', () => {
  const r = run(required({ matchFields: [nameIn('node1')] }), {}, { nodeName: 'node1' });
  assert.deepEqual(r.pre, { status: null, nodeNames: new Set(['node1']) });
  assert.equal(r.status, null);
});

test('NodeAffinity PreFilter: node names of several terms are united; Filter still rejects other nodes', () => {
  const r = run(
    required({ matchFields: [nameIn('node1')] }, { matchFields: [nameIn('node2')] }),
    {},
    { nodeName: 'node2' },
  );
  assert.deepEqual(r.pre?.nodeNames, new Set(['node1', 'node2']));
  assert.equal(r.status, null);
  const miss = run(required({ matchFields: [nameIn('node1')] }), {}, { nodeName: 'node2' });
  assert.deepEqual(miss.pre?.nodeNames, new Set(['node1']));
  assert.deepEqual(miss.status, POD_REASON);
});

test('NodeAffinity PreFilter: name sets inside one term are intersected; an empty result is UU "pod affinity terms conflict"', () => {
  const r = run(required({ matchFields: [nameIn('node1'), nameIn('node2')] }), { foo: 'bar' }, { nodeName: 'node2' });
  assert.deepEqual(r.pre, {
    status: { code: 'UnschedulableAndUnresolvable', reasons: ['pod affinity terms conflict'] },
  });
  assert.deepEqual(r.status, POD_REASON);
  const overlap = run(
    required({ matchFields: [nameIn('node1', 'node2'), nameIn('node2', 'node3')] }),
    {},
    { nodeName: 'node2' },
  );
  assert.deepEqual(overlap.pre?.nodeNames, new Set(['node2']));
});

test('NodeAffinity PreFilter: one term without a metadata.name matchField lifts the restriction (terms are ORed)', () => {
  const r = run(
    required({ matchFields: [nameIn('node1')] }, { matchExpressions: [expr('foo', 'In', ['bar'])] }),
    { foo: 'bar' },
    { nodeName: 'node2' },
  );
  assert.deepEqual(r.pre, { status: null });
  assert.equal(r.status, null);
});

test('NodeAffinity PreFilter: a term with matchFields and matchExpressions yields the names, and Filter needs both to match', () => {
  const term = { matchFields: [nameIn('node1')], matchExpressions: [expr('foo', 'In', ['bar'])] };
  const hit = run(required(term), { foo: 'bar' }, { nodeName: 'node1' });
  assert.deepEqual(hit.pre?.nodeNames, new Set(['node1']));
  assert.equal(hit.status, null);
  const miss = run(required(term), { foo: 'bar' }, { nodeName: 'node2' });
  assert.deepEqual(miss.status, POD_REASON);
});

test('NodeAffinity PreFilter: a metadata.name NotIn matchField does not restrict the node set', () => {
  const r = run(
    required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node1'] }] }),
    {},
    { nodeName: 'node2' },
  );
  assert.deepEqual(r.pre, { status: null });
  assert.equal(r.status, null);
  assert.deepEqual(
    run(
      required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node1'] }] }),
      {},
      { nodeName: 'node1' },
    ).status,
    POD_REASON,
  );
});

// ---- Filter -------------------------------------------------------------------------------------------

test('NodeAffinity Filter: nodeSelector requires every key with an equal value (missing, subset fail; superset passes)', () => {
  assert.deepEqual(run({ nodeSelector: { foo: 'bar' } }).status, POD_REASON);
  assert.equal(run({ nodeSelector: { foo: 'bar' } }, { foo: 'bar' }).status, null);
  assert.equal(run({ nodeSelector: { foo: 'bar' } }, { foo: 'bar', baz: 'blah' }).status, null);
  assert.deepEqual(run({ nodeSelector: { foo: 'bar', baz: 'blah' } }, { foo: 'bar' }).status, POD_REASON);
});

test('NodeAffinity Filter: In matches a listed value; a value not listed fails', () => {
  assert.equal(
    run(required({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }), { foo: 'bar' }).status,
    null,
  );
  assert.deepEqual(
    run(required({ matchExpressions: [expr('foo', 'In', ['value1', 'value2'])] }), { foo: 'bar' }).status,
    POD_REASON,
  );
});

test('NodeAffinity Filter: Gt/Lt compare base-10 integers ("0206" Gt "0204" matches), strictly', () => {
  assert.equal(
    run(required({ matchExpressions: [expr('kernel-version', 'Gt', ['0204'])] }), { 'kernel-version': '0206' }).status,
    null,
  );
  assert.deepEqual(
    run(required({ matchExpressions: [expr('kernel-version', 'Gt', ['0206'])] }), { 'kernel-version': '0206' }).status,
    POD_REASON,
  );
  assert.equal(run(required({ matchExpressions: [expr('gen', 'Lt', ['5'])] }), { gen: '4' }).status, null);
  assert.deepEqual(run(required({ matchExpressions: [expr('gen', 'Lt', ['5'])] }), { gen: '5' }).status, POD_REASON);
});

test('NodeAffinity Filter: Gt/Lt fail when the node lacks the label or its value is not an integer', () => {
  assert.deepEqual(run(required({ matchExpressions: [expr('gen', 'Gt', ['1'])] }), {}).status, POD_REASON);
  assert.deepEqual(run(required({ matchExpressions: [expr('gen', 'Gt', ['1'])] }), { gen: 'v2' }).status, POD_REASON);
});

test('NodeAffinity Filter: a Gt/Lt requirement with a non-integer or several values matches no node', () => {
  assert.deepEqual(run(required({ matchExpressions: [expr('gen', 'Gt', ['abc'])] }), { gen: '5' }).status, POD_REASON);
  assert.deepEqual(
    run(required({ matchExpressions: [expr('gen', 'Lt', ['7', '8'])] }), { gen: '5' }).status,
    POD_REASON,
  );
});

test('NodeAffinity Filter: NotIn matches a different value or an absent key; Exists needs the key; DoesNotExist its absence', () => {
  assert.equal(
    run(required({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR', 'DDR2'])] }), { 'mem-type': 'DDR3' }).status,
    null,
  );
  assert.equal(run(required({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR'])] }), {}).status, null);
  assert.deepEqual(
    run(required({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR'])] }), { 'mem-type': 'DDR' }).status,
    POD_REASON,
  );
  assert.equal(run(required({ matchExpressions: [expr('GPU', 'Exists')] }), { GPU: 'NVIDIA-GRID-K1' }).status, null);
  assert.deepEqual(run(required({ matchExpressions: [expr('GPU', 'Exists')] }), {}).status, POD_REASON);
  assert.equal(run(required({ matchExpressions: [expr('GPU', 'DoesNotExist')] }), {}).status, null);
  assert.deepEqual(run(required({ matchExpressions: [expr('GPU', 'DoesNotExist')] }), { GPU: 'x' }).status, POD_REASON);
});

test('NodeAffinity Filter: expressions within a term are ANDed', () => {
  assert.equal(
    run(required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] }), {
      GPU: 'NVIDIA-GRID-K1',
    }).status,
    null,
  );
  assert.deepEqual(
    run(required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', ['AMD', 'INTER'])] }), {
      GPU: 'NVIDIA-GRID-K1',
    }).status,
    POD_REASON,
  );
});

test('NodeAffinity Filter: nodeSelectorTerms are ORed', () => {
  assert.equal(
    run(
      required(
        { matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] },
        { matchExpressions: [expr('diffkey', 'In', ['wrong', 'value2'])] },
      ),
      { foo: 'bar' },
    ).status,
    null,
  );
});

test('NodeAffinity Filter: an empty term matches nothing, and an empty term list matches no node', () => {
  assert.deepEqual(run(required({ matchExpressions: [] }), { foo: 'bar' }).status, POD_REASON);
  assert.deepEqual(run(required(), { foo: 'bar' }).status, POD_REASON);
  // An empty term does not hide a matching one.
  assert.equal(run(required({}, { matchExpressions: [expr('foo', 'Exists')] }), { foo: 'bar' }).status, null);
});

test('NodeAffinity Filter: nodeSelector and required affinity must both match', () => {
  const both: PodOpts = { nodeSelector: { foo: 'bar' }, ...required({ matchExpressions: [expr('foo', 'Exists')] }) };
  assert.equal(run(both, { foo: 'bar' }).status, null);
  assert.deepEqual(run(both, { foo: 'barrrrrr' }).status, POD_REASON);
});

test('NodeAffinity Filter: a term with an invalid label value in its requirement matches no node', () => {
  assert.deepEqual(
    run(required({ matchExpressions: [expr('foo', 'NotIn', ['invalid value: ___@#$%^'])] }), { foo: 'bar' }).status,
    POD_REASON,
  );
});

test('NodeAffinity Filter: malformed requirements (NotIn without values, Exists with values, bad key, bad operator) match no node', () => {
  assert.deepEqual(run(required({ matchExpressions: [expr('foo', 'NotIn', [])] }), { foo: 'bar' }).status, POD_REASON);
  assert.deepEqual(
    run(required({ matchExpressions: [expr('foo', 'Exists', ['bar'])] }), { foo: 'bar' }).status,
    POD_REASON,
  );
  assert.deepEqual(
    run(required({ matchExpressions: [expr('bad key', 'DoesNotExist')] }), { foo: 'bar' }).status,
    POD_REASON,
  );
  assert.deepEqual(
    run(required({ matchExpressions: [expr('foo', 'Like' as 'In', ['bar'])] }), { foo: 'bar' }).status,
    POD_REASON,
  );
  // ...while another valid term can still match.
  assert.equal(
    run(
      required({ matchExpressions: [expr('foo', 'NotIn', [])] }, { matchExpressions: [expr('foo', 'In', ['bar'])] }),
      { foo: 'bar' },
    ).status,
    null,
  );
});

test('NodeAffinity Filter: a metadata.name matchField must carry exactly one value', () => {
  assert.deepEqual(
    run(required({ matchFields: [nameIn('node1', 'node2')] }), {}, { nodeName: 'node1' }).status,
    POD_REASON,
  );
});

test('NodeAffinity Filter: works when PreFilter did not run (nodeSelector and affinity computed on the fly)', () => {
  assert.equal(
    run({ nodeSelector: { foo: 'bar' } }, { foo: 'bar', baz: 'blah' }, { runPreFilter: false }).status,
    null,
  );
  assert.equal(
    run(
      required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] }),
      { GPU: 'NVIDIA-GRID-K1' },
      { runPreFilter: false },
    ).status,
    null,
  );
  assert.deepEqual(run({ nodeSelector: { foo: 'bar' } }, {}, { runPreFilter: false }).status, POD_REASON);
});

test('NodeAffinity Filter: addedAffinity from the profile is checked first and fails UU "node(s) didn\'t match scheduler-enforced node affinity"', () => {
  const args: NodeAffinityArgs = {
    addedAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [nameIn('node2')] }] },
    },
  };
  assert.equal(
    run(required({ matchExpressions: [expr('zone', 'In', ['foo'])] }), { zone: 'foo' }, { nodeName: 'node2', args })
      .status,
    null,
  );
  assert.deepEqual(
    run(required({ matchExpressions: [expr('zone', 'In', ['bar'])] }), { zone: 'foo' }, { nodeName: 'node2', args })
      .status,
    POD_REASON,
  );
  const zoneBar: NodeAffinityArgs = {
    addedAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'In', ['bar'])] }],
      },
    },
  };
  const r = run({}, { zone: 'foo' }, { nodeName: 'node2', args: zoneBar });
  assert.deepEqual(r.pre, { status: null }, 'an added affinity disables the Skip');
  assert.deepEqual(r.status, {
    code: 'UnschedulableAndUnresolvable',
    reasons: ["node(s) didn't match scheduler-enforced node affinity"],
  });
});

test("NodeAffinity: requiredNodeAffinityMatches applies nodeSelector AND required terms (for PodTopologySpread's nodeAffinityPolicy)", () => {
  const pod = makePod('p', { nodeSelector: { a: '1' }, ...required({ matchExpressions: [expr('b', 'Exists')] }) });
  assert.equal(requiredNodeAffinityMatches(pod, makeNode('n', { labels: { a: '1', b: 'x' } })), true);
  assert.equal(requiredNodeAffinityMatches(pod, makeNode('n', { labels: { a: '1' } })), false);
  assert.equal(requiredNodeAffinityMatches(makePod('q'), makeNode('n')), true);
});

// ---- Score ----------------------------------------------------------------------------------------------

const label1 = { foo: 'bar' };
const label2 = { key: 'value' };
const label3 = { az: 'az1' };
const label4 = { abc: 'az11', def: 'az22' };
const label5 = { foo: 'bar', key: 'value', az: 'az1' };
const affinity1 = preferred({ weight: 2, preference: { matchExpressions: [expr('foo', 'In', ['bar'])] } });
const affinity2 = preferred(
  { weight: 2, preference: { matchExpressions: [expr('foo', 'In', ['bar'])] } },
  { weight: 4, preference: { matchExpressions: [expr('key', 'In', ['value'])] } },
  {
    weight: 5,
    preference: {
      matchExpressions: [expr('foo', 'In', ['bar']), expr('key', 'In', ['value']), expr('az', 'In', ['az1'])],
    },
  },
);

test('NodeAffinity PreScore: Skip when the pod has no preferred terms; every node then scores 0', () => {
  const r = scores({}, { node1: label1, node2: label2, node3: label3 });
  assert.equal(r.pre?.code, 'Skip');
  assert.deepEqual(r.scores, { node1: 0, node2: 0, node3: 0 });
});

test('NodeAffinity Score: no node matching the preferred terms leaves all scores 0', () => {
  assert.deepEqual(scores(affinity1, { node1: label4, node2: label2, node3: label3 }).scores, {
    node1: 0,
    node2: 0,
    node3: 0,
  });
});

test('NodeAffinity Score: the only matching node gets 100', () => {
  assert.deepEqual(scores(affinity1, { node1: label1, node2: label2, node3: label3 }).scores, {
    node1: 100,
    node2: 0,
    node3: 0,
  });
});

test('NodeAffinity Score: raws 2/11/4 (sums of matching weights) normalise to 18/100/36', () => {
  const r = scores(affinity2, { node1: label1, node5: label5, node2: label2 });
  assert.equal(r.pre, null);
  assert.deepEqual(r.scores, { node1: 18, node5: 100, node2: 36 });
});

test('NodeAffinity Score: computed correctly even if PreScore did not run', () => {
  assert.deepEqual(scores(affinity2, { node1: label1, node5: label5, node2: label2 }, undefined, false).scores, {
    node1: 18,
    node5: 100,
    node2: 36,
  });
});

test('NodeAffinity Score: weight-0 and empty preferred terms are ignored', () => {
  const pod = preferred(
    { weight: 0, preference: { matchExpressions: [expr('foo', 'Exists')] } },
    { weight: 7, preference: {} },
    { weight: 3, preference: { matchExpressions: [expr('key', 'Exists')] } },
  );
  assert.deepEqual(scores(pod, { node1: label1, node2: label2 }).scores, { node1: 0, node2: 100 });
});

test('NodeAffinity Score: a preferred term may use matchFields on metadata.name', () => {
  const pod = preferred({ weight: 5, preference: { matchFields: [nameIn('node2')] } });
  assert.deepEqual(scores(pod, { node1: {}, node2: {} }).scores, { node1: 0, node2: 100 });
});

test('NodeAffinity PreScore: an invalid preferred term is an Error status', () => {
  const r = scores(preferred({ weight: 1, preference: { matchExpressions: [expr('foo', 'In', [])] } }), {
    node1: label1,
  });
  assert.equal(r.pre?.code, 'Error');
});

test("NodeAffinity Score: the profile's added preferred terms add to the pod's (raws 2/3/5 → 40/60/100)", () => {
  const args: NodeAffinityArgs = {
    addedAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 3, preference: { matchExpressions: [expr('key', 'In', ['value'])] } },
      ],
    },
  };
  assert.deepEqual(scores(affinity1, { node1: label1, node2: label2, node3: label5 }, args).scores, {
    node1: 40,
    node2: 60,
    node3: 100,
  });
  const onlyAdded = scores(
    {},
    { node1: label1, node2: label2 },
    {
      addedAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [expr('foo', 'In', ['bar'])] } },
        ],
      },
    },
  );
  assert.equal(onlyAdded.pre, null);
  assert.deepEqual(onlyAdded.scores, { node1: 100, node2: 0 });
});

test('NodeAffinity: an invalid addedAffinity is rejected when the plugin is built', () => {
  assert.throws(
    () =>
      new NodeAffinity({
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [expr('foo', 'In', [])] }],
          },
        },
      }),
  );
});
