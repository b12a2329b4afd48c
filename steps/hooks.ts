// After each scenario, attach what a report reader looks at first, each labelled with a file name
// (cucumber-js 12: attach(data, { mediaType, fileName })):
// - placement.svg: the placement picture (src/report/placement.ts), always;
// - scheduler-scores.txt, when the scenario passed: the per-plugin scores of the scheduler's last
//   attempt for a few of the scenario's own pods (not kube-system), the table `kube-scenarios
//   explain` prints — what kube-scheduler-simulator's web UI shows, one click away in the report;
// - kubectl-get-pods.txt, when a placement assertion failed (it explained pods): `kubectl get pods
//   -A -o wide`, at most MAX_SNAPSHOT_LINES lines — what else runs on the nodes.
// The failing assertion's message already holds the "why" tables; they are not attached again.

import { After, Status } from '@cucumber/cucumber';
import type { Pod } from '../src/api/types.ts';
import { placementOf, renderPlacementSvg } from '../src/report/placement.ts';
import type { KubeWorld } from './world.ts';
import { explainedPods, explainPod } from './lib/explain.ts';

/** Pods whose scores a passing scenario attaches. */
export const MAX_SCORED_PODS = 3;
/** Feasible nodes listed per scores table. */
const SCORES_TOP = 5;
export const MAX_SNAPSHOT_LINES = 20;

/** The first `max` lines of a command's output, and how many were left out. */
export function boundedLines(text: string, max: number): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length <= max) return `${lines.join('\n')}\n`;
  return `${lines.slice(0, max).join('\n')}\n(${lines.length - max} more lines)\n`;
}

/** The scores tables of a passing scenario: its own pods the scheduler placed, at most MAX_SCORED_PODS. */
function scoresText(world: KubeWorld): string | undefined {
  const cluster = world.cluster;
  const keys = cluster.store.list<Pod>('Pod')
    .filter((p) => p.metadata.namespace !== 'kube-system')
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
    .filter((k) => cluster.scheduler.lastAttempt(k) !== undefined)
    .sort();
  if (keys.length === 0) return undefined;
  const top = cluster.store.count('Node') > SCORES_TOP ? SCORES_TOP : undefined;
  const tables = keys.slice(0, MAX_SCORED_PODS).map((k) => `$ kube-scenarios explain ${k}\n${explainPod(cluster, k, top)}\n`);
  if (keys.length > MAX_SCORED_PODS) tables.push(`(${keys.length - MAX_SCORED_PODS} more scheduled pod(s): add "Then I explain pod <name>" to the scenario to see one)\n`);
  return tables.join('\n');
}

After(function (this: KubeWorld, { pickle, result }) {
  if (!this.hasCluster) return;
  try {
    // A Buffer: cucumber's HTML report shows an image attached as a string as an error.
    this.attach(Buffer.from(renderPlacementSvg(placementOf(this.cluster.store), pickle.name)), { mediaType: 'image/svg+xml', fileName: 'placement.svg' });
  } catch (e) {
    this.attach(`placement picture: could not render: ${(e as Error).message}\n`, { mediaType: 'text/plain', fileName: 'placement-error.txt' });
  }
  if (result?.status === Status.PASSED) {
    const scores = scoresText(this);
    if (scores) this.attach(scores, { mediaType: 'text/plain', fileName: 'scheduler-scores.txt' });
  } else if (result?.status === Status.FAILED && explainedPods(this).size > 0) {
    const r = this.kubectl(['get', 'pods', '-A', '-o', 'wide'], false);
    this.attach(`$ ${r.command}\n${boundedLines(`${r.stdout}${r.stderr}`, MAX_SNAPSHOT_LINES)}`, { mediaType: 'text/plain', fileName: 'kubectl-get-pods.txt' });
  }
});
