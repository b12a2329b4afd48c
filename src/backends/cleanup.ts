// What a scenario may change outside its own namespace on a real cluster, recorded before it
// starts and put back after it, even when it fails (chainsaw's cleanup, for cluster-scoped
// objects): node labels, taints and `spec.unschedulable` (kubectl label|taint|cordon), the labels
// and annotations of existing Namespaces and PriorityClasses (and a PriorityClass's description
// and globalDefault, its other mutable fields: its value is immutable), and the Nodes, Namespaces
// and PriorityClasses that did not exist before (created by the scenario, e.g. `kubectl apply` of a
// PriorityClass, or nodes the backend created on `serve`). restorePlan is the pure part: what to
// patch and delete to get from the state after back to the state before.
// Taints compare by key, value and effect, as the taint manager does (staging/src/k8s.io/api/core/v1/taint.go MatchTaint).

import type { Node, Taint } from '../api/types.ts';

export interface NodeRecord {
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
}

/** What `kubectl label|annotate` may change on an object. */
export interface MetaRecord {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A PriorityClass's mutable fields (value and preemptionPolicy are immutable: pkg/apis/scheduling/validation). */
export interface PriorityClassRecord extends MetaRecord {
  description: string;
  globalDefault: boolean;
}

/** The cluster-scoped state a scenario may change. */
export interface ClusterScopedState {
  nodes: Map<string, NodeRecord>;
  namespaces: Map<string, MetaRecord>;
  priorityClasses: Map<string, PriorityClassRecord>;
}

export type RestoreAction =
  | {
      op: 'patch';
      kind: 'Node' | 'Namespace' | 'PriorityClass';
      name: string;
      patch: Record<string, unknown>;
      what: string;
    }
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

export function metaRecord(o: {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
}): MetaRecord {
  return { labels: { ...(o.metadata.labels ?? {}) }, annotations: { ...(o.metadata.annotations ?? {}) } };
}

/** The merge patch that puts a map (labels, annotations) back: null deletes an added key; `changed` gets `-key`, `key=value`. */
function mapPatch(
  was: Record<string, string>,
  now: Record<string, string>,
  changed: string[],
  prefix = '',
): Record<string, string | null> | undefined {
  const patch: Record<string, string | null> = {};
  for (const k of Object.keys(now))
    if (!(k in was)) {
      patch[k] = null;
      changed.push(`-${prefix}${k}`);
    }
  for (const [k, v] of Object.entries(was))
    if (now[k] !== v) {
      patch[k] = v;
      changed.push(`${prefix}${k}=${v}`);
    }
  return Object.keys(patch).length ? patch : undefined;
}

/** The metadata part of a restoring merge patch (labels, annotations), or undefined. */
function metaPatch(was: MetaRecord, now: MetaRecord, changed: string[]): Record<string, unknown> | undefined {
  const labels = mapPatch(was.labels, now.labels, changed);
  const annotations = mapPatch(was.annotations, now.annotations, changed, 'annotation ');
  return labels || annotations ? { ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } : undefined;
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
    const changed: string[] = [];
    const labels = mapPatch(was.labels, now.labels, changed);
    const patch: { metadata?: unknown; spec?: Record<string, unknown> } = {};
    if (labels) patch.metadata = { labels };
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
  for (const [name, now] of after.priorityClasses) {
    const was = before.priorityClasses.get(name);
    if (!was) {
      plan.push({ op: 'delete', kind: 'PriorityClass', name, what: `delete priorityclass ${name}` });
      continue;
    }
    const changed: string[] = [];
    const metadata = metaPatch(was, now, changed);
    const patch: Record<string, unknown> = metadata ? { metadata } : {};
    if (was.description !== now.description) {
      patch.description = was.description || null;
      changed.push(`description ${JSON.stringify(was.description)}`);
    }
    if (was.globalDefault !== now.globalDefault) {
      patch.globalDefault = was.globalDefault;
      changed.push(`globalDefault ${was.globalDefault}`);
    }
    if (changed.length)
      plan.push({
        op: 'patch',
        kind: 'PriorityClass',
        name,
        patch,
        what: `priorityclass ${name}: ${changed.join(', ')}`,
      });
  }
  for (const [name, now] of after.namespaces) {
    const was = before.namespaces.get(name);
    if (!was) {
      plan.push({ op: 'delete', kind: 'Namespace', name, what: `delete namespace ${name}` });
      continue;
    }
    const changed: string[] = [];
    const metadata = metaPatch(was, now, changed);
    if (metadata)
      plan.push({
        op: 'patch',
        kind: 'Namespace',
        name,
        patch: { metadata },
        what: `namespace ${name}: ${changed.join(', ')}`,
      });
  }
  // Nodes the scenario created go last: their pods (in the namespaces above) need their kubelet to end.
  for (const name of after.nodes.keys())
    if (!before.nodes.has(name))
      plan.push({ op: 'delete', kind: 'Node', name, what: `delete node ${name} (created by the scenario)` });
  return plan;
}
