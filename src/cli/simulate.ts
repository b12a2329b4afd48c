// `kube-scenarios simulate -f FILE [-f FILE ...] [--seed N] [-o json|yaml|wide]`: applies the
// documents of the files in order to an empty cluster (namespaces, no nodes), settling after each,
// and prints where the pods ended up and why. Bad input prints `error: <file>:<line>: <what is
// wrong>` and no result; the error is the first one found by checking every document of every
// file in order before applying any (a dry run against a bare API server: decoding, validation,
// defaulting, admission, references to earlier documents) — see applyFiles for when that dry
// run actually runs.
// Node manifests are stored as written, plus what a registering kubelet would report: a Ready
// condition when the manifest has none, allocatable = capacity when only capacity is given, and
// pods: 110 (kubelet's default maxPods) when neither lists pods.

import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'yaml';
import { loadManifestFile, type ManifestEntry } from '../api/manifest.ts';
import type { CoreEvent, Node, Pod } from '../api/types.ts';
import { Cluster } from '../cluster/cluster.ts';
import { podCells } from '../kubectl/printers.ts';
import type { SchedulingAttempt } from '../scheduler/attempt.ts';
import { ApiServer } from '../store/apiserver.ts';
import { ApiError, invalidText } from '../store/errors.ts';
import { ObjectStore } from '../store/store.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import { UserError } from '../util/errors.ts';
import { ensureNodeStatus } from '../kubelet/registration.ts';
import { type CliOutput, type CliResult, runProgram } from './command.ts';
import { NO_PROGRESS, type Progress, terminalProgress } from './progress.ts';

export const SIMULATE_KINDS = ['Node', 'Namespace', 'PriorityClass', 'Service', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Pod'];

export interface SimulateOptions { filename: string[]; seed: number; output: 'json' | 'yaml' | 'wide' }

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

export function simulateCommand(io: CliOutput): Command {
  return new Command('simulate')
    .description('apply manifests to an empty simulated cluster and report the scheduling')
    .requiredOption('-f, --filename <file>', 'a multi-document YAML file (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--seed <n>', 'seed for every random choice', parseSeed, 1)
    .addOption(new Option('-o, --output <format>', 'output format').choices(['json', 'yaml', 'wide']).default('wide'))
    .action((opts: SimulateOptions) => {
      const { stdout } = simulate(opts);
      io.out(stdout);
    });
}

/** Runs `simulate` with its arguments (those after the word `simulate`), in-process. */
export function runSimulate(argv: string[]): CliResult {
  return runProgram((io) => {
    const program = new Command('kube-scenarios');
    program.addCommand(simulateCommand(io));
    return program;
  }, ['simulate', ...argv]);
}

/** Loads, checks, applies; returns what to print. Throws UserError for bad input. */
export function simulate(opts: SimulateOptions): { stdout: string; cluster: Cluster } {
  const cluster = applyFiles(opts.filename, opts.seed);
  const report = buildReport(cluster);
  let stdout: string;
  if (opts.output === 'json') stdout = JSON.stringify(report, null, 2) + '\n';
  else if (opts.output === 'yaml') stdout = stringify(report, { lineWidth: 0 });
  else stdout = wideOutput(cluster, report);
  return { stdout, cluster };
}

/**
 * Loads the files and applies them in order to an empty cluster, settling after each; shared with
 * `explain`. The first error reported is always the one a dry run of every document against a
 * bare API server, before applying any, would report (else the cluster's own). That dry run is
 * only run when its answer can differ from the cluster's:
 * - before the cluster's components have created or deleted an object (or changed one that is
 *   not a Pod or Node), the cluster's API server answers each create as the bare one would: both
 *   hold the same objects of the documents so far, the same PriorityClasses and Namespaces, and
 *   their random streams (generated names) are at the same point. Creating a Node differs only
 *   in the times of the Ready condition ensureNodeStatus adds, which nothing checks. Events
 *   cannot collide with a document (not a kind simulate reads) and draw no names.
 * - so the dry run runs when the cluster fails (its error, or the dry run's if that fails first,
 *   is reported) or when a component's write makes the two differ with documents left to apply.
 * The CLI's cluster is transient: a half-applied cluster is never shown. On a terminal, large
 * inputs show a progress line on stderr.
 */
export function applyFiles(filenames: string[], seed: number): Cluster {
  const entries: ManifestEntry[] = filenames.flatMap((f) => loadManifestFile(f));
  for (const e of entries) {
    if (!SIMULATE_KINDS.includes(e.object.kind)) {
      throw new UserError(`${e.file}:${e.lineOf('kind')}: not supported yet: kind ${e.object.kind} in simulate — use ${SIMULATE_KINDS.join(', ')}`);
    }
  }
  const progress = terminalProgress(entries.length);
  const cluster = new Cluster({ seed });
  let checked = false;
  const checkAll = () => { checkDocuments(entries, seed, progress); checked = true; };
  // Writes of the cluster's components that can make its API server answer differently from the bare one.
  let creating = false;
  let diverged = false;
  const unwatch = cluster.store.watch((e) => {
    if (e.object.kind === 'Event') return;
    if (creating && e.type === 'ADDED') { creating = false; return; } // the document's own object
    if (e.type !== 'MODIFIED' || (e.object.kind !== 'Pod' && e.object.kind !== 'Node')) diverged = true;
  });
  try {
    progress.phase('applying documents', entries.length);
    entries.forEach((e, i) => {
      try {
        creating = true;
        createFrom(cluster, e);
        creating = false;
        cluster.settle();
      } catch (err) {
        if (!checked) checkAll();
        throw err;
      }
      if (diverged && !checked && i + 1 < entries.length) {
        checkAll();
        progress.phase('applying documents', entries.length);
      }
      progress.update(i + 1);
    });
    return cluster;
  } finally {
    unwatch();
    progress.end();
  }
}

/** The dry run: every document, in order, against a bare API server over its own store; throws the first error. */
export function checkDocuments(entries: ManifestEntry[], seed: number, progress: Progress = NO_PROGRESS): void {
  progress.phase('checking documents', entries.length);
  const clock = new VirtualClock();
  const scratch = { api: new ApiServer(new ObjectStore(clock, new Rng(seed, 1), new Rng(seed, 3), new Rng(seed, 4))), clock };
  entries.forEach((e, i) => { createFrom(scratch, e); progress.update(i + 1); });
}

/** Where non-field API errors point: the namespace that is missing, the name that exists, ... */
const FIELD_FOR_REASON: Partial<Record<ApiError['reason'], string>> = {
  NotFound: 'metadata.namespace',
  AlreadyExists: 'metadata.name',
  Forbidden: 'spec.priorityClassName',
};

function createFrom(cluster: { api: ApiServer; clock: VirtualClock }, e: ManifestEntry): void {
  const obj = e.object.kind === 'Node' ? ensureNodeStatus(e.object as Node, cluster) : e.object;
  try {
    cluster.api.create(obj);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const line = e.lineOf(err.fieldErrors.length ? err.fieldErrors[0].field : FIELD_FOR_REASON[err.reason] ?? '');
    const message = err.reason === 'Invalid' ? invalidText(err) : err.message;
    throw new UserError(`${e.file}:${line}: ${message}`);
  }
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

