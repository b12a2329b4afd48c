// Cucumber plugin: prints a one-screen summary at the end of a run — scenarios by outcome,
// experiment IDs covered (pluginOptions.experiments, the same options as support/experiments.cjs)
// and the slowest scenarios. List it before plain-summary.cjs in `plugin:` so that the plain
// `scenarios: N passed, …` line stays the last line of the output.
'use strict';

const { coverage, experimentOptions } = require('./report-lib.cjs');

module.exports = {
  type: 'plugin',
  optionsKey: 'experiments',
  coordinator({ operation, on, options, environment }) {
    if (operation !== 'runCucumber') return undefined;
    const opts = experimentOptions(options, environment.cwd);
    const collector = new coverage.RunCollector();
    on('message', (e) => collector.onMessage(e));
    return () => {
      const c = coverage.coverageOf(collector.results, opts.expected, opts.pattern);
      process.stdout.write(`\n${coverage.runSummary(c, collector.results)}\n`);
    };
  },
};
