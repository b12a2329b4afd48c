// The simulated kube-apiserver: every write goes through here. Order as in the real server:
// defaulting → admission (NamespaceLifecycle, then the mutating ServiceAccount, Priority,
// DefaultTolerationSeconds) → the registry strategy (a namespace's status and finalizer) →
// validation → store. A namespace's deletion is the namespace registry's (namespaces.ts).
// Deletion follows the registry: bound pods are deleted gracefully (deletionTimestamp; the
// kubelet finishes the job), everything else is removed at once and its dependents are left to
// the garbage collector (propagation Background), or orphaned (propagation Orphan).

import type { KubeObject, Namespace, Pod } from '../api/types.ts';
import { qosClass } from '../api/resources.ts';
import { KINDS, kindInfo } from '../api/kinds.ts';
import { applyDefaults } from '../api/defaults.ts';
import { cloneData } from '../api/clone.ts';
import { deepEqual } from '../util/diff.ts';
import { validateObject, validateUpdate } from '../api/validation.ts';
import { admit, admitUpdate, type DefaultServiceAccounts } from './admission.ts';
import {
  admitNamespaceLifecycle,
  deleteNamespace,
  prepareNamespaceForCreate,
  prepareNamespaceForUpdate,
} from './namespaces.ts';
import { ApiError, alreadyExists, invalidObject, notFound } from './errors.ts';
import type { ObjectStore } from './store.ts';
import type { FieldError } from '../api/fielderrors.ts';
import { NotSupportedError } from '../util/errors.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export class ApiServer {
  /**
   * The ServiceAccount controller, which ServiceAccount admission waits for when a pod's namespace
   * has no `default` ServiceAccount yet (set by the cluster; without it such pods are refused, as
   * by a kube-apiserver without kube-controller-manager).
   */
  serviceAccounts?: DefaultServiceAccounts;

  /** Creates the system namespaces the store lacks (a store cloned from a running cluster has them). */
  constructor(readonly store: ObjectStore) {
    for (const name of SYSTEM_NAMESPACES) {
      if (store.get('Namespace', undefined, name)) continue;
      // kube-apiserver creates them itself, through its own API (its system namespaces controller,
      // pkg/controlplane/controller/systemnamespaces): defaulted, recorded and prepared as any create
      this.store.as({ manager: 'kube-apiserver' }, () =>
        this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
      );
    }
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T {
    const o = this.store.get<T>(kind, namespace, name);
    if (!o) throw notFound(kind, name);
    return o;
  }

  /**
   * Admits the object as written (not yet stored): defaults, admission and validation.
   * Throws ApiError (Invalid/NotFound/BadRequest) and changes nothing on failure (an `owned` input excepted: see create).
   */
  prepareCreate<T extends KubeObject>(input: T, owned = false): T {
    const info = kindInfo(input.kind);
    if (!info)
      throw new ApiError('BadRequest', `no matches for kind "${input.kind}" in version "${input.apiVersion}"`, 400);
    const obj = owned ? input : cloneData(input);
    obj.metadata = obj.metadata ?? {};
    // Go decodes a missing (or null) spec as the zero PodSpec: defaulting and validation see `{}`.
    if (obj.kind === 'Pod') (obj as unknown as Pod).spec ??= {} as Pod['spec'];
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    const name = obj.metadata.name ?? obj.metadata.generateName ?? '';
    const pre: FieldError[] = validateObject(obj, 'pre-default');
    if (pre.length) throw invalidObject(obj.kind, name, pre);
    applyDefaults(obj);
    // the field manager sees the object as decoded (defaulted), before admission (handlers/create.go)
    this.store.recordManagedFields(undefined, obj);
    // NamespaceLifecycle is the first admission plugin: a missing or terminating namespace is refused before the others run
    if (info.namespaced) admitNamespaceLifecycle(obj, this.store);
    admit(obj, this.store, this.serviceAccounts);
    // the registry strategy's PrepareForCreate, then its validation (pkg/registry/.../strategy.go)
    if (obj.kind === 'Namespace') prepareNamespaceForCreate(obj as unknown as Namespace);
    const errs = validateObject(obj, 'create');
    if (errs.length) throw invalidObject(obj.kind, name, errs);
    if (obj.kind === 'Pod') initPodStatus(obj as unknown as Pod);
    if (obj.metadata.name && this.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name))
      throw alreadyExists(obj.kind, obj.metadata.name);
    return obj;
  }

  /**
   * `owned`: input is a fresh object no one else holds or reads again (a controller's pod from its
   * template), defaulted and stored as it is instead of copied first.
   */
  create<T extends KubeObject>(input: T, owned = false): T {
    const obj = this.prepareCreate(input, owned);
    // prepareCreate's result is a fresh copy, its managedFields recorded
    return this.store.as(undefined, () => this.store.create(obj, true));
  }

  /** Full replacement of an existing object (PUT); immutable fields are checked. */
  prepareUpdate<T extends KubeObject>(input: T): T {
    const old = this.get<T>(input.kind, input.metadata.namespace ?? 'default', input.metadata.name!);
    const obj = cloneData(input);
    if (kindInfo(obj.kind)?.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    applyDefaults(obj);
    // the field manager sees the object as decoded (defaulted), before admission (handlers/update.go)
    this.store.recordManagedFields(old, obj);
    admitUpdate(obj);
    if (obj.kind === 'Namespace') prepareNamespaceForUpdate(obj as unknown as Namespace, old as unknown as Namespace);
    const errs = [...validateObject(obj, 'update'), ...validateUpdate(obj, old)];
    if (errs.length) throw invalidObject(obj.kind, obj.metadata.name!, errs);
    return obj;
  }

  /**
   * PUT (and a patch's write). An update that would store what is stored already is not written:
   * no new resourceVersion, no watch event (GuaranteedUpdate skips the write when the encoded
   * object is unchanged: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go), which is how
   * `kubectl patch` tells `patched (no change)`.
   */
  update<T extends KubeObject>(input: T): T {
    const obj = this.prepareUpdate(input);
    const cur = this.get<T>(obj.kind, obj.metadata.namespace, obj.metadata.name!);
    const { uid, creationTimestamp, resourceVersion, generation } = cur.metadata;
    if (deepEqual({ ...obj, metadata: { ...obj.metadata, uid, creationTimestamp, resourceVersion, generation } }, cur))
      return cur;
    return this.store.as(undefined, () => this.store.update(obj));
  }

  /**
   * DELETE. Pods on a node get a deletionTimestamp (grace period from options or the pod's
   * terminationGracePeriodSeconds); grace 0, unbound pods and other kinds go at once.
   */
  delete(kind: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject {
    const obj = this.get(kind, namespace, name);
    // a namespace is emptied by the namespace controller before it goes (src/controllers/namespace.ts)
    if (kind === 'Namespace') return deleteNamespace(this.store, obj as Namespace);
    if (opts.propagationPolicy === 'Foreground' && this.hasDependents(obj))
      // kube-apiserver keeps the owner (deletionTimestamp, finalizer foregroundDeletion) until the
      // garbage collector has deleted its blocking dependents (pkg/controller/garbagecollector); here
      // the owner would go at once and its dependents after, as with Background: refused, not faked.
      throw new NotSupportedError(
        `foreground cascading deletion of ${kind.toLowerCase()} ${name}, which has dependents (use the default, background: --cascade=background)`,
      );
    // (orphaning is the garbage collector's patch of each dependent: pkg/controller/garbagecollector)
    if (opts.propagationPolicy === 'Orphan')
      this.store.as({ manager: 'kube-controller-manager' }, () => this.orphanDependents(obj));
    if (kind === 'Pod') {
      const pod = obj as Pod;
      const grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      if (pod.spec.nodeName && grace > 0 && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
        if (pod.metadata.deletionTimestamp) {
          // BeforeDelete (staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go): a pod already being
          // deleted may only have its grace period shortened, the deletionTimestamp moved earlier to match.
          const was = pod.metadata.deletionGracePeriodSeconds;
          if (opts.gracePeriodSeconds === undefined || was === undefined || grace >= was) return pod;
          const at = Date.parse(pod.metadata.deletionTimestamp) - (was - grace) * 1000;
          return this.store.as(undefined, () =>
            this.store.mutate<Pod>('Pod', namespace, name, (p) => {
              p.metadata.deletionTimestamp = this.store.clock.iso(at);
              p.metadata.deletionGracePeriodSeconds = grace;
            }),
          )!;
        }
        // the registry's graceful deletion writes past the field manager (BeforeDelete)
        return this.store.as(undefined, () =>
          this.store.mutate<Pod>('Pod', namespace, name, (p) => {
            p.metadata.deletionTimestamp = this.store.clock.iso(this.store.clock.now() + grace * 1000);
            p.metadata.deletionGracePeriodSeconds = grace;
          }),
        )!;
      }
    }
    return this.store.remove(kind, namespace, name)!;
  }

  private hasDependents(owner: KubeObject): boolean {
    return KINDS.some((k) => this.store.ownedBy(k.kind, owner.metadata.uid!).length > 0);
  }

  private orphanDependents(owner: KubeObject): void {
    for (const kind of ['Pod', 'ReplicaSet']) {
      for (const dep of this.store.list(kind, owner.metadata.namespace)) {
        if (dep.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) {
          this.store.mutate(kind, dep.metadata.namespace, dep.metadata.name!, (d) => {
            d.metadata.ownerReferences = d.metadata.ownerReferences!.filter((r) => r.uid !== owner.metadata.uid);
            if (d.metadata.ownerReferences.length === 0) delete d.metadata.ownerReferences;
          });
        }
      }
    }
  }
}

/** Pod strategy PrepareForCreate: a new pod's status is phase Pending with its QoS class (status in the manifest is ignored). */
function initPodStatus(pod: Pod): void {
  const gated = (pod.spec?.schedulingGates ?? []).length > 0;
  pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
  if (gated)
    pod.status.conditions = [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
        lastProbeTime: null,
      },
    ];
}
