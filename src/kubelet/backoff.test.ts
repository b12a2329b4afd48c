import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff, goSeconds } from './backoff.ts';

test('kubelet back-off: the first crash restarts at once, then 10s, 20s, 40s, 80s, 160s and 300s (cap), measured from finishedAt', () => {
  const b = new Backoff();
  const delays: number[] = [];
  let t = 0;
  for (let crash = 1; crash <= 8; crash++) {
    // the container ran 1s and exited at t
    let wait = 0;
    while (b.isInBackOffSince('k', t, t + wait)) wait += 1000;
    delays.push(wait / 1000);
    b.next('k', t);
    t += wait + 1000;
  }
  assert.deepEqual(delays, [0, 10, 20, 40, 80, 160, 300, 300]);
});

test('kubelet back-off: a container that ran longer than 10 minutes (2 × cap) since the last restart restarts at once and the ladder starts again at 10s', () => {
  const b = new Backoff();
  b.next('k', 0);
  b.next('k', 1000);
  b.next('k', 2000);
  assert.equal(b.get('k'), 40_000);
  const later = 2000 + 600_001;
  assert.equal(b.isInBackOffSince('k', later, later), false);
  b.next('k', later);
  assert.equal(b.get('k'), 10_000);
});

test('kubelet back-off: delays print as Go durations (10s, 1m20s, 2m40s, 5m0s)', () => {
  assert.deepEqual([10_000, 80_000, 160_000, 300_000].map(goSeconds), ['10s', '1m20s', '2m40s', '5m0s']);
});
