// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity): parsing "500m", "1.5",
// "128Mi", "1e3", and the integer views the scheduler uses (MilliValue for cpu, Value for the rest).
// Like the Go type, both views round up to the next integer.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

// Same grammar as resource.ParseQuantity: <signedNumber><suffix>, suffix binary, decimal SI or e-notation.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export class QuantityError extends Error {}

/** Values of the valid quantity texts seen (a cluster's objects repeat a few: "4", "32Gi", "110", "100m"). */
const parsed = new Map<string, number>();

/** Returns the quantity's value as a number of base units (cores for cpu, bytes for memory). */
export function parseQuantity(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    return input;
  }
  const known = parsed.get(input);
  if (known !== undefined) return known;
  const m = QUANTITY.exec(String(input).trim());
  if (!m || String(input).trim() !== String(input)) {
    throw new QuantityError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  }
  const num = Number(m[1]);
  const suffix = m[2] ?? '';
  const v = suffix in BINARY ? num * BINARY[suffix] : suffix in DECIMAL ? num * DECIMAL[suffix] : num * 10 ** Number(suffix.slice(1));
  if (typeof input === 'string') {
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(input, v);
  }
  return v;
}

export function isQuantity(input: unknown): boolean {
  if (typeof input !== 'string' && typeof input !== 'number') return false;
  try { parseQuantity(input); return true; } catch { return false; }
}

/** resource.Quantity.MilliValue(): value × 1000, rounded up (cpu "0.0001" → 1). */
export function milliValue(input: string | number): number {
  return ceilInt(parseQuantity(input) * 1000);
}

/** resource.Quantity.Value(): value rounded up to an integer (memory "1.5" → 2). */
export function value(input: string | number): number {
  return ceilInt(parseQuantity(input));
}

// Round up while forgiving binary floating-point noise such as 0.1*3*1000 = 300.00000000000006.
function ceilInt(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x - r) < 1e-9 * Math.max(1, Math.abs(x))) return r;
  return Math.ceil(x);
}

/** The scheduler's integer view of a named resource: millicores for cpu, whole units otherwise. */
export function resourceAmount(resource: string, q: string | number): number {
  return resource === 'cpu' ? milliValue(q) : value(q);
}

/** Canonical text for an integer amount, as Kubernetes prints it (cpu "500m"/"2", memory "128Mi"). */
export function formatQuantity(resource: string, amount: number): string {
  if (resource === 'cpu') return amount % 1000 === 0 ? String(amount / 1000) : `${amount}m`;
  if (amount === 0) return '0';
  for (const [suffix, size] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (amount % size === 0) return `${amount / size}${suffix}`;
  }
  return String(amount);
}
