// What a scenario may change outside its own namespace on a real cluster, recorded before it
// starts and put back after it, even when it fails (chainsaw's cleanup, for cluster-scoped
// objects): node labels, taints and `spec.unschedulable` (kubectl label|taint|cordon), and the
// Nodes, Namespaces and PriorityClasses that did not exist before (created by the scenario, e.g.
// `kubectl apply` of a PriorityClass, or nodes the backend created on `serve`). restorePlan is the
// pure part: what to patch and delete to get from the state after back to the state before.
// Taints compare by key, value and effect, as the taint manager does (staging/src/k8s.io/api/core/v1/taint.go MatchTaint).

import type { Node, Taint } from '../api/types.ts';

export interface NodeRecord {
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
}

/** The cluster-scoped state a scenario may change. */
export interface ClusterScopedState {
  nodes: Map<string, NodeRecord>;
  namespaces: Set<string>;
  priorityClasses: Set<string>;
}

export type RestoreAction =
  | { op: 'patch'; kind: 'Node'; name: string; patch: Record<string, unknown>; what: string }
  | { op: 'delete'; kind: 'Node' | 'Namespace' | 'PriorityClass'; name: string; what: string }
  | { op: 'lost'; kind: 'Node'; name: string; what: string };

export function nodeRecord(n: Node): NodeRecord {
  return {
    labels: { ...(n.metadata.labels ?? {}) },
    taints: (n.spec?.taints ?? []).map((t) => ({
      key: t.key,
      ...(t.value ? { value: t.value } : {}),
      effect: t.effect,
    })),
    unschedulable: n.spec?.unschedulable === true,
  };
}

const taintText = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
const sameTaints = (a: Taint[], b: Taint[]) =>
  a.length === b.length && a.every((t) => b.some((u) => taintText(u) === taintText(t)));

/** The patches and deletions that take the cluster from `after` back to `before`: node patches first, created nodes last. */
export function restorePlan(before: ClusterScopedState, after: ClusterScopedState): RestoreAction[] {
  const plan: RestoreAction[] = [];
  for (const [name, now] of after.nodes) {
    const was = before.nodes.get(name);
    if (!was) continue; // deleted last, below
    const labels: Record<string, string | null> = {};
    const changed: string[] = [];
    for (const k of Object.keys(now.labels))
      if (!(k in was.labels)) {
        labels[k] = null;
        changed.push(`-${k}`);
      }
    for (const [k, v] of Object.entries(was.labels))
      if (now.labels[k] !== v) {
        labels[k] = v;
        changed.push(`${k}=${v}`);
      }
    const patch: { metadata?: unknown; spec?: Record<string, unknown> } = {};
    if (changed.length) patch.metadata = { labels };
    const spec: Record<string, unknown> = {};
    if (!sameTaints(was.taints, now.taints)) {
      spec.taints = was.taints.length ? was.taints : null;
      changed.push(`taints ${was.taints.map(taintText).join(', ') || '(none)'}`);
    }
    if (was.unschedulable !== now.unschedulable) {
      spec.unschedulable = was.unschedulable ? true : null;
      changed.push(was.unschedulable ? 'cordon' : 'uncordon');
    }
    if (Object.keys(spec).length) patch.spec = spec;
    if (changed.length)
      plan.push({ op: 'patch', kind: 'Node', name, patch, what: `node ${name}: ${changed.join(', ')}` });
  }
  for (const name of before.nodes.keys())
    if (!after.nodes.has(name))
      plan.push({
        op: 'lost',
        kind: 'Node',
        name,
        what: `node ${name} was deleted by the scenario: it cannot be recreated`,
      });
  for (const name of after.priorityClasses)
    if (!before.priorityClasses.has(name))
      plan.push({ op: 'delete', kind: 'PriorityClass', name, what: `delete priorityclass ${name}` });
  for (const name of after.namespaces)
    if (!before.namespaces.has(name))
      plan.push({ op: 'delete', kind: 'Namespace', name, what: `delete namespace ${name}` });
  // Nodes the scenario created go last: their pods (in the namespaces above) need their kubelet to end.
  for (const name of after.nodes.keys())
    if (!before.nodes.has(name))
      plan.push({ op: 'delete', kind: 'Node', name, what: `delete node ${name} (created by the scenario)` });
  return plan;
}
