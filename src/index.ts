// The library entry of the kube-scenarios package: `import { createLabCluster, runKubectl } from
// 'kube-scenarios'` (or require). The package ships it compiled (lib/src/index.js and .d.ts;
// lib/index.mjs re-exports it for import, see scripts/build.cjs). Everything exported here is the
// supported API; the package exports nothing deeper.

export type * from './api/types.ts';
export { Cluster, DEFAULT_SEED, type ClusterOptions } from './cluster/cluster.ts';
export { addNode, createEmptyCluster, K8S_VERSION, type NodeSpecInput } from './cluster/bootstrap.ts';
export { createLabCluster } from './cluster/lab.ts';
export { runKubectl, type KubectlOptions, type KubectlResult } from './kubectl/kubectl.ts';
export { loadManifestFile, loadManifests, ManifestError, type ManifestEntry } from './api/manifest.ts';
export { parseQuantity, resourceAmount } from './api/quantity.ts';
export { podRequests } from './api/resources.ts';
export {
  applyInventory,
  importBoundPod,
  importNode,
  readInventory,
  skippedNote,
  type Inventory,
  type SkippedObject,
} from './inventory/inventory.ts';
export { resolveSchedulerConfig, schedulerProfilesFrom } from './config/schedulerconfig.ts';
export {
  loadSchedulerConfigFile,
  parseSchedulerConfig,
  SchedulerConfigError,
  type KubeSchedulerConfiguration,
  type KubeSchedulerProfile,
} from './config/decode.ts';
export { validateSchedulerConfig } from './config/validation.ts';
export type { ResolvedProfile } from './scheduler/profile.ts';
export {
  clusterOptionsFor,
  coefficientOfVariation,
  compareConfigs,
  nodeUsage,
  nodesUsed,
  runUnderConfig,
  type Comparison,
  type ConfigRun,
  type ConfigSource,
  type InputFile,
  type NodeUsage,
} from './report/compare.ts';
export { simulate, buildReport, type SimulateReport } from './cli/simulate.ts';
export { runCli } from './cli/main.ts';
export { UserError, NotSupportedError } from './util/errors.ts';
export { ApiError } from './store/errors.ts';
export { Scheduler, type SchedulerOptions } from './scheduler/scheduler.ts';
export { DEFAULT_SCHEDULER_NAME } from './api/defaults.ts';
export type { PluginEntry } from './scheduler/framework/framework.ts';
