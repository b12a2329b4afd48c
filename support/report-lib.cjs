// Loads src/report/coverage.ts, run.ts and runpage.ts for the cucumber plugins in support/: plugins are loaded before
// cucumber's `requireModule: ['tsx/cjs']` takes effect, so the TypeScript module is loaded with
// a scoped tsx require (no global hook), and its options are resolved here once. The scope has a
// fixed name: tsx keys its disk cache of compiled files by URL, scope included, and
// `tsx.require`'s scope is named after the time, which recompiled every file on every run.
'use strict';

const { resolve } = require('node:path');
const tsx = require('tsx/cjs/api');

const api = tsx.register({ namespace: 'kube-scenarios-report-lib' });
/** @type {typeof import('../src/report/coverage.ts')} */
const coverage = api.require('../src/report/coverage.ts', __filename);
/** @type {typeof import('../src/report/run.ts')} */
const run = api.require('../src/report/run.ts', __filename);
/** @type {typeof import('../src/report/runpage.ts')} */
const runpage = api.require('../src/report/runpage.ts', __filename);

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

module.exports = { coverage, run, runpage, experimentOptions };
