// The authoring API of kube-scenarios (`import type { KubeWorld } from 'kube-scenarios/steps'`):
// what your own step definitions use next to the package's — the scenario world (its cluster,
// `kubectl`, files, the last command), the pod queries and the failure texts the package's own
// assertions use. Loading the package's step files (cucumber `require`) registers the world; this
// module only re-exports. See docs/authoring.md.

export { KubeWorld, type CommandResult, type KubeWorldParameters, FIXTURES_DIR, PROJECT_ROOT } from './world.ts';
export {
  getPod,
  mustGetPod,
  podsOf,
  isControlledBy,
  describePods,
  describeOffenders,
  countByNode,
} from './lib/pods.ts';
export { explainPod, explainForAssertion } from './lib/explain.ts';
export { type ObjRef, type WorkloadRef, type NodeList, formatRef } from './lib/parse.ts';
export { AssertionError } from './lib/assertion.ts';
export type { Backend, ClusterView, ViewScope, ExpectOptions } from './lib/backend.ts';
export { simulatorOnly, NEEDS, ScenarioSkipped } from './lib/portability.ts';
