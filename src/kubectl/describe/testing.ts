// The fixture of the describers' golden tests: the lab cluster with testdata/state.yaml applied,
// built and aged exactly as scripts/describe-goldens.ts built it when real kubectl 1.33 printed
// testdata/goldens.json over `kube-scenarios serve` (so ages and generated names agree), once per
// process.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster } from '../../cluster/cluster.ts';
import { buildLabCluster } from '../../cluster/lab.ts';
import { runKubectl } from '../kubectl.ts';

export const TESTDATA = join(__dirname, 'testdata');

export interface Goldens {
  /** The virtual clock's start (ms): ten hours before `at`'s hour, so ages print in whole hours. */
  clockStart: number;
  /** The wall clock (ms) when real kubectl printed the outputs. */
  at: number;
  /** command → stdout of real kubectl 1.33. */
  outputs: Record<string, string>;
}

/** The lab cluster with the state applied at `clockStart`, five minutes of settling, then the clock at `at`. */
export function buildDescribeState(clockStart: number, at: number): Cluster {
  const cluster = buildLabCluster({ seed: 1, clockStart });
  const r = runKubectl(cluster, 'apply -f -', { stdin: readFileSync(join(TESTDATA, 'state.yaml'), 'utf8') });
  if (r.exitCode !== 0) throw new Error(`testdata/state.yaml: ${r.stderr}`);
  cluster.advance(5 * 60_000);
  cluster.advance(at - cluster.clock.now());
  return cluster;
}

let cached: { goldens: Goldens; cluster: Cluster } | undefined;

/** The goldens and the cluster they describe. */
export function describeFixture(): { goldens: Goldens; cluster: Cluster } {
  if (!cached) {
    const goldens = JSON.parse(readFileSync(join(TESTDATA, 'goldens.json'), 'utf8')) as Goldens;
    cached = { goldens, cluster: buildDescribeState(goldens.clockStart, goldens.at) };
  }
  return cached;
}

/** The simulator's `kubectl <cmd>` stdout beside real kubectl's, for assert.equal. */
export function describePair(cmd: string): { sim: string; real: string } {
  const { goldens, cluster } = describeFixture();
  const real = goldens.outputs[cmd];
  if (real === undefined) throw new Error(`no golden for "${cmd}": add it to scripts/describe-goldens.ts and run it`);
  const r = runKubectl(cluster, cmd);
  if (r.exitCode !== 0) throw new Error(`kubectl ${cmd}: ${r.stderr}`);
  return { sim: r.stdout, real };
}
