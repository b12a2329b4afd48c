// Cucumber formatter (plugin form): writes the run page (src/report/runpage.ts) — the first screen
// of a run's report: PASSED / FAILED, the failing experiments, each failure with its reasons and
// placement picture, the passing scenarios one click from their pictures and scores. Configure it
// in cucumber.js: format: ['./support/run-page.cjs:reports/index.html'], with the experiment
// options of support/experiments.cjs (formatOptions.experiments). It links to cucumber.html,
// experiments.html and junit.xml beside it (formatOptions.experiments.links overrides them).
'use strict';

const { coverage, experimentOptions, runpage, run } = require('./report-lib.cjs');

module.exports = {
  type: 'formatter',
  optionsKey: 'experiments',
  formatter({ on, options, write }) {
    const opts = experimentOptions(options, process.cwd());
    const collector = new run.RunCollector(true);
    on('message', (e) => collector.onMessage(e));
    return () => {
      const c = coverage.coverageOf(collector.results, opts.expected, opts.pattern);
      const links = options?.links || {
        cucumber: 'cucumber.html',
        experiments: 'experiments.html',
        junit: 'junit.xml',
      };
      write(runpage.runPageHtml(c, collector.results, { links, finishedAt: new Date() }));
    };
  },
};
