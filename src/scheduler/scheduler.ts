// (being written) kube-scheduler: queue, cache, cycle, binding, events.
import type { Component } from '../cluster/component.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore } from '../store/store.ts';
import type { Rng } from '../util/rng.ts';
import type { SchedulingAttempt } from './attempt.ts';

export interface SchedulerOptions {
  /** percentageOfNodesToScore; 0 (default) = kube-scheduler's adaptive rule. */
  percentageOfNodesToScore?: number;
  /** Keep a SchedulingAttempt per cycle (default true). Benchmarks turn it off. */
  trace?: boolean;
}

export class Scheduler implements Component {
  readonly name = 'scheduler';
  readonly attempts: SchedulingAttempt[] = [];
  constructor(readonly store: ObjectStore, readonly events: EventRecorder, readonly rng: Rng, readonly opts: SchedulerOptions = {}) {}
  sync(): boolean { return false; }
  lastAttempt(podKey: string): SchedulingAttempt | undefined {
    for (let i = this.attempts.length - 1; i >= 0; i--) if (this.attempts[i].pod === podKey) return this.attempts[i];
    return undefined;
  }
}
