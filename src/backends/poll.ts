// Polling assertions on a real cluster: what holds on the simulator the moment its cluster has
// settled holds on a real cluster only eventually, so a Then-step runs its check again, every
// interval, until it passes or its timeout runs out, and then fails with the last state it saw —
// as chainsaw's assert and `kubectl wait` do (staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go polls
// until the condition or --timeout). Errors other than the assertion's own (an API error, a bug)
// end the wait at once. With `firstIntervalMs` the pause starts shorter and doubles up to
// `intervalMs` (client-go's wait.Backoff): a check that holds a moment later passes a moment later.

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  /** The first pause, doubled after each attempt up to intervalMs (default: intervalMs throughout). */
  firstIntervalMs?: number;
  /** Whether an error means "not yet" (the check's assertion failed) rather than "stop". */
  retryable: (e: unknown) => boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PollOutcome<T> {
  value: T;
  attempts: number;
}

/** Runs `attempt` until it returns, a non-retryable error, or the timeout (then its last error is thrown). */
export async function pollUntil<T>(attempt: () => Promise<T>, opts: PollOptions): Promise<PollOutcome<T>> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + opts.timeoutMs;
  let pause = Math.min(opts.firstIntervalMs ?? opts.intervalMs, opts.intervalMs);
  for (let attempts = 1; ; attempts++) {
    try {
      return { value: await attempt(), attempts };
    } catch (e) {
      if (!opts.retryable(e) || now() + pause > deadline) throw e;
    }
    await sleep(pause);
    pause = Math.min(pause * 2, opts.intervalMs);
  }
}
