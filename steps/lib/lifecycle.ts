// Helpers of the lifecycle steps (steps/lifecycle.steps.ts): virtual-time spans written in step
// text (`30 seconds`, `5 minutes`), waiting on the virtual clock until a condition holds, and a
// one-line account of a pod (phase, STATUS/READY/RESTARTS cells, container states) for failure
// messages.

import type { Cluster } from '../../src/cluster/cluster.ts';
import type { ContainerStatus, Pod } from '../../src/api/types.ts';
import { podCells } from '../../src/kubectl/printers.ts';
import { UserError } from '../../src/util/errors.ts';
import type { VirtualClock } from '../../src/util/clock.ts';

const UNITS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };

/** `30 seconds` / `1 minute` / `2 hours` → milliseconds. */
export function parseSpan(text: string): number {
  const m = /^(\d+) (second|minute|hour)s?$/.exec(text.trim());
  if (!m) throw new UserError(`invalid time span "${text}": expected e.g. "30 seconds", "5 minutes", "1 hour"`);
  return Number(m[1]) * UNITS[m[2]];
}

/**
 * Moves the virtual clock forward, timer by timer, until `done()` holds or `ms` have passed.
 * Returns whether it held (checked before moving too). The clock stops at the moment it held.
 */
export function waitUntil(cluster: Cluster, ms: number, done: () => boolean): boolean {
  cluster.settleNow();
  const deadline = cluster.clock.now() + ms;
  while (!done()) {
    const next = cluster.clock.nextTimer();
    if (next === undefined || next > deadline) {
      cluster.advance(Math.max(0, deadline - cluster.clock.now()));
      return done();
    }
    cluster.advance(Math.max(0, next - cluster.clock.now()));
  }
  return true;
}

/** `running`, `waiting (CrashLoopBackOff)`, `terminated (OOMKilled, exit code 137)`. */
export function stateText(s: ContainerStatus['state'] | undefined): string {
  if (!s) return 'no state';
  if (s.running) return 'running';
  if (s.waiting) return `waiting${s.waiting.reason ? ` (${s.waiting.reason})` : ''}`;
  if (s.terminated) return `terminated (${s.terminated.reason ?? 'no reason'}, exit code ${s.terminated.exitCode})`;
  return 'no state';
}

/** What a failed assertion saw: `phase Running, STATUS CrashLoopBackOff, READY 0/1, RESTARTS 3 (20s ago); app: waiting (CrashLoopBackOff) restarts 3`. */
export function podSummary(cluster: Pick<Cluster, 'clock'> | { clock: Pick<VirtualClock, 'now'> }, pod: Pod): string {
  const cells = podCells(pod, cluster.clock);
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []).map((s) => ({ ...s, name: `${s.name} (init)` })),
    ...(pod.status?.containerStatuses ?? []),
  ];
  const containers = statuses.map(
    (s) =>
      `${s.name}: ${stateText(s.state)}, restarts ${s.restartCount}${s.lastState?.terminated ? `, last ${stateText(s.lastState)}` : ''}`,
  );
  return (
    `phase ${pod.status?.phase ?? '(none)'}, STATUS ${cells.status}, READY ${cells.ready}, RESTARTS ${cells.restarts}, node ${pod.spec.nodeName ?? '<none>'}${pod.metadata.deletionTimestamp ? ', terminating' : ''}` +
    (containers.length ? `\n  ${containers.join('\n  ')}` : '')
  );
}

/** The container's status (app or init) or undefined. */
export function containerStatus(pod: Pod, name: string): ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (s) => s.name === name,
  );
}
