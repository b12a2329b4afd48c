// Cucumber configuration written by `kube-scenarios init`. The step definitions come from the
// kube-scenarios package (TypeScript, loaded through tsx). Files named in steps ("nodes.yaml")
// are looked up in features/fixtures, then in a fixtures/ folder beside the feature file.
// Run one seed: `npx cucumber-js --world-parameters '{"seed":7}'`.
module.exports = {
  default: {
    requireModule: ['tsx/cjs'],
    require: ['node_modules/kube-scenarios/steps/*.ts'],
    paths: ['features/**/*.feature'],
    format: ['progress'],
    worldParameters: { seed: 1 },
  },
};
