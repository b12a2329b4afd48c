// Cucumber profiles. `npx cucumber-js -p default` runs every feature with the progress
// formatter and the plain summary line; add `-p reports` to also write the HTML, JUnit, JSON
// and message reports under reports/. No `paths` here: `cucumber-js features/x.feature:12`
// must run just that scenario. World parameter `seed` (default 1) seeds every random choice:
// `--world-parameters '{"seed":7}'`.
module.exports = {
  default: {
    requireModule: ['tsx/cjs'],
    require: ['steps/*.ts'],
    format: ['progress'],
    formatOptions: { snippetInterface: 'synchronous', junit: { suiteName: 'kube-scenarios' } },
    worldParameters: { seed: 1 },
    plugin: ['./support/plain-summary.cjs'],
  },
  reports: {
    format: [
      'html:reports/cucumber.html',
      'junit:reports/junit.xml',
      'json:reports/cucumber.json',
      'message:reports/messages.ndjson',
    ],
  },
};
