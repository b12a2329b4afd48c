// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity): parsing "500m", "1.5",
// "128Mi", "1e3", and the integer views the scheduler uses (MilliValue for cpu, Value for the rest).
// Like the Go type, both views round up to the next integer.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

// Same grammar as resource.ParseQuantity: <signedNumber><suffix>, suffix binary, decimal SI or e-notation.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export class QuantityError extends Error {}

/** Values of the valid quantity texts seen (a cluster's objects repeat a few: "4", "32Gi", "110", "100m"). */
const parsed = new Map<string, number>();

/** Returns the quantity's value as a number of base units (cores for cpu, bytes for memory). */
export function parseQuantity(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      throw new QuantityError(
        `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      );
    return input;
  }
  const known = parsed.get(input);
  if (known !== undefined) return known;
  const m = QUANTITY.exec(String(input).trim());
  if (!m || String(input).trim() !== String(input)) {
    throw new QuantityError(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  }
  const num = Number(m[1]);
  const suffix = m[2] ?? '';
  const v =
    suffix in BINARY
      ? num * BINARY[suffix]
      : suffix in DECIMAL
        ? num * DECIMAL[suffix]
        : num * 10 ** Number(suffix.slice(1));
  if (typeof input === 'string') {
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(input, v);
  }
  return v;
}

export function isQuantity(input: unknown): boolean {
  if (typeof input !== 'string' && typeof input !== 'number') return false;
  try {
    parseQuantity(input);
    return true;
  } catch {
    return false;
  }
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
  for (const [suffix, size] of [
    ['Ei', 2 ** 60],
    ['Pi', 2 ** 50],
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (amount % size === 0) return `${amount / size}${suffix}`;
  }
  return String(amount);
}

const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXP: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_FOR_EXP: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};

/** resource.Quantity.String(): the canonical text of a quantity ("0.5" → "500m", "2000" → "2k", "1024Mi" → "1Gi"). */
export function canonicalQuantity(input: string | number): string {
  const text = String(input).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return text;
  const neg = m[1] === '-';
  const frac = m[3] ?? '';
  const suffix = m[4] ?? '';
  let digits = BigInt((m[2] || '0') + frac);
  let exp10 = -frac.length;
  let format: 'dec' | 'bin' | 'exp' = 'dec';
  if (suffix in BINARY_EXP) {
    digits *= 2n ** BigInt(BINARY_EXP[suffix]);
    format = 'bin';
  } else if (/^[eE]/.test(suffix)) {
    exp10 += Number(suffix.slice(1));
    format = 'exp';
  } else exp10 += DECIMAL_EXP[suffix];
  // nanos = digits × 10^(exp10+9), rounded up like Go's Quantity does for sub-nano precision
  const shift = exp10 + 9;
  let nanos =
    shift >= 0 ? digits * 10n ** BigInt(shift) : (digits + 10n ** BigInt(-shift) - 1n) / 10n ** BigInt(-shift);
  if (nanos === 0n) return '0';
  const sign = neg ? '-' : '';
  if (format === 'bin' && nanos % 1_000_000_000n === 0n) {
    const bytes = nanos / 1_000_000_000n;
    if (bytes >= 1024n) {
      for (const [s, e] of Object.entries(BINARY_EXP).reverse()) {
        const unit = 2n ** BigInt(e);
        if (bytes % unit === 0n) return `${sign}${bytes / unit}${s}`;
      }
      return `${sign}${bytes}`;
    }
  }
  let e = 18;
  while (e > -9 && nanos % 10n ** BigInt(e + 9) !== 0n) e -= 3;
  nanos /= 10n ** BigInt(e + 9);
  if (format === 'exp') return `${sign}${nanos}${e === 0 ? '' : `e${e}`}`;
  return `${sign}${nanos}${SUFFIX_FOR_EXP[e]}`;
}
