import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../src/cluster/cluster.ts';
import { parseSpan, stateText, waitUntil } from './lifecycle.ts';

test('lifecycle steps: time spans in step text are virtual-time milliseconds', () => {
  assert.equal(parseSpan('30 seconds'), 30_000);
  assert.equal(parseSpan('1 minute'), 60_000);
  assert.equal(parseSpan('2 hours'), 7_200_000);
  assert.throws(() => parseSpan('5 mins'), /invalid time span "5 mins"/);
});

test('lifecycle steps: waitUntil stops the clock at the moment the condition holds, or at the deadline', () => {
  const c = new Cluster();
  let fired = false;
  const t0 = c.clock.now();
  c.clock.after(7000, () => {
    fired = true;
  });
  assert.equal(
    waitUntil(c, 10_000, () => fired),
    true,
  );
  assert.equal(c.clock.now() - t0, 7000);
  assert.equal(
    waitUntil(c, 5000, () => false),
    false,
  );
  assert.equal(c.clock.now() - t0, 12_000);
});

test('lifecycle steps: container states read like kubectl describe', () => {
  assert.equal(stateText({ waiting: { reason: 'CrashLoopBackOff' } }), 'waiting (CrashLoopBackOff)');
  assert.equal(
    stateText({ terminated: { exitCode: 137, reason: 'OOMKilled' } } as never),
    'terminated (OOMKilled, exit code 137)',
  );
});
