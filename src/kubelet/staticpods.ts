// Static pods: the annotations the kubelet sets on them and their mirror pods
// (pkg/kubelet/types/pod_update.go), and the process-wide caches of parsed manifests and
// kubelet configurations (every node of every lab cluster reads the same files).

import type { Pod } from '../api/types.ts';
import { loadManifests } from '../api/manifest.ts';
import { DEFAULT_STATIC_POD_PATH, KUBEADM_KUBELET_CONFIG } from './nodefs.ts';

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
