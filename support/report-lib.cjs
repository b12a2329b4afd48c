// Loads the report modules (src/report/coverage.ts, run.ts, runpage.ts) for the cucumber plugins
// in support/, and resolves their options once. The installed package has no sources: it loads
// the compiled lib/src/report/*.js. A checkout loads the TypeScript (never a stale lib/): plugins
// are loaded before cucumber's `requireModule: ['tsx/cjs']` takes effect, so with a scoped tsx
// require (no global hook). The scope has a fixed name: tsx keys its disk cache of compiled files
// by URL, scope included, and `tsx.require`'s scope is named after the time, which recompiled
// every file on every run.
'use strict';

const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

/** @type {(name: string) => any} */
const load = existsSync(join(__dirname, '..', 'src', 'report', 'coverage.ts'))
  ? (
      (api) => (name) =>
        api.require(`../src/report/${name}.ts`, __filename)
    )(require('tsx/cjs/api').register({ namespace: 'kube-scenarios-report-lib' }))
  : (name) => require(`../lib/src/report/${name}.js`);
/** @type {typeof import('../src/report/coverage.ts')} */
const coverage = load('coverage');
/** @type {typeof import('../src/report/run.ts')} */
const run = load('run');
/** @type {typeof import('../src/report/runpage.ts')} */
const runpage = load('runpage');

/**
 * Options (formatOptions.experiments): tagPattern (a regexp source; group 1, else the whole
 * match, is the ID), expected (path of an experiments.md listing the IDs, relative to cwd),
 * markdown (where the markdown summary goes).
 */
function experimentOptions(options, cwd) {
  const o = options || {};
  const pattern = o.tagPattern ? new RegExp(o.tagPattern) : coverage.DEFAULT_TAG_PATTERN;
  const expectedPath = resolve(cwd, o.expected || '../shared/reference/experiments.md');
  return {
    pattern,
    expected: coverage.expectedIds(expectedPath),
    markdown: o.markdown ? resolve(cwd, o.markdown) : undefined,
  };
}

module.exports = { coverage, run, runpage, experimentOptions };
