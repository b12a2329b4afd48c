// Steps for a node whose kubelet stops and starts again (node lost):
// `When the kubelet on w1-k8s stops` / `starts`, and the conditions the node lifecycle
// controller and the kubelet set on nodes and pods (`Then the Ready condition of node w1-k8s is
// "Unknown" with reason "NodeStatusUnknown"`, `Then the Ready condition of pod web is "False"`).

import { Then, When } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { Node, Pod } from '../src/api/types.ts';
import { UserError } from '../src/util/errors.ts';
import type { KubeWorld } from './world.ts';
import { formatRef, type ObjRef } from './lib/parse.ts';
import { getPod } from './lib/pods.ts';
import { noSuchNodeMessage } from '../src/store/errors.ts';
import type { ClusterView } from './lib/backend.ts';
import { NEEDS, simulatorOnly } from './lib/portability.ts';

function mustGetNode(v: Pick<ClusterView, 'store'>, name: string): Node {
  const node = v.store.get<Node>('Node', undefined, name);
  if (!node) throw new UserError(noSuchNodeMessage(v.store, name));
  return node;
}

export const kubeletStops = simulatorOnly(NEEDS.kubelet, function kubeletStops(this: KubeWorld, node: string) {
  mustGetNode(this.cluster, node);
  this.cluster.kubelets.get(node).stop();
  this.cluster.settle();
});
/**
 * Stops the node's kubelet: its containers keep running but nobody reports on them, so after the
 * node-monitor grace period (50 s) the node lifecycle controller marks the node `Unknown`/NotReady
 * and taints it `node.kubernetes.io/unreachable`.
 * @example When the kubelet on w1-k8s stops
 */
When('the kubelet on {node} stops', kubeletStops);

export const kubeletStarts = simulatorOnly(NEEDS.kubelet, function kubeletStarts(this: KubeWorld, node: string) {
  mustGetNode(this.cluster, node);
  this.cluster.kubelets.get(node).start();
  this.cluster.settle();
});
/**
 * Starts it again: it posts a healthy status, and the node controller removes the taints.
 * @example When the kubelet on w1-k8s starts
 */
When('the kubelet on {node} starts', kubeletStarts);

function conditionText(c: { type: string; status: string; reason?: string; message?: string } | undefined): string {
  return c ? `${c.type}=${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}` : 'absent';
}

export function nodeConditionIs(
  this: KubeWorld,
  type: string,
  node: string,
  status: string,
  reason: string,
): Promise<void> {
  return this.backend.expect({ nodes: true, namespaces: [] }, (v) => {
    const conditions = mustGetNode(v, node).status?.conditions ?? [];
    const c = conditions.find((x) => x.type === type);
    if (c?.status !== status || c.reason !== reason) {
      throw new AssertionError(
        `expected the ${type} condition of node ${node} to be ${status} with reason ${reason}, but it is ${conditionText(c)}`,
      );
    }
  });
}
/**
 * Passes when the node's condition of that type has that status and reason.
 * @example Then the Ready condition of node w1-k8s is "Unknown" with reason "NodeStatusUnknown"
 */
Then('the {word} condition of node {node} is {string} with reason {string}', nodeConditionIs);

export function podConditionIs(this: KubeWorld, type: string, ref: ObjRef, status: string): Promise<void> {
  return this.backend.expect({ namespaces: [ref.namespace] }, (v) => {
    const pod: Pod | undefined = getPod(v.store, ref);
    if (!pod) throw new AssertionError(`there is no pod ${formatRef(ref)}`);
    const c = pod.status?.conditions?.find((x) => x.type === type);
    if (c?.status !== status)
      throw new AssertionError(
        `expected the ${type} condition of pod ${formatRef(ref)} to be ${status}, but it is ${conditionText(c)}`,
      );
  });
}
/**
 * Passes when the pod's condition of that type has that status.
 * @example Then the Ready condition of pod web is "False"
 */
Then('the {word} condition of pod {pod} is {string}', podConditionIs);
