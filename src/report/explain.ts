// The "why" table of one pod's last scheduling attempt: every node of the cluster with the plugin
// that rejected it and its reason, or its per-plugin normalized score × weight = weighted score and
// the total; the winner, the nodes that tied with it and the seed whose random choice broke the
// tie. Used by `kube-scenarios explain`, the `I explain pod X` step and failing placement
// assertions. Size is proportional to nodes × plugins; `top` keeps the N best feasible nodes and
// summarises the rest (rejections counted by plugin and reason).

import type { Node } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import type { SchedulingAttempt } from '../scheduler/attempt.ts';

export interface ExplainInput {
  /** namespace/name */
  pod: string;
  attempt: SchedulingAttempt | undefined;
  /** Every node of the cluster, so that nodes the scheduler did not examine still get a row. */
  nodes: string[];
  /** Score plugin → weight, in profile order. */
  weights: Record<string, number>;
  /** The seed of the scheduler's random choices (the tie-break). */
  seed: number;
}

export interface ExplainOptions {
  /** Show only the N best feasible nodes and summarise the others. */
  top?: number;
}

/** Collects what renderExplain needs from a cluster. */
export function explainInput(cluster: Cluster, podKey: string): ExplainInput {
  const weights: Record<string, number> = {};
  for (const s of cluster.scheduler.framework.scores) weights[s.plugin.name] = s.weight;
  return {
    pod: podKey,
    attempt: cluster.scheduler.lastAttempt(podKey),
    nodes: cluster.store.list<Node>('Node').map((n) => n.metadata.name!),
    weights,
    seed: cluster.seed,
  };
}

type Row = string[];

/** A tie among more nodes than this names the first ones and counts the rest. */
const MAX_TIED_NAMES = 10;

/** Left-aligned columns separated by two spaces; the last cell of a short row runs on unpadded. */
function table(rows: Row[], columns: number): string[] {
  const width = new Array<number>(columns).fill(0);
  for (const r of rows) {
    r.forEach((c, i) => {
      if (r.length === columns || i < r.length - 1) width[i] = Math.max(width[i], c.length);
    });
  }
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(width[i])))
      .join('  ')
      .trimEnd(),
  );
}

export function renderExplain(input: ExplainInput, opts: ExplainOptions = {}): string {
  const { pod, attempt } = input;
  if (!attempt) {
    return `pod ${pod}: the scheduler made no attempt (it was created with spec.nodeName set, or the scheduler never saw it)`;
  }
  const outcome = attempt.result === 'Scheduled' ? `Scheduled to ${attempt.node}` : 'Unschedulable';
  const out = [`pod ${pod}: last scheduling attempt at ${attempt.time}: ${outcome}`];

  const chosenFirst = (a: string, b: string) => Number(b === attempt.node) - Number(a === attempt.node);
  const feasible = [...attempt.feasible].sort(
    (a, b) => (attempt.total[b] ?? 0) - (attempt.total[a] ?? 0) || chosenFirst(a, b) || cmp(a, b),
  );
  const rejected = Object.keys(attempt.filtered).sort(
    (a, b) => cmp(attempt.filteredBy[a] ?? '', attempt.filteredBy[b] ?? '') || cmp(a, b),
  );
  const seen = new Set([...feasible, ...rejected]);
  const unexamined = input.nodes.filter((n) => !seen.has(n)).sort(cmp);
  const scored = new Set<string>();
  for (const n of feasible) for (const p of Object.keys(attempt.scores[n] ?? {})) scored.add(p);
  const plugins = [
    ...Object.keys(input.weights).filter((p) => scored.has(p)),
    ...[...scored].filter((p) => !(p in input.weights)).sort(cmp),
  ];
  const tied = new Set(attempt.tied && attempt.tied.length > 1 ? attempt.tied : []);

  const top = opts.top !== undefined && opts.top >= 0 ? opts.top : undefined;
  const shownFeasible = top === undefined ? feasible : feasible.slice(0, top);
  const rows: Row[] = [['NODE', 'RESULT', ...plugins.map((p) => `${p} ×${input.weights[p] ?? '?'}`), 'TOTAL']];
  for (const n of shownFeasible) {
    const result = attempt.node === n ? 'chosen' : tied.has(n) ? 'tied' : 'feasible';
    const cells = plugins.map((p) => {
      const s = attempt.scores[n]?.[p];
      return s === undefined ? '-' : `${s}×${input.weights[p] ?? '?'}=${s * (input.weights[p] ?? 0)}`;
    });
    rows.push([n, result, ...cells, String(attempt.total[n] ?? '-')]);
  }
  if (top === undefined) {
    for (const n of rejected)
      rows.push([n, 'rejected', `${attempt.filteredBy[n] || '?'}: ${attempt.filtered[n].join(', ')}`]);
    for (const n of unexamined)
      rows.push([n, 'not examined', '(enough feasible nodes were found first: percentageOfNodesToScore)']);
  }
  if (rows.length > 1) out.push('', ...table(rows, plugins.length + 3));

  if (top !== undefined) {
    const rest = feasible.slice(top);
    const summary: string[] = [];
    if (rest.length) {
      const totals = rest.map((n) => attempt.total[n] ?? 0);
      summary.push(`${rest.length} more feasible node(s), totals ${Math.min(...totals)}..${Math.max(...totals)}`);
    }
    const byReason = new Map<string, number>();
    for (const n of rejected) {
      const key = `${attempt.filteredBy[n] || '?'}: ${attempt.filtered[n].join(', ')}`;
      byReason.set(key, (byReason.get(key) ?? 0) + 1);
    }
    for (const [reason, count] of [...byReason].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])))
      summary.push(`${count} node(s) rejected by ${reason}`);
    if (unexamined.length)
      summary.push(
        `${unexamined.length} node(s) not examined (enough feasible nodes were found first: percentageOfNodesToScore)`,
      );
    if (summary.length) out.push('', ...summary);
  }

  out.push('');
  if (plugins.length)
    out.push(
      'Score cells: normalized score (0..100) × plugin weight = weighted score; TOTAL is the sum of the weighted scores.',
    );
  if (attempt.node)
    out.push(
      `Winner: ${attempt.node}${attempt.total[attempt.node] !== undefined ? ` with total ${attempt.total[attempt.node]}` : ''}.`,
    );
  if (tied.size) {
    const names = [...tied];
    const list =
      names.length <= MAX_TIED_NAMES
        ? names.join(', ')
        : `${names.slice(0, MAX_TIED_NAMES).join(', ')} and ${names.length - MAX_TIED_NAMES} more`;
    out.push(
      `Tie: ${names.length} nodes share the top total (${list}); the scheduler's seeded random choice (seed ${input.seed}) picked ${attempt.node ?? '(none)'}.`,
    );
  }
  if (attempt.preemption)
    out.push(
      `Preemption: nominated node ${attempt.preemption.nominatedNode}, victims ${attempt.preemption.victims.join(', ') || '(none)'}.`,
    );
  if (attempt.message) out.push(`FailedScheduling: ${attempt.message}`);
  return out.join('\n');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
