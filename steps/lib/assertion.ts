// The error a step throws when the cluster is not in the state the step expects. Named
// AssertionError, as assertion libraries name theirs, so that cucumber's output and the JUnit
// report (support/junit.cjs: the failure's type) say a check failed, not that the code broke.

export class AssertionError extends Error {
  override name = 'AssertionError';
}
