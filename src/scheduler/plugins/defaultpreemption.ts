// DefaultPreemption (PostFilter; framework/preemption/preemption.go + defaultpreemption),
// pkg/scheduler/framework/preemption: eligibility, candidates among nodes rejected with Unschedulable (not
// UnschedulableAndUnresolvable), the per-node dry run that removes every lower-priority pod and
// reprieves as many as still fit (PDB-violating ones first), the node choice, and the exact
// "preemption: …" texts when nothing can be done. The Scheduler performs the eviction.
// DEFAULT_PREEMPTION_ARGS: its args (fields, defaults, validation).

import type { KubeObject, Pod, PodDisruptionBudget } from '../../api/types.ts';
import { matchesLabelSelector } from '../../api/selectors.ts';
import { invalid, type FieldError } from '../../api/fielderrors.ts';
import type { PluginArgsSpec } from '../pluginargs.ts';
import type { Rng } from '../../util/rng.ts';
import { filterWithNominated } from '../cycle.ts';
import type { Diagnosis } from '../fiterror.ts';
import { reasonsHistogram } from '../fiterror.ts';
import type { Framework } from '../framework/framework.ts';
import { addPodToNodeInfo, cloneNodeInfo, removePodFromNodeInfo } from '../framework/nodeinfo.ts';
import type { CycleState, NodeInfo, PodInfo, SchedulerContext, Status } from '../framework/types.ts';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface PostFilterInput {
  fw: Framework;
  ctx: SchedulerContext;
  state: CycleState;
  pod: PodInfo;
  diagnosis: Diagnosis;
  rng: Rng;
  /** Plugins that returned Skip at PreFilter this cycle (their Filter is not run). */
  skipped: Set<string>;
  nominatedPodsFor(node: string): readonly PodInfo[];
  /** Pods on the node already being deleted by an earlier preemption. */
  podsBeingPreempted(node: string): Pod[];
  pdbs(): KubeObject[];
}

export interface PostFilterResult {
  /** "preemption: …" when preemption could not help (empty when it succeeded). */
  message?: string;
  nominatedNode?: string;
  victims: Pod[];
}

interface Candidate {
  node: string;
  victims: PodInfo[];
  numPDBViolations: number;
}

// ---- args (apis/config/v1/defaults.go, apis/config/validation/validation_pluginargs.go) ----------

export const DEFAULT_PREEMPTION_ARGS: PluginArgsSpec = {
  fields: ['minCandidateNodesPercentage', 'minCandidateNodesAbsolute'],
  setDefaults: (a) => {
    a.minCandidateNodesPercentage ??= 10;
    a.minCandidateNodesAbsolute ??= 100;
  },
  validate: (a, path) => {
    const pct = a.minCandidateNodesPercentage as number,
      abs = a.minCandidateNodesAbsolute as number;
    const pp = `${path}.minCandidateNodesPercentage`,
      ap = `${path}.minCandidateNodesAbsolute`;
    const errs: FieldError[] = [];
    if (pct < 0 || pct > 100) errs.push(invalid(pp, pct, 'not in valid range [0, 100]'));
    if (abs < 0) errs.push(invalid(ap, abs, 'not in valid range [0, inf)'));
    if (pct === 0 && abs === 0) {
      errs.push(
        invalid(pp, pct, 'cannot be zero at the same time as minCandidateNodesAbsolute'),
        invalid(ap, abs, 'cannot be zero at the same time as minCandidateNodesPercentage'),
      );
    }
    return errs;
  },
};

const priorityOf = (p: Pod) => p.spec.priority ?? 0;
const startTime = (p: Pod) => (p.status?.startTime ? Date.parse(p.status.startTime) : Number.MAX_SAFE_INTEGER);

/** util.MoreImportantPod: higher priority, then earlier start time. */
function moreImportant(a: Pod, b: Pod): number {
  const d = priorityOf(b) - priorityOf(a);
  if (d !== 0) return d;
  return startTime(a) - startTime(b);
}

export class DefaultPreemption {
  readonly name = 'DefaultPreemption';

  postFilter(input: PostFilterInput): PostFilterResult {
    const { pod, ctx, diagnosis } = input;
    const none = (message: string): PostFilterResult => ({ message: `preemption: ${message}`, victims: [] });

    // 1. Eligibility.
    if (pod.pod.spec.preemptionPolicy === 'Never') return none('not eligible due to preemptionPolicy=Never.');
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      const st = diagnosis.nodeToStatus.get(nominated) ?? diagnosis.absentNodesStatus;
      if (st?.code !== 'UnschedulableAndUnresolvable') {
        const terminating = input.podsBeingPreempted(nominated).some((p) => priorityOf(p) < priorityOf(pod.pod));
        if (terminating) return none('not eligible due to a terminating pod on the nominated node.');
      }
    }

    // 2. Candidates: nodes whose failure might be resolved by removing pods.
    const all = ctx.snapshot.nodeInfos;
    const statusOf = (n: string): Status | undefined => diagnosis.nodeToStatus.get(n) ?? diagnosis.absentNodesStatus;
    const potential = all.filter((n) => statusOf(n.name)?.code === 'Unschedulable');
    const histogram = new Map<string, Status>();
    if (potential.length === 0) {
      for (const n of all) histogram.set(n.name, { code: 'UnschedulableAndUnresolvable', reasons: [NOT_HELPFUL] });
      return none(`0/${all.length} nodes are available: ${reasonsHistogram(all.length, histogram).join(', ')}.`);
    }

    // 3. Dry run on each potential node, from a random offset.
    const pdbs = input.pdbs().filter((o): o is PodDisruptionBudget => o.kind === 'PodDisruptionBudget');
    const allowed = pdbs.map((pdb) => disruptionsAllowed(pdb));
    const numCandidates = Math.min(potential.length, Math.max(Math.trunc((potential.length * 10) / 100), 100));
    const offset = input.rng.int(potential.length);
    const candidates: Candidate[] = [];
    for (let i = 0; i < potential.length && candidates.length < numCandidates; i++) {
      const ni = potential[(offset + i) % potential.length];
      const r = this.selectVictimsOnNode(input, ni, pdbs, allowed);
      if ('status' in r) histogram.set(ni.name, r.status);
      else candidates.push({ node: ni.name, victims: r.victims, numPDBViolations: r.numPDBViolations });
    }
    if (candidates.length === 0) {
      for (const n of all)
        if (!histogram.has(n.name))
          histogram.set(n.name, { code: 'UnschedulableAndUnresolvable', reasons: [NOT_HELPFUL] });
      return none(`0/${all.length} nodes are available: ${reasonsHistogram(all.length, histogram).join(', ')}.`);
    }

    // 5. Pick the node.
    const best = pickOneNode(candidates);
    return { nominatedNode: best.node, victims: best.victims.map((v) => v.pod) };
  }

  private selectVictimsOnNode(
    input: PostFilterInput,
    node: NodeInfo,
    pdbs: PodDisruptionBudget[],
    allowed: number[],
  ): { status: Status } | { victims: PodInfo[]; numPDBViolations: number } {
    const { fw, ctx, pod } = input;
    const state = input.state.clone();
    const ni = cloneNodeInfo(node);
    const skipped = input.skipped;
    const lower = ni.pods.filter((p) => priorityOf(p.pod) < priorityOf(pod.pod));
    if (lower.length === 0) return { status: { code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS] } };
    const remove = (p: PodInfo) => {
      removePodFromNodeInfo(ni, p.key);
      for (const pf of fw.preFilters) pf.removePod?.(ctx, state, pod, p, ni);
    };
    const add = (p: PodInfo) => {
      addPodToNodeInfo(ni, p);
      for (const pf of fw.preFilters) pf.addPod?.(ctx, state, pod, p, ni);
    };
    for (const p of lower) remove(p);
    const fits = () => filterWithNominated(input, state, ni, skipped);
    const st = fits();
    if (st) return { status: st };

    lower.sort((a, b) => moreImportant(a.pod, b.pod));
    const { violating, nonViolating } = splitByPDB(lower, pdbs, allowed);
    const victims: PodInfo[] = [];
    let numPDBViolations = 0;
    const reprieve = (p: PodInfo): boolean => {
      add(p);
      if (fits()) {
        remove(p);
        victims.push(p);
        return false;
      }
      return true;
    };
    for (const p of violating) if (!reprieve(p)) numPDBViolations++;
    for (const p of nonViolating) reprieve(p);
    victims.sort((a, b) => moreImportant(a.pod, b.pod));
    return { victims, numPDBViolations };
  }
}

/** Pods whose eviction would take a matching PDB below zero allowed disruptions (in importance order). */
function splitByPDB(
  pods: PodInfo[],
  pdbs: PodDisruptionBudget[],
  allowed: number[],
): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const left = [...allowed];
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violates = false;
    pdbs.forEach((pdb, i) => {
      if ((pdb.metadata.namespace ?? 'default') !== (p.pod.metadata.namespace ?? 'default')) return;
      const sel = pdb.spec?.selector;
      if (!sel || (!sel.matchLabels && !sel.matchExpressions) || !matchesLabelSelector(sel, p.pod.metadata.labels))
        return;
      if (pdb.status?.disruptedPods && p.pod.metadata.name! in pdb.status.disruptedPods) return;
      left[i]--;
      if (left[i] < 0) violates = true;
    });
    (violates ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

/**
 * filterPodsWithPDBViolation reads status.disruptionsAllowed, which the disruption controller
 * (src/controllers/disruption.ts) keeps; a budget it has not processed yet allows none.
 */
function disruptionsAllowed(pdb: PodDisruptionBudget): number {
  return pdb.status?.disruptionsAllowed ?? 0;
}

/** pickOneNodeForPreemption: fewest PDB violations → lowest top victim priority → smallest Σ(priority+2^31) → fewest victims → latest start of the top-priority victims → first. */
function pickOneNode(cands: Candidate[]): Candidate {
  const keepMin = (list: Candidate[], f: (c: Candidate) => number) => {
    const m = Math.min(...list.map(f));
    return list.filter((c) => f(c) === m);
  };
  const free = cands.find((c) => c.victims.length === 0);
  if (free) return free;
  let list = keepMin(cands, (c) => c.numPDBViolations);
  if (list.length > 1) list = keepMin(list, (c) => (c.victims.length ? priorityOf(c.victims[0].pod) : -Infinity));
  if (list.length > 1) list = keepMin(list, (c) => c.victims.reduce((s, v) => s + priorityOf(v.pod) + 2 ** 31, 0));
  if (list.length > 1) list = keepMin(list, (c) => c.victims.length);
  if (list.length > 1) {
    list = keepMin(list, (c) => {
      if (!c.victims.length) return -Infinity;
      const top = priorityOf(c.victims[0].pod);
      const earliest = Math.min(...c.victims.filter((v) => priorityOf(v.pod) === top).map((v) => startTime(v.pod)));
      return -earliest;
    });
  }
  return list[0];
}
