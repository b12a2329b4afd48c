// The namespace registry and the NamespaceLifecycle admission plugin of kube-apiserver:
// - the strategy (pkg/registry/core/namespace/strategy.go): a created namespace is Active and
//   carries the `kubernetes` finalizer in spec.finalizers; an update keeps the stored
//   spec.finalizers and status (they change through /finalize and /status only);
// - deletion (pkg/registry/core/namespace/storage/storage.go REST.Delete): the first DELETE sets
//   deletionTimestamp and phase Terminating and keeps the object; a DELETE while spec.finalizers
//   remain answers the namespace as it is; the namespace goes once they are all removed (finalize:
//   ShouldDeleteNamespaceDuringUpdate);
// - admission (staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go):
//   default, kube-system and kube-public may not be deleted; nothing is created in a namespace that
//   does not exist or is being terminated.

import type { KubeObject, Namespace } from '../api/types.ts';
import { type ApiError, admissionForbidden, notFound } from './errors.ts';
import type { ObjectStore } from './store.ts';

/** The `kubernetes` finalizer (api.FinalizerKubernetes) the namespace controller removes once the namespace is empty. */
export const FINALIZER_KUBERNETES = 'kubernetes';

/** The namespaces NamespaceLifecycle refuses to delete (metav1.NamespaceDefault, NamespaceSystem, NamespacePublic). */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

/** namespaceStrategy.PrepareForCreate: status is Active, and `kubernetes` is added to spec.finalizers when missing. */
export function prepareNamespaceForCreate(ns: Namespace): void {
  ns.status = { phase: 'Active' };
  const spec = ns.spec && typeof ns.spec === 'object' ? ns.spec : {};
  const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
  ns.spec = {
    ...spec,
    finalizers: finalizers.includes(FINALIZER_KUBERNETES) ? finalizers : [...finalizers, FINALIZER_KUBERNETES],
  };
}

/** namespaceStrategy.PrepareForUpdate: spec.finalizers and status stay as stored. */
export function prepareNamespaceForUpdate(ns: Namespace, old: Namespace): void {
  const spec = ns.spec && typeof ns.spec === 'object' ? { ...ns.spec } : {};
  if (old.spec?.finalizers) spec.finalizers = old.spec.finalizers;
  else delete spec.finalizers;
  ns.spec = spec;
  if (old.status) ns.status = old.status;
  else delete ns.status;
}

/** apierrors.HasStatusCause(err, v1.NamespaceTerminatingCause): a create refused because its namespace is being terminated. */
export const isNamespaceTerminatingError = (e: ApiError): boolean =>
  e.causes.some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE);

/** v1.NamespaceTerminatingCause. */
const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

/** Whether a namespace is being deleted (phase Terminating, as the admission plugin reads it). */
export const isTerminating = (ns: Namespace | undefined): boolean => ns?.status?.phase === 'Terminating';

/**
 * NamespaceLifecycle on CREATE of a namespaced object: NotFound when its namespace does not exist,
 * Forbidden (with the NamespaceTerminating cause) when it is being terminated.
 */
export function admitNamespaceLifecycle(obj: KubeObject, store: ObjectStore): void {
  const name = obj.metadata.namespace!;
  const ns = store.get<Namespace>('Namespace', undefined, name);
  if (!ns) throw notFound('Namespace', name);
  if (isTerminating(ns)) {
    const err = admissionForbidden(
      obj,
      `unable to create new content in namespace ${name} because it is being terminated`,
    );
    // v1.NamespaceTerminatingCause: what controllers look for to stop retrying (HasStatusCause)
    err.causes.push({
      reason: NAMESPACE_TERMINATING_CAUSE,
      message: `namespace ${name} is being terminated`,
      field: 'metadata.namespace',
    });
    throw err;
  }
}

/**
 * DELETE of a namespace (REST.Delete after NamespaceLifecycle's check): the immortal namespaces are
 * refused; the first request marks the namespace (deletionTimestamp now, phase Terminating) and
 * answers it; later ones answer it as it is while spec.finalizers remain, and remove it once none do.
 */
export function deleteNamespace(store: ObjectStore, ns: Namespace): KubeObject {
  const name = ns.metadata.name!;
  if (IMMORTAL_NAMESPACES.has(name)) throw admissionForbidden(ns, 'this namespace may not be deleted');
  if (!ns.metadata.deletionTimestamp) {
    const now = store.clock.iso();
    // the registry's own update (GuaranteedUpdate), past the field manager
    return store.as(undefined, () =>
      store.mutate<Namespace>('Namespace', undefined, name, (n) => {
        n.metadata.deletionTimestamp = now;
        n.status = { ...(n.status ?? {}), phase: 'Terminating' };
      }),
    )!;
  }
  if (ns.spec?.finalizers?.length || ns.metadata.finalizers?.length) return ns;
  return store.remove('Namespace', undefined, name)!;
}

/**
 * The /finalize subresource (namespaceFinalizeStrategy): spec.finalizers become `finalizers`; a
 * namespace being deleted that has none left (and no metadata.finalizers) is removed
 * (ShouldDeleteNamespaceDuringUpdate). Returns the namespace as stored, or undefined once removed.
 */
export function finalizeNamespace(store: ObjectStore, name: string, finalizers: string[]): Namespace | undefined {
  const cur = store.get<Namespace>('Namespace', undefined, name);
  if (!cur) throw notFound('Namespace', name);
  if (cur.metadata.deletionTimestamp && finalizers.length === 0 && !cur.metadata.finalizers?.length) {
    store.remove('Namespace', undefined, name);
    return undefined;
  }
  return store.mutate<Namespace>('Namespace', undefined, name, (n) => {
    n.spec = { ...(n.spec ?? {}), finalizers };
  });
}
