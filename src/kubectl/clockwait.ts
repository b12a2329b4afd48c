// Waiting on the virtual clock, as the kubectl commands that wait for the cluster do (`wait`,
// `rollout status`, `get -w`, `delete --wait`): the clock runs timer by timer, the cluster settling
// at each, until what is waited for holds or the deadline passes.

import type { Cluster } from '../cluster/cluster.ts';

/**
 * Runs the cluster's virtual clock timer by timer until `done()` holds or the deadline passes.
 * When nothing more is scheduled the clock jumps to the deadline (`toDeadline`: a client that
 * waits sees that time go by) or stays where it is. Returns whether `done()` held.
 */
export function advanceUntil(cluster: Cluster, done: () => boolean, deadline: number, toDeadline = true): boolean {
  while (!done()) {
    const now = cluster.clock.now();
    const next = cluster.clock.nextTimer();
    if (next === undefined || next > deadline) {
      if (toDeadline && deadline > now) cluster.advance(deadline - now);
      return done();
    }
    cluster.advance(Math.max(0, next - now));
  }
  return true;
}
