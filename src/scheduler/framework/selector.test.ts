import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesLabelSelector } from '../../api/selectors.ts';
import type { LabelSelector } from '../../api/types.ts';
import { CompiledSelector } from './selector.ts';

test('CompiledSelector matches exactly like metav1.LabelSelectorAsSelector (null matches nothing, {} everything, matchLabels AND matchExpressions)', () => {
  const selectors: (LabelSelector | null)[] = [
    null,
    {},
    { matchLabels: { app: 'web' } },
    { matchLabels: { app: 'web', tier: 'fe' } },
    { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] },
    { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
    {
      matchExpressions: [
        { key: 'tier', operator: 'NotIn', values: ['fe'] },
        { key: 'app', operator: 'Exists' },
      ],
    },
  ];
  const labelSets: (Record<string, string> | undefined)[] = [
    undefined,
    {},
    { app: 'web' },
    { app: 'web', tier: 'fe' },
    { app: 'db', tier: 'be' },
    { tier: 'fe' },
  ];
  for (const s of selectors) {
    const c = new CompiledSelector(s);
    for (const l of labelSets)
      assert.equal(c.matches(l), matchesLabelSelector(s, l), `${JSON.stringify(s)} on ${JSON.stringify(l)}`);
  }
});
