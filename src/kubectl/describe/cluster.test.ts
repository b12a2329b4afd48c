import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFixture, describePair } from './testing.ts';
import { runKubectl } from '../kubectl.ts';

test('kubectl describe poddisruptionbudget: Min available, Selector, the status the disruption controller keeps, no events (describePodDisruptionBudgetV1; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe pdb web');
  assert.equal(sim, real);
});

test('kubectl describe poddisruptionbudget: a percentage matching no pod, matchExpressions selector, NoPods event (golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe pdb nothing');
  assert.equal(sim, real);
});

test('kubectl describe priorityclass: Value, GlobalDefault, PreemptionPolicy Never, Annotations as FormatLabels (describePriorityClass; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe pc low');
  assert.equal(sim, real);
});

test('kubectl describe namespace: with no ResourceQuota and no LimitRange, as a real cluster lists them (describeNamespace, DescribeResourceQuotas, DescribeLimitRanges)', () => {
  const { cluster } = describeFixture();
  assert.equal(
    runKubectl(cluster, 'describe ns team-a').stdout,
    [
      'Name:         team-a',
      'Labels:       kubernetes.io/metadata.name=team-a',
      '              team=a',
      'Annotations:  <none>',
      'Status:       Active',
      '',
      'No resource quota.',
      '',
      'No LimitRange resource.',
      '',
    ].join('\n'),
  );
});
