// DaemonSet controller (pkg/controller/daemon): one pod per eligible node. A node is eligible
// (NodeShouldRunDaemonPod) when the pod built for it matches the node (template nodeName,
// nodeSelector, required node affinity) and tolerates every NoSchedule/NoExecute taint; a pod
// already there keeps running unless a NoExecute taint is untolerated. Pods get the automatic
// tolerations and the required node affinity `matchFields metadata.name In [<node>]` (replacing
// any required terms) of pkg/controller/daemon/util/daemonset_util.go, and are bound by the
// scheduler, not by this controller. Labels controller-revision-hash (template hash, as
// ComputeHash) and pod-template-generation. Rolling update: with updateStrategy RollingUpdate,
// pods of an older template are deleted while fewer than maxUnavailable (default 1) desired nodes
// lack an available pod; OnDelete leaves them. History (update.go constructHistory, snapshot,
// dedupCurHistories, cleanupHistory): a ControllerRevision per distinct template
// (controllers/history.ts), named `<ds>-<hash>` with the template's labels plus
// controller-revision-hash and the DaemonSet's annotations; the revision whose data matches the
// template (Match) is the current one, its number raised above the others' when it is not the
// newest; a name taken by other data bumps status.collisionCount. Old revisions beyond
// revisionHistoryLimit (default 10) whose hash no pod carries are deleted, oldest first.
// Events from `daemonset-controller`.

import type { Component } from '../util/component.ts';
import type { ControllerRevision, DaemonSet, Node, Pod, PodSpec, PodTemplateSpec, Toleration } from '../api/types.ts';
import { matchesLabelSelector, matchesMap, matchesNodeSelector } from '../api/selectors.ts';
import { firstUntoleratedTaint } from '../api/taints.ts';
import type { ApiServer } from '../store/apiserver.ts';
import type { EventRecorder } from '../store/events.ts';
import { apiOrder, type ObjectStore, type WatchEvent } from '../store/store.ts';
import {
  controllerRef,
  createPod,
  deletePod,
  isPodAvailable,
  isPodReady,
  newControllerRef,
  ownedInNamespace,
  OwnerQueue,
  podFromTemplate,
  templateHash,
  timeMs,
  type ControllerHost,
} from './common.ts';
import { sameJson } from '../util/json.ts';
import { ApiError } from '../store/errors.ts';
import { claimRevisions, newControllerRevision, revisionRaw, templatePatch } from './history.ts';

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
export const POD_TEMPLATE_GENERATION = 'pod-template-generation';

/** util.AddOrUpdateDaemonPodTolerations, in the order the controller adds them. */
export function daemonPodTolerations(spec: PodSpec): Toleration[] {
  const add: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork)
    add.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  let out = [...(spec.tolerations ?? [])];
  for (const t of add) {
    // AddOrUpdateTolerationInPodSpec: a toleration with the same key/operator/value/effect is replaced in place.
    const same = (x: Toleration) =>
      (x.key ?? '') === t.key &&
      (x.operator ?? 'Equal') === t.operator &&
      (x.value ?? '') === '' &&
      (x.effect ?? '') === t.effect;
    if (out.some(same)) out = out.map((x) => (same(x) ? t : x));
    else out.push(t);
  }
  return out;
}

/** NewPod + ReplaceDaemonSetPodNodeNameNodeAffinity: the pod the DaemonSet wants on `nodeName`. */
export function daemonPodFor(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const pod = podFromTemplate(ds.spec.template, ds);
  pod.metadata.labels = {
    ...(pod.metadata.labels ?? {}),
    [CONTROLLER_REVISION_HASH]: hash,
    [POD_TEMPLATE_GENERATION]: String(ds.metadata.generation ?? 1),
  };
  pod.spec.tolerations = daemonPodTolerations(pod.spec);
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [nodeName] }] };
  pod.spec.affinity = { ...(pod.spec.affinity ?? {}) };
  pod.spec.affinity.nodeAffinity = {
    ...(pod.spec.affinity.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] },
  };
  return pod;
}

/** daemonPodTolerations of a template's spec (stored specs are never changed in place): asked for every node. */
const templateTolerations = new WeakMap<PodSpec, Toleration[]>();

/** NodeShouldRunDaemonPod → [shouldRun, shouldContinueRunning]. */
export function nodeShouldRunDaemonPod(ds: DaemonSet, node: Node): readonly [boolean, boolean] {
  // The pod daemonPodFor builds has the template's nodeSelector and daemonPodTolerations of the
  // template's spec; those are read straight from the template (no copy of the pod per node).
  // The answer depends on the two objects only (stored objects are never changed in place), and
  // a sync asks it several times per node: kept per node and template.
  const spec = ds.spec.template.spec;
  let answers = shouldRunAnswers.get(node);
  if (!answers) {
    answers = new WeakMap();
    shouldRunAnswers.set(node, answers);
  }
  let answer = answers.get(spec);
  if (!answer) {
    answer = shouldRun(spec, node);
    answers.set(spec, answer);
  }
  return answer;
}

const shouldRunAnswers = new WeakMap<Node, WeakMap<PodSpec, readonly [boolean, boolean]>>();

function shouldRun(spec: PodSpec, node: Node): [boolean, boolean] {
  const tmplNode = spec.nodeName;
  if (tmplNode && tmplNode !== node.metadata.name) return [false, false];
  if (!matchesMap(spec.nodeSelector, node.metadata.labels)) return [false, false];
  if (!matchesNodeSelector(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node))
    return [false, false];
  const taints = node.spec?.taints;
  let tolerations = templateTolerations.get(spec);
  if (!tolerations) {
    tolerations = daemonPodTolerations(spec);
    templateTolerations.set(spec, tolerations);
  }
  if (firstUntoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    return [false, !firstUntoleratedTaint(taints, tolerations, ['NoExecute'])];
  }
  return [true, true];
}

/** GetTargetNodeName: spec.nodeName, or the node named by the matchFields affinity of an unbound pod. */
function targetNode(p: Pod): string | undefined {
  if (p.spec.nodeName) return p.spec.nodeName;
  for (const t of p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ??
    []) {
    for (const f of t.matchFields ?? [])
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

export class DaemonSetController implements Component {
  readonly name = DAEMONSET_CONTROLLER;
  private readonly store: ObjectStore;

  /** DaemonSets to sync: changed, a pod they own or could adopt changed, or a Node changed (see OwnerQueue). */
  private readonly queue: OwnerQueue;
  /** The clock at the last sync: availability after minReadySeconds depends on it. */
  private lastNow?: number;

  constructor(
    private readonly api: ApiServer,
    private readonly events: EventRecorder,
  ) {
    this.store = api.store;
    this.queue = new OwnerQueue(this.store, 'DaemonSet');
    this.store.watch((e) => this.observe(e));
  }

  private observe(e: WatchEvent): void {
    // (its own DaemonSets: the OwnerQueue)
    if (e.object.kind === 'Node') {
      this.nodes = undefined;
      for (const ds of this.store.values<DaemonSet>('DaemonSet')) this.queue.mark(ds.metadata.uid);
    } else if (e.object.kind === 'Pod') {
      for (const p of [e.old, e.object]) {
        if (!p) continue;
        const ref = controllerRef(p);
        if (ref) {
          this.queue.mark(ref.uid);
          continue;
        }
        // an orphan: the DaemonSets whose selector matches it may adopt it
        for (const ds of this.store.values<DaemonSet>('DaemonSet')) {
          if (
            ds.metadata.namespace === p.metadata.namespace &&
            matchesLabelSelector(ds.spec.selector, p.metadata.labels)
          )
            this.queue.mark(ds.metadata.uid);
        }
      }
    }
  }

  /** The same controller over a clone of its cluster's store (Cluster.clone), with its work queue. */
  clone(to: ControllerHost): DaemonSetController {
    const c = new DaemonSetController(to.api, to.events);
    c.queue.copyFrom(this.queue);
    c.lastNow = this.lastNow;
    return c;
  }

  sync(): boolean {
    const all = this.store.list<DaemonSet>('DaemonSet');
    const now = this.store.clock.now();
    if (now !== this.lastNow) {
      this.lastNow = now;
      for (const ds of all) if (Number(ds.spec.minReadySeconds ?? 0) > 0) this.queue.mark(ds.metadata.uid);
    }
    let changed = false;
    for (const ds of all) if (this.queue.run(ds.metadata.uid!, () => this.syncOne(ds))) changed = true;
    return changed;
  }

  /** The Nodes in API order, listed again only after a Node event (every sync walks them). */
  private nodes?: Node[];

  private nodeList(): Node[] {
    if (!this.nodes) this.nodes = this.store.list<Node>('Node');
    return this.nodes;
  }

  private syncOne(ds: DaemonSet): boolean {
    let changed = this.claimPods(ds);
    const history = this.constructHistory(ds);
    // a name collision: the collision count was raised, the next sync hashes again
    if (!history) return true;
    if (history.written) changed = true;
    const hash = history.cur.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? this.hashOf(ds);
    const nodes = this.nodeList();
    const byNode = this.podsByNode(ds);
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    for (const node of nodes) {
      const name = node.metadata.name!;
      const pods = byNode.get(name) ?? [];
      const [shouldRun, shouldContinue] = nodeShouldRunDaemonPod(ds, node);
      if (shouldRun && pods.length === 0) {
        toCreate.push(name);
        continue;
      }
      if (!shouldContinue) {
        toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
        continue;
      }
      const running: Pod[] = [];
      for (const p of pods) {
        if (p.metadata.deletionTimestamp) continue;
        if (p.status?.phase === 'Failed') {
          toDelete.push(p);
          continue;
        }
        running.push(p);
      }
      // More than one pod on a node: keep the oldest.
      if (running.length > 1)
        toDelete.push(
          ...running
            .sort((a, b) => timeMs(a.metadata.creationTimestamp) - timeMs(b.metadata.creationTimestamp))
            .slice(1),
        );
    }
    // Unbound pods aimed at a node that no longer exists.
    const names = new Set(nodes.map((n) => n.metadata.name));
    for (const [name, pods] of byNode) {
      if (!names.has(name)) toDelete.push(...pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp));
    }
    for (const p of toDelete) {
      deletePod(this.api, this.events, ds, p, DAEMONSET_CONTROLLER);
      changed = true;
    }
    for (const name of toCreate) {
      if (createPod(this.api, this.events, ds, daemonPodFor(ds, name, hash), DAEMONSET_CONTROLLER)) changed = true;
    }
    if (toDelete.length === 0 && toCreate.length === 0) changed = this.rollingUpdate(ds, hash, nodes) || changed;
    changed = this.cleanupHistory(ds, history.old) || changed;
    return this.updateStatus(ds, hash) || changed;
  }

  /**
   * constructHistory: the revisions the DaemonSet controls (orphans its selector matches adopted),
   * split by Match into the current one and the old ones. No match: a snapshot of the template is
   * created with revision max(old) + 1; several: dedupCurHistories keeps the newest; a current one
   * below max(old) + 1 gets that number. Undefined after a name collision (snapshot: the collision
   * count in status is raised and the sync retried).
   */
  private constructHistory(
    ds: DaemonSet,
  ): { cur: ControllerRevision; old: ControllerRevision[]; written: boolean } | undefined {
    const patch = templatePatch(ds.spec.template);
    const cur: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    let written = false;
    for (let r of claimRevisions(this.store, ds, ds.spec.selector)) {
      if (r.metadata.labels?.[CONTROLLER_REVISION_HASH] === undefined) {
        r = this.api.update<ControllerRevision>({
          ...r,
          metadata: { ...r.metadata, labels: { ...r.metadata.labels, [CONTROLLER_REVISION_HASH]: r.metadata.name! } },
        });
        written = true;
      }
      (revisionRaw(r) === patch.raw ? cur : old).push(r);
    }
    const next = old.reduce((m, r) => Math.max(m, r.revision), 0) + 1;
    if (cur.length === 0) {
      const created = this.snapshot(ds, next);
      return created ? { cur: created, old, written: true } : undefined;
    }
    // dedupCurHistories: the one with the highest revision stays (pods of the others are relabelled)
    let keep = cur[0];
    for (const r of cur) if (r.revision > keep.revision) keep = r;
    for (const r of cur) {
      if (r === keep) continue;
      const dupHash = r.metadata.labels?.[CONTROLLER_REVISION_HASH];
      const keepHash = keep.metadata.labels?.[CONTROLLER_REVISION_HASH];
      for (const p of ownedInNamespace<Pod>(this.store, 'Pod', ds))
        if (p.metadata.labels?.[CONTROLLER_REVISION_HASH] === dupHash && keepHash !== undefined)
          this.store.mutate<Pod>('Pod', p.metadata.namespace, p.metadata.name!, (x) => {
            x.metadata.labels = { ...x.metadata.labels, [CONTROLLER_REVISION_HASH]: keepHash };
          });
      this.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name!);
      written = true;
    }
    if (keep.revision < next) {
      keep = this.api.update<ControllerRevision>({ ...keep, revision: next });
      written = true;
    }
    return { cur: keep, old, written };
  }

  /** snapshot: a ControllerRevision of the template, named `<ds>-<ComputeHash(template, collisionCount)>`. */
  private snapshot(ds: DaemonSet, revision: number): ControllerRevision | undefined {
    const patch = templatePatch(ds.spec.template);
    const hash = this.hashOf(ds);
    const name = `${ds.metadata.name}-${hash}`;
    const existing = this.store.get<ControllerRevision>('ControllerRevision', ds.metadata.namespace, name);
    if (existing) {
      if (revisionRaw(existing) === patch.raw) return existing;
      this.store.mutate<DaemonSet>('DaemonSet', ds.metadata.namespace, ds.metadata.name!, (d) => {
        d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
      });
      return undefined;
    }
    return this.api.create<ControllerRevision>(
      newControllerRevision(ds, name, CONTROLLER_REVISION_HASH, hash, revision),
      true,
    );
  }

  /**
   * cleanupHistory: old revisions beyond revisionHistoryLimit are deleted, oldest first, except
   * those whose hash a pod of the DaemonSet (terminal ones included) still carries.
   */
  private cleanupHistory(ds: DaemonSet, old: ControllerRevision[]): boolean {
    let toKill = old.length - Number(ds.spec.revisionHistoryLimit ?? 10);
    if (toKill <= 0) return false;
    const live = new Set<string>();
    for (const p of ownedInNamespace<Pod>(this.store, 'Pod', ds)) {
      const h = p.metadata.labels?.[CONTROLLER_REVISION_HASH];
      if (h) live.add(h);
    }
    let changed = false;
    for (const r of [...old].sort((a, b) => a.revision - b.revision)) {
      if (toKill <= 0) break;
      if (live.has(r.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '')) continue;
      try {
        this.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name!);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      toKill--;
      changed = true;
    }
    return changed;
  }

  /**
   * templateHash of stored templates by template object and collision count: a stored object is
   * never changed in place, and a status write shares the stored spec, so one hash serves every
   * later version.
   */
  private readonly hashes = new WeakMap<PodTemplateSpec, Map<number | undefined, string>>();

  private hashOf(ds: DaemonSet): string {
    const collisionCount = (ds.status as { collisionCount?: number } | undefined)?.collisionCount;
    let byCount = this.hashes.get(ds.spec.template);
    if (!byCount) {
      byCount = new Map();
      this.hashes.set(ds.spec.template, byCount);
    }
    let h = byCount.get(collisionCount);
    if (h === undefined) {
      h = templateHash(ds.spec.template, collisionCount);
      byCount.set(collisionCount, h);
    }
    return h;
  }

  private claimPods(ds: DaemonSet): boolean {
    let changed = false;
    // the pods it owns and the namespace's orphans: pods of other controllers are never claimed
    const candidates = [
      ...ownedInNamespace<Pod>(this.store, 'Pod', ds),
      ...this.store.orphans<Pod>('Pod', ds.metadata.namespace),
    ].sort(apiOrder);
    for (const pod of candidates) {
      const ref = controllerRef(pod);
      const matches = matchesLabelSelector(ds.spec.selector, pod.metadata.labels);
      if (ref?.uid === ds.metadata.uid && !matches) {
        this.store.mutate<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => {
          p.metadata.ownerReferences = p.metadata.ownerReferences!.filter((r) => r.uid !== ds.metadata.uid);
          if (p.metadata.ownerReferences.length === 0) delete p.metadata.ownerReferences;
        });
        changed = true;
      } else if (!ref && matches && !pod.metadata.deletionTimestamp) {
        this.store.mutate<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => {
          p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), newControllerRef(ds)];
        });
        changed = true;
      }
    }
    return changed;
  }

  private podsByNode(ds: DaemonSet): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    for (const p of ownedInNamespace<Pod>(this.store, 'Pod', ds)) {
      const n = targetNode(p);
      if (n === undefined) continue;
      out.set(n, [...(out.get(n) ?? []), p]);
    }
    return out;
  }

  /** RollingUpdate (no surge): replace old-template pods one budget slot at a time. */
  private rollingUpdate(ds: DaemonSet, hash: string, nodes: Node[]): boolean {
    const strategy = (ds.spec.updateStrategy ?? {}) as {
      type?: string;
      rollingUpdate?: { maxUnavailable?: number | string };
    };
    if (strategy.type === 'OnDelete') return false;
    const byNode = this.podsByNode(ds);
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(ds, n)[0]);
    const raw = strategy.rollingUpdate?.maxUnavailable ?? 1;
    const maxUnavailable =
      typeof raw === 'string' && raw.endsWith('%')
        ? Math.max(1, Math.floor((parseInt(raw, 10) * desired.length) / 100))
        : Number(raw) || 1;
    const now = this.store.clock.now();
    const minReady = Number(ds.spec.minReadySeconds ?? 0);
    let unavailable = 0;
    const old: Pod[] = [];
    for (const n of desired) {
      const pods = (byNode.get(n.metadata.name!) ?? []).filter((p) => !p.metadata.deletionTimestamp);
      const pod = pods[0];
      if (!pod || !isPodAvailable(pod, minReady, now)) unavailable++;
      if (pod && pod.metadata.labels?.[CONTROLLER_REVISION_HASH] !== hash) old.push(pod);
    }
    let changed = false;
    // Unavailable old pods go first; then available ones while the budget allows.
    for (const p of old.filter((p) => !isPodAvailable(p, minReady, now))) {
      deletePod(this.api, this.events, ds, p, DAEMONSET_CONTROLLER);
      changed = true;
    }
    for (const p of old.filter((p) => isPodAvailable(p, minReady, now))) {
      if (unavailable >= maxUnavailable) break;
      deletePod(this.api, this.events, ds, p, DAEMONSET_CONTROLLER);
      unavailable++;
      changed = true;
    }
    return changed;
  }

  private updateStatus(ds: DaemonSet, hash: string): boolean {
    const cur = this.store.get<DaemonSet>('DaemonSet', ds.metadata.namespace, ds.metadata.name!);
    if (!cur) return false;
    const now = this.store.clock.now();
    const minReady = Number(cur.spec.minReadySeconds ?? 0);
    const byNode = this.podsByNode(cur);
    let desired = 0,
      current = 0,
      misscheduled = 0,
      ready = 0,
      available = 0,
      updated = 0;
    for (const node of this.nodeList()) {
      const [shouldRun] = nodeShouldRunDaemonPod(cur, node);
      const pods = (byNode.get(node.metadata.name!) ?? []).sort(
        (a, b) => timeMs(a.metadata.creationTimestamp) - timeMs(b.metadata.creationTimestamp),
      );
      if (shouldRun) {
        desired++;
        if (pods.length) {
          current++;
          const p = pods[0];
          if (isPodReady(p)) {
            ready++;
            if (isPodAvailable(p, minReady, now)) available++;
          }
          if (p.metadata.labels?.[CONTROLLER_REVISION_HASH] === hash) updated++;
        }
      } else if (pods.length) {
        misscheduled++;
      }
    }
    // currentNumberScheduled, numberMisscheduled, desiredNumberScheduled and numberReady are always present.
    const status: NonNullable<DaemonSet['status']> & { numberUnavailable?: number } = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
    };
    if (cur.metadata.generation !== undefined) status.observedGeneration = cur.metadata.generation;
    if (updated) status.updatedNumberScheduled = updated;
    if (available) status.numberAvailable = available;
    if (desired - available > 0) status.numberUnavailable = desired - available;
    if (cur.status?.collisionCount !== undefined) status.collisionCount = cur.status.collisionCount;
    if (sameJson(cur.status ?? {}, status)) return false;
    this.store.update<DaemonSet>({ ...cur, status });
    return true;
  }
}
