// Assertions on where pods are and in what phase. "Runs on node N" means bound to N
// (spec.nodeName); the pods of a workload are its live pods (not being deleted). A failing
// placement assertion says what was expected, what happened, and why the scheduler decided so.
// Each check reads a ClusterView (steps/lib/backend.ts): once on the simulator, polled on a real
// cluster.

import { Then } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { Pod } from '../src/api/types.ts';
import type { KubeWorld } from './world.ts';
import type { ClusterView } from './lib/backend.ts';
import { formatNodeList, formatRef, type NodeList, type ObjRef, type PodPhase, type WorkloadRef } from './lib/parse.ts';
import {
  countByNode,
  describeOffenders,
  describePods,
  getPod,
  mustGetPod as mustGetPodFrom,
  podsOf,
} from './lib/pods.ts';

const keyOf = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
const wname = (w: WorkloadRef) => `${w.kind.toLowerCase()} ${formatRef(w)}`;

/** The scheduler's reasons for the pods that break the rule (see steps/lib/explain.ts). */
function why(v: ClusterView, pods: Pod[]): string {
  return v.why(pods.map(keyOf));
}

const mustGetPod = (v: ClusterView, ref: ObjRef): Pod => mustGetPodFrom(v.store, ref);

/** The workload's pods; fails when there are none, since every assertion on them would be empty. */
function mustGetPods(v: ClusterView, w: WorkloadRef): Pod[] {
  const pods = podsOf(v.store, w);
  if (pods.length === 0) {
    const exists = v.store.get(w.kind, w.namespace, w.name) !== undefined;
    throw new AssertionError(`${wname(w)} has no pods${exists ? '' : ` (there is no ${w.kind} ${formatRef(w)})`}`);
  }
  return pods;
}

function assertPlacement(v: ClusterView, ref: ObjRef, allowed: string[], expected: string): void {
  const pod = mustGetPod(v, ref);
  const node = pod.spec.nodeName;
  if (node && allowed.includes(node)) return;
  const happened = node ? `it runs on ${node}` : `it is not bound to any node (phase ${pod.status?.phase ?? 'none'})`;
  throw new AssertionError(`expected pod ${formatRef(ref)} to run on ${expected}, but ${happened}\n${why(v, [pod])}`);
}

export function podRunsOnNode(this: KubeWorld, ref: ObjRef, node: string): Promise<void> {
  return this.backend.expect({ namespaces: [ref.namespace] }, (v) => assertPlacement(v, ref, [node], node));
}
/**
 * Passes when the pod is bound to the node (`spec.nodeName`); whether it has started is checked
 * with `is Running`. A failure says where it runs and why the scheduler decided so.
 * @example Then pod webserver runs on node w1-k8s
 */
Then('pod {pod} runs on node {node}', podRunsOnNode);

export function podRunsOnOneOf(this: KubeWorld, ref: ObjRef, nodes: NodeList): Promise<void> {
  return this.backend.expect({ namespaces: [ref.namespace] }, (v) =>
    assertPlacement(v, ref, nodes.names, `one of ${nodes.names.join(', ')}`),
  );
}
/**
 * Passes when the pod is bound to one of the nodes.
 * @example Then pod webserver runs on one of w1-k8s, w2-k8s
 */
Then('pod {pod} runs on one of {nodes}', podRunsOnOneOf);

export function podDoesNotRunOnNode(this: KubeWorld, ref: ObjRef, node: string): Promise<void> {
  return this.backend.expect({ namespaces: [ref.namespace] }, (v) => {
    const pod = mustGetPod(v, ref);
    if (pod.spec.nodeName === node)
      throw new AssertionError(`expected pod ${formatRef(ref)} not to run on ${node}, but it does\n${why(v, [pod])}`);
  });
}
/**
 * Passes when the pod is not bound to the node.
 * @example Then pod webserver does not run on node w3-k8s
 */
Then('pod {pod} does not run on node {node}', podDoesNotRunOnNode);

export function noPodOfWorkloadRunsOnNode(this: KubeWorld, w: WorkloadRef, node: string): Promise<void> {
  return this.backend.expect({ namespaces: [w.namespace] }, (v) => {
    const pods = mustGetPods(v, w);
    const there = pods.filter((p) => p.spec.nodeName === node);
    if (there.length)
      throw new AssertionError(
        `expected no pod of ${wname(w)} on ${node}, but ${there.length} run there:\n${describeOffenders(there, pods)}\n${why(v, there)}`,
      );
  });
}
/**
 * Passes when the workload has pods and none is bound to the node.
 * @example Then no pod of deployment frontend runs on node w1-k8s
 */
Then('no pod of {workload} runs on node {node}', noPodOfWorkloadRunsOnNode);

function assertEveryPodOn(v: ClusterView, w: WorkloadRef, nodes: NodeList): void {
  const pods = mustGetPods(v, w);
  const outside = pods.filter((p) => !p.spec.nodeName || !nodes.names.includes(p.spec.nodeName));
  const counts = countByNode(pods);
  const unused = nodes.every ? nodes.names.filter((n) => !counts.has(n)) : [];
  if (outside.length === 0 && unused.length === 0) return;
  const problems = [
    ...(outside.length ? [`${outside.length} pod(s) run elsewhere or nowhere`] : []),
    ...(unused.length ? [`no pod runs on ${unused.join(', ')}`] : []),
  ];
  const explain = outside.length ? outside : pods.slice(-1);
  const listed = outside.length ? describeOffenders(outside, pods) : describePods(pods);
  throw new AssertionError(
    `expected every pod of ${wname(w)} to run on ${formatNodeList(nodes)}, but ${problems.join(' and ')}:\n${listed}\n${why(v, explain)}`,
  );
}

export function everyPodRunsOn(this: KubeWorld, w: WorkloadRef, nodes: NodeList): Promise<void> {
  return this.backend.expect({ namespaces: [w.namespace] }, (v) => assertEveryPodOn(v, w, nodes));
}
/**
 * Passes when the workload has pods and each is bound to a listed node; with `and` (`w1-k8s and
 * w2-k8s`) each listed node must also have at least one.
 * @example Then every pod of deployment weserver runs on w1-k8s or w2-k8s
 */
Then('every pod of {workload} runs on {nodes}', everyPodRunsOn);

export function everyPodRunsOnNodes(this: KubeWorld, w: WorkloadRef, nodes: NodeList): Promise<void> {
  return this.backend.expect({ namespaces: [w.namespace] }, (v) => assertEveryPodOn(v, w, nodes));
}
/**
 * The same, worded with "nodes".
 * @example Then every pod of deployment weserver runs on nodes w1-k8s and w2-k8s
 */
Then('every pod of {workload} runs on nodes {nodes}', everyPodRunsOnNodes);

export function podsSpreadOver(this: KubeWorld, w: WorkloadRef, nodes: NodeList): Promise<void> {
  return this.backend.expect({ namespaces: [w.namespace] }, (v) => {
    assertEveryPodOn(v, w, { names: nodes.names, every: true });
    const pods = mustGetPods(v, w);
    const counts = nodes.names.map((n) => countByNode(pods).get(n) ?? 0);
    if (Math.max(...counts) - Math.min(...counts) > 1) {
      const byNode = nodes.names.map((n, i) => `${n}: ${counts[i]}`).join(', ');
      throw new AssertionError(
        `expected the pods of ${wname(w)} to be spread evenly (at most 1 apart) over ${nodes.names.join(', ')}, but the counts are ${byNode}\n${why(v, pods.slice(-1))}`,
      );
    }
  });
}
/**
 * Passes when all its pods are on the listed nodes, each listed node has at least one, and the
 * counts are at most 1 apart.
 * @example Then the pods of deployment frontend are spread over nodes w2-k8s and w3-k8s
 */
Then('the pods of {workload} are spread over nodes {nodes}', podsSpreadOver);

function assertCountOnNode(
  world: KubeWorld,
  w: WorkloadRef,
  node: string,
  ok: (n: number) => boolean,
  expected: string,
): Promise<void> {
  return world.backend.expect({ namespaces: [w.namespace] }, (v) => {
    const pods = mustGetPods(v, w);
    const n = pods.filter((p) => p.spec.nodeName === node).length;
    if (!ok(n))
      throw new AssertionError(
        `expected ${expected} pod(s) of ${wname(w)} on ${node}, but ${n} run there:\n${describePods(pods)}\n${why(v, pods.slice(-1))}`,
      );
  });
}

export function podCountOnNode(this: KubeWorld, count: number, w: WorkloadRef, node: string): Promise<void> {
  return assertCountOnNode(this, w, node, (n) => n === count, String(count));
}
/**
 * Passes when exactly that many of its pods are bound to the node.
 * @example Then 1 pod of deployment one-per-node runs on node w1-k8s
 */
Then('{int} pod(s) of {workload} run(s) on node {node}', podCountOnNode);

export function atLeastPodsOnNode(this: KubeWorld, count: number, w: WorkloadRef, node: string): Promise<void> {
  return assertCountOnNode(this, w, node, (n) => n >= count, `at least ${count}`);
}
/**
 * Passes when at least that many of its pods are bound to the node.
 * @example Then at least 1 pod of deployment weserver runs on node w1-k8s
 */
Then('at least {int} pod(s) of {workload} run(s) on node {node}', atLeastPodsOnNode);

export function allPodsArePhase(this: KubeWorld, count: number, w: WorkloadRef, phase: PodPhase): Promise<void> {
  return this.backend.expect({ namespaces: [w.namespace] }, (v) => {
    const pods = podsOf(v.store, w);
    const wrong = pods.filter((p) => p.status?.phase !== phase);
    if (pods.length !== count || wrong.length) {
      const problem =
        pods.length !== count ? `it has ${pods.length} pod(s)` : `${wrong.length} of them are not ${phase}`;
      const listed = wrong.length ? describeOffenders(wrong, pods) : describePods(pods);
      throw new AssertionError(
        `expected all ${count} pods of ${wname(w)} to be ${phase}, but ${problem}:\n${listed}${wrong.length ? `\n${why(v, wrong)}` : ''}`,
      );
    }
  });
}
/**
 * Passes when the workload has exactly that many pods, all in that phase.
 * @example Then all 4 pods of deployment weserver are Running
 */
Then('all {int} pods of {workload} are {phase}', allPodsArePhase);

export function podCountInPhase(this: KubeWorld, count: number, w: WorkloadRef, phase: PodPhase): Promise<void> {
  return this.backend.expect({ namespaces: [w.namespace] }, (v) => {
    const pods = mustGetPods(v, w);
    const inPhase = pods.filter((p) => p.status?.phase === phase);
    if (inPhase.length !== count) {
      throw new AssertionError(
        `expected ${count} pod(s) of ${wname(w)} to be ${phase}, but ${inPhase.length} are:\n${describePods(pods)}\n${why(v, pods.slice(-1))}`,
      );
    }
  });
}
/**
 * Passes when exactly that many of its pods are in that phase.
 * @example Then 1 pod of deployment one-per-node is Pending
 */
Then('{int} pod(s) of {workload} is/are {phase}', podCountInPhase);

export function podIsPhase(this: KubeWorld, ref: ObjRef, phase: PodPhase): Promise<void> {
  return this.backend.expect({ namespaces: [ref.namespace] }, (v) => {
    const pod = mustGetPod(v, ref);
    if (pod.status?.phase !== phase) {
      throw new AssertionError(
        `expected pod ${formatRef(ref)} to be ${phase}, but its phase is ${pod.status?.phase ?? '(none)'} on ${pod.spec.nodeName ?? '<none>'}\n${why(v, [pod])}`,
      );
    }
  });
}
/**
 * Passes when the pod's `status.phase` is that phase.
 * @example Then pod webserver is Pending
 */
Then('pod {pod} is {phase}', podIsPhase);

export function podWasNotRecreated(this: KubeWorld, ref: ObjRef): Promise<void> {
  const key = formatRef(ref);
  return this.backend.expect({ namespaces: [ref.namespace] }, (v) => {
    const pod = getPod(v.store, ref);
    const { created } = this.backend.podHistory(key, pod !== undefined);
    if (created === 0)
      throw new AssertionError(`pod ${key} never existed in this scenario, so "was not recreated" would say nothing`);
    if (pod)
      throw new AssertionError(
        `expected pod ${key} to be gone for good, but it exists (created ${created} time(s)) on ${pod.spec.nodeName ?? '<none>'}, phase ${pod.status?.phase ?? '(none)'}${pod.metadata.deletionTimestamp ? ', terminating' : ''}`,
      );
    if (created > 1)
      throw new AssertionError(
        `expected pod ${key} not to be recreated, but a pod of that name was created ${created} times`,
      );
  });
}
/**
 * Passes when the pod existed in the scenario, is gone, and no pod of that name was created again.
 * @example Then pod db was not recreated
 */
Then('pod {pod} was not recreated', podWasNotRecreated);

export function podWasNeverDeleted(this: KubeWorld, ref: ObjRef): Promise<void> {
  const key = formatRef(ref);
  return this.backend.expect({ namespaces: [ref.namespace] }, (v) => {
    const pod = mustGetPodFrom(v.store, ref);
    const { deleted } = this.backend.podHistory(key, true);
    if (deleted > 0)
      throw new AssertionError(
        `expected pod ${key} never to be deleted, but it was deleted ${deleted} time(s) (and recreated)`,
      );
    if (pod.metadata.deletionTimestamp)
      throw new AssertionError(
        `expected pod ${key} never to be deleted, but it is terminating (deletionTimestamp ${pod.metadata.deletionTimestamp})`,
      );
  });
}
/**
 * Passes when the pod exists, is not terminating, and was never deleted in the scenario.
 * @example Then pod kube-system/etcd-m-k8s was never deleted
 */
Then('pod {pod} was never deleted', podWasNeverDeleted);
