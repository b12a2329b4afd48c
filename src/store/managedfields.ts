// The field manager of every write that is not a server-side apply: the `Update` entries of
// metadata.managedFields, as kube-apiserver's field manager records them
// (staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal: fieldmanager.go,
// skipnonapplied.go, capmanagers.go, managedfieldsupdater.go, stripmeta.go, structuredmerge.go,
// managedfields.go; sigs.k8s.io/structured-merge-diff merge/update.go Updater.Update):
// - the entries a write starts from are those it sends, else the live object's (a client that
//   does not know managedFields does not erase them); a status write always starts from the live ones;
// - an object without entries stays without (skipNonAppliedManager), except on create;
// - the live and the new object are compared (a create compares with the kind's Go zero value),
//   leaving out the fields the write's strategy resets (status for the resource, all but status
//   for the status subresource: GetResetFields of pkg/registry/…/strategy.go);
// - every other manager loses the fields the write added, changed or removed; the writer's entry
//   (manager, operation Update, apiVersion, subresource) gains the added and changed ones, and its
//   time moves only when it gained any (managedFieldsUpdater); identity metadata is never recorded;
// - more than 10 Update entries: the oldest merge into `ancient-changes` (capManagersManager);
// - the entries are sorted: Apply before Update, then by time, manager, apiVersion, subresource.

import {
  STRIPPED_METADATA,
  compare,
  type FieldSet,
  fieldsV1Of,
  type ManagedFieldsEntry,
  type PathSet,
  pathSetOf,
  SEP,
  underPath,
} from '../api/fieldset.ts';
import { apiVersionOf, type KindInfo } from '../api/kinds.ts';
import type { KubeObject } from '../api/types.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON objects of any kind
type Json = any;

/** Who writes: the field manager's name (`kubectl-label`, `kubelet`, …) and the subresource written. */
export interface FieldWriter {
  readonly manager: string;
  /** `status`, `scale`, or none (the resource itself). */
  readonly subresource?: string;
  /**
   * The simulator's own components change status and the rest of an object in one store write,
   * where a real component writes status through the status subresource: the write is recorded
   * as the two writes it stands for.
   */
  readonly splitStatus?: boolean;
}

/** DefaultMaxUpdateManagers (internal/fieldmanager.go). */
export const MAX_UPDATE_MANAGERS = 10;
/** The bucket the oldest Update entries merge into (capmanagers.go). */
export const ANCIENT_CHANGES = 'ancient-changes';

/** Kinds with a status subresource: their resource writes do not record status, their status writes record only it. */
export const WITH_STATUS = new Set([
  'Pod',
  'Node',
  'Namespace',
  'Service',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'PodDisruptionBudget',
]);

const POD_TEMPLATE = { metadata: { creationTimestamp: null }, spec: { containers: null } };
/**
 * What a create is compared with: the JSON of the kind's empty Go object (`scope.Creater.New`,
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go), identity metadata left out.
 * A struct that is not a pointer is there (`{}`), so a create does not own it as a node (`.`);
 * a slice, map or pointer without omitempty is there as null.
 */
const ZERO: Record<string, Json> = {
  Pod: { metadata: {}, spec: { containers: null }, status: {} },
  Deployment: { metadata: {}, spec: { selector: null, template: POD_TEMPLATE, strategy: {} }, status: {} },
  ReplicaSet: { metadata: {}, spec: { selector: null, template: POD_TEMPLATE }, status: { replicas: 0 } },
  DaemonSet: { metadata: {}, spec: { selector: null, template: POD_TEMPLATE, updateStrategy: {} }, status: {} },
  StatefulSet: {
    metadata: {},
    spec: { selector: null, template: POD_TEMPLATE, updateStrategy: {} },
    status: { replicas: 0 },
  },
  Job: { metadata: {}, spec: { template: POD_TEMPLATE }, status: {} },
  ReplicationController: { metadata: {}, spec: {}, status: { replicas: 0 } },
  Service: { metadata: {}, spec: {}, status: { loadBalancer: {} } },
  Namespace: { metadata: {}, spec: {}, status: {} },
  Node: { metadata: {}, spec: {}, status: { daemonEndpoints: { kubeletEndpoint: { Port: 0 } }, nodeInfo: {} } },
  PodDisruptionBudget: { metadata: {}, spec: {}, status: {} },
  PriorityClass: { metadata: {}, value: 0 },
  Event: {
    metadata: {},
    involvedObject: {},
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    eventTime: null,
    reportingComponent: '',
    reportingInstance: '',
  },
};

function stripped(o: KubeObject): Json {
  const { apiVersion: _a, kind: _k, metadata, ...rest } = o as Json;
  const meta: Json = { ...metadata };
  for (const k of STRIPPED_METADATA) delete meta[k];
  return { ...rest, metadata: meta };
}

interface Manager {
  entry: Omit<ManagedFieldsEntry, 'fieldsV1' | 'time'>;
  set: PathSet;
  time?: string;
  /** The stored entry this manager was read from, while its set and time are unchanged (written back as it is). */
  source?: ManagedFieldsEntry;
}

/** BuildManagerIdentifier (internal/managedfields.go): the entry without its fields and time; an Apply entry without its apiVersion. */
function managerKey(e: Omit<ManagedFieldsEntry, 'fieldsV1' | 'time'>): string {
  return JSON.stringify({
    manager: e.manager,
    operation: e.operation,
    ...(e.operation === 'Apply' ? {} : { apiVersion: e.apiVersion }),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  });
}

/** Stored entries, read: stored objects are immutable, so each stored array is read once. */
const decoded = new WeakMap<readonly ManagedFieldsEntry[], Map<string, Manager>>();

/** The managers of stored entries: fresh Manager records over shared sets (copied on first change: `changeable`). */
function decode(entries: readonly ManagedFieldsEntry[] | undefined): Map<string, Manager> {
  if (!entries) return new Map();
  let read = decoded.get(entries);
  if (!read) {
    read = new Map();
    for (const e of entries) {
      const { fieldsV1, time, ...entry } = e;
      read.set(managerKey(entry), {
        entry: { ...entry, fieldsType: 'FieldsV1' },
        set: pathSetOf(fieldsV1),
        time,
        source: e,
      });
    }
    decoded.set(entries, read);
  }
  return new Map([...read].map(([k, m]) => [k, { ...m }]));
}

/** The manager's set, copied before its first change (the read one is shared). */
function changeable(m: Manager): PathSet {
  if (m.source) {
    m.set = new Set(m.set);
    m.source = undefined;
  }
  return m.set;
}

/** sortEncodedManagedFields (internal/managedfields.go). */
export function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const cmp = (a: string | undefined, b: string | undefined) =>
    (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
  return entries.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      cmp(p.time?.slice(0, 19), q.time?.slice(0, 19)) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource, q.subresource),
  );
}

/** The entries to store: `before` itself when no manager changed (so it is read once, and a no-op write stays one). */
function encode(
  managers: Map<string, Manager>,
  before: readonly ManagedFieldsEntry[] | undefined,
): ManagedFieldsEntry[] | undefined {
  if (managers.size === 0) return undefined;
  const out: ManagedFieldsEntry[] = [];
  for (const m of managers.values()) {
    if (m.source) {
      out.push(m.source);
      continue;
    }
    m.source = encodeEntry(m);
    out.push(m.source);
  }
  if (before && before.length === out.length && out.every((e) => before.includes(e)))
    return before as ManagedFieldsEntry[];
  const entries = sortEntries(out);
  // the next write over these entries reads them from here
  decoded.set(entries, new Map([...managers].map(([k, m]) => [k, { ...m }])));
  return entries;
}

/**
 * A manager as its stored entry (Go's field order). Its FieldsV1 is built when first read: most
 * are never printed, and the next write reads the manager's set, not them.
 */
function encodeEntry(m: Manager): ManagedFieldsEntry {
  const { manager, operation, apiVersion, fieldsType, subresource } = m.entry;
  const e: ManagedFieldsEntry = {
    manager,
    operation,
    apiVersion,
    ...(m.time ? { time: m.time } : {}),
    fieldsType,
    fieldsV1: {},
    ...(subresource ? { subresource } : {}),
  };
  const set = m.set;
  let fields: FieldSet | undefined;
  Object.defineProperty(e, 'fieldsV1', {
    enumerable: true,
    configurable: true,
    get: () => {
      fields ??= fieldsV1Of(set);
      return fields;
    },
    set: (v: FieldSet) => {
      fields = v;
    },
  });
  return e;
}

/**
 * One write through the field manager (Updater.Update behind managedFieldsUpdater): every other
 * manager loses what changed; the writer's entry gains what was added or changed.
 */
function update(
  managers: Map<string, Manager>,
  changes: { added: string[]; modified: string[]; removed: string[] },
  entry: Manager['entry'],
  time: string,
): void {
  const gained = [...changes.added, ...changes.modified].filter((p) => p !== 'f:metadata');
  const lost = [...gained, ...changes.removed];
  if (lost.length)
    for (const [key, m] of managers) {
      if (!lost.some((p) => m.set.has(p))) continue;
      const set = changeable(m);
      for (const p of lost) set.delete(p);
      if (set.size === 0) managers.delete(key);
    }
  if (!gained.length) return;
  const key = managerKey(entry);
  const mine = managers.get(key);
  if (mine) {
    const set = changeable(mine);
    for (const p of gained) set.add(p);
    mine.time = time;
  } else managers.set(key, { entry, set: new Set(gained), time });
}

/** capManagersManager (internal/capmanagers.go): merges the oldest Update entries into `ancient-changes` buckets. */
function capUpdateManagers(managers: Map<string, Manager>): void {
  const updaters = [...managers.entries()].filter(([, m]) => m.entry.operation !== 'Apply');
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  const seconds = (m: Manager) => m.time?.slice(0, 19) ?? '';
  updaters.sort(([ka, a], [kb, b]) =>
    seconds(a) !== seconds(b) ? (seconds(a) < seconds(b) ? -1 : 1) : ka < kb ? -1 : 1,
  );
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const [key, m] = updaters[i];
    const version = m.entry.apiVersion;
    const bucketEntry = {
      manager: ANCIENT_CHANGES,
      operation: 'Update' as const,
      apiVersion: version,
      fieldsType: 'FieldsV1' as const,
    };
    const bucketKey = managerKey(bucketEntry);
    const first = firstOfVersion.get(version);
    if (first === undefined) {
      firstOfVersion.set(version, key);
      continue;
    }
    if (!managers.has(bucketKey)) {
      const firstManager = managers.get(first)!;
      managers.delete(first);
      managers.set(bucketKey, { entry: bucketEntry, set: new Set(firstManager.set), time: firstManager.time });
    }
    const bucket = managers.get(bucketKey)!;
    const set = changeable(bucket);
    for (const p of m.set) set.add(p);
    managers.delete(key);
    length--;
    bucket.time = m.time;
  }
}

const STATUS = 'f:status';
const onlyStatus = (paths: string[]) => paths.filter((p) => underPath(p, STATUS));
const notStatus = (paths: string[]) => paths.filter((p) => !underPath(p, STATUS));
const filtered = (c: ReturnType<typeof compare>, keep: (paths: string[]) => string[]) => ({
  added: keep(c.added),
  modified: keep(c.modified),
  removed: keep(c.removed),
});

/**
 * The managedFields of `next` as written by `writer` over `live` (undefined: a create) at `time`:
 * the entries to store (undefined: none).
 */
export function managedFieldsAfterWrite(
  info: KindInfo,
  live: KubeObject | undefined,
  next: KubeObject,
  writer: FieldWriter,
  time: string,
): ManagedFieldsEntry[] | undefined {
  const sent = next.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const base =
    sent?.length && !writer.subresource ? sent : (live?.metadata.managedFields as ManagedFieldsEntry[] | undefined);
  const managers = decode(base);
  // skipNonAppliedManager: an existing object nobody manages is not tracked by an update
  if (live && managers.size === 0) return undefined;
  const changes = compare(info, live ? stripped(live) : (ZERO[info.kind] ?? { metadata: {} }), stripped(next));
  const apiVersion = apiVersionOf(info);
  const entry = (subresource?: string): Manager['entry'] => ({
    manager: writer.manager,
    operation: 'Update',
    apiVersion,
    fieldsType: 'FieldsV1',
    ...(subresource ? { subresource } : {}),
  });
  const hasStatus = WITH_STATUS.has(info.kind);
  if (writer.splitStatus && hasStatus) {
    update(managers, filtered(changes, notStatus), entry(), time);
    if (live) update(managers, filtered(changes, onlyStatus), entry('status'), time);
  } else if (writer.subresource === 'status') update(managers, filtered(changes, onlyStatus), entry('status'), time);
  else
    update(managers, hasStatus ? filtered(changes, notStatus) : changes, entry(writer.subresource || undefined), time);
  capUpdateManagers(managers);
  return encode(managers, base);
}

/** The fields an entry of `manager` holds, as `.`-joined paths (for tests and messages). */
export function ownedPaths(entries: readonly ManagedFieldsEntry[] | undefined, manager: string): string[] {
  return [...pathSetOf(entries?.find((e) => e.manager === manager)?.fieldsV1)].map((p) => p.split(SEP).join('.'));
}
