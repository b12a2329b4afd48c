import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pollUntil } from './poll.ts';

class NotYet extends Error {}

function fakeTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), at: () => t };
}

test('an assertion that holds on the third poll passes then (kubectl wait: poll until the condition)', async () => {
  const time = fakeTime();
  let n = 0;
  const out = await pollUntil(
    async () => {
      if (++n < 3) throw new NotYet(`seen ${n}`);
      return 'ok';
    },
    { timeoutMs: 10_000, intervalMs: 1000, retryable: (e) => e instanceof NotYet, ...time },
  );
  assert.deepEqual(out, { value: 'ok', attempts: 3 });
  assert.equal(time.at(), 2000);
});

test('at the timeout the last failure is thrown: it shows the last state seen', async () => {
  const time = fakeTime();
  let n = 0;
  await assert.rejects(
    pollUntil(
      async () => {
        throw new NotYet(`seen ${++n}`);
      },
      { timeoutMs: 5000, intervalMs: 1000, retryable: (e) => e instanceof NotYet, ...time },
    ),
    /seen 6/,
  );
  assert.ok(time.at() <= 5000);
});

test('an error that is not the assertion (an API error) ends the wait at once', async () => {
  const time = fakeTime();
  await assert.rejects(
    pollUntil(
      async () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 5000, intervalMs: 1000, retryable: (e) => e instanceof NotYet, ...time },
    ),
    /connection refused/,
  );
  assert.equal(time.at(), 0);
});

test('firstIntervalMs: the pauses start short and double up to intervalMs (client-go wait.Backoff)', async () => {
  const time = fakeTime();
  const pauses: number[] = [];
  let n = 0;
  await pollUntil(
    async () => {
      if (++n < 7) throw new NotYet(`seen ${n}`);
    },
    {
      timeoutMs: 10_000,
      intervalMs: 1000,
      firstIntervalMs: 100,
      retryable: (e) => e instanceof NotYet,
      now: time.now,
      sleep: async (ms) => {
        pauses.push(ms);
        await time.sleep(ms);
      },
    },
  );
  assert.deepEqual(pauses, [100, 200, 400, 800, 1000, 1000]);
});
