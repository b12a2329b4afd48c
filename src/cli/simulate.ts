// `kube-scenarios simulate -f FILE [-f FILE ...] [--seed N] [-o json|yaml|wide]`: applies the
// documents of the files in order to an empty cluster (namespaces, no nodes), settling after each,
// and prints where the pods ended up and why. Each file means what it means to the step `When I
// install "FILE"` (src/inventory/inventory.ts): its Nodes first, captured Nodes and bound Pods
// keep their status, the namespaces of namespaced objects are created when missing, and
// documents of kinds the simulator does not model (HorizontalPodAutoscaler, Ingress, RBAC,
// custom resources) are skipped with one warning on stderr. Bad input prints `error:
// <file>:<line>: <what is wrong>` and no result; the error is the first one found by checking
// every document of every file in order before applying any (a dry run against a bare API
// server: decoding, validation, defaulting, admission, references to earlier documents) — see
// applyFiles for when that dry run actually runs.
// Node manifests are stored as written, plus what a registering kubelet would report: a Ready
// condition when the manifest has none, allocatable = capacity when only capacity is given, and
// pods: 110 (kubelet's default maxPods) when neither lists pods.

import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'yaml';
import type { ManifestEntry } from '../api/manifest.ts';
import type { CoreEvent, Pod } from '../api/types.ts';
import { Cluster } from '../cluster/cluster.ts';
import { podCells } from '../kubectl/printers.ts';
import type { SchedulingAttempt } from '../scheduler/attempt.ts';
import { ApiServer } from '../store/apiserver.ts';
import { ObjectStore } from '../store/store.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import { UserError } from '../util/errors.ts';
import { applyEntry } from '../inventory/inventory.ts';
import { type Input, type InputOptions, loadInput, withInputOptions } from './input.ts';
import { type CliOutput, type CliResult, runProgram } from './command.ts';
import { NO_PROGRESS, type Progress, terminalProgress } from './progress.ts';

export interface SimulateOptions extends InputOptions { seed: number; output: 'json' | 'yaml' | 'wide' }

export interface SimulateReport {
  pods: { namespace: string; name: string; node: string | null; phase: string; status: string }[];
  events: { type: string; reason: string; object: string; message: string }[];
  scheduling: ReportAttempt[];
}

/** The contract's view of a SchedulingAttempt: the scheduler's record without its bookkeeping fields. */
export type ReportAttempt = Omit<SchedulingAttempt, 'filteredBy' | 'tied' | 'time'>;

export function parseSeed(v: string): number {
  if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError('must be an integer.');
  const n = Number(v);
  // Beyond 2^53 distinct seeds would collapse into one number (and the Rng's 32-bit mixing).
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`must be an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}.`);
  return n;
}

/** `progress`: where the run shows its phases (terminalProgress: stderr, when it is a terminal). */
export function simulateCommand(io: CliOutput, progress: () => Progress = terminalProgress): Command {
  return withInputOptions(new Command('simulate')
    .description('apply manifests to an empty simulated cluster and report the scheduling'))
    .option('--seed <n>', 'seed for every random choice', parseSeed, 1)
    .addOption(new Option('-o, --output <format>', 'output format').choices(['json', 'yaml', 'wide']).default('wide'))
    .action((opts: SimulateOptions) => {
      const { stdout } = simulate(opts, io, progress());
      io.out(stdout);
    });
}

/** Runs `simulate` with its arguments (those after the word `simulate`), in-process; `progress` as a terminal would show it. */
export function runSimulate(argv: string[], progress: Progress = NO_PROGRESS): CliResult {
  return runProgram((io) => {
    const program = new Command('kube-scenarios');
    program.addCommand(simulateCommand(io, () => progress));
    return program;
  }, ['simulate', ...argv]);
}

/** Loads, checks, applies; returns what to print (warnings go to `io.err`, phases to `progress`). Throws UserError for bad input. */
export function simulate(opts: SimulateOptions, io?: Pick<CliOutput, 'err'>, progress: Progress = NO_PROGRESS): { stdout: string; cluster: Cluster } {
  try {
    const cluster = applyInput(loadInput(opts, io, progress), opts.seed, progress);
    progress.phase('building the report');
    return { stdout: render(cluster, opts), cluster };
  } finally {
    progress.end();
  }
}

function render(cluster: Cluster, opts: SimulateOptions): string {
  const report = buildReport(cluster);
  let stdout: string;
  if (opts.output === 'json') stdout = JSON.stringify(report, null, 2) + '\n';
  else if (opts.output === 'yaml') stdout = stringify(report, { lineWidth: 0 });
  else stdout = wideOutput(cluster, report);
  return stdout;
}

/** loadInput, then applyInput. */
export function applyFiles(filenames: string[], seed: number): Cluster {
  return applyInput(loadInput({ filename: filenames }), seed);
}

/**
 * Applies the documents in order to an empty cluster, settling after each (applyEntry); shared
 * with `explain`. The first error reported is always the one a dry run of every document against
 * a bare API server, before applying any, would report (else the cluster's own): the dry run
 * runs first, as it costs a fraction of applying (no settling) and an error in the last of
 * 60,000 documents is then found in seconds. The CLI's cluster is transient: a half-applied
 * cluster is never shown. Both phases are shown on `progress`.
 */
export function applyInput({ entries }: Input, seed: number, progress: Progress = NO_PROGRESS): Cluster {
  checkDocuments(entries, seed, progress);
  const cluster = new Cluster({ seed });
  progress.phase('applying documents', entries.length);
  entries.forEach((e, i) => {
    applyEntry(cluster, e);
    cluster.settle();
    progress.update(i + 1);
  });
  return cluster;
}

/** The dry run: every document, in order, against a bare API server over its own store; throws the first error. */
export function checkDocuments(entries: ManifestEntry[], seed: number, progress: Progress = NO_PROGRESS): void {
  progress.phase('checking documents', entries.length);
  const clock = new VirtualClock();
  const store = new ObjectStore(clock, new Rng(seed, 1), new Rng(seed, 3), new Rng(seed, 4));
  const scratch = { api: new ApiServer(store), store, clock };
  entries.forEach((e, i) => { applyEntry(scratch, e); progress.update(i + 1); });
}

function eventObject(e: CoreEvent): string {
  const o = e.involvedObject;
  return o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`;
}

export function mapAttempt(a: SchedulingAttempt): ReportAttempt {
  // Key order is the contract's: pod, result, node, message, feasible, filtered, scores, total, preemption.
  const out: ReportAttempt = {
    pod: a.pod, result: a.result, node: a.node,
    ...(a.result === 'Unschedulable' && a.message !== undefined ? { message: a.message } : {}),
    feasible: [...a.feasible], filtered: structuredClone(a.filtered), scores: structuredClone(a.scores), total: { ...a.total },
  };
  if (a.preemption) out.preemption = { nominatedNode: a.preemption.nominatedNode, victims: [...a.preemption.victims] };
  return out;
}

export function buildReport(cluster: Cluster): SimulateReport {
  const pods = cluster.store.list<Pod>('Pod').map((p) => ({
    namespace: p.metadata.namespace ?? 'default',
    name: p.metadata.name!,
    node: p.spec.nodeName || null,
    phase: p.status?.phase ?? 'Pending',
    status: podCells(p, cluster.clock).status,
  }));
  // Oldest first; events of the same instant keep their creation order (resourceVersion).
  const events = cluster.store.list<CoreEvent>('Event')
    .sort((a, b) => cmp(a.firstTimestamp ?? '', b.firstTimestamp ?? '') || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => ({ type: e.type, reason: e.reason, object: eventObject(e), message: e.message }));
  return { pods, events, scheduling: cluster.scheduler.attempts.map(mapAttempt) };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `kubectl get pods -A -o wide`, then each unscheduled pod's latest FailedScheduling message. */
function wideOutput(cluster: Cluster, report: SimulateReport): string {
  // Loaded on demand: only -o wide needs kubectl's command set.
  const { runKubectl } = require('../kubectl/kubectl.ts') as typeof import('../kubectl/kubectl.ts');
  const r = runKubectl(cluster, ['get', 'pods', '-A', '-o', 'wide']);
  let out = r.stdout;
  if (r.exitCode !== 0) throw new UserError(r.stderr.replace(/^error: /, '').trim());
  if (r.stderr) out += r.stderr; // "No resources found"
  const latest = new Map<string, string>();
  for (const e of report.events) if (e.reason === 'FailedScheduling') latest.set(e.object, e.message);
  const lines: string[] = [];
  for (const p of report.pods) {
    const msg = latest.get(`Pod/${p.namespace}/${p.name}`);
    if (!p.node && msg !== undefined) lines.push(`${p.namespace}/${p.name}: FailedScheduling: ${msg}`);
  }
  if (lines.length) out += `\n${lines.join('\n')}\n`;
  return out;
}

