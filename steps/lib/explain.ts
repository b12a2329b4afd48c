// Why the scheduler put a pod where it is, for failing assertions and the `I explain pod X` step:
// the table of src/report/explain.ts for the pod's last SchedulingAttempt. Every explanation
// built for a failure is also remembered per scenario, so that the After hook can attach it to
// the report as its own block.

import type { Cluster } from '../../src/cluster/cluster.ts';
import { explainInput, renderExplain } from '../../src/report/explain.ts';

/** Failing assertions list at most this many feasible nodes (the rest is summarised). */
const ASSERTION_TOP = 10;

/** Scenario (world) → explanations built for its assertion messages. */
const explained = new WeakMap<object, Map<string, string>>();

/** The explanation of podKey's last attempt, in full (the step and the CLI). */
export function explainPod(cluster: Cluster, podKey: string, top?: number): string {
  return renderExplain(explainInput(cluster, podKey), top === undefined ? {} : { top });
}

/**
 * The explanation appended to an assertion message ("why: …"); it is remembered for `scenario`
 * (the world) so that a failing scenario gets the same table attached.
 */
export function explainForAssertion(scenario: object, cluster: Cluster, podKey: string): string {
  const text = explainPod(cluster, podKey, cluster.store.list('Node').length > ASSERTION_TOP ? ASSERTION_TOP : undefined);
  let m = explained.get(scenario);
  if (!m) explained.set(scenario, (m = new Map()));
  m.set(podKey, text);
  return `why: ${text.replace(/\n/g, '\n  ')}`;
}

/** The explanations built for the scenario's assertion messages, by pod. */
export function explanationsFor(scenario: object): Map<string, string> {
  return explained.get(scenario) ?? new Map();
}
