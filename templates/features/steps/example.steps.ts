// Your own step definitions, in TypeScript: `this` is the scenario's world (its cluster, kubectl,
// files), typed by KubeWorld; the package's parameter types ({workload}, {pod}, {node}, …) work in
// your expressions too. Throw an AssertionError (kube-scenarios/steps) with a message that says what was expected
// and what happened. See the kube-scenarios docs: docs/authoring.md.
import { Then } from '@cucumber/cucumber';
import {
  AssertionError,
  countByNode,
  describePods,
  podsOf,
  type KubeWorld,
  type WorkloadRef,
} from 'kube-scenarios/steps';

Then('no node runs more than {int} pod(s) of {workload}', function (this: KubeWorld, max: number, w: WorkloadRef) {
  const pods = podsOf(this.cluster.store, w);
  const crowded = [...countByNode(pods)].filter(([node, n]) => node !== '<none>' && n > max);
  if (crowded.length) {
    const where = crowded.map(([node, n]) => `${node}: ${n}`).join(', ');
    throw new AssertionError(
      `expected at most ${max} pod(s) of ${w.kind} ${w.namespace}/${w.name} per node, but ${where}:\n${describePods(pods)}`,
    );
  }
});
