import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesLabelSelector, matchesMap, matchesNodeSelectorTerm, parseSelectorString } from './selectors.ts';
import type { Node } from './types.ts';

const node = (labels: Record<string, string>, name = 'n1'): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels },
});

test('labels.Selector: In needs the key with a listed value; NotIn also matches when the key is absent', () => {
  assert.equal(
    matchesLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] }, { a: 'x' }),
    true,
  );
  assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] }, {}), false);
  assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, {}), true);
  assert.equal(
    matchesLabelSelector({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, { a: 'x' }),
    false,
  );
});

test('labels.Selector: Exists / DoesNotExist look only at the key', () => {
  assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, { a: '' }), true);
  assert.equal(matchesLabelSelector({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }), false);
});

test('LabelSelectorAsSelector: an empty selector {} matches everything, a nil selector matches nothing', () => {
  assert.equal(matchesLabelSelector({}, { any: 'thing' }), true);
  assert.equal(matchesLabelSelector(undefined, { any: 'thing' }), false);
  assert.equal(matchesLabelSelector(null, {}), false);
});

test('matchLabels and matchExpressions are ANDed', () => {
  const sel = {
    matchLabels: { app: 'web' },
    matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['fe'] }],
  };
  assert.equal(matchesLabelSelector(sel, { app: 'web', tier: 'fe' }), true);
  assert.equal(matchesLabelSelector(sel, { app: 'web' }), false);
});

test('nodeaffinity: Gt/Lt parse both sides as base-10 integers ("0206" Gt "0204" matches)', () => {
  const gt = { matchExpressions: [{ key: 'v', operator: 'Gt' as const, values: ['0204'] }] };
  assert.equal(matchesNodeSelectorTerm(gt, node({ v: '0206' })), true);
  assert.equal(matchesNodeSelectorTerm(gt, node({ v: '0204' })), false);
  assert.equal(matchesNodeSelectorTerm(gt, node({ v: 'abc' })), false);
  assert.equal(
    matchesNodeSelectorTerm({ matchExpressions: [{ key: 'v', operator: 'Lt', values: ['5'] }] }, node({ v: '4' })),
    true,
  );
});

test('nodeaffinity: a term with neither matchExpressions nor matchFields matches nothing', () => {
  assert.equal(matchesNodeSelectorTerm({}, node({ a: 'b' })), false);
  assert.equal(matchesNodeSelectorTerm({ matchExpressions: [] }, node({ a: 'b' })), false);
});

test('nodeaffinity: matchFields supports metadata.name In/NotIn', () => {
  assert.equal(
    matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, node({})),
    true,
  );
  assert.equal(
    matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }, node({})),
    false,
  );
  assert.equal(
    matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n2'] }] }, node({})),
    true,
  );
});

test('spec.nodeSelector: every key must be present with an equal value', () => {
  assert.equal(matchesMap({ cpu: '2core_over' }, { cpu: '2core_over', x: 'y' }), true);
  assert.equal(matchesMap({ cpu: '2core_over' }, { cpu: '2core' }), false);
  assert.equal(matchesMap({ cpu: '' }, {}), false);
});

test('kubectl -l: equality, inequality, set-based and existence requirements', () => {
  assert.deepEqual(parseSelectorString('app=web,tier!=db'), {
    matchLabels: { app: 'web' },
    matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
  });
  assert.deepEqual(parseSelectorString('env in (a, b),!legacy,run'), {
    matchLabels: {},
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['a', 'b'] },
      { key: 'legacy', operator: 'DoesNotExist' },
      { key: 'run', operator: 'Exists' },
    ],
  });
  assert.throws(() => parseSelectorString('a=b,,c'));
});
