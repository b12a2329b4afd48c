// Helpers shared by the workload controllers (pkg/controller/controller_utils.go and friends):
// pod activity/readiness/availability, controller ownerReferences, pods built from a template
// (GetPodFromTemplate) and the pod-template hash (ComputeHash: FNV-32a of the canonical JSON,
// SafeEncodeString).

import type { KubeObject, OwnerReference, Pod, PodTemplateSpec } from '../api/types.ts';
import { cloneData } from '../api/clone.ts';
import { SAFE_ALPHABET } from '../util/rng.ts';
import { fnv32a } from '../util/hash.ts';
import { canonicalJson } from '../util/json.ts';
import type { ApiServer } from '../store/apiserver.ts';
import { ApiError } from '../store/errors.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore, ReadStore } from '../store/store.ts';

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(p: Pod): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

export function readyCondition(p: Pod) {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(p: Pod): boolean {
  return readyCondition(p)?.status === 'True';
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds (0 → as soon as ready). */
export function isPodAvailable(p: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = readyCondition(p);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= nowMs;
}

/** The ownerReference with controller: true, if any. */
export function controllerRef(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The objects of a kind the owner controls in its own namespace, in API order (the store's owner index). */
export function ownedInNamespace<T extends KubeObject>(store: ObjectStore, kind: string, owner: KubeObject): T[] {
  return store.ownedBy<T>(kind, owner.metadata.uid!).filter((o) => o.metadata.namespace === owner.metadata.namespace);
}

function controllerOf(store: ReadStore, obj: KubeObject): KubeObject | undefined {
  const ref = controllerRef(obj);
  if (!ref) return undefined;
  const owner = store.get(ref.kind, obj.metadata.namespace, ref.name);
  return owner && owner.metadata.uid === ref.uid ? owner : undefined;
}

/** A namespaced object by kind: a workload (Deployment, StatefulSet, ...). */
export interface ObjectKey {
  kind: string;
  namespace: string;
  name: string;
}

/** True if the workload is somewhere up the pod's chain of controllers (Pod → ReplicaSet → Deployment). */
export function isControlledBy(store: ReadStore, pod: Pod, w: ObjectKey): boolean {
  let cur: KubeObject | undefined = pod;
  for (let depth = 0; depth < 4 && cur; depth++) {
    cur = controllerOf(store, cur);
    if (cur && cur.kind === w.kind && cur.metadata.name === w.name) return true;
  }
  return false;
}

/**
 * The workload's live pods: those it controls, directly or through a ReplicaSet, that are not
 * being deleted (no deletionTimestamp), in API order.
 */
export function podsOf(store: ReadStore, w: ObjectKey): Pod[] {
  return store
    .list<Pod>('Pod', w.namespace)
    .filter((p) => !p.metadata.deletionTimestamp && isControlledBy(store, p, w));
}

/** The ownerReference a controller writes on what it creates (metav1.NewControllerRef). */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Kubernetes truncates generateName bases to 58 characters (63 minus the 5 random ones). */
export function generateNameFor(ownerName: string): string {
  const base = `${ownerName}-`;
  return base.length > 58 ? base.slice(0, 58) : base;
}

/** GetPodFromTemplate: labels, annotations and finalizers of the template, generateName, controller ref. */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: generateNameFor(owner.metadata.name!),
      namespace: owner.metadata.namespace,
      ownerReferences: [newControllerRef(owner)],
    },
    spec: cloneData(template.spec),
  };
  if (meta.labels) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}

/**
 * Creates a controller's pod through the API server (defaulting + admission). `pod` is handed
 * over (a fresh podFromTemplate object the caller does not read again). On success records
 * `SuccessfulCreate "Created pod: <name>"`; on failure `Warning FailedCreate "Error creating: <err>"`
 * and returns undefined.
 */
export function createPod(
  api: ApiServer,
  events: EventRecorder,
  owner: KubeObject,
  pod: Pod,
  component: string,
): Pod | undefined {
  try {
    const created = api.create(pod, true);
    events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, component);
    return created;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    events.record(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, component);
    return undefined;
  }
}

/** Deletes a controller's pod and records `SuccessfulDelete "Deleted pod: <name>"`. */
export function deletePod(api: ApiServer, events: EventRecorder, owner: KubeObject, pod: Pod, component: string): void {
  try {
    api.delete('Pod', pod.metadata.namespace, pod.metadata.name!);
  } catch (e) {
    if (e instanceof ApiError && e.reason === 'NotFound') return;
    throw e;
  }
  events.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, component);
}

/** rand.SafeEncodeString: every byte mapped into the vowel-free alphabet. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/**
 * controller.ComputeHash: FNV-32a of the template (rendered as canonical JSON here, where
 * Kubernetes renders the Go struct), then the collision count as 8 little-endian bytes, and
 * the decimal value of the sum encoded with the safe alphabet (9–10 characters, e.g. 7d4b9c8f5d).
 */
export function templateHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv32a(Buffer.from(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(collisionCount >>> 0, 0);
    h = fnv32a(b, h);
  }
  return safeEncode(String(h));
}

/** Stable sort by API order is what store.list gives; this compares RFC 3339 timestamps. */
export function timeMs(t: string | null | undefined): number {
  return t ? Date.parse(t) : 0;
}

/**
 * The work queue of a controller keyed by namespace (the ServiceAccount controller, the root CA
 * publisher): the namespaces to look at, synced in name order, each once per sync.
 */
export class NamespaceQueue {
  private names = new Set<string>();

  add(name: string): void {
    this.names.add(name);
  }

  /** Takes over the pending namespaces of `from` (the same controller's queue in the cluster this one is cloned from). */
  copyFrom(from: NamespaceQueue): void {
    this.names = new Set(from.names);
  }

  /** Syncs every pending namespace; whether any sync changed something. */
  run(sync: (name: string) => boolean): boolean {
    if (this.names.size === 0) return false;
    const names = [...this.names].sort();
    this.names.clear();
    let changed = false;
    for (const name of names) if (sync(name)) changed = true;
    return changed;
  }
}

/** What a controller is built on: the API server it writes through and the recorder of its events (a Cluster is one). */
export interface ControllerHost {
  readonly api: ApiServer;
  readonly events: EventRecorder;
}

/**
 * The work queue of an owner controller (the informer + workqueue of a real one): the uids of
 * owners whose inputs changed since their last sync that changed nothing. The controller marks
 * owners from the store's watch; `run` syncs one owner if it is marked, and leaves it marked when
 * that sync wrote anything (its own writes may call for another pass). An owner that is not
 * marked would sync to no change, so skipping it changes nothing. A new ServiceAccount marks the
 * owners of its namespace (a refused pod creation is retried).
 */
export class OwnerQueue {
  private readonly dirty = new Set<string>();
  private writes = 0;

  /** `ownerKind`: the controller's own kind, whose objects are marked when they exist, are created or change, and forgotten when deleted. */
  constructor(store: ObjectStore, ownerKind: string) {
    for (const o of store.values(ownerKind)) this.mark(o.metadata.uid);
    store.watch((e) => {
      this.writes++;
      // a pod creation refused for want of its ServiceAccount is retried once it exists (upstream
      // requeues the owner with the rate limiter's back-off): its namespace's owners are looked at again
      if (e.object.kind === 'ServiceAccount' && e.type === 'ADDED') {
        for (const o of store.inNamespace(ownerKind, e.object.metadata.namespace!)) this.mark(o.metadata.uid);
        return;
      }
      if (e.object.kind !== ownerKind) return;
      if (e.type === 'DELETED') this.forget(e.object.metadata.uid);
      else this.mark(e.object.metadata.uid);
    });
  }

  /** Takes over the marks of `from` (the same controller's queue in the cluster this one is cloned from). */
  copyFrom(from: OwnerQueue): void {
    this.dirty.clear();
    for (const uid of from.dirty) this.dirty.add(uid);
    this.writes = from.writes;
  }

  mark(uid: string | undefined): void {
    if (uid) this.dirty.add(uid);
  }

  forget(uid: string | undefined): void {
    if (uid) this.dirty.delete(uid);
  }

  /** Runs sync for a marked owner; false without running it otherwise. */
  run(uid: string, sync: () => boolean): boolean {
    if (!this.dirty.has(uid)) return false;
    this.dirty.delete(uid);
    const before = this.writes;
    const changed = sync();
    if (this.writes !== before) this.dirty.add(uid);
    return changed;
  }
}
