// Cucumber configuration written by `kube-scenarios init`. The step definitions come from the
// kube-scenarios package (compiled JavaScript, lib/steps/) and from features/steps/ (yours, in
// TypeScript, loaded through tsx).
// No `paths`: `npx cucumber-js` runs features/**/*.feature, `npx cucumber-js
// features/lab-cluster.feature:5` runs the scenario at that line.
// Every run writes reports/index.html (open it first: failures, their reasons and placement
// pictures), reports/cucumber.html, reports/junit.xml (for CI), reports/cucumber.json and
// reports/experiments.html (+ .md): the scenarios of each experiment ID, a tag such as @E01 (the
// IDs you expect are the rows of features/experiments.md). The last line of the output is
// `scenarios: N passed, N failed, N skipped`.
// Undefined steps: `npx cucumber-js --dry-run` prints TypeScript snippets to paste into features/steps/.
// Run with another seed: `npx cucumber-js --world-parameters '{"seed":7}'`.
const KS = './node_modules/kube-scenarios';
const EXPERIMENTS = { tagPattern: '^@(E\\d{2})$', expected: 'features/experiments.md' };

module.exports = {
  default: {
    requireModule: ['tsx/cjs'],
    require: [`${KS}/lib/steps/*.js`, 'features/steps/**/*.ts'],
    format: [
      'progress',
      'html:reports/cucumber.html',
      `${KS}/support/junit.cjs:reports/junit.xml`,
      'json:reports/cucumber.json',
      `${KS}/support/experiments.cjs:reports/experiments.html`,
      `${KS}/support/run-page.cjs:reports/index.html`,
    ],
    formatOptions: {
      snippetInterface: 'synchronous',
      snippetSyntax: `${KS}/support/snippet-syntax.cjs`,
      junit: { suiteName: 'cluster-scenarios' },
      experiments: EXPERIMENTS,
    },
    pluginOptions: { experiments: EXPERIMENTS },
    // run-summary first: the plain `scenarios: …` line stays the last line of the output.
    plugin: [`${KS}/support/run-summary.cjs`, `${KS}/support/plain-summary.cjs`],
    worldParameters: { seed: 1 },
  },
};
