// `kube-scenarios explain POD -f FILE [-f FILE ...] [--seed N] [--top N]`: simulates the files as
// `simulate` does, then prints why the scheduler decided what it did for POD (`name` in the
// default namespace, or `namespace/name`) in its last scheduling attempt: every node with the
// plugin that rejected it and the reason, or its per-plugin normalized and weighted scores and
// the total; the winner, ties and the seed that broke them (src/report/explain.ts). `--top N`
// lists only the N best feasible nodes and summarises the rest, for large clusters.

import { Command, InvalidArgumentError } from 'commander';
import type { Pod } from '../api/types.ts';
import { renderExplain, explainInput } from '../report/explain.ts';
import { UserError } from '../util/errors.ts';
import type { CliOutput } from './command.ts';
import { applyInput, loadInput, parseSeed } from './simulate.ts';

export interface ExplainOptions { filename: string[]; seed: number; top?: number }

function parseTop(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a non-negative integer.');
  return Number(v);
}

export function explainCommand(io: CliOutput): Command {
  return new Command('explain')
    .description("simulate the files, then explain the scheduler's last decision for a pod, node by node")
    .argument('<pod>', 'the pod: NAME (namespace default) or NAMESPACE/NAME')
    .requiredOption('-f, --filename <file>', 'a multi-document YAML file (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--seed <n>', 'seed for every random choice', parseSeed, 1)
    .option('--top <n>', 'list only the N best feasible nodes and summarise the rest', parseTop)
    .action((pod: string, opts: ExplainOptions) => {
      io.out(`${explain(pod, opts, io)}\n`);
    });
}

/** Simulates the files and returns the explanation of `pod` (warnings go to `io.err`). Throws UserError for bad input. */
export function explain(pod: string, opts: ExplainOptions, io?: Pick<CliOutput, 'err'>): string {
  const m = /^(?:([^/]+)\/)?([^/]+)$/.exec(pod);
  if (!m) throw new UserError(`invalid pod "${pod}": expected NAME or NAMESPACE/NAME`);
  const [namespace, name] = [m[1] ?? 'default', m[2]];
  const cluster = applyInput(loadInput(opts.filename, io), opts.seed);
  if (!cluster.store.get<Pod>('Pod', namespace, name)) {
    const names = cluster.store.list<Pod>('Pod', namespace).map((p) => p.metadata.name).sort().join(', ') || '(none)';
    throw new UserError(`pods "${name}" not found in namespace ${namespace}; its pods are: ${names}`);
  }
  return renderExplain(explainInput(cluster, `${namespace}/${name}`), opts.top === undefined ? {} : { top: opts.top });
}
