// Loads src/report/coverage.ts for the cucumber plugins in support/: plugins are loaded before
// cucumber's `requireModule: ['tsx/cjs']` takes effect, so the TypeScript module is loaded with
// tsx's scoped require (no global hook), and its options are resolved here once.
'use strict';

const { resolve } = require('node:path');
const tsx = require('tsx/cjs/api');

/** @type {typeof import('../src/report/coverage.ts')} */
const coverage = tsx.require('../src/report/coverage.ts', __filename);

/**
 * Options (formatOptions.experiments): tagPattern (a regexp source; group 1, else the whole
 * match, is the ID), expected (path of an experiments.md listing the IDs, relative to cwd),
 * markdown (where the markdown summary goes).
 */
function experimentOptions(options, cwd) {
  const o = options || {};
  const pattern = o.tagPattern ? new RegExp(o.tagPattern) : coverage.DEFAULT_TAG_PATTERN;
  const expectedPath = resolve(cwd, o.expected || '../shared/reference/experiments.md');
  return { pattern, expected: coverage.expectedIds(expectedPath), markdown: o.markdown ? resolve(cwd, o.markdown) : undefined };
}

module.exports = { coverage, experimentOptions };
