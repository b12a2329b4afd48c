// Exact text comparison for command output, with a failure message that shows both texts and
// points at the first differing line (invisible differences such as trailing spaces are shown
// with JSON quoting); command output cut to a number of lines for the reports.

/** Drops one final newline: a doc string never ends with one, command output usually does. */
export function withoutFinalNewline(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** Undefined when equal, else a message: what was expected, what came, where they first differ. */
export function textMismatch(what: string, expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const e = expected.split('\n'),
    a = actual.split('\n');
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const where =
    i < e.length && i < a.length
      ? `line ${i + 1} differs:\n  expected ${JSON.stringify(e[i])}\n  actual   ${JSON.stringify(a[i])}`
      : i < e.length
        ? `the actual text ends before expected line ${i + 1}: ${JSON.stringify(e[i])}`
        : `the actual text has more lines, from line ${i + 1}: ${JSON.stringify(a[i])}`;
  return `${what} differs from the expected text.\n--- expected\n${expected}\n--- actual\n${actual}\n---\n${where}`;
}

/** The first `max` lines of a command's output, then how many were left out. */
export function boundedLines(text: string, max: number): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length <= max) return `${lines.join('\n')}\n`;
  return `${lines.slice(0, max).join('\n')}\n(${lines.length - max} more lines)\n`;
}
