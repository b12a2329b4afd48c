// Images as containerd sees them: image IDs, which images exist in the
// (simulated) registries, and the pull model. An image exists when it is not a Docker Hub official
// image (see registryHas), when its repository is in KNOWN_REPOSITORIES (any tag), when the node
// already lists it in status.images, or when it was pulled before on that node; the annotation `kube-scenarios.io/image-pull-error[.<container>]`
// forces a failure. Pull durations and sizes are derived from the name (deterministic).

import { createHash } from 'node:crypto';
import type { Node } from '../api/types.ts';
import { fnv32a } from '../util/hash.ts';
import { normalizeImage, splitImage } from '../api/imageref.ts';

/** Repositories the simulated registries serve (docker.io/library/ implied for bare names). */
export const KNOWN_REPOSITORIES = [
  'nginx',
  'httpd',
  'redis',
  'busybox',
  'alpine',
  'ubuntu',
  'centos',
  'debian',
  'fedora',
  'python',
  'node',
  'golang',
  'postgres',
  'mysql',
  'mariadb',
  'mongo',
  'memcached',
  'rabbitmq',
  'traefik',
  'haproxy',
  'wordpress',
  'tomcat',
  'openjdk',
  'hello-world',
  'perl',
  'polinux/stress',
  'curlimages/curl',
  'nicolaka/netshoot',
  'registry.k8s.io/pause',
  'registry.k8s.io/etcd',
  'registry.k8s.io/kube-apiserver',
  'registry.k8s.io/kube-controller-manager',
  'registry.k8s.io/kube-scheduler',
  'registry.k8s.io/kube-proxy',
  'registry.k8s.io/coredns/coredns',
  'registry.k8s.io/busybox',
  'registry.k8s.io/e2e-test-images/agnhost',
  'calico/node',
  'calico/cni',
  'calico/kube-controllers',
];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The repo digest containerd reports as imageID: docker.io/library/nginx@sha256:…. */
export function imageId(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    const n = normalizeImage(image);
    const repo = n.includes('@') ? n.slice(0, n.indexOf('@')) : n.slice(0, n.lastIndexOf(':'));
    id = `${repo}@sha256:${sha256(`image:${n}`)}`;
    if (imageIds.size >= 1024) imageIds.clear();
    imageIds.set(image, id);
  }
  return id;
}

/** imageId by image reference (the kubelet asks for it on every status update). */
const imageIds = new Map<string, string>();

/** The image's config digest (what `crictl ps` shows, truncated, in IMAGE). */
export function imageRef(image: string): string {
  return `sha256:${sha256(`config:${normalizeImage(image)}`)}`;
}

/** The node lists the image in status.images. */
export function nodeHasImage(node: Node, image: string): boolean {
  const normalized = normalizeImage(image);
  return (node.status?.images ?? []).some((i) =>
    (i.names ?? []).some((n) => n === image || normalizeImage(n.replace(/@sha256:.*$/, '')) === normalized),
  );
}

export function imageSize(node: Node, image: string): number {
  const normalized = normalizeImage(image);
  const listed = (node.status?.images ?? []).find((i) =>
    (i.names ?? []).some((n) => normalizeImage(n.replace(/@sha256:.*$/, '')) === normalized),
  );
  return listed?.sizeBytes ?? 5_000_000 + (fnv32a(Buffer.from(normalized)) % 120_000_000);
}

/** Modelled pull time in ms (0.5–5 s). */
export function pullMillis(image: string): number {
  return 500 + (fnv32a(Buffer.from(normalizeImage(image))) % 4500);
}

/**
 * The registry has the image. Docker Hub's official images (a bare name such as `nginx`, i.e.
 * docker.io/library/…) are checked against KNOWN_REPOSITORIES, so a typo like `nginxx` fails to
 * pull as it would for real. Every other repository — an organisation's image or a private
 * registry (`myorg/app`, `gcr.io/p/app`, `registry.example.com:5000/app`) — is assumed to exist,
 * because the simulator cannot know a user's registries; force a failure with the annotation
 * `kube-scenarios.io/image-pull-error`.
 */
export function registryHas(image: string): boolean {
  const { repo } = splitImage(normalizeImage(image).replace(/@.*$/, ''));
  if (repo.includes('/')) return true;
  return KNOWN_REPOSITORIES.includes(repo);
}

/**
 * containerd's error for a repository the registry does not have (kubelet prefixes `Failed to pull image "x": `).
 * containerd answers with gRPC code Unknown, and since Kubernetes 1.28 the kubelet's CRI client strips
 * the `rpc error: code = Unknown desc = ` wrapper from such pull errors (kubernetes PR #117612).
 */
export function notFoundError(image: string): string {
  const n = normalizeImage(image);
  return `failed to pull and unpack image "${n}": failed to resolve reference "${n}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** Go's time.Duration text for a whole number of milliseconds below a minute: 812ms, 4.337s. */
export function goDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${ms / 1000}s`;
}
