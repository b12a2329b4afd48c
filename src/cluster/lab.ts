// The lab cluster of the reference notes: a kubeadm 1.33 cluster with containerd and Calico on
// the notes' Vagrant VMs — control plane m-k8s and workers w1-k8s, w2-k8s, w3-k8s. What it holds
// is data, labs/kubeadm/ (lab.yaml: the nodes and the order kubeadm builds them in; the static pod
// manifests and add-ons as kubeadm writes them), built by the generic bootstrap (bootstrap.ts).
// Built once per seed and process (createLabCluster hands out clones).

import { join } from 'node:path';
import { PROJECT_DIR } from '../util/paths.ts';
import { DEFAULT_SEED, type Cluster, type ClusterOptions } from './cluster.ts';
import { buildLab, type Lab, loadLab } from './bootstrap.ts';

/** The lab's folder: in the checkout or the installed package (package.json `files`), whether this runs from src/ or lib/. */
export const LAB_DIR = join(PROJECT_DIR, 'labs', 'kubeadm');

/** The lab as read from LAB_DIR, once per process. */
let lab: Lab | undefined;

/** Lab clusters built by this process, by seed: createLabCluster hands out clones of them. */
const builtLabs = new Map<number, Cluster>();

/**
 * the reference notes' lab, settled: 4 Ready nodes and the kube-system pods Running.
 * Built once per seed and process; every call returns a clone that behaves as a freshly built one
 * (Cluster.clone). Scheduler options other than the seed build a cluster of its own.
 */
export function createLabCluster(opts: ClusterOptions = {}): Cluster {
  if (Object.keys(opts).some((k) => k !== 'seed')) return buildLabCluster(opts);
  const seed = opts.seed ?? DEFAULT_SEED;
  let built = builtLabs.get(seed);
  if (!built) {
    built = buildLabCluster({ seed });
    builtLabs.set(seed, built);
  }
  return built.clone();
}

/** The lab cluster built step by step, as kubeadm builds it (labs/kubeadm/lab.yaml). */
export function buildLabCluster(opts: ClusterOptions = {}): Cluster {
  lab ??= loadLab(LAB_DIR);
  return buildLab(lab, opts);
}
