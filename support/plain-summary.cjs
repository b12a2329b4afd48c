// Cucumber plugin: prints the closing line `scenarios: N passed, N failed, N skipped` on stdout
// (the plain line CI reads; cucumber's own `4 scenarios (4 passed)` is not it) and makes a run in
// which no scenario ran at all exit non-zero. Each test case counts once, by the worst status of
// its steps in its final attempt (a retried-then-passed scenario is passed; pending, undefined and
// ambiguous count as failed). Works with --retry and --parallel (the coordinator sees every
// worker's messages).
//
// Exit code: cucumber's CLI assigns `process.exitCode` itself after the plugins' cleanup has run,
// so a plugin cannot simply set it; the 'exit' listener below runs after that assignment (and
// after an explicit process.exit under --exit) and raises the code to 1.
'use strict';

const RANK = { UNKNOWN: 0, PASSED: 1, SKIPPED: 2, PENDING: 3, UNDEFINED: 4, AMBIGUOUS: 5, FAILED: 6 };

/** Counts finished test cases from cucumber messages. */
function createTally() {
  const worst = new Map();
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const onMessage = (e) => {
    if (e.testStepFinished) {
      const { testCaseStartedId, testStepResult } = e.testStepFinished;
      const prev = worst.get(testCaseStartedId) ?? 'UNKNOWN';
      if (RANK[testStepResult.status] > RANK[prev]) worst.set(testCaseStartedId, testStepResult.status);
    } else if (e.testCaseFinished && !e.testCaseFinished.willBeRetried) {
      const s = worst.get(e.testCaseFinished.testCaseStartedId) ?? 'PASSED';
      if (s === 'PASSED') counts.passed++;
      else if (s === 'SKIPPED') counts.skipped++;
      else counts.failed++;
    }
  };
  return { counts, onMessage };
}

function summaryLine(counts) {
  return `scenarios: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

module.exports = {
  type: 'plugin',
  createTally,
  summaryLine,
  coordinator: ({ operation, on, environment }) => {
    if (operation !== 'runCucumber') return undefined;
    const tally = createTally();
    on('message', tally.onMessage);
    return () => {
      const { passed, failed, skipped } = tally.counts;
      if (passed + failed + skipped === 0) {
        environment.stderr.write(
          'error: no scenario ran (check the feature paths, tags and names given); failing the run\n',
        );
        process.on('exit', () => {
          process.exitCode = 1;
        });
      }
      process.stdout.write(`${summaryLine(tally.counts)}\n`);
    };
  },
};
