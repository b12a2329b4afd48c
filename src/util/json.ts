// Canonical JSON: an object rendered with keys sorted at every level (a deterministic text of a
// Go struct where Kubernetes hashes one), the comparison of two objects by that rendering
// without rendering either (status objects are written only when they change), and the rendering
// apimachinery's semantic equality sees.

/** JSON with object keys sorted at every level: a deterministic rendering of an object. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

/**
 * Whether a and b have the same canonicalJson (status objects are written only when they change,
 * so the cluster settles), compared without rendering either: key order does not matter,
 * properties whose value is undefined do not count, and undefined array items equal null.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ao = a !== null && typeof a === 'object',
    bo = b !== null && typeof b === 'object';
  if (!ao || !bo) {
    if (ao || bo) return false; // `{…}`/`[…]` never renders like a scalar
    if (typeof a === 'string' && typeof b === 'string') return false;
    return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>,
    y = b as Record<string, unknown>;
  // (for…in over plain data: no key arrays allocated; it runs on every status a component computes)
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    n++;
    if (!Object.hasOwn(y, k) || y[k] === undefined || !sameJson(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}

/**
 * canonicalJson as apimachinery's Semantic.DeepEqual compares decoded objects: a `null` decodes to
 * the zero value a missing field has, and an empty list equals a missing one
 * (staging/src/k8s.io/apimachinery/third_party/forked/golang/reflect/deep_equal.go: "empty and
 * nil slices/maps are considered equal"). So `creationTimestamp: null` in a template, as a client
 * that marshals Go structs sends it (kubectl rollout undo), equals no creationTimestamp.
 */
export function semanticJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : semanticJson(x))).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined && x !== null && !(Array.isArray(x) && x.length === 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${semanticJson(x)}`).join(',')}}`;
}
