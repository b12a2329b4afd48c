// ServiceAccount controller (pkg/controller/serviceaccount/serviceaccounts_controller.go): every
// active namespace has a `default` ServiceAccount (kube-controller-manager's only account to
// ensure: an empty one, no secrets since 1.24). A namespace is looked at when it is added or
// updated and when one of its ServiceAccounts is deleted (namespaceAdded, namespaceUpdated,
// serviceAccountDeleted); a namespace that is not Active gets nothing (syncNamespace). It watches
// namespaces and ServiceAccounts only: a pod costs it nothing.
// ServiceAccount admission waits for it (src/store/admission.ts: ensureDefault).

import type { Component } from '../util/component.ts';
import type { Namespace, ServiceAccount } from '../api/types.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { DefaultServiceAccounts } from '../store/admission.ts';
import { DEFAULT_SERVICE_ACCOUNT } from '../store/admission.ts';
import { ApiError } from '../store/errors.ts';
import { isNamespaceTerminatingError } from '../store/namespaces.ts';
import type { WatchEvent } from '../store/store.ts';
import { NamespaceQueue } from './common.ts';

export const SERVICE_ACCOUNT_CONTROLLER = 'serviceaccount-controller';

export class ServiceAccountsController implements Component, DefaultServiceAccounts {
  readonly name = SERVICE_ACCOUNT_CONTROLLER;
  /** Namespaces to look at on the next sync. */
  private readonly dirty = new NamespaceQueue();

  constructor(private readonly api: ApiServer) {
    for (const ns of api.store.values('Namespace')) this.dirty.add(ns.metadata.name!);
    api.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    const o = e.object;
    if (o.kind === 'Namespace' && e.type !== 'DELETED') this.dirty.add(o.metadata.name!);
    else if (o.kind === 'ServiceAccount' && e.type === 'DELETED') this.dirty.add(o.metadata.namespace!);
  }

  /** The same controller over a clone of its cluster's store (Cluster.clone), with its pending work. */
  clone(to: { readonly api: ApiServer }): ServiceAccountsController {
    const c = new ServiceAccountsController(to.api);
    c.dirty.copyFrom(this.dirty);
    return c;
  }

  sync(): boolean {
    return this.dirty.run((name) => this.syncNamespace(name));
  }

  ensureDefault(namespace: string): void {
    this.syncNamespace(namespace);
  }

  /** Creates the namespace's missing ServiceAccounts if it is active; returns whether it created one. */
  private syncNamespace(name: string): boolean {
    const ns = this.api.store.get<Namespace>('Namespace', undefined, name);
    // "If namespace is not active, we shouldn't try to create anything"
    if (ns?.status?.phase !== 'Active') return false;
    if (this.api.store.get('ServiceAccount', name, DEFAULT_SERVICE_ACCOUNT)) return false;
    try {
      this.api.create<ServiceAccount>({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: name },
      });
      return true;
    } catch (e) {
      // AlreadyExists, and a namespace being terminated (NamespaceTerminatingCause), are ignored
      if (e instanceof ApiError && (e.reason === 'AlreadyExists' || isNamespaceTerminatingError(e))) return false;
      throw e;
    }
  }
}
