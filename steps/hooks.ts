// After each scenario, attach what a report reader looks at first, each labelled with a file name
// (cucumber-js 12: attach(data, { mediaType, fileName })):
// - placement.svg: the placement picture (src/report/placement.ts), always;
// - scheduler-scores.txt, when the scenario passed: the per-plugin scores of the scheduler's last
//   attempt for a few of the scenario's own pods (not kube-system), the table `kube-scenarios
//   explain` prints — what kube-scheduler-simulator's web UI shows, one click away in the report;
// - kubectl-get-pods.txt, when a placement assertion failed on the scenario's cluster (it explained
//   pods of it; not those of replays, e.g. drains): `kubectl get pods -A -o wide`, at most
//   MAX_SNAPSHOT_LINES lines — what else runs on the nodes.
// The failing assertion's message already holds the "why" tables; they are not attached again.

import { After, Status } from '@cucumber/cucumber';
import { placementOf, renderPlacementSvg } from '../src/report/placement.ts';
import type { KubeWorld } from './world.ts';
import { explainedPods, scoresForReport } from './lib/explain.ts';
import { boundedLines } from './lib/text.ts';

/** `kubectl get pods -A -o wide` lines a placement failure attaches. */
export const MAX_SNAPSHOT_LINES = 20;

After(function (this: KubeWorld, { pickle, result }) {
  if (!this.hasCluster) return;
  try {
    // A Buffer: cucumber's HTML report shows an image attached as a string as an error.
    this.attach(Buffer.from(renderPlacementSvg(placementOf(this.cluster.store), pickle.name)), {
      mediaType: 'image/svg+xml',
      fileName: 'placement.svg',
    });
  } catch (e) {
    this.attach(`placement picture: could not render: ${(e as Error).message}\n`, {
      mediaType: 'text/plain',
      fileName: 'placement-error.txt',
    });
  }
  if (result?.status === Status.PASSED) {
    const scores = scoresForReport(this.cluster);
    if (scores) this.attach(scores, { mediaType: 'text/plain', fileName: 'scheduler-scores.txt' });
  } else if (result?.status === Status.FAILED && explainedPods(this, this.cluster).size > 0) {
    const r = this.kubectl(['get', 'pods', '-A', '-o', 'wide'], false);
    this.attach(`$ ${r.command}\n${boundedLines(`${r.stdout}${r.stderr}`, MAX_SNAPSHOT_LINES)}`, {
      mediaType: 'text/plain',
      fileName: 'kubectl-get-pods.txt',
    });
  }
});
