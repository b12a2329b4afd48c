// Why the scheduler put a pod where it is: the text a failing placement assertion appends, built
// from the pod's last SchedulingAttempt (per-node filter reasons, per-plugin scores, totals, the
// tie and the FailedScheduling message).

import type { SchedulingAttempt } from '../../src/scheduler/attempt.ts';

export function explainAttempt(podKey: string, attempt: SchedulingAttempt | undefined): string {
  if (!attempt) {
    return `why: the scheduler made no attempt for ${podKey} (it was created with spec.nodeName set, or the scheduler never saw it)`;
  }
  const outcome = attempt.result === 'Scheduled' ? `Scheduled to ${attempt.node}` : 'Unschedulable';
  const lines = [`why: last scheduling attempt for ${podKey} at ${attempt.time}: ${outcome}`];
  const nodes = [...new Set([...Object.keys(attempt.filtered), ...attempt.feasible])].sort();
  const width = Math.max(0, ...nodes.map((n) => n.length));
  for (const node of nodes) {
    const reasons = attempt.filtered[node];
    if (reasons) {
      lines.push(`  ${node.padEnd(width)}  filtered by ${attempt.filteredBy[node] ?? '?'}: ${reasons.join(', ')}`);
      continue;
    }
    const scores = Object.entries(attempt.scores[node] ?? {}).map(([plugin, s]) => `${plugin} ${s}`).join(', ');
    const total = attempt.total[node];
    const chosen = attempt.node === node ? ' (chosen)' : '';
    lines.push(`  ${node.padEnd(width)}  feasible${total === undefined ? '' : `, total ${total}`}${scores ? ` = ${scores}` : ''}${chosen}`);
  }
  if (attempt.tied && attempt.tied.length > 1) lines.push(`  tie between ${attempt.tied.join(', ')}: broken by the seeded random choice`);
  if (attempt.preemption) lines.push(`  preemption: nominated ${attempt.preemption.nominatedNode}, victims ${attempt.preemption.victims.join(', ') || '(none)'}`);
  if (attempt.message) lines.push(`  FailedScheduling: ${attempt.message}`);
  return lines.join('\n');
}
