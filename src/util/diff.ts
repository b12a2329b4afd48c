// Structural equality of JSON-like values (properties whose value is undefined do not count) and a
// readable diff of the changed leaves of a pod spec (what the API server appends to a rejected
// pod update).

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const sortedKeys = (o: object): string[] => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined),
    kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * A readable diff of the changed leaves, in the spirit of the cmp.Diff the API server appends
 * (go-cmp deliberately randomizes its own layout, so no simulator can match it byte for byte).
 */
export function specDiff(old: unknown, cur: unknown): string {
  const lines: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (deepEqual(a, b)) return;
    if (isObj(a) && isObj(b)) {
      for (const k of sortedKeys({ ...a, ...b })) walk(a[k], b[k], `${path}.${k}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`));
      return;
    }
    if (a !== undefined) lines.push(`-   ${path}: ${JSON.stringify(a)}`);
    if (b !== undefined) lines.push(`+   ${path}: ${JSON.stringify(b)}`);
  };
  walk(old, cur, 'spec');
  return `  core.PodSpec{\n${lines.join('\n')}\n  }\n`;
}
