// A copy of a settled cluster that goes on exactly as the original would: every object the
// cluster holds (stored objects, events, RNG stream positions, the clock, scheduler cache and
// queues, kubelet runtimes, controller queues) is copied, with the same sharing between them.
// Used to build the lab cluster once per process (src/cluster/lab.ts).
//
// Closures cannot be copied, so the copy starts from a freshly constructed Cluster with the same
// options: its components registered their watchers (closures over the component) in their
// constructors. The fresh cluster's objects stand for the original's at the same place (field,
// array index or map key), and are filled in place, so those closures act on the copy. Any other
// function in the original is refused, except generator functions (container programs, which
// read only the program they were built from); a suspended generator, a pending timer or an
// unknown built-in object (a WeakMap other than a component's cache, a Promise, …) is refused too.

import { Cluster, type ClusterOptions } from './cluster.ts';

/** The cluster holds something copyCluster cannot copy (nothing was changed). */
export class NotCopyable extends Error {
  constructor(what: string) {
    super(`copyCluster: ${what}`);
    this.name = 'NotCopyable';
  }
}

const GeneratorFunction = Object.getPrototypeOf(function* () {
  /* its constructor */
}).constructor;

export function copyCluster(src: Cluster, opts: ClusterOptions): Cluster {
  if (src.clock.nextTimer() !== undefined) throw new NotCopyable('the cluster has pending timers');
  const dst = new Cluster(opts);
  const standIns = new Map<unknown, unknown>(); // original → the fresh object that stands for it
  pair(src, dst, standIns, new Set());
  const copies = new Map<unknown, unknown>();

  const copy = (v: unknown): unknown => {
    if (typeof v === 'function') {
      const f = standIns.get(v); // the fresh cluster's closure, or v itself when both hold the same function
      if (f) return f;
      if (v instanceof GeneratorFunction) return v;
      throw new NotCopyable(`cannot copy the function ${v.name || v.toString().slice(0, 60)}`);
    }
    if (typeof v !== 'object' || v === null) return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    const into = standIns.get(v) as object | undefined;
    if (into === v) {
      copies.set(v, v);
      return v;
    } // the fresh cluster holds the very same object: shared as a fresh build shares it
    if (v instanceof Map) {
      const m = (into as Map<unknown, unknown>) ?? new Map();
      copies.set(v, m);
      m.clear();
      for (const [k, x] of v) m.set(copy(k), copy(x));
      return m;
    }
    if (v instanceof Set) {
      const s = (into as Set<unknown>) ?? new Set();
      copies.set(v, s);
      s.clear();
      for (const x of v) s.add(copy(x));
      return s;
    }
    if (ArrayBuffer.isView(v)) {
      if (v.byteOffset !== 0 || v.byteLength !== v.buffer.byteLength)
        throw new NotCopyable('cannot copy a view of part of a buffer');
      const a = new (v.constructor as new (x: unknown) => unknown)(v);
      copies.set(v, a);
      return a;
    }
    if (v instanceof WeakMap) {
      // a component's cache, keyed by stored objects (see the controllers): the copy starts empty
      if (!into) throw new NotCopyable('cannot copy a WeakMap');
      copies.set(v, into);
      return into;
    }
    const proto = Object.getPrototypeOf(v);
    const plain = proto === Object.prototype || Array.isArray(v);
    if (!plain && proto !== null && !isOwnClass(proto))
      throw new NotCopyable(`cannot copy a ${proto?.constructor?.name ?? 'value'}`);
    if (!plain && Object.getOwnPropertySymbols(v).length) throw new NotCopyable('cannot copy symbol-keyed properties');
    if (Array.isArray(v)) {
      const a = (into as unknown[]) ?? [];
      copies.set(v, a);
      a.length = 0;
      for (const x of v) a.push(copy(x));
      return a;
    }
    const o = (into as Record<string, unknown>) ?? (proto === Object.prototype ? {} : Object.create(proto));
    copies.set(v, o);
    if (into) for (const k of Object.keys(o)) if (!Object.hasOwn(v, k)) delete o[k];
    for (const k of Object.keys(v)) o[k] = copy((v as Record<string, unknown>)[k]);
    return o;
  };

  copy(src);
  return dst;
}

/** A class of this project (not a built-in: those have native constructors), by prototype. */
const ownClasses = new WeakMap<object, boolean>();

function isOwnClass(proto: object): boolean {
  let own = ownClasses.get(proto);
  if (own === undefined) {
    own = true;
    for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      // biome-ignore lint/style/noRestrictedGlobals: reads a function's source text, compiles none (this file is to be retired, issue 12)
      if (/\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(p.constructor))) own = false;
    }
    ownClasses.set(proto, own);
  }
  return own;
}

/** Pairs each object and closure of the fresh cluster with the original's at the same place. */
function pair(a: unknown, b: unknown, standIns: Map<unknown, unknown>, used: Set<unknown>): void {
  if (a === b && (typeof a === 'object' || typeof a === 'function') && a !== null) {
    standIns.set(a, a);
    return;
  }
  if (
    a === b ||
    typeof a !== typeof b ||
    (typeof a !== 'object' && typeof a !== 'function') ||
    a === null ||
    b === null
  )
    return;
  if (standIns.has(a) || used.has(b)) return;
  if (typeof a === 'function') {
    if ((a as () => void).toString() === (b as () => void).toString()) {
      standIns.set(a, b);
      used.add(b);
    }
    return;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return;
  standIns.set(a, b);
  used.add(b);
  if (a instanceof Map) {
    for (const [k, x] of a)
      if (typeof k !== 'object' && (b as Map<unknown, unknown>).has(k))
        pair(x, (b as Map<unknown, unknown>).get(k), standIns, used);
  } else if (a instanceof Set || a instanceof WeakMap || ArrayBuffer.isView(a)) {
    // members are not paired (a set's objects have no place to match by)
  } else {
    const bo = b as Record<string, unknown>;
    for (const [k, x] of Object.entries(a as object)) if (Object.hasOwn(bo, k)) pair(x, bo[k], standIns, used);
  }
}
