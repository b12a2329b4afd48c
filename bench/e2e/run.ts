// End-to-end benchmarks: the CLI's own path — read the YAML, apply, settle, write the report —
// on generated captures (capture.ts) of 500, 5,000 and 15,000 nodes with ten pods per node, and
// the same at 1,250 / 2,500 / 5,000 nodes for the scaling ratio. Each case runs
// `bin/kube-scenarios simulate -f nodes.yaml -f workload.yaml [-o …]` as a user would, in a
// process of its own with stdout to a file; the wall time includes Node's start-up and the
// parsing, and the peak RSS and CPU time come from its processes (rusage.cjs).
//
// Rows (reports/bench.json): case, nodes, pods (in the output), boundPods, seconds,
// podsPerSecond (bound pods per wall second), cpuSeconds, peakRssMiB, outputMiB, output, quick.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCapture } from './capture.ts';

const ROOT = join(__dirname, '..', '..');

export interface E2ECase {
  name: string;
  nodes: number;
  pods: number;
  /** simulate's arguments after the files. */
  args: string[];
}

export interface E2EResult {
  case: string;
  nodes: number;
  pods: number;
  boundPods: number;
  seconds: number;
  podsPerSecond: number;
  cpuSeconds: number;
  peakRssMiB: number;
  outputMiB: number;
  output: string;
  quick: boolean;
  /** Set when the CLI failed: its exit code and the end of its stderr. */
  error?: string;
}

export function e2eCases(quick: boolean): E2ECase[] {
  const s = (n: number): number => (quick ? Math.round(n / 10) : n);
  const mk = (name: string, nodes: number, args: string[] = []): E2ECase => ({
    name,
    nodes: s(nodes),
    pods: s(nodes) * 10,
    args,
  });
  return [
    mk('E2E-500', 500),
    mk('E2E-500/json', 500, ['-o', 'json']),
    mk('E2E-500/json-top3', 500, ['-o', 'json', '--top', '3']),
    mk('E2E-5k', 5000),
    mk('E2E-5k/json-top3', 5000, ['-o', 'json', '--top', '3']),
    mk('E2E-15k', 15000),
    // scaling: nodes and pods double together
    ...[1250, 2500, 5000].map((n) => mk(`Scaling/E2E/${s(n)}Nodes`, n)),
  ];
}

/** Generates the capture (not timed), runs the CLI on it, reads what it printed. */
export function runE2E(c: E2ECase, quick: boolean): E2EResult {
  const dir = mkdtempSync(join(tmpdir(), 'kube-scenarios-e2e-'));
  try {
    const files = writeCapture(dir, { nodes: c.nodes, pods: c.pods });
    const out = join(dir, 'out');
    const rusage = join(dir, 'rusage.json');
    const fd = openSync(out, 'w');
    const t0 = process.hrtime.bigint();
    const preload = `--require ${JSON.stringify(join(__dirname, 'rusage.cjs'))}`;
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'kube-scenarios'), 'simulate', '-f', files.nodes, '-f', files.workload, ...c.args],
      {
        stdio: ['ignore', fd, 'pipe'],
        maxBuffer: 64 << 20,
        env: {
          ...process.env,
          KUBE_SCENARIOS_RUSAGE: rusage,
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim(),
        },
      },
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    closeSync(fd);
    // every process of the run: the peak of their RSS, the sum of their CPU time
    const processes = readFileSync(rusage, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { maxRSSKiB: number; userSeconds: number; systemSeconds: number });
    const usage = {
      maxRSSKiB: Math.max(...processes.map((p) => p.maxRSSKiB)),
      userSeconds: processes.reduce((n, p) => n + p.userSeconds, 0),
      systemSeconds: processes.reduce((n, p) => n + p.systemSeconds, 0),
    };
    const json = c.args.includes('json');
    const { pods, bound } = r.status === 0 ? (json ? countJson(out) : countWide(out)) : { pods: 0, bound: 0 };
    return {
      case: c.name,
      nodes: c.nodes,
      pods,
      boundPods: bound,
      seconds: round(seconds, 3),
      podsPerSecond: round(bound / seconds, 1),
      cpuSeconds: round(usage.userSeconds + usage.systemSeconds, 3),
      peakRssMiB: Math.round(usage.maxRSSKiB / 1024),
      outputMiB: round(statSync(out).size / (1 << 20), 1),
      output: json ? 'json' : 'wide',
      quick,
      ...(r.status === 0
        ? {}
        : { error: `exit ${r.status ?? r.signal}: ${r.stderr.toString().trim().split('\n').slice(-3).join(' | ')}` }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Pods in `kubectl get pods -A -o wide` output, and those with a node (the NODE column's offset in the header). */
function countWide(file: string): { pods: number; bound: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines[0].indexOf(' NODE ') + 1;
  let pods = 0,
    bound = 0;
  for (let i = 1; i < lines.length && lines[i] !== ''; i++) {
    pods++;
    if (!lines[i].startsWith('<none>', at)) bound++;
  }
  return { pods, bound };
}

/** The same from `-o json`: only the "pods" list at its start is read. */
function countJson(file: string): { pods: number; bound: number } {
  const fd = openSync(file, 'r');
  try {
    let text = '';
    const buf = Buffer.alloc(1 << 20);
    for (
      let pos = 0, n: number;
      !text.includes('\n  "events": ') && (n = readSync(fd, buf, 0, buf.length, pos)) > 0;
      pos += n
    )
      text += buf.toString('utf8', 0, n);
    const podsPart = text.slice(0, text.indexOf(',\n  "events": '));
    const { pods } = JSON.parse(`${podsPart}}`) as { pods: { node: string | null }[] };
    return { pods: pods.length, bound: pods.filter((p) => p.node !== null).length };
  } finally {
    closeSync(fd);
  }
}
