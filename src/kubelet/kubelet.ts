// The kubelet of one node, on the virtual clock (the kubelets of a cluster: manager.ts).
// For every pod bound to its node (and every static pod from its manifest folder) the kubelet:
// admits it (admission.ts; rejected pods go Failed `OutOfcpu` …), creates the sandbox (pause
// container, pod IPs from the node's IPAM — ipam.ts; none left: FailedCreatePodSandBox and a retry
// after the pod worker back-off —, hostNetwork pods: the node IP), pulls images
// (Pulling/Pulled, ErrImagePull ↔ ImagePullBackOff with back-off), runs the regular init
// containers one at a time in order, starts native sidecars in their place, then the app
// containers; runs each container's behaviour (behaviour.ts) and restarts exited containers per
// restartPolicy with the CrashLoopBackOff ladder (backoff.ts); OOM-kills a container whose
// modelled memory use exceeds its limit (exit 137 OOMKilled, restarted in place); derives phase
// and conditions (phase.ts); on deletion sends SIGTERM (Killing events), kills what ignores it when
// the grace period ends, then removes the pod object. Events: pkg/kubelet/events/event.go (1.33 wording).
//
// Timing rule (see Cluster.settle): the kubelet's decisions all happen in sync() from the state
// and the clock; timers only wake it. Wake-ups that are part of starting a pod — sandbox
// creation (1 s), image pulls (0.5–5 s), probe initial delays — are "start-up" wake-ups, which
// settle() fast-forwards through (bounded); everything else (back-off, sleeps, grace periods,
// the kubelet noticing an exit: 1 s, readiness-delay annotation) needs cluster.advance(ms).

import { flat } from '../util/text.ts';
import { createHash } from 'node:crypto';
import type { ContainerStatus, Node, Pod, PodStatus, Service } from '../api/types.ts';
import { isSidecar, qosClass } from '../api/resources.ts';
import { resourceAmount } from '../api/quantity.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { EventRecorder } from '../store/events.ts';
import type { ObjectStore } from '../store/store.ts';
import { sameJson } from '../util/json.ts';
import { Backoff, goSeconds } from './backoff.ts';
import { annotation, behaviourOf } from './behaviour.ts';
import { expandStartupLine } from './imagecatalogue.ts';
import { goDuration, imageId, imageSize, nodeHasImage, notFoundError, pullMillis, registryHas } from './images.ts';
import { normalizeImage } from '../api/imageref.ts';
import { admitPod } from './admission.ts';
import { getPhase, podConditions } from './phase.ts';
import { lookup } from '../services/dns.ts';
import type { NodeFs } from './nodefs.ts';
import type { PodIpam } from './ipam.ts';
import {
  adoptable,
  type AdoptedContainer,
  type CState,
  type Instance,
  type PodRuntime,
  type RuntimeCopies,
  type Sandbox,
} from './runtime.ts';
import { CONFIG_MIRROR, isMirror, mirrorPodOf, StaticPods } from './staticpods.ts';
import { HEALTHY_NODE_CONDITIONS, nodeIP } from './nodestatus.ts';
export const KUBELET = 'kubelet';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/** Sandbox creation (RunPodSandbox + CNI). */
export const SANDBOX_MS = 1000;
/** How long the kubelet takes to notice an exited container (PLEG relist period). */
export const PLEG_MS = 1000;
/**
 * How long the pod worker waits after a failed sync (a sandbox that could not be created) before
 * it tries again: backOffPeriod, pkg/kubelet/kubelet.go (pod_workers.go completeWork adds up to 50 %
 * jitter, which the deterministic simulator leaves out).
 */
export const SYNC_BACKOFF_MS = 10_000;

// ---- helpers -------------------------------------------------------------------------------

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The pod IPs the kubelet reports (pkg/kubelet/kubelet_pods.go sortPodIPs): the first address of
 * the node IP's family (IPv4 when the node has no IP), then the first of the other family.
 */
export function sortPodIPs(ips: string[], node: Node): string[] {
  const v6 = (ip: string) => ip.includes(':');
  const primaryV6 = v6(nodeIP(node));
  const first = ips.find((ip) => v6(ip) === primaryV6),
    second = ips.find((ip) => v6(ip) !== primaryV6);
  return [first, second].filter((ip): ip is string => ip !== undefined);
}

// ---- the kubelet ---------------------------------------------------------------------------

/** What a Kubelet asks of the manager that keeps the kubelets of a cluster (manager.ts). */
export interface KubeletSiblings {
  /** Sync this node's kubelet again. */
  touch(nodeName: string): void;
  silenceChanged(nodeName: string): void;
  /** The node's sandboxes (the runtime view), in creation order. */
  sandboxes(nodeName: string): { sandbox: Sandbox; rt: PodRuntime }[];
  forget(nodeName: string, rt: PodRuntime): void;
  /** Wake this node's kubelet at `at` (a start-up wake-up when `startup`). */
  wake(at: number, startup: boolean, nodeName: string): void;
  /** The Services whose link variables a container started now gets. */
  services(pod: Pod): Service[];
}

export class Kubelet {
  readonly runtimes = new Map<string, PodRuntime>(); // pod uid (static pods: config hash)
  private staticPods: StaticPods;
  private readonly pulled = new Set<string>(); // images this kubelet pulled
  private readonly rejected = new Set<string>(); // uids rejected at admission
  private crashBackoff = new Backoff();
  private imageBackoff = new Backoff();

  constructor(
    readonly nodeName: string,
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
    private readonly ipam: PodIpam,
    readonly fs: NodeFs,
    private readonly manager: KubeletSiblings,
  ) {
    this.staticPods = new StaticPods(nodeName, fs);
  }

  /**
   * The same kubelet in a clone of the cluster, on the clone's API server, IPAM, node filesystem
   * and manager; its pod runtimes copied through `copies` (shared with the manager's sandbox lists).
   */
  clone(
    api: ApiServer,
    events: EventRecorder,
    ipam: PodIpam,
    fs: NodeFs,
    manager: KubeletSiblings,
    copies: RuntimeCopies,
  ): Kubelet {
    const k = new Kubelet(this.nodeName, api, events, ipam, fs, manager);
    for (const [uid, rt] of this.runtimes) k.runtimes.set(uid, copies.runtime(rt));
    k.staticPods = this.staticPods.clone(fs);
    for (const image of this.pulled) k.pulled.add(image);
    for (const uid of this.rejected) k.rejected.add(uid);
    k.crashBackoff = this.crashBackoff.clone();
    k.imageBackoff = this.imageBackoff.clone();
    k.stoppedAt = this.stoppedAt;
    k.restarted = this.restarted;
    return k;
  }

  private get store(): ObjectStore {
    return this.api.store;
  }
  private now(): number {
    return this.store.clock.now();
  }

  // ---- static pods (staticpods.ts) --------------------------------------------------------

  /** Rereads the manifest folder if a file changed: removed or changed files stop their pods and lose their mirror pods. */
  private syncStaticPods(): boolean {
    return this.staticPods.sync(this.now(), (name, sp) => {
      this.stopRuntime(sp.pod.metadata.uid!, true);
      const mirror = this.store.get<Pod>('Pod', sp.pod.metadata.namespace, name);
      if (mirror && isMirror(mirror)) this.store.remove('Pod', sp.pod.metadata.namespace, name);
    });
  }

  staticPodNames(): string[] {
    return this.staticPods.names();
  }

  /**
   * The config hash (mirror annotation value) of the static pod whose mirror pod is
   * `<namespace>/<name>`, if this node's manifest folder has a file for it: an imported mirror pod
   * stays a mirror pod only then (src/inventory).
   */
  staticPodUid(namespace: string, name: string): string | undefined {
    // reads the folder only when a file changed since the last read; new static pods get their mirror on the next sync
    if (this.syncStaticPods()) this.manager.touch(this.nodeName);
    const sp = this.staticPods.get(name);
    return sp && sp.pod.metadata.namespace === namespace ? sp.pod.metadata.uid : undefined;
  }

  // ---- stopping and starting the kubelet (node lost) ---------------------

  /** When the kubelet stopped; undefined while it runs. A stopped kubelet neither syncs pods nor posts node status. */
  private stoppedAt?: number;
  /** Started again after a stop: the next sync posts the node status (and the start-up events). */
  private restarted = false;

  /** Stops the kubelet (`systemctl stop kubelet`): containers keep running, nobody reports on them. */
  stop(): void {
    if (this.stoppedAt !== undefined) return;
    this.stoppedAt = this.now();
    this.manager.silenceChanged(this.nodeName);
  }

  /** Starts a stopped kubelet: it posts a healthy node status and resumes syncing its pods. */
  start(): void {
    if (this.stoppedAt === undefined) return;
    this.stoppedAt = undefined;
    this.restarted = true;
    this.manager.silenceChanged(this.nodeName);
  }

  get stopped(): boolean {
    return this.stoppedAt !== undefined;
  }

  /**
   * Since when the kubelet has posted no node status (undefined while it runs). The simulator does
   * not model the 10 s heartbeats (node Lease renewals) of a running kubelet; the node lifecycle
   * controller reads this instead.
   */
  silentSince(): number | undefined {
    return this.stoppedAt;
  }

  /**
   * The first node status after a restart: the conditions the node lifecycle controller set to
   * Unknown go back to the kubelet's healthy values, with the events the kubelet's status setters
   * record on a transition (`Node w1-k8s status is now: NodeReady`).
   */
  private postStatusAfterStart(node: Node): Node {
    const now = this.store.clock.iso();
    const record = (reason: string, message: string) =>
      this.events.record(node, 'Normal', reason, message, KUBELET, this.nodeName);
    record('Starting', 'Starting kubelet.');
    record('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    const conditions = [...(node.status?.conditions ?? [])];
    for (const { type, status, reason, message, event } of HEALTHY_NODE_CONDITIONS) {
      const i = conditions.findIndex((c) => c.type === type);
      const prev = i >= 0 ? conditions[i] : undefined;
      const changed = prev?.status !== status;
      if (changed) record(event, `Node ${this.nodeName} status is now: ${event}`);
      const c = {
        type,
        status,
        lastHeartbeatTime: now,
        lastTransitionTime: changed ? now : prev!.lastTransitionTime,
        reason,
        message,
      };
      if (i >= 0) conditions[i] = c;
      else conditions.push(c);
    }
    return this.store.update<Node>({ ...node, status: { ...node.status, conditions } });
  }

  // ---- the sync loop -----------------------------------------------------------------------

  sync(mine: readonly Pod[] = this.store.podsOnNode<Pod>(this.nodeName)): boolean {
    if (this.stoppedAt !== undefined) return false;
    let node = this.store.get<Node>('Node', undefined, this.nodeName);
    if (!node) return false;
    let changed = false;
    if (this.restarted) {
      this.restarted = false;
      node = this.postStatusAfterStart(node);
      changed = true;
    }
    if (this.syncStaticPods()) changed = true;
    const seen = new Set<string>();
    for (const pod of mine) {
      if (isMirror(pod)) {
        const sp = this.staticPods.get(pod.metadata.name!);
        if (pod.metadata.deletionTimestamp || !sp || sp.pod.metadata.uid !== pod.metadata.annotations![CONFIG_MIRROR]) {
          // a mirror pod deleted through the API (or orphaned) goes at once; the static pod keeps running
          this.store.remove('Pod', pod.metadata.namespace, pod.metadata.name!);
          changed = true;
          continue;
        }
        seen.add(sp.pod.metadata.uid!);
        if (this.syncOne(node, sp.pod, pod)) changed = true;
        continue;
      }
      seen.add(pod.metadata.uid!);
      if (this.syncOne(node, pod, pod)) changed = true;
    }
    for (const [name, sp] of this.staticPods.entries()) {
      seen.add(sp.pod.metadata.uid!);
      if (!this.store.get<Pod>('Pod', sp.pod.metadata.namespace, name)) {
        this.syncRuntime(node, sp.pod, true);
        this.createMirror(node, sp.pod);
        changed = true;
      }
    }
    // pods removed from the API without the kubelet (force deletion): stop their containers
    for (const uid of [...this.runtimes.keys()])
      if (!seen.has(uid)) {
        this.stopRuntime(uid, false);
        changed = true;
      }
    return changed;
  }

  private createMirror(node: Node, staticPod: Pod): void {
    this.api.create(mirrorPodOf(staticPod, node));
  }

  /** One pod: admission, runtime progress, termination, status. `subject` is the static pod for mirrors. */
  private syncOne(node: Node, subject: Pod, apiPod: Pod): boolean {
    const uid = subject.metadata.uid!;
    if (this.rejected.has(uid)) return false;
    let rt = this.runtimes.get(uid);
    if (!rt) {
      if (isTerminal(apiPod)) return false;
      if (apiPod.metadata.deletionTimestamp) {
        this.store.remove('Pod', apiPod.metadata.namespace, apiPod.metadata.name!);
        return true;
      }
      if (!isMirror(apiPod)) {
        // the node's bound pods (the manager's index, current versions), not a scan of every pod
        const running = this.store
          .podsOnNode<Pod>(this.nodeName)
          .filter(
            (p) =>
              p !== apiPod &&
              !isTerminal(p) &&
              this.runtimes.has(isMirror(p) ? p.metadata.annotations![CONFIG_MIRROR] : p.metadata.uid!),
          );
        const r = admitPod(node, apiPod, running);
        if (r) {
          this.rejected.add(uid);
          this.events.record(apiPod, 'Warning', r.reason, r.message, KUBELET, this.nodeName);
          this.store.mutate<Pod>('Pod', apiPod.metadata.namespace, apiPod.metadata.name!, (p) => {
            p.status = {
              ...p.status,
              phase: 'Failed',
              reason: r.reason,
              message: `Pod was rejected: ${r.message}`,
              startTime: this.store.clock.iso(),
            };
          });
          return true;
        }
      }
      rt = adoptable(apiPod)
        ? this.adoptRuntime(node, subject, apiPod, isMirror(apiPod))
        : this.syncRuntime(node, subject, isMirror(apiPod));
    }
    // nothing to do when neither the pod object changed nor one of its wake-up times came since the last look
    const now = this.now();
    const key = `${apiPod.metadata.resourceVersion}/${apiPod.metadata.uid}`;
    if (rt.lastLook?.key === key && !rt.wakes.some((w) => w > rt!.lastLook!.at && w <= now)) return false;
    if (apiPod.metadata.deletionTimestamp && !rt.terminating)
      this.beginTermination(rt, Date.parse(apiPod.metadata.deletionTimestamp));
    else if (apiPod.metadata.deletionTimestamp && rt.terminating)
      this.shortenTermination(rt, Date.parse(apiPod.metadata.deletionTimestamp));
    if (!rt.terminating && !rt.finished && !rt.isStatic && apiPod.spec !== rt.pod.spec)
      this.restartChangedContainers(rt, apiPod);
    this.progress(node, rt);
    if (rt.terminating && this.allStopped(rt)) {
      this.stopRuntime(uid, false);
      this.store.remove('Pod', apiPod.metadata.namespace, apiPod.metadata.name!);
      return true;
    }
    const status = this.statusFor(apiPod, rt);
    if (sameJson(apiPod.status ?? {}, status)) {
      this.looked(rt, now, key);
      return false;
    }
    // stored objects are never changed in place, so the new version can share everything but status
    const cur = this.store.get<Pod>('Pod', apiPod.metadata.namespace, apiPod.metadata.name!);
    if (cur) {
      // the kubelet's own write is already seen: its watch event needs no second look at this instant
      const written = this.store.update<Pod>({ ...cur, status });
      if (cur === apiPod) this.looked(rt, now, `${written.metadata.resourceVersion}/${apiPod.metadata.uid}`);
    }
    return true;
  }

  /** The pod was looked at now in the version with this key: nothing to do until it changes or a later wake-up comes. */
  private looked(rt: PodRuntime, now: number, key: string): void {
    rt.lastLook = { at: now, key };
    rt.wakes = rt.wakes.filter((w) => w > now);
  }

  /**
   * computePodActions (pkg/kubelet/kuberuntime/kuberuntime_manager.go): a container whose
   * definition changed (containerChanged: HashContainer covers its name and image, the only
   * container fields a pod update may change) is killed — `Container <name> definition changed,
   * will be restarted` — and started from the new spec whatever the restart policy. One that is
   * not running starts from the new spec at once: its back-off keys (getStableKey) hold the hash,
   * so the new definition has none.
   */
  private restartChangedContainers(rt: PodRuntime, apiPod: Pod): void {
    rt.pod = apiPod;
    for (const c of apiPod.spec.containers) {
      const cs = rt.containers.get(c.name);
      if (!cs || cs.c.image === c.image || cs.step === 'done') continue;
      cs.c = c;
      this.crashBackoff.reset(this.key(rt, cs));
      if (cs.step === 'running') {
        const inst = this.last(cs);
        this.events.record(
          rt.pod,
          'Normal',
          'Killing',
          `Container ${c.name} definition changed, will be restarted`,
          KUBELET,
          this.nodeName,
        );
        const grace = (apiPod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
        if (cs.behaviour?.ignoresSigterm && grace > 0) {
          // killContainer waits out the grace period before the new container starts
          inst.killAt = this.now() + grace;
          inst.resumeAt = Infinity;
          cs.replaced = true;
          this.wake(rt, inst.killAt, false);
          continue;
        }
        const server = (cs.behaviour?.listens.length ?? 0) > 0;
        this.finish(rt, cs, server ? 0 : 143, server ? 'Completed' : 'Error', false);
      }
      cs.step = 'pending';
      cs.waiting = undefined;
      cs.pullError = undefined;
    }
  }

  /** The runtime of a pod, created (with its sandbox scheduled) on first sight. */
  private syncRuntime(_node: Node, pod: Pod, isStatic: boolean): PodRuntime {
    const uid = pod.metadata.uid!;
    let rt = this.runtimes.get(uid);
    if (rt) return rt;
    const now = this.now();
    const inits = pod.spec.initContainers ?? [];
    rt = {
      uid,
      pod,
      isStatic,
      sandboxAt: now + SANDBOX_MS,
      startTime: this.store.clock.iso(),
      terminating: false,
      finished: false,
      containers: new Map(),
      notModelledReported: new Set(),
      wakes: [],
    };
    for (const c of inits)
      rt.containers.set(c.name, { c, kind: isSidecar(c) ? 'sidecar' : 'init', step: 'pending', instances: [] });
    for (const c of pod.spec.containers) rt.containers.set(c.name, { c, kind: 'app', step: 'pending', instances: [] });
    this.runtimes.set(uid, rt);
    this.wake(rt, rt.sandboxAt, true);
    return rt;
  }

  /**
   * Adoption (see `adoptable`): the runtime of a pod that is already running. The sandbox exists
   * since status.startTime with the captured pod IP (reserved in IPAM); running containers run
   * their behaviour since their state.running.startedAt (a program that would have ended by now
   * ends now); restart counts, container IDs and imageIDs are kept; terminated containers are
   * handled per restartPolicy from there. No events: nothing starts.
   */
  private adoptRuntime(node: Node, pod: Pod, apiPod: Pod, isStatic: boolean): PodRuntime {
    const st = apiPod.status!;
    const uid = pod.metadata.uid!;
    const now = this.now();
    const startMs = st.startTime ? Date.parse(st.startTime) : now;
    const rt: PodRuntime = {
      uid,
      pod,
      isStatic,
      sandboxAt: startMs,
      startTime: st.startTime ?? this.store.clock.iso(),
      terminating: false,
      finished: false,
      containers: new Map(),
      notModelledReported: new Set(),
      wakes: [],
    };
    let ips: string[];
    if (pod.spec.hostNetwork) ips = [nodeIP(node)];
    else if (st.podIP) {
      ips = st.podIPs?.length ? st.podIPs.map((x) => x.ip) : [st.podIP];
      this.ipam.adopt(node, uid, ips);
    } else {
      const net = this.ipam.assign(node, uid);
      ips = 'ips' in net ? sortPodIPs(net.ips, node) : [];
    }
    rt.sandbox = { id: sha256(`sandbox:${uid}:0`), createdAt: startMs, ready: true, attempt: 0, ip: ips[0] ?? '', ips };
    this.manager.sandboxes(this.nodeName).push({ sandbox: rt.sandbox, rt });
    this.runtimes.set(uid, rt);
    const specs = [
      ...(pod.spec.initContainers ?? []).map((c) => ({
        c,
        kind: (isSidecar(c) ? 'sidecar' : 'init') as CState['kind'],
        statuses: st.initContainerStatuses,
      })),
      ...pod.spec.containers.map((c) => ({ c, kind: 'app' as const, statuses: st.containerStatuses })),
    ];
    for (const { c, kind, statuses } of specs) {
      const cs: CState = { c, kind, step: 'pending', instances: [] };
      rt.containers.set(c.name, cs);
      const s = statuses?.find((x) => x.name === c.name);
      if (s) this.adoptContainer(rt, cs, s);
    }
    return rt;
  }

  private adoptContainer(rt: PodRuntime, cs: CState, s: ContainerStatus): void {
    this.pulled.add(normalizeImage(cs.c.image ?? ''));
    const idOf = (cid: string | undefined) => cid?.replace(/^[a-z]+:\/\//, '') || undefined;
    type Terminated = {
      containerID?: string;
      exitCode: number;
      reason?: string;
      startedAt?: string;
      finishedAt?: string;
    };
    const past = (t: Terminated, attempt: number): Instance => {
      const finishedAt = t.finishedAt ? Date.parse(t.finishedAt) : this.now();
      const startedAt = t.startedAt ? Date.parse(t.startedAt) : finishedAt;
      return {
        id: idOf(t.containerID) ?? sha256(`container:${rt.uid}/${cs.c.name}/${attempt}`),
        attempt,
        image: cs.c.image ?? '',
        createdAt: startedAt,
        startedAt,
        finishedAt,
        exitCode: t.exitCode,
        reason: t.reason,
        logs: [],
        services: [],
        imageID: s.imageID || undefined,
        resumeAt: Infinity,
        oomAt: Infinity,
        readyAt: Infinity,
        startedProbeAt: startedAt,
      };
    };
    const restarts = s.restartCount ?? 0;
    const last = s.lastState?.terminated as Terminated | undefined;
    cs.priorRestarts = Math.max(0, restarts - (last ? 1 : 0));
    if (last) cs.instances.push(past(last, Math.max(0, restarts - 1)));
    const state = s.state as { running?: { startedAt?: string }; terminated?: Terminated; waiting?: unknown };
    if (state.running) {
      this.createContainer(rt, cs, {
        startedAt: state.running.startedAt ? Date.parse(state.running.startedAt) : this.now(),
        attempt: restarts,
        id: idOf(s.containerID),
        imageID: s.imageID || undefined,
        ready: s.ready === true,
        started: s.started !== false,
      });
    } else if (state.terminated) {
      cs.instances.push(past(state.terminated, restarts));
      cs.step = cs.kind === 'init' && state.terminated.exitCode === 0 ? 'done' : 'exited';
    } else if (last) {
      cs.step = 'exited'; // waiting after a termination (CrashLoopBackOff…): restarted per restartPolicy from here
    }
  }

  /** Kills every container at once and removes the sandbox (pod gone from the API, or static file removed). */
  private stopRuntime(uid: string, killEvents: boolean): void {
    const rt = this.runtimes.get(uid);
    if (!rt) return;
    for (const cs of rt.containers.values()) {
      if (cs.step === 'running') {
        if (killEvents)
          this.events.record(rt.pod, 'Normal', 'Killing', `Stopping container ${cs.c.name}`, KUBELET, this.nodeName);
        this.finish(rt, cs, 137, 'Error', false);
      }
      cs.step = 'done';
    }
    if (rt.sandbox) rt.sandbox.removed = true;
    this.ipam.release(uid);
    this.runtimes.delete(uid);
    this.crashBackoff.forgetPrefix(`${uid}/`);
    this.imageBackoff.forgetPrefix(`${uid}/`);
    this.manager.forget(this.nodeName, rt);
  }

  // ---- pod progress ------------------------------------------------------------------------

  /** Advances the pod as far as the clock allows (idempotent). */
  private progress(node: Node, rt: PodRuntime): void {
    const now = this.now();
    if (!rt.sandbox) {
      if (now < rt.sandboxAt || rt.terminating) return;
      const net = rt.pod.spec.hostNetwork ? { ips: [nodeIP(node)] } : this.ipam.assign(node, rt.uid);
      if ('error' in net) {
        this.sandboxFailed(rt, net.error);
        return;
      }
      const ips = sortPodIPs(net.ips, node);
      rt.sandbox = {
        id: sha256(`sandbox:${rt.uid}:0`),
        createdAt: rt.sandboxAt,
        ready: true,
        attempt: 0,
        ip: ips[0],
        ips,
      };
      this.manager.sandboxes(this.nodeName).push({ sandbox: rt.sandbox, rt });
    }
    // running programs, OOM, readiness, kills; exits noticed by the kubelet
    for (const cs of rt.containers.values()) if (cs.step === 'running') this.runContainer(rt, cs);
    for (const cs of rt.containers.values()) if (cs.step === 'exited') this.afterExit(rt, cs);
    if (rt.finished) return;
    if (rt.terminating) {
      this.progressTermination(rt);
      return;
    }
    // a pod whose app containers all finished for good is done: sidecars are stopped
    const apps = [...rt.containers.values()].filter((x) => x.kind === 'app');
    const phase = this.phaseOf(rt);
    if (apps.every((x) => x.step === 'done') || phase === 'Succeeded' || phase === 'Failed') {
      this.finishPod(rt);
      return;
    }
    // image pulls in progress / back-off, crash back-off over
    for (const cs of rt.containers.values()) {
      if (cs.step === 'pulling' && now >= cs.pullDoneAt!) this.pulledImage(node, rt, cs);
      else if (cs.step === 'pullFailed') this.retryPull(node, rt, cs);
      else if (
        cs.step === 'backoff' &&
        !this.crashBackoff.isInBackOffSince(this.key(rt, cs), this.last(cs).finishedAt!, now)
      ) {
        this.crashBackoff.next(this.key(rt, cs), this.last(cs).finishedAt!);
        this.startContainer(node, rt, cs);
      }
    }
    // initialisation: regular init containers one at a time; sidecars started in their place
    for (const cs of rt.containers.values()) {
      if (cs.kind === 'app') break;
      if (cs.step === 'pending') this.startContainer(node, rt, cs);
      if (cs.kind === 'init') {
        const inst = cs.instances.at(-1);
        if (inst?.exitCode === 0 && (cs.step === 'done' || cs.step === 'exited')) continue;
        return;
      }
      if (!cs.instances.some((i) => now >= i.startedProbeAt)) return;
    }
    // app containers in spec order; each start waits for the previous one's pull
    for (const cs of rt.containers.values()) {
      if (cs.kind !== 'app') continue;
      if (cs.step === 'pending') this.startContainer(node, rt, cs);
      if (cs.step === 'pulling') return;
    }
  }

  /** Terminal phase reached: sidecars are stopped (reverse order), the sandbox goes NotReady. */
  private finishPod(rt: PodRuntime): void {
    for (const cs of [...rt.containers.values()].filter((x) => x.kind === 'sidecar').reverse()) {
      if (cs.step === 'running') {
        this.events.record(rt.pod, 'Normal', 'Killing', `Stopping container ${cs.c.name}`, KUBELET, this.nodeName);
        this.finish(
          rt,
          cs,
          cs.behaviour?.ignoresSigterm ? 137 : 0,
          cs.behaviour?.ignoresSigterm ? 'Error' : 'Completed',
          false,
        );
      }
    }
    for (const cs of rt.containers.values()) if (cs.instances.length) cs.step = 'done';
    rt.finished = true;
    if (rt.sandbox) rt.sandbox.ready = false;
    this.ipam.release(rt.uid); // the stopped sandbox's CNI DEL
  }

  /**
   * RunPodSandbox failed in the CNI ADD (no pod address left): the kubelet's FailedCreatePodSandBox
   * event (pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod) around containerd's error
   * (internal/cri/server/sandbox_run.go; every attempt is a new sandbox ID), and the pod worker
   * tries again after its back-off. The pod stays Pending in ContainerCreating meanwhile.
   */
  private sandboxFailed(rt: PodRuntime, cniError: string): void {
    const now = this.now();
    const id = sha256(`sandbox:${rt.uid}:failed:${now}`);
    const message = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": ${cniError}`;
    this.events.record(rt.pod, 'Warning', 'FailedCreatePodSandBox', message, KUBELET, this.nodeName);
    rt.sandboxAt = now + SYNC_BACKOFF_MS;
    this.wake(rt, rt.sandboxAt, false);
  }

  /** A wake-up of the kubelets at `at` on behalf of the pod (see PodRuntime.lastLook). */
  private wake(rt: PodRuntime, at: number, startup: boolean): void {
    rt.wakes.push(at);
    this.manager.wake(at, startup, this.nodeName);
  }

  private key(rt: PodRuntime, cs: CState): string {
    return `${rt.uid}/${cs.c.name}`;
  }
  private last(cs: CState): Instance {
    return cs.instances[cs.instances.length - 1];
  }

  /** Pull (or find) the image, then create and start the container. */
  private startContainer(node: Node, rt: PodRuntime, cs: CState): void {
    const image = cs.c.image ?? '';
    const normalized = normalizeImage(image);
    const forced = annotation(rt.pod, cs.c.name, 'image-pull-error');
    const present = nodeHasImage(node, image) || this.pulled.has(normalized);
    const policy = cs.c.imagePullPolicy ?? 'IfNotPresent';
    if (forced === undefined && (policy === 'IfNotPresent' || policy === 'Never') && present) {
      this.events.record(
        rt.pod,
        'Normal',
        'Pulled',
        `Container image "${image}" already present on machine`,
        KUBELET,
        this.nodeName,
      );
      this.createContainer(rt, cs);
      return;
    }
    if (policy === 'Never') {
      cs.step = 'pullFailed';
      cs.waiting = {
        reason: 'ErrImageNeverPull',
        message: `Container image "${image}" is not present with pull policy of Never`,
      };
      this.events.record(rt.pod, 'Warning', 'ErrImageNeverPull', cs.waiting.message!, KUBELET, this.nodeName);
      cs.pullError = { at: this.now(), message: 'never' };
      return;
    }
    this.events.record(rt.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, KUBELET, this.nodeName);
    const fails = forced !== undefined || !registryHas(image);
    cs.step = 'pulling';
    cs.pullDoneAt = this.now() + (fails ? 0 : pullMillis(image));
    if (fails) this.pulledImage(node, rt, cs);
    else this.wake(rt, cs.pullDoneAt, true);
  }

  private pulledImage(node: Node, rt: PodRuntime, cs: CState): void {
    const image = cs.c.image ?? '';
    const forced = annotation(rt.pod, cs.c.name, 'image-pull-error');
    if (forced !== undefined || !registryHas(image)) {
      const err = forced === undefined || forced === 'true' ? notFoundError(image) : forced;
      const now = this.now();
      const key = `${rt.uid}/${normalizeImage(image)}`;
      this.imageBackoff.next(key, now);
      cs.step = 'pullFailed';
      cs.pullError = { at: now, message: err };
      cs.waiting = { reason: 'ErrImagePull', message: err };
      this.events.record(
        rt.pod,
        'Warning',
        'Failed',
        `Failed to pull image "${image}": ${err}`,
        KUBELET,
        this.nodeName,
      );
      this.events.record(rt.pod, 'Warning', 'Failed', 'Error: ErrImagePull', KUBELET, this.nodeName);
      this.wake(rt, now + PLEG_MS, true);
      this.wake(rt, now + this.imageBackoff.get(key), false);
      return;
    }
    const ms = pullMillis(image);
    this.events.record(
      rt.pod,
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${goDuration(ms)} (${goDuration(ms)} including waiting). Image size: ${imageSize(node, image)} bytes.`,
      KUBELET,
      this.nodeName,
    );
    this.pulled.add(normalizeImage(image));
    this.createContainer(rt, cs);
  }

  /** ErrImagePull → (next sync) ImagePullBackOff → (back-off over) a new pull. */
  private retryPull(node: Node, rt: PodRuntime, cs: CState): void {
    if (cs.pullError?.message === 'never') return;
    const image = cs.c.image ?? '';
    const key = `${rt.uid}/${normalizeImage(image)}`;
    const now = this.now();
    if (this.imageBackoff.isInBackOffSince(key, cs.pullError!.at, now)) {
      if (cs.waiting?.reason === 'ErrImagePull' && now >= cs.pullError!.at + PLEG_MS) {
        cs.waiting = {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${image}": ErrImagePull: ${cs.pullError!.message}`,
        };
        this.events.record(rt.pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, KUBELET, this.nodeName);
        this.events.record(rt.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', KUBELET, this.nodeName);
      }
      return;
    }
    this.startContainer(node, rt, cs);
  }

  /** Created + Started: a new instance runs the container's behaviour. */
  private createContainer(rt: PodRuntime, cs: CState, adopt?: AdoptedContainer): void {
    const now = adopt?.startedAt ?? this.now();
    const attempt = adopt?.attempt ?? cs.instances.length;
    const b = behaviourOf(rt.pod, cs.c);
    cs.behaviour = b;
    if (!adopt && b.notModelled !== undefined && !rt.notModelledReported.has(cs.c.name)) {
      rt.notModelledReported.add(cs.c.name);
      this.events.record(
        rt.pod,
        'Warning',
        'NotModelled',
        `Container ${cs.c.name}: the simulator does not model "${b.notModelled}"; it is treated as running until stopped`,
        KUBELET,
        this.nodeName,
      );
    }
    const limit = cs.c.resources?.limits?.memory;
    const limitBytes = limit === undefined ? Infinity : resourceAmount('memory', limit);
    const oom = b.memory.find((m) => m.bytes > limitBytes);
    const probeDelay = (p: unknown) =>
      p && typeof p === 'object' ? Number((p as { initialDelaySeconds?: number }).initialDelaySeconds ?? 0) * 1000 : 0;
    const startedProbeAt = adopt?.started ? now : now + (cs.c.startupProbe ? probeDelay(cs.c.startupProbe) : 0);
    const inst: Instance = {
      id: adopt?.id ?? sha256(`container:${rt.uid}/${cs.c.name}/${attempt}`),
      attempt,
      image: cs.c.image ?? '',
      createdAt: now,
      startedAt: now,
      logs: [],
      services: this.manager.services(rt.pod),
      imageID: adopt?.imageID,
      resumeAt: now,
      oomAt: oom ? now + oom.atMs : Infinity,
      startedProbeAt,
      readyAt: adopt?.ready
        ? now
        : Math.max(startedProbeAt, now + (cs.c.readinessProbe ? probeDelay(cs.c.readinessProbe) : 0)) +
          b.readinessDelayMs,
    };
    cs.instances.push(inst);
    cs.step = 'running';
    cs.waiting = undefined;
    if (!adopt) {
      this.events.record(rt.pod, 'Normal', 'Created', `Created container: ${cs.c.name}`, KUBELET, this.nodeName);
      this.events.record(rt.pod, 'Normal', 'Started', `Started container ${cs.c.name}`, KUBELET, this.nodeName);
    }
    const ip = rt.sandbox?.ip ?? '';
    // log lines carry the program's own time: the moment it resumed (earlier than now for an adopted container catching up)
    const logAt = () => (Number.isFinite(inst.resumeAt) ? Math.min(inst.resumeAt, this.now()) : this.now());
    const ctx = {
      log: (line: string) => {
        const at = logAt();
        inst.logs.push({ at, line: flat(expandStartupLine(line, at, ip)) });
      },
      resolves: (name: string) => lookup(this.store, name, rt.pod.metadata.namespace ?? 'default').length > 0,
    };
    inst.gen = b.run(ctx);
    const t = this.now();
    if (Number.isFinite(inst.oomAt) && inst.oomAt > t) this.wake(rt, inst.oomAt, false);
    if (startedProbeAt > t) this.wake(rt, startedProbeAt, true);
    if (inst.readyAt > t) this.wake(rt, inst.readyAt, b.readinessDelayMs === 0);
    this.runContainer(rt, cs);
  }

  /** Runs the program until it sleeps or ends; OOM and SIGKILL at their times. */
  private runContainer(rt: PodRuntime, cs: CState): void {
    const inst = this.last(cs);
    const now = this.now();
    if (inst.killAt !== undefined && now >= inst.killAt) {
      this.finish(rt, cs, 137, 'Error', false);
      return;
    }
    while (inst.gen && inst.resumeAt <= now && inst.resumeAt <= inst.oomAt) {
      const r = inst.gen.next();
      if (r.done) {
        inst.gen = undefined;
        this.finish(rt, cs, r.value, r.value === 0 ? 'Completed' : 'Error');
        return;
      }
      // a program that runs until stopped is never resumed: it is dropped (a running container
      // holds no suspended program: less memory on big clusters, and Cluster.clone has none to copy)
      if ('forever' in r.value) {
        inst.resumeAt = Infinity;
        inst.gen = undefined;
      } else {
        // program time: an adopted container catching up resumes where its own sleep ends
        inst.resumeAt += r.value.sleepMs;
        if (inst.resumeAt > now) this.wake(rt, inst.resumeAt, false);
      }
    }
    if (now >= inst.oomAt) this.finish(rt, cs, 137, 'OOMKilled');
  }

  /** The instance exits; `notice` schedules the kubelet's look at it (PLEG), needed when it may restart. */
  private finish(rt: PodRuntime, cs: CState, exitCode: number, reason: string, notice = true): void {
    const inst = this.last(cs);
    inst.gen = undefined;
    inst.finishedAt = this.now();
    inst.exitCode = exitCode;
    inst.reason = reason;
    cs.step = 'exited';
    if (notice) this.wake(rt, inst.finishedAt + PLEG_MS, true);
  }

  /** The kubelet notices an exit: restart now, wait out the back-off, or leave it terminated. */
  private afterExit(rt: PodRuntime, cs: CState): void {
    const inst = this.last(cs);
    const now = this.now();
    const policy = rt.pod.spec.restartPolicy ?? 'Always';
    if (cs.replaced && !rt.terminating) {
      cs.replaced = false;
      cs.step = 'pending';
      return;
    }
    const restart =
      !rt.terminating &&
      !rt.finished &&
      (cs.kind === 'sidecar' || policy === 'Always' || (policy === 'OnFailure' && inst.exitCode !== 0));
    const initOk = cs.kind === 'init' && inst.exitCode === 0;
    if (!restart || initOk) {
      cs.step = 'done';
      return;
    }
    if (now < inst.finishedAt! + PLEG_MS) return;
    const key = this.key(rt, cs);
    if (this.crashBackoff.isInBackOffSince(key, inst.finishedAt!, now)) {
      const delay = this.crashBackoff.get(key);
      cs.step = 'backoff';
      cs.waiting = {
        reason: 'CrashLoopBackOff',
        message: `back-off ${goSeconds(delay)} restarting failed container=${cs.c.name} pod=${rt.pod.metadata.name}_${rt.pod.metadata.namespace}(${rt.uid})`,
      };
      this.events.record(
        rt.pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${cs.c.name} in pod ${rt.pod.metadata.name}_${rt.pod.metadata.namespace}(${rt.uid})`,
        KUBELET,
        this.nodeName,
      );
      this.wake(rt, inst.finishedAt! + delay, false);
      return;
    }
    this.crashBackoff.next(key, inst.finishedAt!);
    cs.step = 'pending';
  }

  // ---- termination ---------------------------------------------------------------------------

  private beginTermination(rt: PodRuntime, deletionAt: number): void {
    rt.terminating = true;
    rt.deletionAt = deletionAt;
    for (const cs of rt.containers.values()) {
      if (cs.step === 'pending' || cs.step === 'pulling' || cs.step === 'pullFailed' || cs.step === 'backoff')
        cs.step = cs.instances.length ? 'done' : 'pending';
    }
  }

  /**
   * A second delete with a shorter grace period moved the deletionTimestamp earlier: containers
   * still running past SIGTERM are killed at the new deadline (pkg/kubelet/pod_workers.go
   * calculateEffectiveGracePeriod: a terminating pod's grace period may only decrease).
   */
  private shortenTermination(rt: PodRuntime, deletionAt: number): void {
    if (rt.deletionAt === undefined || deletionAt >= rt.deletionAt) return;
    rt.deletionAt = deletionAt;
    const deadline = Math.max(this.now(), deletionAt);
    for (const cs of rt.containers.values()) {
      const inst = cs.step === 'running' ? this.last(cs) : undefined;
      if (inst?.killAt !== undefined && inst.killAt > deadline) {
        inst.killAt = deadline;
        this.wake(rt, deadline, false);
      }
    }
  }

  /** App (and running init) containers get SIGTERM first, then sidecars in reverse order; what ignores it dies at the deadline. */
  private progressTermination(rt: PodRuntime): void {
    const all = [...rt.containers.values()];
    const first = all.filter((x) => x.kind !== 'sidecar');
    for (const cs of first) this.sigterm(rt, cs);
    if (!first.some((x) => x.step === 'running'))
      for (const cs of all.filter((x) => x.kind === 'sidecar').reverse()) this.sigterm(rt, cs);
    for (const cs of all) if (cs.step === 'exited') cs.step = 'done';
  }

  private sigterm(rt: PodRuntime, cs: CState): void {
    if (cs.step !== 'running') return;
    const inst = this.last(cs);
    if (inst.killAt !== undefined) return;
    this.events.record(rt.pod, 'Normal', 'Killing', `Stopping container ${cs.c.name}`, KUBELET, this.nodeName);
    const deadline = Math.max(this.now(), rt.deletionAt ?? this.now());
    if (cs.behaviour?.ignoresSigterm && deadline > this.now()) {
      inst.killAt = deadline;
      inst.resumeAt = Infinity;
      this.wake(rt, deadline, false);
    } else {
      const server = (cs.behaviour?.listens.length ?? 0) > 0;
      this.finish(rt, cs, server ? 0 : 143, server ? 'Completed' : 'Error', false);
      cs.step = 'done';
    }
  }

  private allStopped(rt: PodRuntime): boolean {
    return [...rt.containers.values()].every((cs) => cs.step !== 'running');
  }

  // ---- status --------------------------------------------------------------------------------

  private containerStatus(rt: PodRuntime, cs: CState): ContainerStatus {
    const inst = cs.instances.at(-1);
    const hasInits = (rt.pod.spec.initContainers ?? []).length > 0;
    const now = this.now();
    const restartCount = (cs.priorRestarts ?? 0) + Math.max(0, cs.instances.length - 1);
    const iso = (ms: number) => this.store.clock.iso(ms);
    const terminated = (i: Instance) => ({
      terminated: {
        containerID: `containerd://${i.id}`,
        exitCode: i.exitCode!,
        finishedAt: iso(i.finishedAt!),
        reason: i.reason,
        startedAt: iso(i.startedAt),
      },
    });
    const base = { name: cs.c.name, restartCount };
    if (!inst) {
      return {
        ...base,
        image: cs.c.image ?? '',
        imageID: '',
        lastState: {},
        ready: false,
        started: false,
        state: { waiting: cs.waiting ?? { reason: hasInits ? 'PodInitializing' : 'ContainerCreating' } },
      };
    }
    const common = {
      ...base,
      containerID: `containerd://${inst.id}`,
      image: normalizeImage(inst.image),
      imageID: inst.imageID ?? imageId(inst.image),
    };
    const prev = cs.instances.at(-2);
    if (cs.step === 'running') {
      const started = now >= inst.startedProbeAt;
      // A regular init container is ready only once it has exited 0 (prober_manager UpdatePodStatus).
      const ready = cs.kind !== 'init' && started && now >= inst.readyAt && inst.killAt === undefined;
      return {
        ...common,
        lastState: prev ? terminated(prev) : {},
        ready,
        started,
        state: { running: { startedAt: iso(inst.startedAt) } },
      };
    }
    if (cs.waiting && (cs.step === 'backoff' || cs.step === 'pullFailed')) {
      return { ...common, lastState: terminated(inst), ready: false, started: false, state: { waiting: cs.waiting } };
    }
    const ready = cs.kind === 'init' && inst.exitCode === 0;
    return { ...common, lastState: prev ? terminated(prev) : {}, ready, started: false, state: terminated(inst) };
  }

  private statuses(rt: PodRuntime): { init?: ContainerStatus[]; app: ContainerStatus[] } {
    const all = [...rt.containers.values()];
    const init = all.filter((x) => x.kind !== 'app').map((cs) => this.containerStatus(rt, cs));
    const app = all
      .filter((x) => x.kind === 'app')
      .map((cs) => this.containerStatus(rt, cs))
      .sort(byName);
    return { init: init.length ? init : undefined, app };
  }

  private phaseOf(rt: PodRuntime): NonNullable<PodStatus['phase']> {
    const s = this.statuses(rt);
    return getPhase(rt.pod, s.init, s.app, rt.terminating, rt.isStatic);
  }

  private statusFor(apiPod: Pod, rt: PodRuntime): PodStatus {
    const s = this.statuses(rt);
    const old = apiPod.status?.phase;
    const phase =
      old === 'Succeeded' || old === 'Failed' ? old : getPhase(rt.pod, s.init, s.app, rt.terminating, rt.isStatic);
    const hostIP = nodeIP(this.store.get<Node>('Node', undefined, this.nodeName)!);
    const status: PodStatus & { hostIPs?: { ip: string }[] } = {
      phase,
      conditions: podConditions(apiPod, s.init, s.app, phase, !!rt.sandbox?.ready, this.store.clock.iso()),
      hostIP,
      hostIPs: [{ ip: hostIP }],
    };
    if (rt.sandbox) {
      status.podIP = rt.sandbox.ip;
      status.podIPs = rt.sandbox.ips.map((ip) => ({ ip }));
    }
    status.startTime = rt.startTime;
    if (s.init) status.initContainerStatuses = s.init;
    status.containerStatuses = s.app;
    status.qosClass = apiPod.status?.qosClass ?? qosClass(apiPod);
    return status;
  }

  // ---- queries (logs, crictl, env) -----------------------------------------------------------

  runtimeFor(pod: Pod): PodRuntime | undefined {
    const uid = isMirror(pod) ? pod.metadata.annotations![CONFIG_MIRROR] : pod.metadata.uid!;
    return this.runtimes.get(uid);
  }

  instancesOf(pod: Pod, container: string): Instance[] {
    return this.runtimeFor(pod)?.containers.get(container)?.instances ?? [];
  }
}
