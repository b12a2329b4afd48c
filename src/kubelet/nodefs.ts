// A node's simulated filesystem: only what the kubelet reads — its config file
// /var/lib/kubelet/config.yaml (staticPodPath, kubeadm default /etc/kubernetes/manifests) and the
// static pod manifests. Steps write and delete files through `nodeFs(cluster, node)`; the kubelet
// rereads the folder on every sync (the real one watches it with inotify, plus a 20s rescan).
// Changing staticPodPath takes effect at once (the real kubelet needs a restart).

import type { ObjectStore } from '../store/store.ts';
import { UserError } from '../util/errors.ts';
import { noSuchNodeMessage } from '../store/errors.ts';

export const KUBELET_CONFIG_PATH = '/var/lib/kubelet/config.yaml';
export const DEFAULT_STATIC_POD_PATH = '/etc/kubernetes/manifests';

/** kubeadm's KubeletConfiguration, trimmed to the fields a lab shows. */
export const KUBEADM_KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
kind: KubeletConfiguration
rotateCertificates: true
runtimeRequestTimeout: 0s
staticPodPath: ${DEFAULT_STATIC_POD_PATH}
`;

const normalize = (path: string) => {
  if (!path.startsWith('/')) throw new UserError(`node file paths are absolute: "${path}"`);
  if (!path.includes('//') && (path.length === 1 || !path.endsWith('/'))) return path; // already normal (the usual case)
  return path.replace(/\/+/g, '/').replace(/\/$/, '') || '/';
};

export class NodeFs {
  private readonly files = new Map<string, string>();
  /** Bumped by every write and removal (the kubelet rereads the folder only when it moved). */
  version = 0;
  /** Told after every write and removal (the kubelet manager schedules the node's kubelet). */
  onChange?: () => void;

  static forKubeadmNode(): NodeFs {
    const fs = new NodeFs();
    fs.write(KUBELET_CONFIG_PATH, KUBEADM_KUBELET_CONFIG);
    return fs;
  }

  write(path: string, text: string): void {
    this.files.set(normalize(path), text);
    this.version++;
    this.changed();
  }

  /** Removes a file; false when there was none. */
  remove(path: string): boolean {
    this.version++;
    const had = this.files.delete(normalize(path));
    this.changed();
    return had;
  }

  private changed(): void {
    this.onChange?.();
  }

  /** The same files and version, with no onChange (a clone of the cluster sets its own). */
  clone(): NodeFs {
    const fs = new NodeFs();
    for (const [path, text] of this.files) fs.files.set(path, text);
    fs.version = this.version;
    return fs;
  }

  read(path: string): string | undefined {
    return this.files.get(normalize(path));
  }

  /** Files directly inside `dir`, sorted (full paths). */
  list(dir: string): string[] {
    const d = normalize(dir);
    const prefix = d === '/' ? '/' : `${d}/`;
    return [...this.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).sort();
  }
}

/** The filesystem of a node of the cluster (for steps: write/remove/read/list). */
export function nodeFs(
  cluster: { readonly store: ObjectStore; readonly kubelets: { fs(node: string): NodeFs } },
  node: string,
): NodeFs {
  if (!cluster.store.get('Node', undefined, node)) throw new UserError(noSuchNodeMessage(cluster.store, node));
  return cluster.kubelets.fs(node);
}
