// Cucumber profiles. `npx cucumber-js -p default` runs every feature with the progress
// formatter, the run summary and the plain summary line; add `-p reports` to also write the
// HTML, JUnit, JSON and message reports, the experiment coverage page (experiments.html and
// .md) and the run page (index.html: open it first) under reports/. No `paths` here:
// `cucumber-js features/x.feature:12` must run just that scenario. World parameter `seed` (default 1) seeds every random choice:
// `--world-parameters '{"seed":7}'`. Add `-p real` to run the steps against the cluster of KUBECONFIG
// (the kubeconfig backend: docs/real-cluster.md); its world parameters (context, timeoutSeconds,
// allowDestructive, createNodes) are merged with those given by --world-parameters.
// Experiment IDs for support/experiments.cjs (a formatter: formatOptions) and
// support/run-summary.cjs (a plugin: pluginOptions): group 1 of the tag pattern is the ID; the
// expected IDs come from the reference notes when present, else a built-in list.
const EXPERIMENTS = { tagPattern: '^@([SMP]\\d{2})$', expected: '../shared/reference/experiments.md' };

module.exports = {
  default: {
    requireModule: ['tsx/cjs'],
    require: ['steps/*.ts'],
    format: ['progress'],
    formatOptions: {
      snippetInterface: 'synchronous',
      snippetSyntax: './support/snippet-syntax.cjs', // TypeScript snippets: `this: KubeWorld`, typed parameters
      junit: { suiteName: 'kube-scenarios' },
      experiments: EXPERIMENTS,
    },
    pluginOptions: { experiments: EXPERIMENTS },
    worldParameters: { seed: 1 },
    // run-summary first: the plain summary line must stay the last line of the output.
    plugin: ['./support/run-summary.cjs', './support/plain-summary.cjs'],
  },
  real: {
    worldParameters: { cluster: 'kubeconfig' },
  },
  reports: {
    format: [
      'html:reports/cucumber.html',
      './support/junit.cjs:reports/junit.xml',
      'json:reports/cucumber.json',
      'message:reports/messages.ndjson',
      './support/experiments.cjs:reports/experiments.html', // + reports/experiments.md
      './support/run-page.cjs:reports/index.html', // the first page to open: failures first
    ],
  },
};
