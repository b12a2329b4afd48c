// `kube-scenarios explain TARGET -f FILE [-f FILE ...] [-R] [-n NS] [--seed N] [--top N]`:
// simulates the files as `simulate` does, then prints why the scheduler decided what it did in
// its last scheduling attempt (src/report/explain.ts): every node with the plugin that rejected
// it and the reason, or its per-plugin normalized and weighted scores and the total; the winner,
// ties and the seed that broke them. `--top N` lists only the N best feasible nodes and
// summarises the rest, for large clusters.
// TARGET is a pod — NAME, NAMESPACE/NAME or pod/NAME, in namespace -n (default: default) — or a
// controller of pods as kubectl names it, TYPE/NAME (deployment/web, sts/db, ...): its live pods
// are grouped by outcome (scheduled to the same node, or unschedulable with the same message, or
// never attempted) and each group gets the table of its first pod by name, under a line naming
// the group's pods.

import { Command } from 'commander';
import { KINDS, qualifiedPlural, resolveResource, type KindInfo } from '../api/kinds.ts';
import type { Pod } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { podsOf } from '../controllers/common.ts';
import { renderExplain, explainInput, type ExplainOptions as RenderOptions } from '../report/explain.ts';
import { UserError } from '../util/errors.ts';
import type { CliOutput } from './command.ts';
import { NO_PROGRESS, type Progress, terminalProgress } from './progress.ts';
import { applyInput, parseSeed, parseTop } from './simulate.ts';
import { type InputOptions, loadInput, withInputOptions } from './input.ts';

export interface ExplainOptions extends InputOptions {
  seed: number;
  top?: number;
  namespace?: string;
}

/** The kinds whose pods explain follows (their controllers create pods). */
const CONTROLLERS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'];

/** `progress`: where the run shows its phases (terminalProgress: stderr, when it is a terminal). */
export function explainCommand(io: CliOutput, progress: () => Progress = terminalProgress): Command {
  return withInputOptions(
    new Command('explain')
      .description(
        "simulate the files, then explain the scheduler's last decision for a pod (or each of a controller's pods), node by node",
      )
      .argument(
        '<target>',
        'the pod: NAME, NAMESPACE/NAME or pod/NAME; or TYPE/NAME of a deployment, replicaset, statefulset, daemonset, job or replicationcontroller',
      ),
  )
    .option('-n, --namespace <ns>', 'the namespace of the target (default: default)')
    .option('--seed <n>', 'seed for every random choice', parseSeed, 1)
    .option('--top <n>', 'list only the N best feasible nodes and summarise the rest', parseTop)
    .action((target: string, opts: ExplainOptions) => {
      io.out(`${explain(target, opts, io, progress())}\n`);
    });
}

interface Target {
  kind: KindInfo;
  namespace: string;
  name: string;
}

/** `web`, `ns/web`, `pod/web`, `deployment/web`, `deploy.apps/web`: TYPE/NAME when the first part names a resource. */
export function parseTarget(text: string, namespace: string | undefined): Target {
  const parts = text.split('/');
  if (parts.length > 2 || parts.some((p) => p === ''))
    throw new UserError(`invalid target "${text}": expected NAME, NAMESPACE/NAME or TYPE/NAME (e.g. deployment/web)`);
  const pod = KINDS.find((k) => k.kind === 'Pod')!;
  if (parts.length === 1) return { kind: pod, namespace: namespace ?? 'default', name: parts[0] };
  const [first, name] = parts;
  const kind = resolveResource(first);
  if (kind) {
    if (kind.kind !== 'Pod' && !CONTROLLERS.includes(kind.kind)) {
      throw new UserError(
        `cannot explain ${first}/${name}: explain takes a pod or a controller of pods (deployment, replicaset, statefulset, daemonset, job, replicationcontroller)`,
      );
    }
    return { kind, namespace: namespace ?? 'default', name };
  }
  if (namespace !== undefined && namespace !== first)
    throw new UserError(`invalid target "${text}": its namespace ${first} differs from -n ${namespace}`);
  return { kind: pod, namespace: first, name };
}

/** Simulates the files and returns the explanation of the target (warnings go to `io.err`, phases to `progress`). Throws UserError for bad input. */
export function explain(
  target: string,
  opts: ExplainOptions,
  io?: Pick<CliOutput, 'err'>,
  progress: Progress = NO_PROGRESS,
): string {
  const t = parseTarget(target, opts.namespace);
  let cluster: Cluster;
  try {
    // only the explained pods' cycles keep their per-node detail (a controller's: its namespace's)
    const prefix = `${t.namespace}/`;
    const trace =
      t.kind.kind === 'Pod' ? (k: string) => k === `${prefix}${t.name}` : (k: string) => k.startsWith(prefix);
    // (no managedFields: explain shows none, and they cost time on a large capture)
    cluster = applyInput(loadInput(opts, io, progress), opts.seed, progress, { trace, managedFields: false });
  } finally {
    progress.end();
  }
  const render: RenderOptions = opts.top === undefined ? {} : { top: opts.top };
  if (!cluster.store.get(t.kind.kind, t.namespace, t.name)) {
    const names =
      cluster.store
        .list(t.kind.kind, t.namespace)
        .map((o) => o.metadata.name)
        .sort()
        .join(', ') || '(none)';
    throw new UserError(
      `${qualifiedPlural(t.kind)} "${t.name}" not found in namespace ${t.namespace}; its ${t.kind.plural} are: ${names}`,
    );
  }
  if (t.kind.kind === 'Pod') return renderExplain(explainInput(cluster, `${t.namespace}/${t.name}`), render);
  return explainController(cluster, t, render);
}

/** The outcome of a pod's last attempt, which groups pods in explainController: its title, and the message that also sets unschedulable pods apart. */
function outcomeOf(cluster: Cluster, key: string): [title: string, message: string] {
  const a = cluster.scheduler.lastAttempt(key);
  if (!a) return ['no scheduling attempt', ''];
  return a.result === 'Scheduled' ? [`Scheduled to ${a.node}`, ''] : ['Unschedulable', a.message ?? ''];
}

function explainController(cluster: Cluster, t: Target, render: RenderOptions): string {
  const what = `${t.kind.singular} ${t.namespace}/${t.name}`;
  const pods = podsOf(cluster.store, { kind: t.kind.kind, namespace: t.namespace, name: t.name })
    .map((p: Pod) => `${t.namespace}/${p.metadata.name}`)
    .sort();
  if (pods.length === 0) return `${what} has no pods`;
  const groups = new Map<string, { title: string; keys: string[] }>();
  for (const key of pods) {
    const [title, message] = outcomeOf(cluster, key);
    const id = `${title}\0${message}`;
    if (!groups.has(id)) groups.set(id, { title, keys: [] });
    groups.get(id)!.keys.push(key);
  }
  const out = [
    `${what}: ${pods.length} pod(s), ${groups.size} outcome(s); the table of each outcome's first pod follows`,
  ];
  for (const { title, keys } of groups.values()) {
    out.push('', `== ${title}: ${keys.join(', ')}`, renderExplain(explainInput(cluster, keys[0]), render));
  }
  return out.join('\n');
}
