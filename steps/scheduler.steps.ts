// Assertions on the scheduler's reasoning: FailedScheduling events (exact text), the filter
// reason that rejected a node, and the normalised per-plugin scores of the pod's last attempt.
// Events are read on any backend; filter reasons and scores are the simulator scheduler's own.

import { Then, type DataTable } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { Pod } from '../src/api/types.ts';
import { UserError } from '../src/util/errors.ts';
import type { KubeWorld } from './world.ts';
import { type ClusterView, simulatorView } from './lib/backend.ts';
import { explainForAssertion } from './lib/explain.ts';
import { formatRef, parseNodeName, type ObjRef, type PodPhase, type WorkloadRef } from './lib/parse.ts';
import { getPod, podsOf } from './lib/pods.ts';
import { NEEDS, simulatorOnly } from './lib/portability.ts';

const keyOf = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;

function podOrFail(v: ClusterView, ref: ObjRef): Pod {
  const pod = getPod(v.store, ref);
  if (!pod) throw new AssertionError(`there is no pod ${formatRef(ref)}`);
  return pod;
}

function workloadPods(v: ClusterView, w: WorkloadRef): Pod[] {
  const pods = podsOf(v.store, w);
  if (pods.length === 0) throw new AssertionError(`${w.kind.toLowerCase()} ${formatRef(w)} has no pods`);
  return pods;
}

function checkFailedScheduling(v: ClusterView, pod: Pod, message: string): string | undefined {
  const events = v.events(pod);
  if (events.some((e) => e.type === 'Warning' && e.reason === 'FailedScheduling' && e.message === message))
    return undefined;
  const seen =
    events
      .map((e) => `  ${e.type} ${e.reason}: ${e.message}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`)
      .join('\n') || '  (no events)';
  return `expected pod ${keyOf(pod)} to have a Warning FailedScheduling event with the message\n  ${message}\nits events are:\n${seen}\n${v.why(keyOf(pod))}`;
}

export function podHasFailedScheduling(this: KubeWorld, ref: ObjRef, message: string): Promise<void> {
  return this.backend.expect({ namespaces: [ref.namespace], events: true }, (v) => {
    const problem = checkFailedScheduling(v, podOrFail(v, ref), message);
    if (problem) throw new AssertionError(problem);
  });
}
/**
 * Passes when the pod has a `Warning FailedScheduling` event with exactly the doc string as its
 * message.
 * @example Then pod webserver has a FailedScheduling event:
 */
Then('pod {pod} has a FailedScheduling event:', podHasFailedScheduling);

export function everyPodHasFailedScheduling(this: KubeWorld, w: WorkloadRef, message: string): Promise<void> {
  return this.backend.expect({ namespaces: [w.namespace], events: true }, (v) => {
    for (const pod of workloadPods(v, w)) {
      const problem = checkFailedScheduling(v, pod, message);
      if (problem) throw new AssertionError(problem);
    }
  });
}
/**
 * Passes when each of the workload's pods has one.
 * @example Then every pod of deployment weserver has a FailedScheduling event:
 */
Then('every pod of {workload} has a FailedScheduling event:', everyPodHasFailedScheduling);

export function everyPodInPhaseHasFailedScheduling(
  this: KubeWorld,
  phase: PodPhase,
  w: WorkloadRef,
  message: string,
): Promise<void> {
  return this.backend.expect({ namespaces: [w.namespace], events: true }, (v) => {
    const pods = workloadPods(v, w).filter((p) => p.status?.phase === phase);
    if (pods.length === 0) throw new AssertionError(`${w.kind.toLowerCase()} ${formatRef(w)} has no ${phase} pod`);
    for (const pod of pods) {
      const problem = checkFailedScheduling(v, pod, message);
      if (problem) throw new AssertionError(problem);
    }
  });
}
/**
 * Passes when each of its pods in that phase has one (and there is at least one).
 * @example Then every Pending pod of deployment one-per-node has a FailedScheduling event:
 */
Then('every {phase} pod of {workload} has a FailedScheduling event:', everyPodInPhaseHasFailedScheduling);

const simView = (world: KubeWorld) => simulatorView(world, world.cluster);

function checkRejected(world: KubeWorld, pod: Pod, node: string, reason: string): string | undefined {
  const key = keyOf(pod);
  const attempt = world.cluster.scheduler.lastAttempt(key);
  const reasons = attempt?.filtered[node];
  if (reasons?.includes(reason)) return undefined;
  const happened = !attempt
    ? 'there was no scheduling attempt'
    : reasons
      ? `it rejected it because ${reasons.map((r) => JSON.stringify(r)).join(', ')} (${attempt.filteredBy[node]})`
      : attempt.feasible.includes(node)
        ? 'the node passed every filter'
        : 'the node was not examined';
  return `expected the scheduler to reject node ${node} for pod ${key} because ${JSON.stringify(reason)}, but ${happened}\n${explainForAssertion(world, world.cluster, key)}`;
}

export const schedulerRejectedNodeForPod = simulatorOnly(
  NEEDS.scores,
  function schedulerRejectedNodeForPod(this: KubeWorld, node: string, ref: ObjRef, reason: string) {
    const problem = checkRejected(this, podOrFail(simView(this), ref), node, reason);
    if (problem) throw new AssertionError(problem);
  },
);
/**
 * Passes when, in the pod's last scheduling attempt, the node was filtered out with exactly that
 * reason.
 * @example Then the scheduler rejected node w2-k8s for pod nginx-gpu-ssd because "node(s) didn't match Pod's node affinity/selector"
 */
Then('the scheduler rejected node {node} for pod {pod} because {string}', schedulerRejectedNodeForPod);

export const schedulerRejectedNodeForEveryPod = simulatorOnly(
  NEEDS.scores,
  function schedulerRejectedNodeForEveryPod(this: KubeWorld, node: string, w: WorkloadRef, reason: string) {
    for (const pod of workloadPods(simView(this), w)) {
      const problem = checkRejected(this, pod, node, reason);
      if (problem) throw new AssertionError(problem);
    }
  },
);
/**
 * The same for each pod's last attempt.
 * @example Then the scheduler rejected node w3-k8s for every pod of deployment weserver because "node(s) had untolerated taint {key01: value01}"
 */
Then(
  'the scheduler rejected node {node} for every pod of {workload} because {string}',
  schedulerRejectedNodeForEveryPod,
);

export const schedulerScoredPod = simulatorOnly(
  NEEDS.scores,
  function schedulerScoredPod(this: KubeWorld, ref: ObjRef, table: DataTable) {
    const header = table.raw()[0] ?? [];
    if (header.join('|') !== 'node|plugin|score')
      throw new UserError(
        `the scores table must have exactly the columns node | plugin | score (got ${header.join(' | ')})`,
      );
    const key = formatRef(ref);
    podOrFail(simView(this), ref);
    const attempt = this.cluster.scheduler.lastAttempt(key);
    if (!attempt) throw new AssertionError(explainForAssertion(this, this.cluster, key));
    const wrong: string[] = [];
    for (const row of table.hashes()) {
      const node = parseNodeName(row.node);
      if (!/^\d+$/.test(row.score))
        throw new UserError(
          `invalid score "${row.score}" for ${row.node}/${row.plugin}: expected a normalised score 0..100`,
        );
      const actual = attempt.scores[node]?.[row.plugin];
      if (actual === Number(row.score)) continue;
      const got = attempt.filtered[node]
        ? `the node was filtered out (${attempt.filtered[node].join(', ')})`
        : !(node in attempt.scores)
          ? 'the node was not scored'
          : actual === undefined
            ? `${row.plugin} did not score this pod (skipped at PreScore, or not a score plugin)`
            : `got ${actual}`;
      wrong.push(`  ${node} ${row.plugin}: expected ${row.score}, ${got}`);
    }
    if (wrong.length)
      throw new AssertionError(
        `the scores of pod ${key} differ:\n${wrong.join('\n')}\n${explainForAssertion(this, this.cluster, key)}`,
      );
  },
);
/**
 * Passes when each row of the table (`node | plugin | score`) gives the plugin's normalised score
 * (0–100, before the plugin weight) on that node in the pod's last attempt.
 * @example Then the scheduler scored pod nginx-gpu-ssd:
 */
Then('the scheduler scored pod {pod}:', schedulerScoredPod);
