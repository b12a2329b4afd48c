// What one scheduling attempt decided and why: the record behind `simulate -o json`'s
// "scheduling" list, failing-assertion explanations and the steps that assert on filter
// reasons and scores.

export interface SchedulingAttempt {
  /** namespace/name */
  pod: string;
  result: 'Scheduled' | 'Unschedulable';
  node: string | null;
  /** The exact FailedScheduling text (Unschedulable only). */
  message?: string;
  /** Nodes that passed every filter, in the order they were examined. */
  feasible: string[];
  /** Rejected node → the rejecting plugin's reasons. */
  filtered: Record<string, string[]>;
  /** Rejected node → the rejecting plugin's name. */
  filteredBy: Record<string, string>;
  /** Node → plugin → normalised score (0..100, before weights). Plugins skipped at PreScore are absent. */
  scores: Record<string, Record<string, number>>;
  /** Node → Σ weight × normalised score. */
  total: Record<string, number>;
  /** Nodes that shared the top total (the tie broken by the seeded random choice). */
  tied?: string[];
  preemption?: { nominatedNode: string; victims: string[] };
  /** With SchedulerOptions.traceTop only, when nodes were left out: how many feasible nodes, and rejected nodes by `<plugin>: <reasons>`. */
  omitted?: { feasible: number; filtered: Record<string, number> };
  /** Virtual time of the attempt (RFC 3339). */
  time: string;
}
