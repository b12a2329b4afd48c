import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capIndexes } from './job.ts';
import { describePair } from './testing.ts';

test('kubectl describe job: controller-uid selector, Completion Mode, Start Time, Completed At, Duration, Pods Statuses with Ready (describeJob; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe job once');
  assert.equal(sim, real);
});

test('kubectl describe job: a failed Job (backoffLimit 0): no Completed At, 1 Failed, BackoffLimitExceeded (golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe job fails');
  assert.equal(sim, real);
});

test('kubectl describe job capIndexesListOrNone: <none>, the whole list under the soft limit, else cut after the first comma past it', () => {
  assert.equal(capIndexes(''), '<none>');
  assert.equal(capIndexes('1,3-5'), '1,3-5');
  const long = Array.from({ length: 30 }, (_, i) => String(i * 2)).join(',');
  assert.equal(capIndexes(long), `${long.slice(0, long.indexOf(',', 50) + 1)}...`);
});
