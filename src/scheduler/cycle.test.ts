import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCycle, type CycleInput } from './cycle.ts';
import { Framework } from './framework/framework.ts';
import { defaultProfile } from './profile.ts';
import { makeContext, makeNode, makePod } from './framework/testing.ts';
import { newPodInfo } from './framework/nodeinfo.ts';
import type { Pod } from '../api/types.ts';
import { Rng } from '../util/rng.ts';

const nodes = ['a', 'b', 'c', 'd'].map((n, i) =>
  makeNode(n, {
    allocatable: { cpu: '2', memory: '4Gi' },
    taints: i % 2 ? [{ key: 'k', value: 'v', effect: 'NoSchedule' }] : undefined,
  }),
);

function cycle(pod: Pod, o: Partial<CycleInput> = {}, on = nodes) {
  const ctx = makeContext(on);
  return runCycle({
    fw: new Framework(defaultProfile().plugins),
    ctx,
    pod: newPodInfo(pod),
    rng: new Rng(1),
    percentageOfNodesToScore: 0,
    nextStartNodeIndex: 0,
    nominatedPodsFor: () => [],
    anyNominatedPods: false,
    ...o,
  });
}

test('cycle (schedulePod/findNodesThatFitPod): every rejected node keeps its status named after the rejecting plugin (diagnosis.NodeToStatus)', () => {
  const r = cycle(makePod('web'));
  assert.ok(r.node === 'a' || r.node === 'c');
  assert.deepEqual(
    [...r.diagnosis.nodeToStatus].map(([n, st]) => [n, st.plugin, st.reasons.join()]),
    [
      ['b', 'TaintToleration', 'node(s) had untolerated taint {k: v}'],
      ['d', 'TaintToleration', 'node(s) had untolerated taint {k: v}'],
    ],
  );
});

test('cycle: with keepDiagnosis false a cycle that finds a node leaves the rejections out; one that finds none keeps them all, named (the FitError and preemption read them)', () => {
  const fits = cycle(makePod('web'), { keepDiagnosis: false });
  assert.ok(fits.node);
  assert.equal(fits.diagnosis.nodeToStatus.size, 0);
  const none = cycle(makePod('big', { requests: { cpu: '3' } }), { keepDiagnosis: false });
  assert.equal(none.node, undefined);
  assert.deepEqual(
    [...none.diagnosis.nodeToStatus].map(([n, st]) => [n, st.plugin]),
    [
      ['a', 'NodeResourcesFit'],
      ['b', 'TaintToleration'],
      ['c', 'NodeResourcesFit'],
      ['d', 'TaintToleration'],
    ],
  );
});

test('cycle: a PreFilterResult (NodeAffinity on metadata.name, as a DaemonSet pod) restricts filtering to its nodes in snapshot order, few or many; the rest are absent with the restricting plugin named', () => {
  const onNodes = (names: string[]) =>
    makePod('ds', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: names.map((n) => ({
              matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }],
            })),
          },
        },
      },
    });
  const many = Array.from({ length: 60 }, (_, i) =>
    makeNode(`n${String(i).padStart(2, '0')}`, { allocatable: { cpu: '2', memory: '4Gi' } }),
  );
  for (const [names, on, want] of [
    [['c', 'a', 'zz'], nodes, ['a', 'c']], // most of the nodes: a scan
    [['n42', 'n07', 'zz'], many, ['n07', 'n42']], // a few of many: looked up by name
  ] as const) {
    const r = cycle(onNodes([...names]), {}, [...on]);
    assert.deepEqual(
      r.feasible.map((n) => n.name),
      want,
    );
    assert.equal(r.diagnosis.absentNodesStatus?.reasons[0], "node(s) didn't satisfy plugin(s) [NodeAffinity]");
  }
});
