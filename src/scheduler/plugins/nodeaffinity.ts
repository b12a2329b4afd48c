// NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity + component-helpers nodeaffinity):
// PreFilter (Skip for pods without nodeSelector/required affinity; a PreFilterResult from
// `metadata.name In` matchFields; "pod affinity terms conflict"), Filter (nodeSelector AND the ORed
// required terms), PreScore/Score (sum of matching preferred-term weights) and NormalizeScore
// (scale by the maximum); NODE_AFFINITY_ARGS (the fields of NodeAffinityArgs).
//
// Terms are "parsed" the way component-helpers does: a term with an invalid requirement (bad key or
// label value, wrong value count for the operator, non-integer Gt/Lt value, unknown operator)
// matches nothing in a required selector, and makes PreScore fail for preferred terms.

import type {
  Node,
  NodeAffinity as NodeAffinitySpec,
  NodeSelector,
  NodeSelectorTerm,
  Pod,
  PreferredSchedulingTerm,
} from '../../api/types.ts';
import { matchesMap, matchesNodeSelectorTerm } from '../../api/selectors.ts';
import { errorStatus, skip, unresolvable } from '../framework/types.ts';
import type { PluginArgsSpec } from '../pluginargs.ts';
import type {
  CycleState,
  FilterPlugin,
  NodeFilter,
  NodeInfo,
  PodInfo,
  PreFilterOutcome,
  PreFilterPlugin,
  PreScorePlugin,
  SchedulerContext,
  ScorePlugin,
  Status,
} from '../framework/types.ts';
import { defaultNormalizeScore } from './tainttoleration.ts';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const PRE_FILTER_KEY = 'PreFilterNodeAffinity';
const PRE_SCORE_KEY = 'PreScoreNodeAffinity';

// ---- term validation (labels.NewRequirement / nodeSelectorRequirementsAsFieldSelector) ----------

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0].length === 0 || parts[0].length > 253 || !DNS1123_SUBDOMAIN.test(parts[0])))
    return false;
  return name.length > 0 && name.length <= 63 && NAME_PART.test(name);
}

const isLabelValue = (v: string): boolean => v.length <= 63 && (v === '' || NAME_PART.test(v));

function isInt64(s: string): boolean {
  if (!/^[+-]?\d+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= INT64_MIN && n <= INT64_MAX;
}

/** The first parse error of a node selector term, or null when the term is well formed. */
export function nodeSelectorTermError(term: NodeSelectorTerm, path: string): string | null {
  for (const [i, r] of (term.matchExpressions ?? []).entries()) {
    const p = `${path}.matchExpressions[${i}]`;
    const values = r.values ?? [];
    if (!isQualifiedName(r.key)) return `${p}.key: Invalid value: ${JSON.stringify(r.key)}: must be a qualified name`;
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          return `${p}.values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty`;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0)
          return `${p}.values: Invalid value: ${JSON.stringify(values)}: values set must be empty for exists and does not exist`;
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1)
          return `${p}.values: Invalid value: ${JSON.stringify(values)}: for 'Gt', 'Lt' operators, exactly one value is required`;
        if (!isInt64(values[0]))
          return `${p}.values[0]: Invalid value: ${JSON.stringify(values[0])}: for 'Gt', 'Lt' operators, the value must be an integer`;
        break;
      default:
        return `${p}.operator: Invalid value: ${JSON.stringify(r.operator)}: not a valid selector operator`;
    }
    for (const [j, v] of values.entries()) {
      if (!isLabelValue(v))
        return `${p}.values[${j}]: Invalid value: ${JSON.stringify(v)}: must be a valid label value`;
    }
  }
  for (const [i, r] of (term.matchFields ?? []).entries()) {
    const p = `${path}.matchFields[${i}]`;
    if (r.operator !== 'In' && r.operator !== 'NotIn')
      return `${p}.operator: Unsupported value: ${JSON.stringify(r.operator)}: supported values: "In", "NotIn"`;
    if ((r.values ?? []).length !== 1)
      return `${p}.values: Invalid value: ${JSON.stringify(r.values ?? [])}: must have one element`;
  }
  return null;
}

const isEmptyTerm = (t: NodeSelectorTerm | undefined): boolean =>
  !t || ((t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0);

/** A node selector with terms already checked: invalid terms (and empty ones) never match. */
function compileSelector(selector: NodeSelector): NodeSelectorTerm[] {
  return (selector.nodeSelectorTerms ?? []).filter(
    (t, i) => !isEmptyTerm(t) && nodeSelectorTermError(t, `nodeSelectorTerms[${i}]`) === null,
  );
}

// ---- required affinity (nodeaffinity.GetRequiredNodeAffinity) ----------------------------------

interface RequiredNodeAffinity {
  /** spec.nodeSelector when non-empty. */
  nodeSelector?: Record<string, string>;
  /** Valid terms of the required node affinity, as predicates; undefined when the pod has none. */
  terms?: NodePredicate[];
}

type NodePredicate = (node: Node) => boolean;

// Imported functions the per-node filter calls, read once (under tsx each read of an imported binding is a getter call).
const matchMap = matchesMap;
const matchTerm = matchesNodeSelectorTerm;
const hasOwn = Object.prototype.hasOwnProperty;

const OP_IN = 0,
  OP_NOT_IN = 1,
  OP_EXISTS = 2,
  OP_DOES_NOT_EXIST = 3;
const SIMPLE_OPS: Record<string, number> = {
  In: OP_IN,
  NotIn: OP_NOT_IN,
  Exists: OP_EXISTS,
  DoesNotExist: OP_DOES_NOT_EXIST,
};

/**
 * A node selector term as a predicate built once per cycle, with the answers of
 * matchesNodeSelectorTerm: terms of In / NotIn / Exists / DoesNotExist label expressions are
 * evaluated here without allocating; others (Gt, Lt, matchFields) are handed to it.
 */
function compileTerm(term: NodeSelectorTerm): NodePredicate {
  const exprs = term.matchExpressions ?? [];
  const simple =
    exprs.length > 0 &&
    (term.matchFields ?? []).length === 0 &&
    exprs.every((r) => hasOwn.call(SIMPLE_OPS, r.operator));
  if (!simple) return (node) => matchTerm(term, node);
  const keys = exprs.map((r) => r.key);
  const ops = exprs.map((r) => SIMPLE_OPS[r.operator]);
  const values = exprs.map((r) => r.values ?? []);
  return (node) => {
    const labels = node.metadata.labels;
    for (let i = 0; i < keys.length; i++) {
      const has = labels !== undefined && hasOwn.call(labels, keys[i]);
      switch (ops[i]) {
        case OP_IN:
          if (!has || !values[i].includes(labels![keys[i]])) return false;
          break;
        case OP_NOT_IN:
          if (has && values[i].includes(labels![keys[i]])) return false;
          break;
        case OP_EXISTS:
          if (!has) return false;
          break;
        case OP_DOES_NOT_EXIST:
          if (has) return false;
          break;
      }
    }
    return true;
  };
}

function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const sel = pod.spec.nodeSelector;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    nodeSelector: sel && Object.keys(sel).length > 0 ? sel : undefined,
    terms: required ? compileSelector(required).map(compileTerm) : undefined,
  };
}

function matchesRequired(r: RequiredNodeAffinity, node: Node): boolean {
  if (r.nodeSelector && !matchMap(r.nodeSelector, node.metadata.labels)) return false;
  if (r.terms) {
    for (let i = 0; i < r.terms.length; i++) if (r.terms[i](node)) return true;
    return false;
  }
  return true;
}

/**
 * Whether the node satisfies the pod's spec.nodeSelector and required node affinity (parse errors
 * → no match). The same rule PodTopologySpread's nodeAffinityPolicy: Honor uses.
 */
export function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  return matchesRequired(requiredNodeAffinity(pod), node);
}

// ---- preferred terms (nodeaffinity.PreferredSchedulingTerms) --------------------------------------

interface WeightedTerm {
  weight: number;
  term: NodeSelectorTerm;
}

/** Weight-0 and empty terms are dropped; any invalid term makes the whole list an error. */
function parsePreferred(terms: PreferredSchedulingTerm[]): { terms: WeightedTerm[]; error?: string } {
  const out: WeightedTerm[] = [];
  const errors: string[] = [];
  for (const [i, t] of terms.entries()) {
    if (!t.weight || isEmptyTerm(t.preference)) continue;
    const err = nodeSelectorTermError(t.preference, `[${i}]`);
    if (err) errors.push(err);
    else out.push({ weight: t.weight, term: t.preference });
  }
  if (errors.length === 1) return { terms: [], error: errors[0] };
  if (errors.length > 1) return { terms: [], error: `[${errors.join(', ')}]` };
  return { terms: out };
}

const scoreTerms = (terms: WeightedTerm[], node: Node): number =>
  terms.reduce((sum, t) => (matchesNodeSelectorTerm(t.term, node) ? sum + t.weight : sum), 0);

// ---- the plugin -------------------------------------------------------------------------------------

export interface NodeAffinityArgs {
  /** NodeAffinityArgs.addedAffinity: enforced on every pod of the profile. */
  addedAffinity?: NodeAffinitySpec;
}

// ---- args (apis/config/v1/defaults.go, apis/config/validation/validation_pluginargs.go) ----------

/** NodeAffinityArgs: the constructor parses addedAffinity and reports what is wrong. */
export const NODE_AFFINITY_ARGS: PluginArgsSpec = { fields: ['addedAffinity'] };

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'NodeAffinity';
  private readonly addedRequired?: NodeSelectorTerm[];
  private readonly addedPreferred?: WeightedTerm[];

  constructor(args: NodeAffinityArgs = {}) {
    const added = args.addedAffinity;
    const required = added?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) {
      for (const [i, t] of (required.nodeSelectorTerms ?? []).entries()) {
        const err = isEmptyTerm(t) ? null : nodeSelectorTermError(t, `nodeSelectorTerms[${i}]`);
        if (err) throw new Error(`parsing addedAffinity.requiredDuringSchedulingIgnoredDuringExecution: ${err}`);
      }
      this.addedRequired = compileSelector(required);
    }
    const preferred = added?.preferredDuringSchedulingIgnoredDuringExecution;
    if (preferred && preferred.length > 0) {
      const parsed = parsePreferred(preferred);
      if (parsed.error)
        throw new Error(`parsing addedAffinity.preferredDuringSchedulingIgnoredDuringExecution: ${parsed.error}`);
      this.addedPreferred = parsed.terms;
    }
  }

  preFilter(_ctx: SchedulerContext, state: CycleState, pi: PodInfo): PreFilterOutcome {
    const pod = pi.pod;
    const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !this.addedRequired && pod.spec.nodeSelector == null) return { status: skip() };
    state.write(PRE_FILTER_KEY, requiredNodeAffinity(pod));

    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return { status: null };
    // Pods pinned to nodes by name (DaemonSet pods): the union over terms of the names each term's
    // `metadata.name In` matchFields allow (intersected within a term). One term without such a
    // field leaves every node possible.
    let nodeNames: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const s = new Set(r.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      if (!termNames) return { status: null };
      nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
    }
    if (nodeNames && nodeNames.size === 0) return { status: unresolvable(ERR_REASON_CONFLICT) };
    return { status: null, nodeNames };
  }

  filter(ctx: SchedulerContext, state: CycleState, pi: PodInfo, node: NodeInfo): Status | null {
    return this.filterFor(ctx, state, pi)?.(node, ctx.snapshot.amounts.row(node)) ?? null;
  }

  /** null (every node passes) when neither the profile nor the pod requires anything. */
  filterFor(ctx: SchedulerContext, state: CycleState, pi: PodInfo): NodeFilter | null {
    const added = this.addedRequired;
    const required = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY) ?? requiredNodeAffinity(pi.pod);
    if (!added && !required.nodeSelector && !required.terms) return null;
    // Whether a node matches depends on its Node only: the answers are kept per snapshot for
    // every pod asking the same (most pods of a workload share one affinity), which spares
    // reading every node's labels again.
    const a = pi.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const memo =
      required.nodeSelector || required.terms
        ? ctx.snapshot.nodeMemo(`NodeAffinity\x00${JSON.stringify([required.nodeSelector ?? null, a ?? null])}`)
        : undefined;
    // statuses are never changed once made: the cycle's rejections share these two
    const enforced = unresolvable(ERR_REASON_ENFORCED),
      notMatching = unresolvable(ERR_REASON_POD);
    return (node) => {
      if (added && !added.some((t) => matchTerm(t, node.node))) return enforced;
      let ok = memo?.get(node);
      if (ok === undefined) {
        ok = matchesRequired(required, node.node);
        memo?.set(node, ok);
      }
      return ok ? null : notMatching;
    };
  }

  preScore(_ctx: SchedulerContext, state: CycleState, pi: PodInfo, _nodes: NodeInfo[]): Status | null {
    const preferred = pi.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    const parsed = preferred ? parsePreferred(preferred) : undefined;
    if (parsed?.error) return errorStatus(parsed.error);
    if (!parsed && !this.addedPreferred) return skip();
    state.write(PRE_SCORE_KEY, parsed?.terms ?? []);
    return null;
  }

  /** Raw score: Σ weights of the matching preferred terms (pod's and the profile's added ones). */
  score(_ctx: SchedulerContext, state: CycleState, pi: PodInfo, node: NodeInfo): number {
    let terms = state.read<WeightedTerm[]>(PRE_SCORE_KEY);
    if (!terms) {
      const preferred = pi.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
      terms = preferred ? parsePreferred(preferred).terms : [];
    }
    return scoreTerms(this.addedPreferred ?? [], node.node) + scoreTerms(terms, node.node);
  }

  normalize(
    _ctx: SchedulerContext,
    _state: CycleState,
    _pod: PodInfo,
    _nodes: readonly NodeInfo[],
    scores: number[],
  ): void {
    defaultNormalizeScore(scores, false);
  }
}
