// Cucumber formatter (plugin form): writes the experiment coverage page — each experiment ID
// tagged on scenarios (default pattern /^@([SMP]\d{2})$/) with its scenarios and pass/fail, and
// the expected IDs that have no scenario — as HTML to the formatter's target, and as markdown
// (for a CI job summary) next to it (same name, .md) or where `markdown` says. Configure it in
// cucumber.js: format: ['./support/experiments.cjs:reports/experiments.html'],
// formatOptions: { experiments: { tagPattern: '^@([SMP]\\d{2})$', expected: '../shared/reference/experiments.md' } }.
'use strict';

const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { coverage, experimentOptions } = require('./report-lib.cjs');

module.exports = {
  type: 'formatter',
  optionsKey: 'experiments',
  formatter({ on, options, write, directory, stream }) {
    const opts = experimentOptions(options, process.cwd());
    const collector = new coverage.RunCollector();
    on('message', (e) => collector.onMessage(e));
    return () => {
      const c = coverage.coverageOf(collector.results, opts.expected, opts.pattern);
      write(coverage.coverageHtml(c));
      const target =
        stream && typeof stream.path === 'string'
          ? stream.path.replace(/\.html?$/, '') + '.md'
          : join(directory || '.', 'experiments.md');
      writeFileSync(opts.markdown || target, coverage.coverageMarkdown(c));
    };
  },
};
