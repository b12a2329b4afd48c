// Root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go):
// every namespace has the `kube-root-ca.crt` ConfigMap — key `ca.crt`, the cluster's root CA
// (src/util/x509.ts), and the `kubernetes.io/description` annotation — created when missing and
// put back when its data or annotation is changed. A namespace is looked at when it is added,
// updated while Active, and when its kube-root-ca.crt is updated or deleted (namespaceAdded,
// namespaceUpdated, configMapUpdated, configMapDeleted); a create refused because the namespace
// is gone or terminating is not retried. It watches namespaces and that ConfigMap only.

import type { Component } from '../util/component.ts';
import type { ConfigMap, Namespace } from '../api/types.ts';
import type { ApiServer } from '../store/apiserver.ts';
import { ApiError } from '../store/errors.ts';
import { isNamespaceTerminatingError } from '../store/namespaces.ts';
import type { WatchEvent } from '../store/store.ts';
import { NamespaceQueue } from './common.ts';
import { sameJson } from '../util/json.ts';

export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCACertPublisher implements Component {
  readonly name = 'root-ca-cert-publisher';
  /** Namespaces to look at on the next sync. */
  private readonly dirty = new NamespaceQueue();

  constructor(
    private readonly api: ApiServer,
    /** The PEM every ConfigMap carries under `ca.crt`. */
    readonly rootCA: string,
  ) {
    for (const ns of api.store.values('Namespace')) this.dirty.add(ns.metadata.name!);
    api.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    const o = e.object;
    if (o.kind === 'Namespace') {
      if (e.type === 'ADDED' || (e.type === 'MODIFIED' && (o as Namespace).status?.phase === 'Active'))
        this.dirty.add(o.metadata.name!);
    } else if (o.kind === 'ConfigMap' && e.type !== 'ADDED' && o.metadata.name === ROOT_CA_CONFIG_MAP)
      this.dirty.add(o.metadata.namespace!);
  }

  /** The same publisher over a clone of its cluster's store (Cluster.clone), with its pending work. */
  clone(to: { readonly api: ApiServer }): RootCACertPublisher {
    const c = new RootCACertPublisher(to.api, this.rootCA);
    c.dirty.copyFrom(this.dirty);
    return c;
  }

  sync(): boolean {
    return this.dirty.run((name) => this.syncNamespace(name));
  }

  private syncNamespace(namespace: string): boolean {
    const data = { 'ca.crt': this.rootCA };
    const cm = this.api.store.get<ConfigMap>('ConfigMap', namespace, ROOT_CA_CONFIG_MAP);
    try {
      if (!cm) {
        this.api.create<ConfigMap>({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: ROOT_CA_CONFIG_MAP,
            namespace,
            annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION },
          },
          data,
        });
        return true;
      }
      if (sameJson(cm.data ?? {}, data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return false;
      this.api.update<ConfigMap>({
        ...cm,
        metadata: {
          ...cm.metadata,
          annotations: { ...(cm.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION },
        },
        data,
      });
      return true;
    } catch (e) {
      // "don't retry a create if the namespace doesn't exist or is terminating"
      if (e instanceof ApiError && (e.reason === 'NotFound' || isNamespaceTerminatingError(e))) return false;
      throw e;
    }
  }
}
