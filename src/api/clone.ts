// A deep copy of plain data (what manifests decode to: objects, arrays, strings, numbers, booleans,
// null), several times faster than structuredClone, with the same result: key order, undefined
// values and shared sub-objects (YAML aliases) are kept. Anything else in the graph — class
// instances, Dates, Maps, functions, sparse arrays, objects without Object.prototype — sends the
// whole value to structuredClone, so its behaviour (copies, errors) is unchanged.

const NOT_PLAIN = Symbol('not plain');

export function cloneData<T>(value: T): T {
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) {
      if (typeof v === 'function' || typeof v === 'symbol') throw NOT_PLAIN;
      return v;
    }
    const done = copies.get(v);
    if (done !== undefined) return done;
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) throw NOT_PLAIN;
      const out: unknown[] = new Array(v.length);
      copies.set(v, out);
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw NOT_PLAIN;
        out[i] = copy(v[i]);
      }
      return out;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype) throw NOT_PLAIN;
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const k in v) out[k] = copy((v as Record<string, unknown>)[k]);
    return out;
  };
  try {
    return copy(value) as T;
  } catch (e) {
    if (e === NOT_PLAIN) return structuredClone(value);
    throw e;
  }
}
