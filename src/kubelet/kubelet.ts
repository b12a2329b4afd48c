// A minimal kubelet per node, and the manager that keeps one Kubelet for every Node object.
// For each pod bound to its node the kubelet "runs" it at once: pod IP from the node's Calico
// block (hostNetwork pods: the node IP), phase Running, the five kubelet conditions, running and
// ready container statuses (init containers as completed, sidecars running), qosClass, and the
// Pulling/Pulled/Created/Started events (lifecycle-spec 14, 1.33 wording). Deleted pods: the
// containers are modelled as stopping at once, so the pod object is removed as soon as the
// kubelet sees its deletionTimestamp (no grace period is waited out). Static pods: manifests
// given to the kubelet become mirror pods `<name>-<node>` (re-created if deleted through the
// API). Not modelled yet (the full lifecycle is a later issue): probes, restarts, crashes, OOM,
// image pull failures and timing, node status updates; a pod that does not fit the node
// (kubelet admission) raises NotSupportedError.

import { createHash } from 'node:crypto';
import type { Component } from '../cluster/component.ts';
import type { Container, ContainerStatus, Node, Pod, PodCondition, PodStatus } from '../api/types.ts';
import { matchesMap, matchesNodeSelector } from '../api/selectors.ts';
import { podRequests, isSidecar } from '../api/resources.ts';
import { resourceAmount } from '../api/quantity.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore } from '../store/store.ts';
import { NotSupportedError } from '../util/errors.ts';
import { canonicalJson, fnv32a, sameJson } from '../controllers/common.ts';

export const KUBELET = 'kubelet';
export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';
export const CONFIG_HASH = 'kubernetes.io/config.hash';
export const CONFIG_SOURCE = 'kubernetes.io/config.source';
export const CONFIG_SEEN = 'kubernetes.io/config.seen';

// ---- Calico IPAM (lifecycle-spec 15) ---------------------------------------------------------

const POOL_BASE = (172 << 24) | (16 << 16); // 172.16.0.0/16
const BLOCKS = 1024; // /26 blocks in a /16
const BLOCK_SIZE = 64;

const ipString = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/**
 * Per-node /26 blocks of 172.16.0.0/16: the first block is picked from a hash of the node name
 * (the next free block on a clash), more are claimed when one fills. The tunnel interface takes
 * the first address of the first block; pods get the following addresses in order, never reused.
 */
export class CalicoIpam {
  private readonly blocks = new Map<string, number[]>();
  private readonly claimed = new Set<number>();
  private readonly used = new Map<string, number>(); // node → addresses handed out (tunnel included)

  private claim(node: string): number {
    let i = fnv32a(Buffer.from(node)) % BLOCKS;
    while (this.claimed.has(i)) i = (i + 1) % BLOCKS;
    if (this.claimed.size >= BLOCKS) throw new NotSupportedError('Calico IP pool 172.16.0.0/16 exhausted');
    this.claimed.add(i);
    const list = this.blocks.get(node) ?? [];
    list.push(i);
    this.blocks.set(node, list);
    return i;
  }

  /** The node's first block in CIDR notation, e.g. 172.16.132.0/26 (claimed on first use). */
  block(node: string): string {
    const first = this.blocks.get(node)?.[0] ?? this.claim(node);
    if (!this.used.has(node)) this.used.set(node, 1); // the tunnel address
    return `${ipString(POOL_BASE + first * BLOCK_SIZE)}/26`;
  }

  /** The IPIP tunnel address of the node (first address of its first block). */
  tunnelAddress(node: string): string {
    return this.block(node).replace('/26', '');
  }

  /** Next pod address on the node. */
  allocate(node: string): string {
    this.block(node);
    const n = this.used.get(node)!;
    this.used.set(node, n + 1);
    const index = Math.floor(n / BLOCK_SIZE);
    const blocks = this.blocks.get(node)!;
    while (blocks.length <= index) this.claim(node);
    return ipString(POOL_BASE + blocks[index] * BLOCK_SIZE + (n % BLOCK_SIZE));
  }
}

// ---- helpers -------------------------------------------------------------------------------

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** How containerd names an image: docker.io/library/nginx:latest. */
export function normalizeImage(image: string): string {
  let name = image;
  const at = name.indexOf('@');
  const digest = at >= 0 ? name.slice(at) : '';
  if (at >= 0) name = name.slice(0, at);
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = `docker.io/${slash >= 0 ? name : `library/${name}`}`;
  if (!digest && name.lastIndexOf(':') <= name.lastIndexOf('/')) name += ':latest';
  return name + digest;
}

function imageId(image: string): string {
  const n = normalizeImage(image);
  const repo = n.includes('@') ? n.slice(0, n.indexOf('@')) : n.slice(0, n.lastIndexOf(':'));
  return `${repo}@sha256:${sha256(`image:${n}`)}`;
}

/** Go's time.Duration text for a whole number of milliseconds below a minute: 812ms, 4.337s. */
function goDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${ms / 1000}s`;
}

/** QoS class (pkg/apis/core/v1/helper/qos) over init and app containers. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const has = (c: Container, kind: 'requests' | 'limits', r: string) => c.resources?.[kind]?.[r] !== undefined && resourceAmount(r, c.resources[kind]![r]) !== 0;
  if (all.every((c) => !['cpu', 'memory'].some((r) => has(c, 'requests', r) || has(c, 'limits', r)))) return 'BestEffort';
  const guaranteed = all.every((c) => ['cpu', 'memory'].every((r) => has(c, 'limits', r)
    && resourceAmount(r, c.resources!.limits![r]) === resourceAmount(r, c.resources!.requests?.[r] ?? c.resources!.limits![r])));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isMirror = (p: Pod) => p.metadata.annotations?.[CONFIG_MIRROR] !== undefined;

/** RFC 3339 with the fraction trimmed, as Go's RFC3339Nano prints it. */
function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.?0*Z$/, 'Z');
}

// ---- the kubelet ---------------------------------------------------------------------------

/** What the kubelet remembers about a pod it runs (its "containers"). */
interface Runtime { startedAt: string; podIP: string; hostIP: string; containerIDs: Record<string, string> }

interface StaticPod { pod: Pod; path: string }

export class Kubelet {
  private readonly runtimes = new Map<string, Runtime>(); // pod uid (static pods: config hash) → runtime
  private readonly staticPods = new Map<string, StaticPod>(); // static pod name (<name>-<node>) → pod
  private readonly pulled = new Set<string>(); // images this kubelet pulled

  constructor(readonly nodeName: string, private readonly api: ApiServer, private readonly events: EventRecorder, private readonly ipam: CalicoIpam) {}

  private get store(): ObjectStore { return this.api.store; }

  /**
   * A manifest in the staticPodPath (/etc/kubernetes/manifests). Kubelet defaulting: name
   * `<name>-<node>`, namespace default, uid = config hash, nodeName, a toleration of every
   * NoExecute taint, and the config.hash / config.seen / config.source annotations.
   */
  addStaticPod(manifest: Pod, path = `/etc/kubernetes/manifests/${manifest.metadata.name}.yaml`): Pod {
    const pod = structuredClone(manifest);
    pod.metadata.name = `${manifest.metadata.name}-${this.nodeName.toLowerCase()}`;
    pod.metadata.namespace = manifest.metadata.namespace || 'default';
    pod.spec.nodeName = this.nodeName;
    const hash = createHash('md5').update(canonicalJson(pod)).update(`host:${this.nodeName}`).update(`file:${path}`).digest('hex');
    pod.metadata.uid = hash;
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [CONFIG_HASH]: hash, [CONFIG_SEEN]: rfc3339Nano(this.store.clock.now()), [CONFIG_SOURCE]: 'file' };
    const tolerations = pod.spec.tolerations ?? [];
    if (!tolerations.some((t) => t.operator === 'Exists' && !t.key && t.effect === 'NoExecute')) pod.spec.tolerations = [...tolerations, { operator: 'Exists', effect: 'NoExecute' }];
    pod.status = { phase: 'Pending' };
    this.staticPods.set(pod.metadata.name, { pod, path });
    return pod;
  }

  /** The manifest file is removed: the static pod stops and its mirror pod is deleted. */
  removeStaticPod(name: string): void {
    const key = this.staticPods.has(name) ? name : `${name}-${this.nodeName.toLowerCase()}`;
    const sp = this.staticPods.get(key);
    if (!sp) return;
    this.staticPods.delete(key);
    this.runtimes.delete(sp.pod.metadata.uid!);
    const mirror = this.store.get<Pod>('Pod', sp.pod.metadata.namespace, key);
    if (mirror && isMirror(mirror)) this.store.remove('Pod', sp.pod.metadata.namespace, key);
  }

  staticPodNames(): string[] { return [...this.staticPods.keys()]; }

  sync(): boolean {
    const node = this.store.get<Node>('Node', undefined, this.nodeName);
    if (!node) return false;
    let changed = false;
    const mine = this.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === this.nodeName);
    for (const pod of mine) if (pod.metadata.deletionTimestamp) { this.terminate(pod); changed = true; }
    for (const [name, sp] of this.staticPods) {
      const mirror = this.store.get<Pod>('Pod', sp.pod.metadata.namespace, name);
      if (!mirror) { this.createMirror(node, sp.pod); changed = true; }
    }
    for (const pod of this.store.list<Pod>('Pod')) {
      if (pod.spec.nodeName !== this.nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)) continue;
      if (this.run(node, pod)) changed = true;
    }
    return changed;
  }

  private createMirror(node: Node, staticPod: Pod): void {
    const mirror = structuredClone(staticPod);
    delete mirror.metadata.uid;
    delete mirror.status;
    mirror.metadata.annotations = { ...mirror.metadata.annotations, [CONFIG_MIRROR]: staticPod.metadata.uid! };
    mirror.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata.uid!, controller: true }];
    this.api.create(mirror);
  }

  /** The containers stop at once (no grace period is modelled) and the pod object goes. */
  private terminate(pod: Pod): void {
    const rt = this.runtimes.get(pod.metadata.uid!);
    if (rt && !isMirror(pod)) {
      for (const c of pod.spec.containers) this.events.record(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, KUBELET, this.nodeName);
      for (const c of (pod.spec.initContainers ?? []).filter(isSidecar)) this.events.record(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, KUBELET, this.nodeName);
      this.runtimes.delete(pod.metadata.uid!);
    }
    this.store.remove('Pod', pod.metadata.namespace, pod.metadata.name!);
  }

  /** Starts the pod if needed and writes its status; true when the store changed. */
  private run(node: Node, pod: Pod): boolean {
    let subject = pod; // what the runtime and events are keyed on
    if (isMirror(pod)) {
      const sp = this.staticPods.get(pod.metadata.name!);
      if (!sp || sp.pod.metadata.uid !== pod.metadata.annotations![CONFIG_MIRROR]) return false;
      subject = sp.pod;
    }
    let rt = this.runtimes.get(subject.metadata.uid!);
    if (!rt) {
      if (!isMirror(pod)) this.admit(node, pod);
      rt = this.start(node, subject);
    }
    const status = this.statusFor(pod, rt);
    if (sameJson(pod.status ?? {}, status)) return false;
    this.store.mutate<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => { p.status = status; });
    return true;
  }

  /** Kubelet admission (GeneralPredicates): node selector/affinity and resources. */
  private admit(node: Node, pod: Pod): void {
    const what = `kubelet admission of pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${this.nodeName}`;
    if (!matchesMap(pod.spec.nodeSelector, node.metadata.labels) || !matchesNodeSelector(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node)) {
      throw new NotSupportedError(`${what}: the node does not match the pod's node selector/affinity (NodeAffinity rejection)`);
    }
    const others = this.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === this.nodeName && p !== pod && !isTerminal(p) && this.runtimes.has(isMirror(p) ? p.metadata.annotations![CONFIG_MIRROR] : p.metadata.uid!));
    const alloc = node.status?.allocatable ?? {};
    const want = podRequests(pod);
    const used: Record<string, number> = {};
    for (const p of others) for (const [k, v] of Object.entries(podRequests(p))) used[k] = (used[k] ?? 0) + v;
    if (alloc.pods !== undefined && others.length + 1 > resourceAmount('pods', alloc.pods)) throw new NotSupportedError(`${what}: OutOfpods`);
    for (const [r, v] of Object.entries(want)) {
      if (v === 0) continue;
      const cap = alloc[r] === undefined ? 0 : resourceAmount(r, alloc[r]);
      if ((used[r] ?? 0) + v > cap) throw new NotSupportedError(`${what}: Outof${r}`);
    }
  }

  /** Pulls (or finds) images and starts the containers, recording the events in order. */
  private start(node: Node, pod: Pod): Runtime {
    const now = this.store.clock.iso();
    const rt: Runtime = {
      startedAt: now,
      hostIP: nodeIP(node),
      podIP: pod.spec.hostNetwork ? nodeIP(node) : this.ipam.allocate(this.nodeName),
      containerIDs: {},
    };
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      this.pullImage(node, pod, c);
      rt.containerIDs[c.name] = `containerd://${sha256(`${pod.metadata.uid}/${c.name}/0`)}`;
      this.events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, KUBELET, this.nodeName);
      this.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, KUBELET, this.nodeName);
    }
    this.runtimes.set(pod.metadata.uid!, rt);
    return rt;
  }

  /**
   * Image policy: Never, or IfNotPresent with the image on the node → "already present"; else a
   * pull (Always pulls every time). The pull is instantaneous in virtual time; its reported
   * duration and size are modelled (size from node.status.images when listed).
   */
  private pullImage(node: Node, pod: Pod, c: Container): void {
    const image = c.image ?? '';
    const normalized = normalizeImage(image);
    const listed = node.status?.images?.find((i) => (i.names ?? []).some((n) => n === image || normalizeImage(n.replace(/@sha256:.*$/, '')) === normalized));
    const present = !!listed || this.pulled.has(normalized);
    const policy = c.imagePullPolicy ?? 'IfNotPresent';
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      this.events.record(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, KUBELET, this.nodeName);
      return;
    }
    const h = fnv32a(Buffer.from(normalized));
    const ms = 500 + (h % 4500);
    const size = listed?.sizeBytes ?? 5_000_000 + (h % 120_000_000);
    this.events.record(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, KUBELET, this.nodeName);
    this.events.record(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(ms)} (${goDuration(ms)} including waiting). Image size: ${size} bytes.`, KUBELET, this.nodeName);
    this.pulled.add(normalized);
  }

  private statusFor(pod: Pod, rt: Runtime): PodStatus {
    const t = rt.startedAt;
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'True');
    const cond = (type: string, lastTransitionTime = t): PodCondition => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime });
    const others = (pod.status?.conditions ?? []).filter((c) => !['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type));
    const image = (c: Container) => normalizeImage(c.image ?? '');
    const running = (c: Container): ContainerStatus => ({
      containerID: rt.containerIDs[c.name], image: image(c), imageID: imageId(c.image ?? ''), lastState: {}, name: c.name,
      ready: true, restartCount: 0, started: true, state: { running: { startedAt: t } },
    });
    const status: PodStatus & { hostIPs: { ip: string }[] } = {
      phase: 'Running',
      conditions: [...others, cond('PodReadyToStartContainers'), cond('Initialized'), cond('Ready'), cond('ContainersReady'), cond('PodScheduled', scheduled?.lastTransitionTime ?? t)],
      hostIP: rt.hostIP, hostIPs: [{ ip: rt.hostIP }],
      podIP: rt.podIP, podIPs: [{ ip: rt.podIP }],
      startTime: t,
      containerStatuses: [...pod.spec.containers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(running),
      qosClass: pod.status?.qosClass ?? qosClass(pod),
    };
    if (pod.spec.initContainers?.length) {
      status.initContainerStatuses = pod.spec.initContainers.map((c) => isSidecar(c) ? running(c) : {
        containerID: rt.containerIDs[c.name], image: image(c), imageID: imageId(c.image ?? ''), lastState: {}, name: c.name,
        ready: true, restartCount: 0, started: false,
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: t, finishedAt: t } },
      });
    }
    return status;
  }
}

/** The node's InternalIP (status.addresses). */
export function nodeIP(node: Node): string {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}

/** Keeps one Kubelet per Node object (created when the node appears, dropped when it goes). */
export class KubeletManager implements Component {
  readonly name = 'kubelets';
  readonly ipam = new CalicoIpam();
  private readonly kubelets = new Map<string, Kubelet>();

  constructor(private readonly api: ApiServer, private readonly events: EventRecorder) {}

  /** The kubelet of a node (created on demand, e.g. to give it static pods before the first sync). */
  get(nodeName: string): Kubelet {
    let k = this.kubelets.get(nodeName);
    if (!k) { k = new Kubelet(nodeName, this.api, this.events, this.ipam); this.kubelets.set(nodeName, k); }
    return k;
  }

  has(nodeName: string): boolean { return this.kubelets.has(nodeName); }

  sync(): boolean {
    const nodes = this.api.store.list<Node>('Node').map((n) => n.metadata.name!);
    for (const name of [...this.kubelets.keys()]) if (!nodes.includes(name)) this.kubelets.delete(name);
    let changed = false;
    for (const name of nodes) if (this.get(name).sync()) changed = true;
    return changed;
  }
}
