// Static pods: a kubelet's manifest folder (staticPodPath of its config file) read into pods
// (pkg/kubelet/config/file.go; naming and defaulting: pkg/kubelet/config/common.go), the
// annotations the kubelet sets on them and on their mirror pods (pkg/kubelet/types/pod_update.go),
// the mirror pods themselves (pkg/kubelet/pod/mirror_client.go), and the process-wide caches of
// parsed manifests and kubelet configurations (every node of every lab cluster reads the same files).

import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { Node, Pod } from '../api/types.ts';
import { loadManifests } from '../api/manifest.ts';
import { applyDefaults } from '../api/defaults.ts';
import { cloneData } from '../api/clone.ts';
import { qosClass } from '../api/resources.ts';
import { canonicalJson } from '../util/json.ts';
import { DEFAULT_STATIC_POD_PATH, KUBEADM_KUBELET_CONFIG, KUBELET_CONFIG_PATH, type NodeFs } from './nodefs.ts';

export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';
export const CONFIG_HASH = 'kubernetes.io/config.hash';
export const CONFIG_SOURCE = 'kubernetes.io/config.source';
export const CONFIG_SEEN = 'kubernetes.io/config.seen';

export interface StaticPod {
  pod: Pod;
  path: string;
  text: string;
}

/**
 * Static pod manifests parsed once per (path, content) for every kubelet of every cluster (a lab
 * cluster's control plane has the same four files): the result is only read (staticPodFrom copies it).
 */
const manifestCache = new Map<string, Map<string, Pod | undefined>>(); // path → text → pod

export function parsedManifest(path: string, text: string): Pod | undefined {
  let byText = manifestCache.get(path);
  if (byText?.has(text)) return byText.get(text);
  let pod: Pod | undefined;
  try {
    pod = loadManifests(text, path).find((e) => e.object.kind === 'Pod')?.object as Pod | undefined;
    if (!pod?.metadata?.name || !pod.spec?.containers) pod = undefined;
  } catch {
    pod = undefined;
  } // the kubelet logs and skips bad files
  if (!byText || byText.size >= 16) {
    byText = new Map();
    manifestCache.set(path, byText);
  }
  byText.set(text, pod);
  return pod;
}

/**
 * staticPodPath of kubelet configuration texts ('' for none), parsed once per text. Every node
 * starts with kubeadm's (kubelet.test.ts checks that it parses to this path).
 */
export const configCache = new Map<string, string>([[KUBEADM_KUBELET_CONFIG, DEFAULT_STATIC_POD_PATH]]);

export const isMirror = (p: Pod): boolean => p.metadata.annotations?.[CONFIG_MIRROR] !== undefined;

/** RFC 3339 with the fraction trimmed, as Go's RFC3339Nano prints it. */
function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0*Z$/, 'Z');
}

/** Kubelet defaulting of a manifest: name `<name>-<node>`, uid = config hash, annotations, NoExecute toleration. */
export function staticPodFrom(manifest: Pod, path: string, nodeName: string, now: number): Pod {
  const pod = cloneData(manifest);
  applyDefaults(pod);
  pod.metadata.name = `${manifest.metadata.name}-${nodeName.toLowerCase()}`;
  pod.metadata.namespace = manifest.metadata.namespace || 'default';
  pod.spec.nodeName = nodeName;
  const hash = createHash('md5')
    .update(canonicalJson(pod))
    .update(`host:${nodeName}`)
    .update(`file:${path}`)
    .digest('hex');
  pod.metadata.uid = hash;
  pod.metadata.annotations = {
    ...(pod.metadata.annotations ?? {}),
    [CONFIG_HASH]: hash,
    [CONFIG_SEEN]: rfc3339Nano(now),
    [CONFIG_SOURCE]: 'file',
  };
  const tolerations = pod.spec.tolerations ?? [];
  if (!tolerations.some((t) => t.operator === 'Exists' && !t.key && t.effect === 'NoExecute'))
    pod.spec.tolerations = [...tolerations, { operator: 'Exists', effect: 'NoExecute' }];
  pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
  return pod;
}

/** The mirror pod of a static pod: no uid or status, the config hash as its mirror annotation, owned by its Node. */
export function mirrorPodOf(staticPod: Pod, node: Node): Pod {
  const mirror = cloneData(staticPod);
  delete mirror.metadata.uid;
  delete mirror.status;
  mirror.metadata.annotations = { ...mirror.metadata.annotations, [CONFIG_MIRROR]: staticPod.metadata.uid! };
  mirror.metadata.ownerReferences = [
    { apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid!, controller: true },
  ];
  return mirror;
}

/** One kubelet's static pods, by mirror pod name `<name>-<node>`, as its manifest folder last read. */
export class StaticPods {
  private readonly pods = new Map<string, StaticPod>();
  /** NodeFs.version at the last sync: the folder is reread only when a file changed. */
  private fsVersion?: number;

  constructor(
    private readonly nodeName: string,
    private readonly fs: NodeFs,
  ) {}

  /** The same static pods over `fs` (the node's filesystem in a clone of the cluster); pods are replaced, never changed. */
  clone(fs: NodeFs): StaticPods {
    const c = new StaticPods(this.nodeName, fs);
    for (const [name, sp] of this.pods) c.pods.set(name, sp);
    c.fsVersion = this.fsVersion;
    return c;
  }

  /** staticPodPath from /var/lib/kubelet/config.yaml (kubeadm default /etc/kubernetes/manifests). */
  path(): string | undefined {
    const text = this.fs.read(KUBELET_CONFIG_PATH);
    if (text === undefined) return undefined;
    let path = configCache.get(text);
    if (path === undefined) {
      const cfg = parseYaml(text) as { staticPodPath?: string } | null;
      path = cfg?.staticPodPath || '';
      if (configCache.size >= 64) configCache.clear();
      configCache.set(text, path);
    }
    return path || undefined;
  }

  /**
   * Reads the manifest folder if a file changed since the last read: new files start pods, changed
   * files replace them, removed files stop them (`removed` is told of each pod that goes, before a
   * replacement is added). True when the static pods changed.
   */
  sync(now: number, removed: (name: string, sp: StaticPod) => void): boolean {
    // after a sync the static pods are exactly the folder's: nothing to do until a file changes
    if (this.fs.version === this.fsVersion) return false;
    this.fsVersion = this.fs.version;
    const dir = this.path();
    const wanted = new Map<string, { text: string; manifest: Pod }>(); // path → manifest
    if (dir) {
      for (const path of this.fs.list(dir)) {
        const file = path.slice(path.lastIndexOf('/') + 1);
        if (file.startsWith('.')) continue;
        const text = this.fs.read(path)!;
        const pod = parsedManifest(path, text);
        if (pod) wanted.set(path, { text, manifest: pod });
      }
    }
    let changed = false;
    for (const [name, sp] of [...this.pods]) {
      const w = wanted.get(sp.path);
      if (w && w.text === sp.text) {
        wanted.delete(sp.path);
        continue;
      }
      this.pods.delete(name);
      removed(name, sp);
      changed = true;
    }
    for (const [path, w] of wanted) {
      const pod = staticPodFrom(w.manifest, path, this.nodeName, now);
      this.pods.set(pod.metadata.name!, { pod, path, text: w.text });
      changed = true;
    }
    return changed;
  }

  get(name: string): StaticPod | undefined {
    return this.pods.get(name);
  }

  names(): string[] {
    return [...this.pods.keys()];
  }

  /** [mirror pod name, static pod] pairs. */
  entries(): IterableIterator<[string, StaticPod]> {
    return this.pods.entries();
  }
}
