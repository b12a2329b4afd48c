// The versioned object store behind the simulated API server: objects keyed by kind, namespace
// and name, with uid, resourceVersion, generation, creationTimestamp and generateName handled
// as etcd + the registry do, and a synchronous watch. It does no validation: see apiserver.ts.
// Stored objects are treated as immutable; writers replace them (see `mutate`).

import type { KubeObject } from '../api/types.ts';
import { kindInfo } from '../api/kinds.ts';
import type { VirtualClock } from '../util/clock.ts';
import { Rng, SAFE_ALPHABET } from '../util/rng.ts';
import { flat } from '../util/text.ts';
import { type FieldWriter, managedFieldsAfterWrite } from './managedfields.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
  old?: KubeObject;
}
export type Watcher = (e: WatchEvent) => void;

export const keyOf = (_kind: string, namespace: string | undefined, name: string): string =>
  `${namespace ?? ''}/${name}`;

/** What read-only queries need of a store: the object store, or a snapshot of a real cluster's objects (src/backends/snapshot.ts). */
export type ReadStore = Pick<ObjectStore, 'get' | 'list' | 'count'>;

export class ObjectStore {
  private byKind = new Map<string, Map<string, KubeObject>>();
  private watchers: Watcher[] = [];
  private rv = 1000;
  private uidCounter = 0;

  private readonly suffixRng: Rng;
  private readonly uidRng: Rng;

  /**
   * Whether writes record metadata.managedFields (managedfields.ts): the cluster's choice
   * (ClusterOptions.managedFields). Off, objects keep whatever managedFields they are written with.
   */
  trackManagedFields = false;
  /**
   * Who writes now, for managedFields: set around a component's sync, a kubectl command, a served
   * request (`as`). Undefined: a write that does not pass kube-apiserver's field manager (a
   * binding, the registry's own updates such as a graceful deletion), which keeps the entries.
   */
  writer: FieldWriter | undefined;

  /**
   * `rng` draws generateName suffixes only; uids and admission suffixes have their own streams, so
   * a component that creates more or fewer objects (events, say) does not shift pod names.
   */
  constructor(
    readonly clock: VirtualClock,
    private readonly rng: Rng,
    suffixRng?: Rng,
    uidRng?: Rng,
  ) {
    this.suffixRng = suffixRng ?? new Rng(1, 3);
    this.uidRng = uidRng ?? new Rng(1, 4);
  }

  private bucket(kind: string): Map<string, KubeObject> {
    let m = this.byKind.get(kind);
    if (!m) {
      m = new Map();
      this.byKind.set(kind, m);
    }
    return m;
  }

  /** Runs fn with `writer` as the writer of its writes (undefined: writes past the field manager). */
  as<T>(writer: FieldWriter | undefined, fn: () => T): T {
    const before = this.writer;
    this.writer = writer;
    try {
      return fn();
    } finally {
      this.writer = before;
    }
  }

  /**
   * Sets obj.metadata.managedFields to what the current writer's write of obj over `old` (undefined:
   * a create) records, when writes are tracked and a writer is set; else leaves what obj carries.
   * The API server calls it before admission (admission's changes are nobody's); the store calls
   * it for the writes of the simulator's components, which write to it directly.
   */
  recordManagedFields(old: KubeObject | undefined, obj: KubeObject): void {
    if (!this.trackManagedFields || !this.writer) return;
    const info = kindInfo(obj.kind);
    if (!info) return;
    const entries = managedFieldsAfterWrite(info, old, obj, this.writer, this.clock.iso());
    if (entries) obj.metadata.managedFields = entries;
    else delete obj.metadata.managedFields;
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.byKind.get(kind)?.get(keyOf(kind, ns(kind, namespace), name)) as T | undefined;
  }

  /** Objects of a kind, optionally in one namespace, in API order (namespace, then name). */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[] {
    const b = this.byKind.get(kind);
    if (!b || b.size === 0) return []; // (controllers list their kinds on every settle round, mostly empty)
    const all = [...b.values()] as T[];
    const out = namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
    return out.sort(apiOrder);
  }

  /** Same as list() but unsorted and without copying when no namespace is given: for hot paths. */
  values<T extends KubeObject = KubeObject>(kind: string): Iterable<T> {
    return (this.byKind.get(kind)?.values() ?? []) as Iterable<T>;
  }

  /** n random characters of the safe alphabet for admission-generated names (its own seeded stream, so generateName sequences do not shift). */
  randomSuffix(n = 5): string {
    return this.suffixRng.chars(n, SAFE_ALPHABET);
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** The newest resourceVersion handed out: a list's resourceVersion (etcd's current revision). */
  resourceVersion(): string {
    return String(this.rv);
  }

  /**
   * Stores a new object. The caller has validated it; name clashes must be checked with `get`.
   * `owned`: obj (and its metadata) is a fresh copy no one else holds (the API server's), stored
   * as it is instead of being copied once more.
   */
  create<T extends KubeObject>(obj: T, owned = false): T {
    const meta = owned ? obj.metadata : { ...obj.metadata };
    if (!meta.name && meta.generateName) {
      do {
        meta.name = flat(meta.generateName + this.rng.chars(5, SAFE_ALPHABET));
      } while (this.get(obj.kind, meta.namespace, meta.name));
    }
    const bucket = this.bucket(obj.kind);
    const key = flat(keyOf(obj.kind, meta.namespace, meta.name!));
    // (the key the object is filed under is the one get() reads unless a cluster-scoped kind carries a namespace)
    const clash =
      ns(obj.kind, meta.namespace) === meta.namespace
        ? bucket.has(key)
        : this.get(obj.kind, meta.namespace, meta.name!);
    if (clash) throw new Error(`store: ${obj.kind} ${meta.namespace ?? ''}/${meta.name} already exists`);
    meta.uid = this.newUid();
    meta.resourceVersion = String(++this.rv);
    meta.creationTimestamp = this.clock.iso();
    if (meta.generation === undefined && !WITHOUT_GENERATION.has(obj.kind)) meta.generation = 1;
    if (this.trackManagedFields && this.writer) this.recordManagedFields(undefined, { ...obj, metadata: meta });
    const stored = owned ? obj : ({ ...obj, metadata: meta } as T);
    bucket.set(key, stored);
    this.emit({ type: 'ADDED', object: stored });
    return stored;
  }

  /** Replaces an existing object (matched by kind/namespace/name), bumping resourceVersion. */
  update<T extends KubeObject>(obj: T): T {
    const key = keyOf(obj.kind, obj.metadata.namespace, obj.metadata.name!);
    const old = this.bucket(obj.kind).get(key);
    if (!old) throw new Error(`update of missing ${obj.kind} ${key}`);
    const meta = {
      ...obj.metadata,
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      resourceVersion: String(++this.rv),
    };
    if (old.metadata.generation !== undefined && specChanged(old, obj))
      meta.generation = (old.metadata.generation ?? 0) + 1;
    if (this.trackManagedFields && this.writer) this.recordManagedFields(old, { ...obj, metadata: meta });
    const stored = { ...obj, metadata: meta } as T;
    this.bucket(obj.kind).set(key, stored);
    this.emit({ type: 'MODIFIED', object: stored, old });
    return stored;
  }

  /** Copies the stored object, lets fn change the copy, and stores it. Returns undefined if absent. */
  mutate<T extends KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    fn: (copy: T) => void,
  ): T | undefined {
    const cur = this.get<T>(kind, namespace, name);
    if (!cur) return undefined;
    // managedFields are the field manager's, never fn's: shared, not copied
    const { managedFields, ...meta } = cur.metadata;
    const copy = structuredClone({ ...cur, metadata: meta }) as T;
    if (managedFields !== undefined) copy.metadata.managedFields = managedFields;
    fn(copy);
    return this.update(copy);
  }

  /** Removes the object at once (the end of a graceful deletion). */
  remove(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = keyOf(kind, ns(kind, namespace), name);
    const b = this.bucket(kind);
    const old = b.get(key);
    if (!old) return undefined;
    b.delete(key);
    this.emit({ type: 'DELETED', object: old });
    return old;
  }

  watch(fn: Watcher): () => void {
    this.watchers.push(fn);
    return () => {
      this.watchers = this.watchers.filter((w) => w !== fn);
    };
  }

  /**
   * Objects of a kind owned by the controller with this uid (ownerReferences with controller:
   * true), in API order: the informer index controllers list their pods and ReplicaSets from,
   * instead of scanning a namespace (which costs pods × owners on a big cluster).
   */
  ownedBy<T extends KubeObject = KubeObject>(kind: string, uid: string): readonly T[] {
    return this.indexed<T>(kind, 'controller', uid);
  }

  /** Objects of a kind in the namespace without a controller ownerReference (what a controller may adopt), in API order. */
  orphans<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined): readonly T[] {
    return this.indexed<T>(kind, 'controller', orphanKey(namespace));
  }

  /** Objects of a kind in one namespace, in API order (list(kind, namespace) without a copy or a sort per call: the informers' namespace index). */
  inNamespace<T extends KubeObject = KubeObject>(kind: string, namespace: string): readonly T[] {
    return this.indexed<T>(kind, 'namespace', namespace);
  }

  /** The pods bound to a node, in API order: the API server's spec.nodeName index (what kubelets, drain and describe list). */
  podsOnNode<T extends KubeObject = KubeObject>(nodeName: string): readonly T[] {
    return this.indexed<T>('Pod', 'nodeName', nodeName);
  }

  /** kind → index name → index value → its objects; each index built on first use, then kept current by emit. */
  private readonly indexes = new Map<string, Map<IndexName, Map<string, IndexEntry>>>();

  /**
   * The objects filed under `value`, in API order. The list is kept and handed out as it is
   * (read-only: a caller that sorts or edits it copies it first): an update that keeps an object
   * under the value puts the new version in the old one's place; an object that comes or goes
   * leaves the list to its holders and the next call sorts a new one.
   */
  private indexed<T extends KubeObject>(kind: string, name: IndexName, value: string): readonly T[] {
    let byName = this.indexes.get(kind);
    if (!byName) {
      byName = new Map();
      this.indexes.set(kind, byName);
    }
    let index = byName.get(name);
    if (!index) {
      index = new Map();
      byName.set(name, index);
      for (const o of this.values(kind)) indexObject(index, INDEX_VALUE[name](o), o, true);
    }
    const entry = index.get(value);
    if (!entry) return NONE as readonly T[];
    if (!entry.sorted) {
      entry.sorted = [...entry.objects.values()].sort(apiOrder);
      entry.at = new Map(entry.sorted.map((o, i) => [o.metadata.uid!, i]));
    }
    return entry.sorted as readonly KubeObject[] as readonly T[];
  }

  private emit(e: WatchEvent): void {
    const byName = this.indexes.get(e.object.kind);
    if (byName) {
      for (const [name, index] of byName) {
        const value = INDEX_VALUE[name](e.object);
        if (e.old) {
          const before = INDEX_VALUE[name](e.old);
          // (most updates keep the value: the object changes its place in no list)
          if (before !== undefined && before === value && e.type === 'MODIFIED') {
            replaceInIndex(index.get(value)!, e.object);
            continue;
          }
          indexObject(index, before, e.old, false);
        }
        indexObject(index, value, e.object, e.type !== 'DELETED');
      }
    }
    for (const w of this.watchers) w(e);
  }

  /**
   * The same objects, counters and random streams over `clock`, for a clone of the cluster (etcd
   * restored from a snapshot): stored objects are immutable and shared; the maps holding them are
   * copied. No watchers (the clone's components register their own); the indexes are rebuilt on
   * first use.
   */
  clone(clock: VirtualClock): ObjectStore {
    const s = new ObjectStore(clock, this.rng.clone(), this.suffixRng.clone(), this.uidRng.clone());
    for (const [kind, objects] of this.byKind) s.byKind.set(kind, new Map(objects));
    s.rv = this.rv;
    s.uidCounter = this.uidCounter;
    s.trackManagedFields = this.trackManagedFields;
    return s;
  }

  /** Deterministic RFC 4122-shaped uid. */
  private newUid(): string {
    const a = this.uidRng.next(),
      b = this.uidRng.next(),
      c = this.uidRng.next();
    const n = ++this.uidCounter;
    return flat(
      `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-${hex(0x8000 | (c & 0x3fff), 4)}-${hex(c >>> 16, 4)}${hex(n, 8)}`,
    );
  }
}

const orphanKey = (namespace: string | undefined): string => `\0orphan/${namespace ?? ''}`;

type IndexName = 'controller' | 'nodeName' | 'namespace';

/** What each index files an object under (undefined: not in the index). */
const INDEX_VALUE: Record<IndexName, (o: KubeObject) => string | undefined> = {
  controller: (o) =>
    o.metadata.ownerReferences?.find((r) => r.controller === true)?.uid ?? orphanKey(o.metadata.namespace),
  nodeName: (o) => (o as { spec?: { nodeName?: string } }).spec?.nodeName || undefined,
  namespace: (o) => o.metadata.namespace,
};

/**
 * Kinds whose registry strategy sets no metadata.generation (pkg/registry/apps/controllerrevision/strategy.go,
 * pkg/registry/core/{namespace,service,configmap,secret,serviceaccount}/strategy.go among them).
 */
const WITHOUT_GENERATION = new Set([
  'Pod',
  'Node',
  'Event',
  'ControllerRevision',
  'Namespace',
  'Service',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
]);

/** The objects filed under one index value (by uid: every stored object has one, kept by updates), and their API-order list. */
interface IndexEntry {
  objects: Map<string, KubeObject>;
  sorted?: KubeObject[];
  /** uid → position in `sorted` (built with it): an update replaces its object there. */
  at?: Map<string, number>;
}

const NONE: readonly KubeObject[] = [];

function indexObject(index: Map<string, IndexEntry>, value: string | undefined, o: KubeObject, add: boolean): void {
  if (value === undefined) return;
  const key = o.metadata.uid!;
  let entry = index.get(value);
  if (add) {
    if (!entry) {
      entry = { objects: new Map() };
      index.set(value, entry);
    }
    entry.objects.set(key, o);
    entry.sorted = entry.at = undefined;
  } else if (entry) {
    entry.objects.delete(key);
    entry.sorted = entry.at = undefined;
    if (entry.objects.size === 0) index.delete(value);
  }
}

/** An update filed under the same value: the object takes its old version's place, in the sorted list too. */
function replaceInIndex(entry: IndexEntry, o: KubeObject): void {
  const uid = o.metadata.uid!;
  entry.objects.set(uid, o);
  if (!entry.sorted) return;
  const i = entry.at?.get(uid);
  if (i !== undefined) entry.sorted[i] = o;
  else entry.sorted = undefined; // (not there: rebuilt on next use)
}

/** n in hex, zero-padded to w digits. */
function hex(n: number, w: number): string {
  return n.toString(16).padStart(w, '0');
}

function ns(kind: string, namespace: string | undefined): string | undefined {
  return kindInfo(kind)?.namespaced === false ? undefined : namespace;
}

export function apiOrder(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '',
    bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const x = a.metadata.name ?? '',
    y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  const sa = (a as { spec?: unknown }).spec,
    sb = (b as { spec?: unknown }).spec;
  return sa !== sb && JSON.stringify(sa) !== JSON.stringify(sb); // status writes share the stored spec
}
