import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstUntoleratedTaint, formatTaint, formatToleration, taintBraces, toleratesTaint } from './taints.ts';
import type { Taint } from './types.ts';

const t = (key: string, value: string | undefined, effect: Taint['effect']): Taint => ({ key, value, effect });

test('Toleration.ToleratesTaint: Equal needs the same key, value and effect', () => {
  assert.equal(
    toleratesTaint(
      { key: 'role', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
      t('role', 'web', 'NoSchedule'),
    ),
    true,
  );
  assert.equal(
    toleratesTaint(
      { key: 'role', operator: 'Equal', value: 'db', effect: 'NoSchedule' },
      t('role', 'web', 'NoSchedule'),
    ),
    false,
  );
  assert.equal(
    toleratesTaint({ key: 'role', value: 'web', effect: 'NoExecute' }, t('role', 'web', 'NoSchedule')),
    false,
  );
});

test('Toleration.ToleratesTaint: an empty effect matches every effect; an empty operator means Equal', () => {
  assert.equal(toleratesTaint({ key: 'role', value: 'web' }, t('role', 'web', 'NoExecute')), true);
  assert.equal(toleratesTaint({ key: 'role' }, t('role', 'web', 'NoSchedule')), false);
  assert.equal(toleratesTaint({ key: 'k' }, t('k', undefined, 'NoSchedule')), true);
});

test('Toleration.ToleratesTaint: Exists with an empty key tolerates everything; with a key, every value and effect of it', () => {
  assert.equal(toleratesTaint({ operator: 'Exists' }, t('anything', 'x', 'NoExecute')), true);
  assert.equal(toleratesTaint({ key: 'k', operator: 'Exists' }, t('k', 'v', 'PreferNoSchedule')), true);
  assert.equal(toleratesTaint({ key: 'k', operator: 'Exists' }, t('other', 'v', 'NoSchedule')), false);
});

test('FindMatchingUntoleratedTaint: the first taint in node order among the considered effects', () => {
  const taints = [t('a', '1', 'PreferNoSchedule'), t('b', '2', 'NoSchedule'), t('c', '', 'NoExecute')];
  assert.deepEqual(firstUntoleratedTaint(taints, [], ['NoSchedule', 'NoExecute']), taints[1]);
  assert.deepEqual(
    firstUntoleratedTaint(taints, [{ key: 'b', operator: 'Exists' }], ['NoSchedule', 'NoExecute']),
    taints[2],
  );
  assert.equal(firstUntoleratedTaint(taints, [{ operator: 'Exists' }], ['NoSchedule', 'NoExecute']), undefined);
});

test('taint and toleration text as kubectl and the scheduler print them', () => {
  assert.equal(formatTaint(t('key01', 'value01', 'NoSchedule')), 'key01=value01:NoSchedule');
  assert.equal(
    formatTaint(t('node-role.kubernetes.io/control-plane', '', 'NoSchedule')),
    'node-role.kubernetes.io/control-plane:NoSchedule',
  );
  assert.equal(
    taintBraces(t('node-role.kubernetes.io/control-plane', '', 'NoSchedule')),
    '{node-role.kubernetes.io/control-plane: }',
  );
  assert.equal(taintBraces(t('key01', 'value01', 'NoSchedule')), '{key01: value01}');
  assert.equal(
    formatToleration({
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    }),
    'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
  );
  assert.equal(
    formatToleration({ key: 'role', operator: 'Equal', value: 'web', effect: 'NoSchedule' }),
    'role=web:NoSchedule',
  );
  assert.equal(formatToleration({ operator: 'Exists' }), ' op=Exists');
});
