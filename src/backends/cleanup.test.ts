import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type ClusterScopedState,
  type MetaRecord,
  type NodeRecord,
  type PriorityClassRecord,
  restorePlan,
} from './cleanup.ts';

const node = (r: Partial<NodeRecord> = {}): NodeRecord => ({ labels: {}, taints: [], unschedulable: false, ...r });
const meta = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({
  labels,
  annotations,
});
const pc = (r: Partial<PriorityClassRecord> = {}): PriorityClassRecord => ({
  ...meta(),
  description: '',
  globalDefault: false,
  ...r,
});
const state = (
  nodes: Record<string, NodeRecord>,
  namespaces: string[] | Record<string, MetaRecord> = [],
  pcs: string[] | Record<string, PriorityClassRecord> = [],
): ClusterScopedState => ({
  nodes: new Map(Object.entries(nodes)),
  namespaces: new Map(Array.isArray(namespaces) ? namespaces.map((n) => [n, meta()]) : Object.entries(namespaces)),
  priorityClasses: new Map(Array.isArray(pcs) ? pcs.map((n) => [n, pc()]) : Object.entries(pcs)),
});

test('nothing changed: nothing to undo', () => {
  const s = state({ w1: node({ labels: { a: 'b' } }) }, ['default'], ['high']);
  assert.deepEqual(restorePlan(s, s), []);
});

test('kubectl label: an added label is removed and a changed one set back (JSON merge patch: null deletes)', () => {
  const plan = restorePlan(
    state({ w1: node({ labels: { keep: '1', changed: 'old' } }) }),
    state({ w1: node({ labels: { keep: '1', changed: 'new', added: 'x' } }) }),
  );
  assert.deepEqual(plan, [
    {
      op: 'patch',
      kind: 'Node',
      name: 'w1',
      patch: { metadata: { labels: { added: null, changed: 'old' } } },
      what: 'node w1: -added, changed=old',
    },
  ]);
});

test('kubectl taint and cordon: the taint list is put back whole, unschedulable cleared', () => {
  const before = state({ w3: node({ taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }) });
  const after = state({
    w3: node({
      taints: [
        { key: 'k', value: 'v', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      ],
      unschedulable: true,
    }),
  });
  const [a] = restorePlan(before, after);
  assert.deepEqual(a, {
    op: 'patch',
    kind: 'Node',
    name: 'w3',
    patch: { spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }], unschedulable: null } },
    what: 'node w3: taints k=v:NoSchedule, uncordon',
  });
  // A node that had no taints gets `taints: null` (the field removed), not an empty list.
  const [b] = restorePlan(state({ w1: node() }), state({ w1: node({ taints: [{ key: 'x', effect: 'NoExecute' }] }) }));
  assert.deepEqual(b.op === 'patch' && b.patch, { spec: { taints: null } });
});

test('taints in another order are the same taints (MatchTaint: key, value, effect)', () => {
  const t1 = { key: 'a', effect: 'NoSchedule' as const };
  const t2 = { key: 'b', value: '1', effect: 'NoExecute' as const };
  assert.deepEqual(restorePlan(state({ n: node({ taints: [t1, t2] }) }), state({ n: node({ taints: [t2, t1] }) })), []);
});

test('objects the scenario created are deleted, its nodes last (their pods need their kubelet); a node it deleted is reported as lost', () => {
  const plan = restorePlan(
    state({ w1: node(), w2: node() }, ['default'], ['low']),
    state({ w1: node(), n9: node() }, ['default', 'ks-x', 'payments'], ['low', 'high']),
  );
  assert.deepEqual(
    plan.map((a) => `${a.op} ${a.kind} ${a.name}`),
    [
      'lost Node w2',
      'delete PriorityClass high',
      'delete Namespace ks-x',
      'delete Namespace payments',
      'delete Node n9',
    ],
  );
});

test('existing namespaces and PriorityClasses get their labels, annotations, description and globalDefault back (kubectl label|annotate, apply over them); their values are immutable', () => {
  const before = state(
    {},
    { team: meta({ owner: 'a' }) },
    { high: pc({ description: 'for db', labels: { tier: 'x' } }) },
  );
  const after = state(
    {},
    { team: meta({ owner: 'b', added: '1' }, { note: 'x' }) },
    { high: pc({ description: 'changed', globalDefault: true, labels: { tier: 'x' }, annotations: { a: '1' } }) },
  );
  assert.deepEqual(restorePlan(before, after), [
    {
      op: 'patch',
      kind: 'PriorityClass',
      name: 'high',
      patch: { metadata: { annotations: { a: null } }, description: 'for db', globalDefault: false },
      what: 'priorityclass high: -annotation a, description "for db", globalDefault false',
    },
    {
      op: 'patch',
      kind: 'Namespace',
      name: 'team',
      patch: { metadata: { labels: { added: null, owner: 'a' }, annotations: { note: null } } },
      what: 'namespace team: -added, owner=a, -annotation note',
    },
  ]);
});
