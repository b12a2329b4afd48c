// Node lifecycle controller, taint part (pkg/controller/nodelifecycle, TaintNodeByCondition and
// the NoExecute tainting pass; scheduler-spec 10.3): spec.unschedulable ⇔ taint
// node.kubernetes.io/unschedulable:NoSchedule; Ready False ⇒ node.kubernetes.io/not-ready
// NoSchedule + NoExecute; Ready Unknown ⇒ node.kubernetes.io/unreachable NoSchedule + NoExecute;
// MemoryPressure / DiskPressure / PIDPressure / NetworkUnavailable True ⇒ the matching NoSchedule
// taint. Taints are appended when they appear and removed when their cause goes; NoExecute taints
// carry timeAdded. Heartbeats and the grace period that turns a silent node Unknown are not
// modelled: whatever sets the Ready condition drives this controller.

import type { Component } from '../cluster/component.ts';
import type { Node, Taint } from '../api/types.ts';
import type { ObjectStore } from '../store/store.ts';

const CONDITION_TAINTS: { type: string; status: string; key: string }[] = [
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
];
export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED = new Set([NOT_READY, UNREACHABLE, UNSCHEDULABLE, ...CONDITION_TAINTS.map((c) => c.key)]);

/** The controller-managed taints a node should carry (key:effect pairs). */
export function wantedTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  const cond = (t: string) => node.status?.conditions?.find((c) => c.type === t)?.status;
  const ready = cond('Ready');
  if (ready === 'False') out.push({ key: NOT_READY, effect: 'NoSchedule' }, { key: NOT_READY, effect: 'NoExecute' });
  if (ready === 'Unknown') out.push({ key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' });
  for (const c of CONDITION_TAINTS) if (cond(c.type) === c.status) out.push({ key: c.key, effect: 'NoSchedule' });
  if (node.spec?.unschedulable) out.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

export class NodeLifecycleController implements Component {
  readonly name = 'node-lifecycle-controller';

  constructor(private readonly store: ObjectStore) {}

  sync(): boolean {
    let changed = false;
    for (const node of this.store.list<Node>('Node')) {
      const want = wantedTaints(node);
      const has = node.spec?.taints ?? [];
      const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
      const keep = has.filter((t) => !MANAGED.has(t.key) || want.some((w) => same(w, t)));
      const add = want.filter((w) => !has.some((t) => same(w, t)));
      if (keep.length === has.length && add.length === 0) continue;
      const now = this.store.clock.iso();
      this.store.mutate<Node>('Node', undefined, node.metadata.name!, (n) => {
        const taints = [...keep, ...add.map((t) => (t.effect === 'NoExecute' ? { ...t, timeAdded: now } : t))];
        n.spec = { ...(n.spec ?? {}) };
        if (taints.length) n.spec.taints = taints;
        else delete n.spec.taints;
      });
      changed = true;
    }
    return changed;
  }
}
