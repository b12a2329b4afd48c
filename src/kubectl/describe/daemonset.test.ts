import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePair } from './testing.ts';

test('kubectl describe daemonset: Node-Selector, the scheduling counts printed without alignment, Pods Status, SuccessfulCreate per node (describeDaemonSet; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe ds -n team-a agent');
  assert.equal(sim, real);
});
