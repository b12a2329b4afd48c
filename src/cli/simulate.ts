// `kube-scenarios simulate -f FILE [-f FILE ...] [--seed N] [-o json|yaml|wide]`: applies the
// documents of the files in order to an empty cluster (namespaces, no nodes), settling after each
// file, and prints where the pods ended up and why. Each file means what it means to the step `When I
// install "FILE"` (src/inventory/inventory.ts): its Nodes first, captured Nodes and bound Pods
// keep their status, the namespaces of namespaced objects are created when missing, and
// documents of kinds the simulator does not model (HorizontalPodAutoscaler, Ingress, RBAC,
// custom resources) are skipped with one warning on stderr. Bad input prints `error:
// <file>:<line>: <what is wrong>` and no result; the error is the first one found by checking
// every document of every file in order before applying any (a dry run against a bare API
// server: decoding, validation, defaulting, admission, references to earlier documents), which
// runs before anything is applied.
// Node manifests are stored as written, plus what a registering kubelet would report: a Ready
// condition when the manifest has none, allocatable = capacity when only capacity is given, and
// pods: 110 (kubelet's default maxPods) when neither lists pods.

import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'yaml';
import type { ManifestEntry } from '../api/manifest.ts';
import type { CoreEvent, Pod } from '../api/types.ts';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Cluster, type ClusterOptions } from '../cluster/cluster.ts';
import { podCells } from '../kubectl/printers.ts';
import type { SchedulingAttempt } from '../scheduler/attempt.ts';
import { ApiServer } from '../store/apiserver.ts';
import { ServiceAccountsController } from '../controllers/serviceaccounts.ts';
import { ObjectStore } from '../store/store.ts';
import { VirtualClock } from '../util/clock.ts';
import { Rng } from '../util/rng.ts';
import { UserError } from '../util/errors.ts';
import { applyEntry } from '../inventory/inventory.ts';
import { type Input, type InputOptions, loadInput, withInputOptions } from './input.ts';
import { type CliOutput, type CliResult, runProgram } from './command.ts';
import { NO_PROGRESS, type Progress, terminalProgress } from './progress.ts';

/**
 * simulate records no managedFields: its reports show no object's metadata.managedFields, and
 * recording them costs a large capture 65 % more CPU time and 75 % more memory (500 nodes and
 * 5,000 pods: 6.4 → 10.5 s, 227 → 395 MiB; docs/limitations.md).
 */
const MANAGED_FIELDS = false;

export interface SimulateOptions extends InputOptions {
  seed: number;
  output: 'json' | 'yaml' | 'wide';
  top?: number;
}

export interface SimulateReport {
  pods: { namespace: string; name: string; node: string | null; phase: string; status: string }[];
  events: { type: string; reason: string; object: string; message: string }[];
  scheduling: ReportAttempt[];
}

/** The contract's view of a SchedulingAttempt: the scheduler's record without its bookkeeping fields. */
export type ReportAttempt = Omit<SchedulingAttempt, 'filteredBy' | 'tied' | 'time'>;

export function parseTop(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a non-negative integer.');
  return Number(v);
}

export function parseSeed(v: string): number {
  if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError('must be an integer.');
  const n = Number(v);
  // Beyond 2^53 distinct seeds would collapse into one number (and the Rng's 32-bit mixing).
  if (!Number.isSafeInteger(n))
    throw new InvalidArgumentError(
      `must be an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}.`,
    );
  return n;
}

/** `progress`: where the run shows its phases (terminalProgress: stderr, when it is a terminal). */
export function simulateCommand(io: CliOutput, progress: () => Progress = terminalProgress): Command {
  return withInputOptions(
    new Command('simulate').description('apply manifests to an empty simulated cluster and report the scheduling'),
  )
    .option('--seed <n>', 'seed for every random choice', parseSeed, 1)
    .addOption(new Option('-o, --output <format>', 'output format').choices(['json', 'yaml', 'wide']).default('wide'))
    .option(
      '--top <n>',
      'with -o json|yaml: per scheduling attempt, list only the N best feasible nodes and N rejected nodes, and count the rest',
      parseTop,
    )
    .action((opts: SimulateOptions) => {
      writeSimulation(opts, io.out, io, progress());
    });
}

/** Runs `simulate` with its arguments (those after the word `simulate`), in-process; `progress` as a terminal would show it. */
export function runSimulate(argv: string[], progress: Progress = NO_PROGRESS): CliResult {
  return runProgram(
    (io) => {
      const program = new Command('kube-scenarios');
      program.addCommand(simulateCommand(io, () => progress));
      return program;
    },
    ['simulate', ...argv],
  );
}

/** Loads, checks, applies; returns what to print, in one string (for small inputs and tests; warnings go to `io.err`, phases to `progress`). Throws UserError for bad input. */
export function simulate(
  opts: SimulateOptions,
  io?: Pick<CliOutput, 'err'>,
  progress: Progress = NO_PROGRESS,
): { stdout: string; cluster: Cluster } {
  let stdout = '';
  const cluster = writeSimulation(
    opts,
    (t) => {
      stdout += t;
    },
    io,
    progress,
  );
  return { stdout, cluster };
}

/**
 * Loads, checks, applies and writes the result to `out` piece by piece: the output of a big
 * cluster can exceed what one string holds. Only `-o json|yaml` trace the scheduler's attempts,
 * and they are not kept: each is serialised as it is recorded, into a temporary file once large,
 * which is copied out after the pods and events (the contract's key order).
 */
export function writeSimulation(
  opts: SimulateOptions,
  out: (text: string) => void,
  io?: Pick<CliOutput, 'err'>,
  progress: Progress = NO_PROGRESS,
): Cluster {
  const format = opts.output;
  const separator = format === 'json' ? ',\n' : '';
  const spool = new Spool(separator);
  try {
    const input = loadInput(opts, io, progress);
    if (format === 'wide') {
      const cluster = applyInput(input, opts.seed, progress, { trace: false, managedFields: MANAGED_FIELDS });
      progress.phase('building the report');
      out(wideOutput(cluster));
      return cluster;
    }
    const cluster = applyInput(input, opts.seed, progress, {
      keepAttempts: false,
      traceTop: opts.top,
      managedFields: MANAGED_FIELDS,
      onAttempt: (a) => spool.add(reportElement(format, reportAttempt(a))),
    });
    progress.phase('building the report');
    const { pods, events } = reportPodsAndEvents(cluster);
    const list = (key: string, items: unknown[]) => {
      const elements = items.map((v) => reportElement(format, v));
      writeList(out, format, key, elements.length, () => out(elements.join(separator)));
    };
    list('pods', pods);
    list('events', events);
    writeList(out, format, 'scheduling', spool.count, () => spool.copyTo(out));
    if (format === 'json') out('\n}\n');
    return cluster;
  } finally {
    spool.close();
    progress.end();
  }
}

/** One list element as it stands in the report: JSON indented for its place, or a YAML `  - ` item. */
function reportElement(format: 'json' | 'yaml', v: unknown): string {
  if (format === 'json') return `    ${JSON.stringify(v, null, 2).replace(/\n/g, '\n    ')}`;
  return stringify([v], { lineWidth: 0 }).replace(/^(?=.)/gm, '  ');
}

/**
 * One list of the report as JSON.stringify(report, null, 2) or the yaml library writes it: `"key":
 * [ … ]` after the object's `{` (the first list, pods) or a comma, or `key:` and its `  - ` items;
 * `body` writes the `count` serialised elements (see reportElement) with their separators.
 */
function writeList(
  out: (text: string) => void,
  format: 'json' | 'yaml',
  key: string,
  count: number,
  body: () => void,
): void {
  if (format === 'json') out(`${key === 'pods' ? '{\n' : ',\n'}  "${key}": `);
  else out(`${key}:`);
  if (count === 0) {
    out(format === 'json' ? '[]' : ' []\n');
    return;
  }
  out(format === 'json' ? '[\n' : '\n');
  body();
  if (format === 'json') out('\n  ]');
}

/** Serialised report elements, in order, `separator` between them, in a temporary file once they pass `limit` characters. */
export class Spool {
  count = 0;
  private dir?: string;
  private fd?: number;
  private buffered: string[] = [];
  private size = 0;

  constructor(
    private readonly separator: string,
    private readonly limit = 4 << 20,
  ) {}

  add(element: string): void {
    this.buffered.push(this.count++ === 0 ? element : `${this.separator}${element}`);
    this.size += element.length;
    if (this.size > this.limit) this.flush();
  }

  private flush(): void {
    if (!this.buffered.length) return;
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'kube-scenarios-'));
      this.fd = openSync(join(this.dir, 'scheduling'), 'w+');
    }
    writeSync(this.fd, this.buffered.join(''));
    this.buffered = [];
    this.size = 0;
  }

  copyTo(out: (text: string) => void): void {
    if (this.fd === undefined) {
      out(this.buffered.join(''));
      return;
    }
    this.flush();
    const buf = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    for (let pos = 0, n: number; (n = readSync(this.fd, buf, 0, buf.length, pos)) > 0; pos += n)
      out(decoder.write(buf.subarray(0, n)));
    out(decoder.end());
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.fd = undefined;
    this.dir = undefined;
  }
}

/** loadInput, then applyInput. */
export function applyFiles(filenames: string[], seed: number): Cluster {
  return applyInput(loadInput({ filename: filenames }), seed);
}

/**
 * Applies the documents in order to an empty cluster, settling after each file (applyEntry); shared
 * with `explain`. The first error reported is always the one a dry run of every document against
 * a bare API server, before applying any, would report (else the cluster's own): the dry run
 * runs first, as it costs a fraction of applying (no settling) and an error in the last of
 * 60,000 documents is then found in seconds. The CLI's cluster is transient: a half-applied
 * cluster is never shown. Both phases are shown on `progress`.
 */
export function applyInput(
  { entries }: Input,
  seed: number,
  progress: Progress = NO_PROGRESS,
  tracing: Pick<
    ClusterOptions,
    'trace' | 'onAttempt' | 'keepAttempts' | 'traceTop' | 'clockStart' | 'managedFields'
  > = {},
): Cluster {
  checkDocuments(entries, seed, progress);
  const cluster = new Cluster({ seed, ...tracing });
  progress.phase('applying documents', entries.length);
  // One settle per file, after its last document, as `When I install` does: kubectl applies a
  // file's objects within milliseconds, before kube-scheduler's back-off retries a pending pod,
  // so the components see the whole file at once. (Settling after each document would also retry
  // every pending pod once per Node of a node list: pods × nodes cycles.)
  entries.forEach((e, i) => {
    applyEntry(cluster, e);
    if (i + 1 === entries.length || entries[i + 1].file !== e.file) cluster.settle();
    progress.update(i + 1);
  });
  return cluster;
}

/** The dry run: every document, in order, against a bare API server over its own store; throws the first error. */
export function checkDocuments(entries: ManifestEntry[], seed: number, progress: Progress = NO_PROGRESS): void {
  progress.phase('checking documents', entries.length);
  const clock = new VirtualClock();
  const store = new ObjectStore(clock, new Rng(seed, 1), new Rng(seed, 3), new Rng(seed, 4));
  const api = new ApiServer(store);
  // the ServiceAccount controller creates a namespace's `default` account when admission asks for it
  api.serviceAccounts = new ServiceAccountsController(api);
  const scratch = { api, store, clock };
  entries.forEach((e, i) => {
    applyEntry(scratch, e);
    progress.update(i + 1);
  });
}

function eventObject(e: CoreEvent): string {
  const o = e.involvedObject;
  return o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`;
}

export function mapAttempt(a: SchedulingAttempt): ReportAttempt {
  return structuredClone(reportAttempt(a));
}

/**
 * The contract's view of an attempt, sharing the attempt's lists (serialise it, or clone it).
 * `--top N` attempts come bounded from the scheduler (SchedulerOptions.traceTop) with `omitted`.
 */
function reportAttempt(a: SchedulingAttempt): ReportAttempt {
  // Key order is the contract's: pod, result, node, message, feasible, filtered, scores, total, preemption, omitted.
  const out: ReportAttempt = {
    pod: a.pod,
    result: a.result,
    node: a.node,
    ...(a.result === 'Unschedulable' && a.message !== undefined ? { message: a.message } : {}),
    feasible: a.feasible,
    filtered: a.filtered,
    scores: a.scores,
    total: a.total,
  };
  if (a.preemption) out.preemption = a.preemption;
  if (a.omitted) out.omitted = a.omitted;
  return out;
}

export function buildReport(cluster: Cluster): SimulateReport {
  return { ...reportPodsAndEvents(cluster), scheduling: cluster.scheduler.attempts.map(mapAttempt) };
}

function reportPodsAndEvents(cluster: Cluster): Omit<SimulateReport, 'scheduling'> {
  const pods = cluster.store.list<Pod>('Pod').map((p) => ({
    namespace: p.metadata.namespace ?? 'default',
    name: p.metadata.name!,
    node: p.spec.nodeName || null,
    phase: p.status?.phase ?? 'Pending',
    status: podCells(p, cluster.clock).status,
  }));
  // Oldest first; events of the same instant keep their creation order (resourceVersion).
  const events = cluster.store
    .list<CoreEvent>('Event')
    .sort(
      (a, b) =>
        cmp(a.firstTimestamp ?? '', b.firstTimestamp ?? '') ||
        Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
    )
    .map((e) => ({ type: e.type, reason: e.reason, object: eventObject(e), message: e.message }));
  return { pods, events };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `kubectl get pods -A -o wide`, then each unscheduled pod's latest FailedScheduling message. */
function wideOutput(cluster: Cluster): string {
  // Loaded on demand: only -o wide needs kubectl's command set. Named `.js`, the file the build
  // writes to lib/ (tsc rewrites the extensions of imports, not of require calls); tsx finds the
  // .ts source under that name.
  const { runKubectl } = require('../kubectl/kubectl.js') as typeof import('../kubectl/kubectl.ts');
  const r = runKubectl(cluster, ['get', 'pods', '-A', '-o', 'wide']);
  let out = r.stdout;
  if (r.exitCode !== 0) throw new UserError(r.stderr.replace(/^error: /, '').trim());
  if (r.stderr) out += r.stderr; // "No resources found"
  // The latest FailedScheduling event per pod (the report's event order: first seen, then creation).
  const latest = new Map<string, CoreEvent>();
  const later = (a: CoreEvent, b: CoreEvent) =>
    cmp(a.firstTimestamp ?? '', b.firstTimestamp ?? '') ||
    Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion);
  for (const e of cluster.store.values<CoreEvent>('Event')) {
    if (e.reason !== 'FailedScheduling' || e.involvedObject.kind !== 'Pod') continue;
    const key = `${e.involvedObject.namespace}/${e.involvedObject.name}`;
    const seen = latest.get(key);
    if (!seen || later(e, seen) > 0) latest.set(key, e);
  }
  const lines: string[] = [];
  for (const p of cluster.store.list<Pod>('Pod')) {
    const key = `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
    const e = latest.get(key);
    if (!p.spec.nodeName && e) lines.push(`${key}: FailedScheduling: ${e.message}`);
  }
  if (lines.length) out += `\n${lines.join('\n')}\n`;
  return out;
}
