// Assertions on nodes: the STATUS column kubectl shows, taints and labels (polled on a real cluster).

import { Then } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { Node, Taint } from '../src/api/types.ts';
import { formatTaint } from '../src/api/taints.ts';
import type { KubeWorld } from './world.ts';
import type { ClusterView } from './lib/backend.ts';
import { noSuchNodeMessage } from '../src/store/errors.ts';

function nodeOrFail(v: ClusterView, name: string): Node {
  const node = v.store.get<Node>('Node', undefined, name);
  if (!node) throw new AssertionError(noSuchNodeMessage(v.store, name));
  return node;
}

/** Checks a node with `check` (polled on a real cluster). */
function expectNode(world: KubeWorld, name: string, check: (node: Node) => void): Promise<void> {
  return world.backend.expect({ nodes: true, namespaces: [] }, (v) => check(nodeOrFail(v, name)));
}

export function nodeShowsStatus(this: KubeWorld, name: string, status: string): Promise<void> {
  return this.backend.expect({ namespaces: [] }, async () => {
    const r = await this.run(['get', 'nodes', name], false);
    if (r.exitCode !== 0) throw new AssertionError(`\`${r.command}\` failed (exit code ${r.exitCode}):\n${r.stderr}`);
    const row = r.stdout.split('\n').find((line) => line.split(/\s+/)[0] === name);
    const shown = row?.split(/\s+/)[1];
    if (shown !== status)
      throw new AssertionError(
        `expected \`kubectl get nodes\` to show node ${name} with STATUS ${status}, but it shows ${shown ?? '(no row for it)'}:\n${r.stdout}`,
      );
  });
}
/**
 * Passes when the STATUS column of `kubectl get nodes NODE` shows that text.
 * @example Then node w1-k8s shows status "Ready,SchedulingDisabled"
 */
Then('node {node} shows status {string}', nodeShowsStatus);

const sameTaint = (a: Taint, b: Taint) =>
  a.key === b.key && (a.value ?? '') === (b.value ?? '') && a.effect === b.effect;
const listTaints = (n: Node) => (n.spec?.taints ?? []).map(formatTaint).join(', ') || '(none)';

export function nodeHasTaint(this: KubeWorld, name: string, taint: Taint): Promise<void> {
  return expectNode(this, name, (node) => {
    if (!(node.spec?.taints ?? []).some((t) => sameTaint(t, taint))) {
      throw new AssertionError(
        `expected node ${name} to have taint ${formatTaint(taint)}, but its taints are ${listTaints(node)}`,
      );
    }
  });
}
/**
 * Passes when the node has a taint with that key, value and effect.
 * @example Then node w3-k8s has taint "key01=value01:NoSchedule"
 */
Then('node {node} has taint {taint}', nodeHasTaint);

export function nodeHasNoTaint(this: KubeWorld, name: string, taint: Taint): Promise<void> {
  return expectNode(this, name, (node) => {
    if ((node.spec?.taints ?? []).some((t) => sameTaint(t, taint))) {
      throw new AssertionError(
        `expected node ${name} not to have taint ${formatTaint(taint)}, but its taints are ${listTaints(node)}`,
      );
    }
  });
}
/**
 * Passes when it has no such taint.
 * @example Then node w1-k8s has no taint "node.kubernetes.io/unschedulable:NoSchedule"
 */
Then('node {node} has no taint {taint}', nodeHasNoTaint);

export function nodeHasLabel(this: KubeWorld, name: string, [key, value]: [string, string]): Promise<void> {
  return expectNode(this, name, (node) => {
    const labels = node.metadata.labels ?? {};
    if (labels[key] !== value || !(key in labels)) {
      const all =
        Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '(none)';
      throw new AssertionError(`expected node ${name} to have label ${key}=${value}, but its labels are ${all}`);
    }
  });
}
/**
 * Passes when the label is there with that value.
 * @example Then node w1-k8s has label "cpu=2core_over"
 */
Then('node {node} has label {label}', nodeHasLabel);
