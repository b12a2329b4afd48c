import { test } from 'node:test';
import assert from 'node:assert/strict';

const plugin = require('./plain-summary.cjs') as {
  type: string;
  createTally(): { counts: { passed: number; failed: number; skipped: number }; onMessage(e: object): void };
  summaryLine(c: { passed: number; failed: number; skipped: number }): string;
};

const step = (id: string, status: string) => ({
  testStepFinished: { testCaseStartedId: id, testStepResult: { status } },
});
const done = (id: string, willBeRetried = false) => ({ testCaseFinished: { testCaseStartedId: id, willBeRetried } });

test('plain-summary plugin: each scenario counts once by its worst step; retried attempts count only at the end', () => {
  assert.equal(plugin.type, 'plugin');
  const t = plugin.createTally();
  for (const e of [
    step('a', 'PASSED'),
    step('a', 'PASSED'),
    done('a'),
    step('b', 'PASSED'),
    step('b', 'FAILED'),
    step('b', 'SKIPPED'),
    done('b'),
    step('c', 'UNDEFINED'),
    done('c'),
    step('d1', 'FAILED'),
    done('d1', true),
    step('d2', 'PASSED'),
    done('d2'),
    step('e', 'SKIPPED'),
    done('e'),
  ])
    t.onMessage(e);
  assert.deepEqual(t.counts, { passed: 2, failed: 2, skipped: 1 });
  assert.equal(plugin.summaryLine(t.counts), 'scenarios: 2 passed, 2 failed, 1 skipped');
});
