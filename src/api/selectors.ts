// Label and node selector matching (apimachinery labels, component-helpers nodeaffinity):
// LabelSelector (matchLabels + matchExpressions), NodeSelectorTerm (matchExpressions ANDed,
// matchFields on metadata.name), and the nodeSelector map.

import type {
  LabelSelector,
  LabelSelectorRequirement,
  Node,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
} from './types.ts';

export type Labels = Record<string, string> | undefined;

function matchRequirement(labels: Labels, r: LabelSelectorRequirement | NodeSelectorRequirement): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(v!);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || (r.values ?? []).length !== 1) return false;
      const want = parseInt64(r.values![0]);
      const got = parseInt64(v!);
      if (want === undefined || got === undefined) return false;
      return r.operator === 'Gt' ? got > want : got < want;
    }
    default:
      return false;
  }
}

function parseInt64(s: string): bigint | undefined {
  return /^[+-]?\d+$/.test(s) ? BigInt(s) : undefined;
}

/**
 * metav1.LabelSelectorAsSelector semantics: an empty selector `{}` matches everything;
 * a null/undefined selector matches nothing.
 */
export function matchesLabelSelector(selector: LabelSelector | null | undefined, labels: Labels): boolean {
  if (selector === null || selector === undefined) return false;
  // (for..in, not Object.entries: no array per call on the controllers' and scheduler's hot paths)
  const matchLabels = selector.matchLabels;
  for (const k in matchLabels) {
    if (!Object.hasOwn(matchLabels, k)) continue;
    if (labels?.[k] !== matchLabels[k] || !Object.hasOwn(labels, k)) return false;
  }
  const exprs = selector.matchExpressions;
  if (exprs) for (const r of exprs) if (!matchRequirement(labels, r)) return false;
  return true;
}

/** True for the selector `{}` (no matchLabels, no matchExpressions). */
export function isEmptySelector(selector: LabelSelector | null | undefined): boolean {
  return (
    !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0
  );
}

/** Map selector (spec.nodeSelector, Service selector): every key present with an equal value. */
export function matchesMap(selector: Record<string, string> | undefined, labels: Labels): boolean {
  for (const k in selector) {
    if (!Object.hasOwn(selector, k)) continue;
    if (!labels || !Object.hasOwn(labels, k) || labels[k] !== selector[k]) return false;
  }
  return true;
}

/**
 * One NodeSelectorTerm: its matchExpressions and matchFields are ANDed. A term with neither
 * matches nothing. matchFields supports only metadata.name.
 */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!matchRequirement(node.metadata.labels, r)) return false;
  for (const f of fields) {
    if (f.key !== 'metadata.name') return false;
    if (!matchRequirement({ 'metadata.name': node.metadata.name ?? '' }, f)) return false;
  }
  return true;
}

/** NodeSelector: terms are ORed. */
export function matchesNodeSelector(selector: NodeSelector | undefined, node: Node): boolean {
  if (!selector) return true;
  return (selector.nodeSelectorTerms ?? []).some((t) => matchesNodeSelectorTerm(t, node));
}

/** "k1=v1,k2=v2" — the selector as `kubectl get -l` and Service describe print it. */
export function formatMapSelector(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * Parses a kubectl `-l` selector string: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`,
 * `a notin (x)`, comma separated (ANDed). Throws with kubectl's wording on a bad selector.
 */
export function parseSelectorString(text: string): LabelSelector {
  const sel: Required<LabelSelector> = { matchLabels: {}, matchExpressions: [] };
  const parts: string[] = [];
  let depth = 0,
    cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    let m: RegExpExecArray | null;
    if (p === '') throw new Error(`unable to parse requirement: found '', expected: identifier`);
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      sel.matchExpressions.push({
        key: m[1],
        operator: m[2] === 'in' ? 'In' : 'NotIn',
        values: m[3].split(',').map((s) => s.trim()),
      });
    } else if ((m = /^([\w./-]+)\s*!=\s*([\w.-]*)$/.exec(p))) {
      sel.matchExpressions.push({ key: m[1], operator: 'NotIn', values: [m[2]] });
    } else if ((m = /^([\w./-]+)\s*==?\s*([\w.-]*)$/.exec(p))) {
      sel.matchLabels[m[1]] = m[2];
    } else if ((m = /^!([\w./-]+)$/.exec(p))) {
      sel.matchExpressions.push({ key: m[1], operator: 'DoesNotExist' });
    } else if ((m = /^([\w./-]+)$/.exec(p))) {
      sel.matchExpressions.push({ key: m[1], operator: 'Exists' });
    } else {
      throw new Error(`unable to parse requirement: ${p}`);
    }
  }
  return sel;
}
