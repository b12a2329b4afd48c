// Why the scheduler put a pod where it is, for failing assertions and the `I explain pod X` step:
// the table of src/report/explain.ts for the pod's last SchedulingAttempt. A failing assertion
// explains each pod that breaks its rule once: pods whose tables are the same (six replicas
// rejected by every node for the same reasons) share one table, a few distinct tables are shown
// and the remaining pods are counted. The scenario remembers which pods were explained, so that
// the After hook can tell a placement failure from any other. A passing scenario's report gets
// the scores of a few of its own pods (scoresForReport).

import type { Pod } from '../../src/api/types.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { explainInput, renderExplain } from '../../src/report/explain.ts';

/** Failing assertions list at most this many feasible nodes (the rest is summarised). */
const ASSERTION_TOP = 10;
/** Distinct tables one assertion shows; pods beyond them are counted. */
export const MAX_TABLES = 2;
/** Pods named as sharing a table. */
const MAX_SHARED_NAMES = 5;
/** Pods whose tables are built and compared; any beyond are only counted (a 2,000-pod failure stays quick). */
const MAX_COMPARED = 100;

/** Scenario (world) → cluster → pods explained by its failing assertions (a replay is a cluster of its own). */
const explained = new WeakMap<object, Map<Cluster, Set<string>>>();

/** The explanation of podKey's last attempt, in full (the step and the CLI). */
export function explainPod(cluster: Cluster, podKey: string, top?: number): string {
  return renderExplain(explainInput(cluster, podKey), top === undefined ? {} : { top });
}

/** The table of a pod as a failing assertion shows it (the best ASSERTION_TOP feasible nodes on bigger clusters). */
function assertionTable(cluster: Cluster, podKey: string): string {
  return explainPod(cluster, podKey, cluster.store.count('Node') > ASSERTION_TOP ? ASSERTION_TOP : undefined);
}

/**
 * "why: …" for the pods (namespace/name) that break an assertion's rule: one table per distinct
 * explanation (pods with the same table, apart from their name and attempt time, are named under
 * one), at most `maxTables` of them, then a count of the pods not explained. Remembered for
 * `scenario` (the world).
 */
export function explainForAssertion(
  scenario: object,
  cluster: Cluster,
  podKeys: string | string[],
  maxTables = MAX_TABLES,
): string {
  const keys = Array.isArray(podKeys) ? podKeys : [podKeys];
  let byCluster = explained.get(scenario);
  if (!byCluster) explained.set(scenario, (byCluster = new Map()));
  let seen = byCluster.get(cluster);
  if (!seen) byCluster.set(cluster, (seen = new Set()));
  const groups = new Map<string, { head: string; pods: string[] }>();
  let unexplained = 0;
  for (const key of keys) seen.add(key);
  for (const key of keys.slice(0, MAX_COMPARED)) {
    const text = assertionTable(cluster, key);
    const nl = text.indexOf('\n');
    const head = nl < 0 ? text : text.slice(0, nl);
    // The body, and the head without the pod's name and the attempt's time, identify the explanation.
    const id = `${head.replace(/^pod \S+: /, '').replace(/ at \S+:/, ':')}${nl < 0 ? '' : text.slice(nl)}`;
    const g = groups.get(id);
    if (g) g.pods.push(key);
    else if (groups.size < maxTables) groups.set(id, { head: text, pods: [key] });
    else unexplained++;
  }
  const parts: string[] = [];
  for (const g of groups.values()) {
    const others = g.pods.slice(1);
    const shared = others.length
      ? `\n(the same for ${others.length} more pod(s): ${others.slice(0, MAX_SHARED_NAMES).join(', ')}${others.length > MAX_SHARED_NAMES ? ', …' : ''})`
      : '';
    const nl = g.head.indexOf('\n');
    parts.push(nl < 0 ? `${g.head}${shared}` : `${g.head.slice(0, nl)}${shared}${g.head.slice(nl)}`);
  }
  if (unexplained)
    parts.push(
      `(${unexplained} more pod(s) with other explanations: see them with "When I explain pod <name>" or \`kube-scenarios explain\`)`,
    );
  if (keys.length > MAX_COMPARED) parts.push(`(${keys.length - MAX_COMPARED} more pod(s) not explained here)`);
  return `why: ${parts.join('\n\n').replace(/\n(?=.)/g, '\n  ')}`;
}

/** The pods of `cluster` the scenario's failing assertions explained. */
export function explainedPods(scenario: object, cluster: Cluster): ReadonlySet<string> {
  return explained.get(scenario)?.get(cluster) ?? new Set();
}

/** Pods whose scores a passing scenario's report shows. */
export const MAX_SCORED_PODS = 3;
/** Feasible nodes listed per scores table. */
const SCORES_TOP = 5;

/**
 * The scheduler's per-plugin scores for the scenario's own pods (not kube-system) that went
 * through the scheduler, by name, at most MAX_SCORED_PODS (the 5 best nodes each), then a count
 * of the others; undefined when there are none.
 */
export function scoresForReport(cluster: Cluster): string | undefined {
  const keys = cluster.store
    .list<Pod>('Pod')
    .filter((p) => p.metadata.namespace !== 'kube-system')
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
    .filter((k) => cluster.scheduler.lastAttempt(k) !== undefined)
    .sort();
  if (keys.length === 0) return undefined;
  const top = cluster.store.count('Node') > SCORES_TOP ? SCORES_TOP : undefined;
  const tables = keys
    .slice(0, MAX_SCORED_PODS)
    .map((k) => `$ kube-scenarios explain ${k}\n${explainPod(cluster, k, top)}\n`);
  if (keys.length > MAX_SCORED_PODS)
    tables.push(
      `(${keys.length - MAX_SCORED_PODS} more scheduled pod(s): add "Then I explain pod <name>" to the scenario to see one)\n`,
    );
  return tables.join('\n');
}
