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
// The backend's own hooks: before each scenario it starts (a namespace of its own on a real
// cluster), after it it undoes what the scenario changed (attached as backend-cleanup.txt); a step
// or hook that throws ScenarioSkipped (steps/lib/portability.ts) skips the scenario, with the
// reason logged in the report (skip-reason.txt) and on stderr.

import { dirname, join, resolve } from 'node:path';
import { After, AfterAll, Before, setDefaultTimeout, setDefinitionFunctionWrapper, Status } from '@cucumber/cucumber';
import { placementOf, renderPlacementSvg } from '../src/report/placement.ts';
import type { KubeWorld } from './world.ts';
import { explainedPods, scoresForReport } from './lib/explain.ts';
import { boundedLines } from './lib/text.ts';
import { ScenarioSkipped } from './lib/portability.ts';
import { createdNamespaces, differencesSinceRunStart, usedConnection } from './lib/kubeconfig-backend.ts';
import { RUN_LABEL } from '../src/backends/namespace.ts';
import { SKIP_PREFIX } from '../src/backends/outcomes.ts';

/**
 * Cucumber's limit per step and hook. Steps on the simulator are synchronous (a limit cannot stop
 * them); on a real cluster every wait bounds itself (world parameter timeoutSeconds, kubectl's and
 * each request's timeouts), and a `within 10 minutes` step may poll that long: cucumber's 5 s
 * default would cut it short.
 */
setDefaultTimeout(30 * 60_000);

/**
 * A scenario whose expected output shows where a tie-break put a pod (`kubectl get pods -o wide`
 * right after `kubectl run` on the lab's equal workers) is tagged so: kube-scheduler picks at random
 * among equally scored nodes (pkg/scheduler/schedule_one.go selectHost), the simulator by its seed.
 */
export const TIE_BREAK_TAG = '@tie-break';
const TIE_BREAK_REASON =
  "tagged @tie-break: its expected output shows the node a random tie-break chose among equally scored nodes (kube-scheduler's selectHost); the simulator's tie-breaks follow its seed, a real cluster's are its own";

/** Scenarios skipped on this backend and why, for the end-of-run list. */
const skipped: string[] = [];

/** Turns ScenarioSkipped, thrown by any step or hook, into cucumber's `skipped`, with the reason in the report. */
function skipOn(world: KubeWorld, e: unknown): 'skipped' {
  if (!(e instanceof ScenarioSkipped)) throw e;
  const text = `${SKIP_PREFIX}${world.backend.kind} backend: ${e.message}\n`;
  world.attach(text, { mediaType: 'text/plain', fileName: 'skip-reason.txt' });
  skipped.push(`${world.scenarioName} (${world.scenarioUri}): ${e.message}`);
  return 'skipped';
}

setDefinitionFunctionWrapper(
  (fn: (...args: unknown[]) => unknown) =>
    function (this: KubeWorld, ...args: unknown[]) {
      try {
        const r = fn.apply(this, args);
        return r instanceof Promise ? r.catch((e) => skipOn(this, e)) : r;
      } catch (e) {
        return skipOn(this, e);
      }
    },
);

// One Before and one After hook for everything (a hook more would be a character more per
// scenario in the progress output).
Before(async function (this: KubeWorld, { pickle }) {
  this.fixtureDirs.push(join(dirname(resolve(pickle.uri)), 'fixtures')); // files beside the feature (steps/owncluster.steps.ts)
  this.scenarioName = pickle.name;
  this.scenarioUri = pickle.uri;
  if (this.backend.kind !== 'simulator' && pickle.tags.some((t) => t.name === TIE_BREAK_TAG))
    throw new ScenarioSkipped(TIE_BREAK_REASON);
  await this.backend.start({ name: pickle.name, id: pickle.id });
});

After(async function (this: KubeWorld, { pickle, result }) {
  if (this.backend.kind === 'simulator') {
    if (this.hasCluster) attachSimulatorReport(this, pickle.name, result?.status);
    return;
  }
  const report = await this.backend.finish();
  if (report) this.attach(report, { mediaType: 'text/plain', fileName: 'backend-cleanup.txt' });
});

/**
 * On a real cluster, the end of the run: the namespaces it created must be gone (their deletion
 * was asked after each scenario; kube-apiserver finishes it when their pods are gone); the
 * backend and the skipped scenarios, with their reasons, are listed on stdout.
 */
AfterAll({ timeout: 180_000 }, async () => {
  const conn = await usedConnection()?.catch(() => undefined); // (a connection that failed failed its scenarios already)
  if (!conn) return; // the simulator: nothing to say, nothing to clean
  const { client, context } = conn;
  process.stdout.write(
    `\nbackend: kubeconfig, context ${context}, server ${client.serverUrl}; ${skipped.length} scenario(s) skipped on it${skipped.length ? ':' : ''}\n${skipped.map((s) => `  ${s}\n`).join('')}`,
  );
  if (createdNamespaces.size === 0) return;
  const deadline = Date.now() + 150_000;
  let left: string[] = [];
  try {
    do {
      const all = new Set((await client.list('Namespace')).map((n) => n.metadata.name!));
      left = [...createdNamespaces].filter((n) => all.has(n));
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    } while (Date.now() < deadline);
  } catch (e) {
    process.stderr.write(`warning: could not check that this run's namespaces are gone: ${(e as Error).message}\n`);
    return;
  }
  if (left.length)
    process.stderr.write(
      `warning: ${left.length} namespace(s) of this run are still being deleted: ${left.join(', ')} (see them with kubectl get ns -l ${RUN_LABEL})\n`,
    );
  // A run never leaves the cluster different from how it found it: what differs fails the run.
  const changed = await differencesSinceRunStart(conn);
  if (changed.length)
    throw new Error(
      `the run leaves the cluster of context ${context} different from how it found it (each scenario's cleanup should have undone this):\n  ${changed.join('\n  ')}`,
    );
});

/** `kubectl get pods -A -o wide` lines a placement failure attaches. */
export const MAX_SNAPSHOT_LINES = 20;

function attachSimulatorReport(world: KubeWorld, scenarioName: string, status: string | undefined): void {
  try {
    // A Buffer: cucumber's HTML report shows an image attached as a string as an error.
    world.attach(Buffer.from(renderPlacementSvg(placementOf(world.cluster.store), scenarioName)), {
      mediaType: 'image/svg+xml',
      fileName: 'placement.svg',
    });
  } catch (e) {
    world.attach(`placement picture: could not render: ${(e as Error).message}\n`, {
      mediaType: 'text/plain',
      fileName: 'placement-error.txt',
    });
  }
  if (status === Status.PASSED) {
    const scores = scoresForReport(world.cluster);
    if (scores) world.attach(scores, { mediaType: 'text/plain', fileName: 'scheduler-scores.txt' });
  } else if (status === Status.FAILED && explainedPods(world, world.cluster).size > 0) {
    const r = world.kubectl(['get', 'pods', '-A', '-o', 'wide'], false);
    world.attach(`$ ${r.command}\n${boundedLines(`${r.stdout}${r.stderr}`, MAX_SNAPSHOT_LINES)}`, {
      mediaType: 'text/plain',
      fileName: 'kubectl-get-pods.txt',
    });
  }
}
