// The kubectl differential test (issue 13): real kubectl 1.33 against `kube-scenarios serve`,
// and the simulator's own kubectl (src/kubectl) on the same cluster state, must print the same
// bytes (stdout, stderr, exit code) for every command of commands.ts. Read commands run on one
// state; a write runs on two copies of it (one served to the real kubectl, one for the
// simulator's). Ages: describe computes them from the client's clock, so before each read pair the
// virtual clock is brought to the wall clock and the pair is run again when the real kubectl's run
// crossed a second. Known differences (commands.ts KNOWN) are printed loudly, never passed
// silently. Without the kubectl 1.33 binary the test says so loudly; it then fails under CI=true.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { buildLabCluster } from '../../src/cluster/lab.ts';
import { runKubectl } from '../../src/kubectl/kubectl.ts';
import { shellSplit } from '../../src/kubectl/flags.ts';
import { startServer } from '../../src/apiserver/server.ts';
import { writeKubeconfig } from '../../src/apiserver/kubeconfig.ts';
import { findKubectl133, kubectlMissing } from './kubectl133.ts';
import { COMMANDS as ALL_COMMANDS, type DiffCommand, knownDifference } from './commands.ts';

/** DIFF_ONLY=<regexp>: run only the commands it matches (while working on some; the full run needs 150 pairs). */
const ONLY = process.env.DIFF_ONLY ? new RegExp(process.env.DIFF_ONLY) : undefined;
const COMMANDS = ONLY ? ALL_COMMANDS.filter((c) => ONLY.test(c.cmd)) : ALL_COMMANDS;

interface Output {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function realKubectl(bin: string, env: NodeJS.ProcessEnv, c: DiffCommand): Promise<Output> {
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      shellSplit(c.cmd),
      { env, maxBuffer: 64 << 20, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : -1
          : 0;
        resolve({ stdout, stderr, exitCode: code });
      },
    );
    child.stdin?.end(c.stdin ?? '');
  });
}

const STATE = readFileSync(join(__dirname, 'state.yaml'), 'utf8');
const HOUR = 3_600_000;

/** The lab cluster with state.yaml applied, built an hour ago and brought to the wall clock. */
function buildState(): Cluster {
  const cluster = buildLabCluster({ seed: 1, clockStart: Date.now() - HOUR });
  const r = runKubectl(cluster, 'apply -f -', { stdin: STATE });
  assert.equal(r.exitCode, 0, `state.yaml: ${r.stderr}`);
  cluster.advance(5 * 60_000);
  catchUp(cluster);
  return cluster;
}

function catchUp(cluster: Cluster): void {
  const behind = Date.now() - cluster.clock.now();
  if (behind > 0) cluster.advance(behind);
}

const sameSecond = (a: number, b: number) => Math.floor(a / 1000) === Math.floor(b / 1000);

function show(o: Output): string {
  return `exit ${o.exitCode}\n--- stdout\n${o.stdout}--- stderr\n${o.stderr}`;
}

/** The first differing line of two outputs, for the failure message. */
function firstDifference(a: Output, b: Output): string {
  if (a.exitCode !== b.exitCode) return `exit code: kubectl ${a.exitCode}, simulator ${b.exitCode}`;
  for (const stream of ['stdout', 'stderr'] as const) {
    const x = a[stream].split('\n'),
      y = b[stream].split('\n');
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      if (x[i] !== y[i])
        return `${stream} line ${i + 1}:\n  kubectl:   ${JSON.stringify(x[i])}\n  simulator: ${JSON.stringify(y[i])}`;
    }
  }
  return 'none';
}

const KUBECTL = findKubectl133();
/** Real kubectl processes run at once for the clock-independent reads. */
const PARALLEL = 4;

test('real kubectl 1.33 and the simulated kubectl print the same bytes over serve', { timeout: 900_000 }, async (t) => {
  if (!KUBECTL) {
    t.skip(kubectlMissing('differential test'));
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'kubectl-differential-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    TZ: 'UTC',
    KUBECACHEDIR: join(home, 'cache'),
    KUBECONFIG: '',
  } as NodeJS.ProcessEnv;
  const base = buildState();
  const server = await startServer(base, { speed: 0 });
  env.KUBECONFIG = writeKubeconfig(server.url, join(home, 'kubeconfig'));
  const failures: string[] = [];
  const known: string[] = [];
  const fixed: string[] = [];
  let pairs = 0;
  try {
    const record = (c: DiffCommand, real: Output, sim: Output) => {
      pairs++;
      const same = real.stdout === sim.stdout && real.stderr === sim.stderr && real.exitCode === sim.exitCode;
      const why = knownDifference(c);
      if (why !== undefined) {
        if (same) fixed.push(c.cmd);
        else known.push(`kubectl ${c.cmd}   [${why}]`);
      } else if (!same) {
        failures.push(
          `kubectl ${c.cmd}${c.stdin ? ` <<< ${JSON.stringify(c.stdin)}` : ''}\n${firstDifference(real, sim)}\n=== real kubectl 1.33:\n${show(real)}=== simulator:\n${show(sim)}`,
        );
      }
    };
    const simRead = (c: DiffCommand): Output => {
      const rv = base.store.resourceVersion();
      const sim = runKubectl(base, c.cmd, { stdin: c.stdin });
      assert.equal(
        base.store.resourceVersion(),
        rv,
        `"kubectl ${c.cmd}" changed the cluster: mark it mutates: true in commands.ts`,
      );
      return sim;
    };
    // Reads whose output does not depend on the client's clock (the server computes tables' ages), a few at a time.
    const parallel = COMMANDS.filter((c) => !c.mutates && !c.before && !c.cmd.startsWith('describe'));
    for (let i = 0; i < parallel.length; i += PARALLEL) {
      const batch = parallel.slice(i, i + PARALLEL);
      const reals = await Promise.all(batch.map((c) => realKubectl(KUBECTL, env, c)));
      batch.forEach((c, j) => record(c, reals[j], simRead(c)));
    }
    // describe prints ages from the client's clock: the virtual clock is brought to the wall clock
    // first. kubectl 1.33 also ranges over Go maps (a ConfigMap's or a Secret's data) in random
    // order, so a pair that differs (and is not a known difference) is run again, up to 5 times in all.
    for (const c of COMMANDS.filter((x) => !x.mutates && !x.before && x.cmd.startsWith('describe'))) {
      let real: Output;
      let sim: Output;
      for (let attempt = 0; ; attempt++) {
        catchUp(base);
        real = await realKubectl(KUBECTL, env, c);
        if (!sameSecond(base.clock.now(), Date.now()) && attempt < 4) continue;
        sim = simRead(c);
        const same = real.stdout === sim.stdout && real.stderr === sim.stderr;
        if (same || attempt === 4 || knownDifference(c) !== undefined) break;
      }
      record(c, real, sim);
    }
    /** The real kubectl's run of `c` on a copy of the state, served on its own port. */
    const realOn = async (served: Cluster, c: DiffCommand): Promise<Output> => {
      const s = await startServer(served, { speed: 0 });
      try {
        return await realKubectl(
          KUBECTL,
          { ...env, KUBECONFIG: writeKubeconfig(s.url, join(home, 'kubeconfig-copy')) },
          c,
        );
      } finally {
        await s.close();
      }
    };
    // Commands with a state of their own (`before`): two copies of the state, set up alike and
    // brought to one wall-clock instant (describe's ages), run like writes; again when the real
    // kubectl's run crossed a second.
    for (const c of COMMANDS.filter((x) => x.before)) {
      for (let attempt = 0; ; attempt++) {
        const served = base.clone();
        const mine = base.clone();
        for (const copy of [served, mine]) {
          for (const b of c.before!) {
            const r = runKubectl(copy, b.cmd, { stdin: b.stdin });
            assert.equal(r.exitCode, 0, `before "kubectl ${c.cmd}": kubectl ${b.cmd}: ${r.stderr}`);
          }
          copy.advance(c.settle ?? 10_000);
        }
        const now = Math.max(Date.now(), served.clock.now());
        for (const copy of [served, mine]) copy.advance(now - copy.clock.now());
        // describe's ages come from the client's clock: when the copies are ahead of it, wait for it.
        if (c.cmd.startsWith('describe') && now > Date.now()) await new Promise((r) => setTimeout(r, now - Date.now()));
        const real = await realOn(served, c);
        const end = Date.now();
        if (sameSecond(now, end) || attempt === 4) {
          // describe's ages are the client's: when the real kubectl kept crossing a second, the
          // simulator's describe is run at the instant the real one ended.
          if (!sameSecond(now, end) && c.cmd.startsWith('describe')) mine.advance(end - mine.clock.now());
          record(c, real, runKubectl(mine, c.cmd, { stdin: c.stdin }));
          break;
        }
      }
    }
    // Writes: two copies of one state; the real kubectl writes to one through its own server, the simulator's to the other.
    for (const c of COMMANDS.filter((x) => x.mutates && !x.before)) {
      const served = base.clone();
      const mine = base.clone();
      for (const setup of c.setup ?? [])
        for (const copy of [served, mine])
          assert.equal(runKubectl(copy, setup).exitCode, 0, `setup of "kubectl ${c.cmd}": kubectl ${setup}`);
      record(c, await realOn(served, c), runKubectl(mine, c.cmd, { stdin: c.stdin }));
    }
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nkubectl differential: ${pairs} command pairs, ${pairs - failures.length - known.length} identical, ${known.length} known differences, ${failures.length} unexpected differences\n`,
  );
  if (known.length) {
    process.stdout.write(
      `\n!!!!!!!! ${known.length} KNOWN DIFFERENCES between real kubectl 1.33 and the simulator (test/differential/commands.ts KNOWN):\n${known.map((k) => `!!  ${k}`).join('\n')}\n\n`,
    );
  }
  if (!ONLY) assert.ok(pairs >= 150, `only ${pairs} command pairs`);
  assert.deepEqual(
    fixed,
    [],
    'these known differences no longer differ: narrow KNOWN in test/differential/commands.ts',
  );
  assert.equal(failures.length, 0, `${failures.length} commands print differently:\n\n${failures.join('\n\n')}`);
});
