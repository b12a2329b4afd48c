// `npm run scenarios:real`: the features through the kubeconfig backend against `kube-scenarios
// serve`, with the real kubectl on PATH, compared scenario by scenario with the simulator's run.
// 1. the simulator's run (cucumber -p default, JSON report), then the scenarios whose step texts
//    build nodes of their own (`Given a cluster with nodes:`) on an empty serve where the backend
//    creates their nodes (createNodes) — while 2 runs;
// 2. SHARDS × serve --lab in this process (virtual time at SPEED× the wall clock), and the features
//    through the kubeconfig backend (-p real, allowDestructive: the serves are thrown away after)
//    with `cucumber-js --parallel SHARDS`: each worker runs against a serve of its own (world
//    parameter kubeconfigs), and takes the next scenario when it is done with one, so the slow
//    scenarios (rollouts waiting out readiness probes at the wall clock's pace) spread by themselves;
// 3. a scenario that 2 skipped for want of its own nodes and 1 did not run, on an empty serve;
// 4. the comparison: reports/real-comparison.md, and a summary on stdout (the three runs' cucumber
//    JSON reports stay beside it: real-simulator.json, real-serve-lab.json, real-serve-own-nodes.json). The exit code is 1 when a
//    scenario that ran on both has a different outcome.
// `npm run scenarios:real -- features/x.feature` runs only those paths. Without kubectl on PATH the
// run says so and fails.

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { type RunningServer, startServer } from '../src/apiserver/server.ts';
import { writeKubeconfig } from '../src/apiserver/kubeconfig.ts';
import { buildServedCluster } from '../src/cli/serve.ts';
import { createEmptyCluster } from '../src/cluster/bootstrap.ts';
import { STARTUP_WINDOW_MS } from '../src/cluster/cluster.ts';
import {
  compareOutcomes,
  outcomesOf,
  renderComparison,
  type ScenarioOutcome,
  scenariosWithStep,
} from '../src/backends/outcomes.ts';

const ROOT = resolve(__dirname, '..');
/** Virtual seconds per wall-clock second on serve: 1, as on a real cluster (kubectl wait/rollout --timeout and ages are wall-clock time). */
export const SPEED = 1;
/** Clusters (serve --lab) and cucumber workers of step 2. */
export const SHARDS = 3;
/** How long a Then-step polls before it fails (seconds). */
const TIMEOUT_SECONDS = 30;
const REPORTS = join(ROOT, 'reports');
/**
 * The step texts that build a cluster of the scenario's own nodes (steps/cluster.steps.ts
 * clusterWithNodes and nodesFromFile, in English and Korean: steps/ko.steps.ts): those scenarios run
 * on an empty serve while the lab runs the rest; one these miss is skipped on the lab (NEEDS_OWN_NODES)
 * and run on an empty serve after it.
 */
const OWN_NODES_STEPS = [
  /^a cluster with nodes:$/,
  /^the nodes from "/,
  /^다음 노드로 이루어진 클러스터가 있다:$/,
  /파일의 노드로 이루어진 클러스터가 있다$/,
];
/** The skip reason of scenarios whose nodes the lab does not have (steps/lib/kubeconfig-backend.ts useNodes). */
const NEEDS_OWN_NODES = 'needs a cluster of exactly its nodes';

function onPath(bin: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => existsSync(join(d, bin)));
}

/** Runs cucumber-js; with `log`, its output goes to that file (a run beside another one). */
function cucumber(args: string[], env: NodeJS.ProcessEnv, log?: string): Promise<number> {
  return new Promise((done) => {
    const out = log ? openSync(log, 'w') : 'inherit';
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/@cucumber/cucumber/bin/cucumber.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', out, out],
    });
    child.on('exit', (code) => {
      if (typeof out === 'number') closeSync(out);
      done(code ?? 1);
    });
  });
}

const readOutcomes = (file: string): ScenarioOutcome[] => outcomesOf(JSON.parse(readFileSync(file, 'utf8')));

async function serve(cluster: ReturnType<typeof buildServedCluster>, dir: string, name: string) {
  const server: RunningServer = await startServer(cluster, { speed: SPEED });
  return { server, kubeconfig: writeKubeconfig(server.url, join(dir, name)) };
}

/** A serve without nodes (the backend creates a scenario's nodes: createNodes), its clock at the wall clock's. */
function emptyServe(dir: string, name: string) {
  const empty = createEmptyCluster({ seed: 1, clockStart: Date.now() - STARTUP_WINDOW_MS });
  empty.advance(Math.max(0, Date.now() - empty.clock.now()));
  return serve(empty, dir, name);
}

async function main(): Promise<number> {
  const paths = process.argv.slice(2);
  if (!onPath('kubectl')) {
    process.stderr.write(
      'error: no kubectl on PATH: the kubeconfig backend runs the real kubectl (install kubectl 1.33)\n',
    );
    return 1;
  }
  mkdirSync(REPORTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'kube-scenarios-real-run-'));
  const simJson = join(REPORTS, 'real-simulator.json');
  const realJson = join(REPORTS, 'real-serve-lab.json');
  const ownNodesJson = join(REPORTS, 'real-serve-own-nodes.json');
  const started = Date.now();
  const realParams = (extra: object) =>
    JSON.stringify({ cluster: 'kubeconfig', timeoutSeconds: TIMEOUT_SECONDS, allowDestructive: true, ...extra });
  const ownNodesRun = async (ids: string[], json: string, name: string) => {
    const bare = await emptyServe(dir, name);
    try {
      await cucumber(
        [
          '-p',
          'default',
          '-p',
          'real',
          '--world-parameters',
          realParams({ createNodes: true }),
          '--format',
          `json:${json}`,
          ...ids,
        ],
        { KUBECONFIG: bare.kubeconfig },
        join(dir, `${name}.txt`),
      );
    } finally {
      await bare.server.close();
    }
    const log = readFileSync(join(dir, `${name}.txt`), 'utf8');
    process.stdout.write(
      `(${ids.length} scenario(s) with nodes of their own, on an empty serve: ${log.trimEnd().split('\n').at(-1)})\n`,
    );
    if (!/ 0 failed/.test(log.trimEnd().split('\n').at(-1) ?? '')) process.stdout.write(log); // its failures in full
    return readOutcomes(json);
  };
  try {
    process.stdout.write(
      `== the simulator, then the scenarios with nodes of their own on an empty serve; beside them kube-scenarios serve --lab ×${SHARDS} (speed ${SPEED}) through the kubeconfig backend and the real kubectl (cucumber --parallel ${SHARDS}, a serve per worker)\n`,
    );
    const labs = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) =>
        serve(buildServedCluster({ lab: true, port: 0, speed: SPEED, seed: 1 }), dir, `lab-kubeconfig-${i}`),
      ),
    );
    let ownNodes: ScenarioOutcome[] = [];
    let predicted: string[] = [];
    let labExit = 0;
    try {
      const simLog = join(dir, 'simulator.txt');
      await Promise.all([
        cucumber(['-p', 'default', '--format', `json:${simJson}`, ...paths], {}, simLog).then(async () => {
          process.stdout.write(`(the simulator: ${readFileSync(simLog, 'utf8').trimEnd().split('\n').at(-1)})\n`);
          predicted = scenariosWithStep(JSON.parse(readFileSync(simJson, 'utf8')), OWN_NODES_STEPS);
          if (predicted.length) ownNodes = await ownNodesRun(predicted, ownNodesJson, 'empty-kubeconfig');
        }),
        cucumber(
          [
            '-p',
            'default',
            '-p',
            'real',
            '--parallel',
            String(SHARDS),
            '--world-parameters',
            realParams({ kubeconfigs: labs.map((l) => l.kubeconfig) }),
            '--format',
            `json:${realJson}`,
            ...paths,
          ],
          {},
        ).then((code) => {
          labExit = code;
        }),
      ]);
    } finally {
      await Promise.all(labs.map((l) => l.server.close()));
    }
    let real = readOutcomes(realJson);
    // Scenarios the lab skipped for want of their own nodes that the step texts above did not predict.
    const missed = real
      .filter((r) => r.outcome === 'skipped' && r.detail?.includes(NEEDS_OWN_NODES) && !predicted.includes(r.id))
      .map((r) => r.id);
    if (missed.length)
      ownNodes.push(...(await ownNodesRun(missed, join(REPORTS, 'real-serve-own-nodes-2.json'), 'empty-kubeconfig-2')));
    const again = new Map(ownNodes.map((o) => [o.id, o]));
    real = real.map((r) => again.get(r.id) ?? r);

    const c = compareOutcomes(readOutcomes(simJson), real);
    const seconds = Math.round((Date.now() - started) / 1000);
    const page = renderComparison(
      c,
      `backend: kubeconfig, against kube-scenarios serve (the lab ×${SHARDS}, a cucumber worker each; an empty cluster for scenarios with nodes of their own), virtual time ${SPEED}× the wall clock, real kubectl from PATH; ${seconds} s in all`,
    );
    writeFileSync(join(REPORTS, 'real-comparison.md'), page);
    process.stdout.write(
      `\nreal cluster (serve) vs simulator: ${c.same.length} same, ${c.differ.length} different, ${c.skipped.length} skipped as simulator-only or not portable (reports/real-comparison.md; ${seconds} s)\n`,
    );
    for (const d of c.differ)
      process.stdout.write(
        `  DIFFERENT ${d.id} ${d.name}: simulator ${d.simulator}, real ${d.outcome}${d.detail ? `\n    ${d.detail}` : ''}\n`,
      );
    for (const m of c.missing) process.stdout.write(`  IN ONE RUN ONLY ${m}\n`);
    // A real run that failed with no failed scenario failed outside them: its end-of-run check
    // (steps/hooks.ts: the cluster is not as the run found it), shown in its output above.
    const outside = labExit !== 0 && !real.some((r) => r.outcome === 'failed');
    if (outside)
      process.stdout.write(
        `  the run on the lab failed outside its scenarios (exit ${labExit}): see its output above\n`,
      );
    return c.differ.length || c.missing.length || outside ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
