// `kube-scenarios serve [--lab | -f FILE ...] [--port N] [--speed N] [--kubeconfig PATH] [--seed N]`:
// the Kubernetes API of a simulated cluster on 127.0.0.1 (src/apiserver/), so the real kubectl,
// client libraries and other tools drive it. Builds the lab cluster (the default) or applies the
// files as `simulate` does, writes a kubeconfig and prints `export KUBECONFIG=<path>`, then serves
// until interrupted. The cluster is built "in the past" and its clock brought to the wall clock, so
// objects' ages are right for clients that compute them from their own clock; from then on
// virtual time follows the wall clock × --speed.

import { Command, InvalidArgumentError, Option } from 'commander';
import type { Cluster } from '../cluster/cluster.ts';
import { STARTUP_WINDOW_MS } from '../cluster/cluster.ts';
import { buildLabCluster } from '../cluster/lab.ts';
import { type RunningServer, startServer } from '../apiserver/server.ts';
import { writeKubeconfig } from '../apiserver/kubeconfig.ts';
import type { CliOutput } from './command.ts';
import { UserError } from '../util/errors.ts';
import { loadInput } from './input.ts';
import { applyInput, parseSeed } from './simulate.ts';

export interface ServeOptions {
  filename?: string[];
  recursive?: boolean;
  lab?: boolean;
  port: number;
  speed: number;
  seed: number;
  kubeconfig?: string;
}

function parsePort(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 65535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535 (0 picks a free port).');
  return Number(v);
}

function parseSpeed(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1000)
    throw new InvalidArgumentError('must be a number from 0 to 1000 (virtual seconds per second; 0 stops the clock).');
  return n;
}

/** `live`: where the running server writes (after the command's action has returned): the process's own streams. */
export function serveCommand(
  io: CliOutput,
  live: CliOutput = {
    out: (t) => {
      process.stdout.write(t);
    },
    err: (t) => {
      process.stderr.write(t);
    },
  },
): Command {
  return new Command('serve')
    .description('serve the Kubernetes API of a simulated cluster on 127.0.0.1 for kubectl and client libraries')
    .option('--lab', 'the lab cluster of the reference notes (the default)')
    .option(
      '-f, --filename <file>',
      'build the cluster from a YAML or JSON file, a directory of them, or - for stdin (repeatable), as simulate does',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .addOption(
      new Option('-R, --recursive', 'read the subdirectories of the directories given with -f too').default(false),
    )
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 0)
    .option('--speed <n>', 'virtual seconds per wall-clock second (0 stops the clock)', parseSpeed, 1)
    .option('--seed <n>', 'seed for every random choice', parseSeed, 1)
    .option('--kubeconfig <path>', 'where to write the kubeconfig (default: a new temporary directory)')
    .action((opts: ServeOptions) => {
      const cluster = buildServedCluster(opts, io);
      // The server starts after the action returns; its errors (a port in use) end the process.
      startServed(cluster, opts, live).catch((e: Error) => {
        process.stderr.write(`error: cannot listen on 127.0.0.1:${opts.port}: ${e.message}\n`);
        process.exit(1);
      });
    });
}

/**
 * The cluster to serve: the lab, or the files applied, built with its clock started early enough
 * (each settle lets virtual time run at most STARTUP_WINDOW_MS) that it ends before the wall
 * clock, then brought to the wall clock.
 */
export function buildServedCluster(opts: ServeOptions, io?: Pick<CliOutput, 'err'>): Cluster {
  if (opts.lab && opts.filename?.length)
    throw new UserError(
      '--lab and -f cannot be used together: --lab serves the lab cluster, -f a cluster built from the files',
    );
  const now = Date.now();
  let cluster: Cluster;
  if (opts.filename?.length) {
    const input = loadInput({ filename: opts.filename, recursive: opts.recursive }, io);
    const files = new Set(input.entries.map((e) => e.file)).size;
    cluster = applyInput(input, opts.seed, undefined, { clockStart: now - STARTUP_WINDOW_MS * (files + 1) });
  } else {
    cluster = buildLabCluster({ seed: opts.seed, clockStart: now - STARTUP_WINDOW_MS * 3 });
  }
  const behind = Date.now() - cluster.clock.now();
  if (behind > 0) cluster.advance(behind);
  return cluster;
}

export async function startServed(
  cluster: Cluster,
  opts: Pick<ServeOptions, 'port' | 'speed' | 'kubeconfig' | 'filename'>,
  io: CliOutput,
): Promise<RunningServer> {
  const server = await startServer(cluster, { port: opts.port, speed: opts.speed });
  const path = writeKubeconfig(server.url, opts.kubeconfig);
  const what = opts.filename?.length ? `the cluster of ${opts.filename.join(', ')}` : 'the lab cluster';
  io.err(
    `serving ${what} (${cluster.store.count('Node')} nodes, ${cluster.store.count('Pod')} pods) on ${server.url}; virtual time runs at ${opts.speed}× the wall clock; Ctrl-C stops\n`,
  );
  io.out(`export KUBECONFIG=${path}\n`);
  return server;
}
