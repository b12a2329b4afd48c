// Steps for your own cluster: clusters from real inventories (`kubectl get nodes -o yaml|json`),
// existing workloads (`kubectl get pods -A -o yaml`), Helm-rendered charts, a
// KubeSchedulerConfiguration, A/B comparisons of configurations, and properties checked for
// every seed of a range (every tie-break). Files are looked up in features/fixtures, then in the
// feature file's own fixtures/ folder. See src/inventory/inventory.ts for what an import keeps.

import { Given, Then, When } from '@cucumber/cucumber';
import { AssertionError } from './lib/assertion.ts';
import type { Deployment, Node, Pod, ReplicaSet, StatefulSet } from '../src/api/types.ts';
import { compareConfigs, labelOf, nodesUsed } from '../src/report/compare.ts';
import { schedulerProfilesFrom } from '../src/config/schedulerconfig.ts';
import { renderComparison } from '../src/cli/compare.ts';
import type { Cluster } from '../src/cluster/cluster.ts';
import type { ReadStore } from '../src/store/store.ts';
import { UserError } from '../src/util/errors.ts';
import type { KubeWorld } from './world.ts';
import { formatNodeList, formatRef, type NodeList, type WorkloadRef } from './lib/parse.ts';
import { describeOffenders, describePods, isControlledBy } from './lib/pods.ts';
import { explainForAssertion } from './lib/explain.ts';
import { NEEDS, simulatorOnly } from './lib/portability.ts';
import { type ClusterView, simulatorView } from './lib/backend.ts';
import {
  applyFile,
  emptyCluster,
  isLive,
  replayAndDrain,
  replayFor,
  stateOf,
  ZONE_LABEL,
  type DrainRun,
} from './lib/owncluster.ts';

const wname = (w: WorkloadRef) => `${w.kind.toLowerCase()} ${formatRef(w)}`;

/** Live pods of the workload in a cluster (Deployment → ReplicaSet → Pod). */
function workloadPods(cluster: { store: ReadStore }, w: WorkloadRef): Pod[] {
  return cluster.store.list<Pod>('Pod', w.namespace).filter((p) => isLive(p) && isControlledBy(cluster.store, p, w));
}

function load(world: KubeWorld, path: string): { file: string; text: string } {
  return { file: path, text: world.readFile(path) };
}

/**
 * Runs the cluster's scheduler with a `KubeSchedulerConfiguration`
 * (`kubescheduler.config.k8s.io/v1`) file: profiles, plugins enabled or disabled per extension
 * point, weights, plugin args, `percentageOfNodesToScore`. Put it before the step that creates the
 * cluster; an invalid file fails with kube-scheduler's own message.
 * @example Given the scheduler configuration "scheduler.yaml"
 */
Given(
  'the scheduler configuration {string}',
  simulatorOnly(NEEDS.schedulerConfig, function (this: KubeWorld, path: string) {
    if (this.hasCluster)
      throw new UserError(
        'put "Given the scheduler configuration …" before the step that creates the cluster: the scheduler starts with the cluster',
      );
    const f = load(this, path);
    stateOf(this).config = { ...f, profiles: schedulerProfilesFrom(f.text, path) };
  }),
);

/**
 * The same, with the configuration in the doc string.
 * @example Given the scheduler configuration:
 */
Given(
  'the scheduler configuration:',
  simulatorOnly(NEEDS.schedulerConfig, function (this: KubeWorld, text: string) {
    if (this.hasCluster)
      throw new UserError(
        'put "Given the scheduler configuration:" before the step that creates the cluster: the scheduler starts with the cluster',
      );
    stateOf(this).config = {
      file: 'scheduler configuration',
      text,
      profiles: schedulerProfilesFrom(text, 'scheduler configuration'),
    };
  }),
);

/**
 * A cluster from a real inventory: `kubectl get nodes -o yaml` or `-o json` (a List of Nodes,
 * managed fields and all); the file may also hold pods and other objects, applied as
 * `kube-scenarios simulate -f` applies them.
 * @example Given the cluster from "nodes.yaml"
 */
Given(
  'the cluster from {string}',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, path: string) {
    const s = stateOf(this);
    const f = load(this, path);
    const cluster = emptyCluster(s.config?.profiles, this.seed);
    s.skipped.push(...applyFile(cluster, f));
    if (cluster.store.count('Node') === 0)
      throw new UserError(
        `${path}: no Node objects in this file — expected the output of \`kubectl get nodes -o yaml\` (or -o json)`,
      );
    s.files.push(f);
    this.useCluster(cluster);
  }),
);

/**
 * Adds existing workloads, such as `kubectl get pods -A -o yaml`: bound pods stay on their nodes
 * with their captured status and are adopted by the kubelets.
 * @example Given the existing pods from "pods.yaml"
 */
Given(
  'the existing pods from {string}',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, path: string) {
    const f = load(this, path);
    stateOf(this).skipped.push(...applyFile(this.cluster, f));
    stateOf(this).files.push(f);
  }),
);

/**
 * Applies Helm-rendered output (`helm template …`), a List, any multi-document file; kinds the
 * simulator does not model (HorizontalPodAutoscaler, Ingress, …) are skipped.
 * @example When I install "payments.yaml"
 */
When(
  'I install {string}',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, path: string) {
    const f = load(this, path);
    stateOf(this).skipped.push(...applyFile(this.cluster, f));
    stateOf(this).files.push(f);
  }),
);

/**
 * Passes when the workload has pods and each is bound to a node with that label.
 * @example Then every pod of deployment payments/payments-api runs on a node labelled "pool=critical"
 */
Then(
  'every pod of {workload} runs on a node labelled {label}',
  function (this: KubeWorld, w: WorkloadRef, [key, value]: [string, string]) {
    return this.backend.expect({ namespaces: [w.namespace], nodes: true }, (v) =>
      assertOnLabelled(v, w, key, value, ''),
    );
  },
);

const keysOf = (pods: Pod[]) => pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);

function assertOnLabelled(cluster: ClusterView, w: WorkloadRef, key: string, value: string, context: string): void {
  const pods = workloadPods(cluster, w);
  if (pods.length === 0) throw new AssertionError(`${context}${wname(w)} has no pods`);
  const bad = pods.filter((p) => {
    const node = p.spec.nodeName ? cluster.store.get<Node>('Node', undefined, p.spec.nodeName) : undefined;
    return node?.metadata.labels?.[key] !== value;
  });
  if (bad.length) {
    throw new AssertionError(
      `${context}expected every pod of ${wname(w)} to run on a node labelled ${key}=${value}, but ${bad.length} of ${pods.length} do(es) not:\n${describeOffenders(bad, pods)}\n${cluster.why(keysOf(bad))}`,
    );
  }
}

function zonesOf(cluster: ClusterView, pods: Pod[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of pods) {
    const zone = p.spec.nodeName
      ? (cluster.store.get<Node>('Node', undefined, p.spec.nodeName)?.metadata.labels?.[ZONE_LABEL] ?? '<no zone>')
      : '<pending>';
    m.set(zone, (m.get(zone) ?? 0) + 1);
  }
  return m;
}

/**
 * Passes when its pods are all bound, in exactly that many zones (`topology.kubernetes.io/zone`),
 * with counts at most 1 apart.
 * @example Then the pods of deployment payments/payments-api are spread over 3 zones
 */
Then('the pods of {workload} are spread over {int} zones', function (this: KubeWorld, w: WorkloadRef, zones: number) {
  return this.backend.expect({ namespaces: [w.namespace], nodes: true }, (v) => assertZones(v, w, zones, ''));
});

function assertZones(cluster: ClusterView, w: WorkloadRef, zones: number, context: string): void {
  const pods = workloadPods(cluster, w);
  const m = zonesOf(cluster, pods);
  const real = [...m.keys()].filter((z) => !z.startsWith('<'));
  const counts = real.map((z) => m.get(z)!);
  if (m.has('<pending>') || real.length !== zones || Math.max(...counts) - Math.min(...counts) > 1) {
    const by = [...m].map(([z, n]) => `${z}: ${n}`).join(', ');
    // The pods that break the rule: the Pending ones, else those of the fullest zone.
    const fullest = real.sort((a, b) => m.get(b)! - m.get(a)!)[0];
    const zoneOf = (p: Pod) =>
      cluster.store.get<Node>('Node', undefined, p.spec.nodeName ?? '')?.metadata.labels?.[ZONE_LABEL];
    const offenders = m.has('<pending>')
      ? pods.filter((p) => !p.spec.nodeName)
      : pods.filter((p) => zoneOf(p) === fullest);
    throw new AssertionError(
      `${context}expected the pods of ${wname(w)} to run in ${zones} zones, evenly (at most 1 apart), but: ${by}\n${describePods(pods)}\n${cluster.why(keysOf(offenders))}`,
    );
  }
}

/**
 * Passes when its pods are all bound, on exactly that many nodes (with several profiles, pods pick
 * theirs with `spec.schedulerName`).
 * @example Then deployment batch/reports uses 2 nodes
 */
Then('{workload} uses {int} node(s)', function (this: KubeWorld, w: WorkloadRef, n: number) {
  return this.backend.expect({ namespaces: [w.namespace] }, (v) => {
    const pods = workloadPods(v, w);
    const nodes = new Set(pods.map((p) => p.spec.nodeName ?? '<none>'));
    if (nodes.size !== n || nodes.has('<none>'))
      throw new AssertionError(`expected ${wname(w)} to use ${n} node(s), but its pods are:\n${describePods(pods)}`);
  });
});

// ---- draining any one node -----------------------------------------------------------------------
// For each node with the label: a fresh replay of the scenario's files, then `kubectl drain NODE
// --ignore-daemonsets --delete-emptydir-data --force` (see replayAndDrain), then the check.

function replicasOf(cluster: Cluster, w: WorkloadRef): number {
  if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(w.kind))
    throw new UserError(
      `"draining any one node" checks the replicas of a deployment, replicaset or statefulset, not a ${w.kind.toLowerCase()}`,
    );
  const obj = cluster.store.get<Deployment | ReplicaSet | StatefulSet>(w.kind, w.namespace, w.name);
  if (!obj) throw new UserError(`${wname(w)} does not exist: install it first (When I install "…")`);
  return obj.spec.replicas ?? 1;
}

/** `first`: no drained node failed the check before this one (only the first failure explains its pods: one "why" per assertion). */
function forEveryDrainedNode(
  world: KubeWorld,
  [key, value]: [string, string],
  check: (run: DrainRun, first: boolean) => string | undefined,
): void {
  const s = stateOf(world);
  if (s.files.length === 0)
    throw new UserError(
      '"draining any one node" replays the files of the scenario: load them with "Given the cluster from …" (and "Given the existing pods from …", "When I install …") first',
    );
  const nodes = world.cluster.store
    .list<Node>('Node')
    .filter((n) => n.metadata.labels?.[key] === value)
    .map((n) => n.metadata.name!);
  if (nodes.length === 0) throw new UserError(`no node is labelled ${key}=${value}`);
  const failures: string[] = [];
  for (const node of nodes) {
    const run = replayAndDrain(s, node, world.seed);
    const problem =
      run.drain.exitCode !== 0 ? `kubectl drain failed:\n${run.drain.stderr}` : check(run, failures.length === 0);
    if (problem) failures.push(`draining ${node}: ${problem}`);
  }
  if (failures.length) throw new AssertionError(failures.join('\n'));
}

function replicaStates(run: DrainRun, w: WorkloadRef): { running: Pod[]; pending: Pod[]; all: Pod[] } {
  const all = workloadPods(run.cluster, w);
  return {
    all,
    running: all.filter((p) => p.status?.phase === 'Running'),
    pending: all.filter((p) => p.status?.phase === 'Pending'),
  };
}

/**
 * For each node with the label: replays the scenario's files, runs `kubectl drain NODE
 * --ignore-daemonsets --delete-emptydir-data --force` (PodDisruptionBudgets honoured), and passes
 * when `spec.replicas` pods of the deployment, replicaset or statefulset are Running afterwards; a
 * failure lists, per node, where every replica is.
 * @example Then draining any one node labelled "pool=critical" keeps every replica of deployment payments/payments-api Running
 */
Then(
  'draining any one node labelled {label} keeps every replica of {workload} Running',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, label: [string, string], w: WorkloadRef) {
    forEveryDrainedNode(this, label, (run, first) => {
      const replicas = replicasOf(run.cluster, w);
      const { running, all } = replicaStates(run, w);
      if (running.length === replicas) return undefined;
      const notRunning = all.filter((p) => p.status?.phase !== 'Running');
      const why = first && notRunning.length ? `\n${explainForAssertion(this, run.cluster, keysOf(notRunning))}` : '';
      return `${running.length} of ${replicas} replicas of ${wname(w)} are Running:\n${describeOffenders(notRunning, all)}${why}`;
    });
  }),
);

/**
 * The honest counterpart, for a rule that cannot hold on this inventory: the same drains, passing
 * when exactly that many replicas are Pending after each.
 * @example Then draining any one node labelled "pool=critical" leaves 2 replicas of deployment payments/payments-api Pending
 */
Then(
  'draining any one node labelled {label} leaves {int} replica(s) of {workload} Pending',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, label: [string, string], n: number, w: WorkloadRef) {
    forEveryDrainedNode(this, label, (run) => {
      const { pending, all } = replicaStates(run, w);
      return pending.length === n
        ? undefined
        : `expected ${n} replica(s) of ${wname(w)} Pending, but ${pending.length} are:\n${describePods(all)}`;
    });
  }),
);

// ---- comparisons -------------------------------------------------------------------------------

/**
 * Replays the scenario's files (cluster, existing pods, installs) under each configuration, as
 * `kube-scenarios compare` does; the comparison becomes the last command's output. Configurations
 * are labelled by file name without extension.
 * @example When I compare the scheduler configurations "default.yaml" and "bin-packing.yaml"
 */
When(
  'I compare the scheduler configurations {string} and {string}',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, a: string, b: string) {
    const s = stateOf(this);
    if (s.files.length === 0)
      throw new UserError(
        'nothing to compare: load the input first with "Given the cluster from …", "Given the existing pods from …" and "When I install …"',
      );
    const configs = [a, b].map((p) => ({ label: labelOf(p), source: p, text: this.readFile(p) }));
    s.comparison = compareConfigs(configs, s.files, this.seed);
    this.last = {
      command: `kube-scenarios compare --config ${a} --config ${b}`,
      stdout: renderComparison(s.comparison, this.seed),
      stderr: '',
      exitCode: 0,
    };
  }),
);

function runNamed(world: KubeWorld, label: string) {
  const c = stateOf(world).comparison;
  if (!c)
    throw new UserError(
      'no comparison yet: use "When I compare the scheduler configurations \\"a.yaml\\" and \\"b.yaml\\"" first',
    );
  const run = c.runs.find((r) => r.label === label);
  if (!run)
    throw new UserError(
      `no configuration "${label}" in the comparison: the labels are ${c.runs.map((r) => `"${r.label}"`).join(', ')} (file names without extension)`,
    );
  return run;
}

function assertNodesUsed(
  world: KubeWorld,
  label: string,
  w: WorkloadRef,
  ok: (n: number) => boolean,
  expected: string,
): void {
  const run = runNamed(world, label);
  const used = nodesUsed(run, (p) => isControlledBy(run.cluster.store, p, w));
  if (!ok(used.length)) {
    throw new AssertionError(
      `under ${label}, expected ${wname(w)} to use ${expected} node(s), but it uses ${used.length}:\n${describePods(workloadPods(run.cluster, w))}`,
    );
  }
}

/**
 * Passes when, in the comparison's run under that configuration, the workload's pods use at most
 * that many nodes.
 * @example Then under "bin-packing", deployment web/storefront uses at most 2 nodes
 */
Then(
  'under {string}, {workload} uses at most {int} node(s)',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, label: string, w: WorkloadRef, n: number) {
    assertNodesUsed(this, label, w, (x) => x <= n, `at most ${n}`);
  }),
);

/**
 * The same, exactly that many nodes.
 * @example Then under "default", deployment web/storefront uses 3 nodes
 */
Then(
  'under {string}, {workload} uses {int} node(s)',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, label: string, w: WorkloadRef, n: number) {
    assertNodesUsed(this, label, w, (x) => x === n, `exactly ${n}`);
  }),
);

/**
 * Passes when no pod is pending under that configuration.
 * @example Then under "default", no pod is pending
 */
Then(
  'under {string}, no pod is pending',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, label: string) {
    const run = runNamed(this, label);
    if (run.pending.length)
      throw new AssertionError(
        `under ${label}, expected no pending pod, but ${run.pending.length} are pending: ${run.pending.join(', ')}`,
      );
  }),
);

/**
 * Passes when the first configuration's imbalance (the coefficient of variation of cpu utilisation
 * across schedulable nodes) is higher than the second's.
 * @example Then the imbalance under "bin-packing" is higher than under "default"
 */
Then(
  'the imbalance under {string} is higher than under {string}',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, a: string, b: string) {
    const ra = runNamed(this, a),
      rb = runNamed(this, b);
    if (!(ra.imbalance > rb.imbalance))
      throw new AssertionError(
        `expected the imbalance under ${a} (${ra.imbalance.toFixed(3)}) to be higher than under ${b} (${rb.imbalance.toFixed(3)})`,
      );
  }),
);

/**
 * Passes when exactly that many pods are placed differently under the compared configurations.
 * @example Then 3 placements differ
 */
Then(
  '{int} placement(s) differ(s)',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, n: number) {
    const c = stateOf(this).comparison;
    if (!c)
      throw new UserError(
        'no comparison yet: use "When I compare the scheduler configurations \\"a.yaml\\" and \\"b.yaml\\"" first',
      );
    if (c.differences.length !== n)
      throw new AssertionError(
        `expected ${n} placement(s) to differ, but ${c.differences.length} do:\n${c.differences.map((d) => `  ${d.pod}: ${d.nodes.join(' vs ')}`).join('\n')}`,
      );
  }),
);

// ---- every seed ----------------------------------------------------------------------------------

/** Replays the scenario's files with each seed of [from, to] and checks `check` on every run. */
function forEverySeed(world: KubeWorld, from: number, to: number, check: (c: Cluster, context: string) => void): void {
  if (from < 0 || to < from) throw new UserError(`invalid seed range ${from} to ${to}: expected 0 ≤ from ≤ to`);
  const s = stateOf(world);
  if (s.files.length === 0)
    throw new UserError(
      '"for every seed" replays the files of the scenario: load them with "Given the cluster from …" (and "Given the existing pods from …", "When I install …") first',
    );
  for (let seed = from; seed <= to; seed++) check(replayFor(s, seed), `with seed ${seed}: `);
}

/**
 * Replays the scenario's files (cluster, existing pods, installs; not kubectl commands) once per
 * seed, so every tie-break the scheduler could make is tried, and passes when every pod of the
 * workload runs on the listed nodes in each run.
 * @example Then for every seed from 1 to 20, every pod of deployment web runs on n1 or n2
 */
Then(
  'for every seed from {int} to {int}, every pod of {workload} runs on {nodes}',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, from: number, to: number, w: WorkloadRef, nodes: NodeList) {
    forEverySeed(this, from, to, (c, ctx) => {
      const pods = workloadPods(c, w);
      const outside = pods.filter((p) => !p.spec.nodeName || !nodes.names.includes(p.spec.nodeName));
      if (pods.length === 0) throw new AssertionError(`${ctx}${wname(w)} has no pods`);
      if (outside.length)
        throw new AssertionError(
          `${ctx}expected every pod of ${wname(w)} to run on ${formatNodeList(nodes)}, but ${outside.length} of ${pods.length} do(es) not:\n${describeOffenders(outside, pods)}\n${explainForAssertion(this, c, keysOf(outside))}`,
        );
    });
  }),
);

/**
 * The same, for a node label.
 * @example Then for every seed from 1 to 50, every pod of deployment payments/payments-api runs on a node labelled "pool=critical"
 */
Then(
  'for every seed from {int} to {int}, every pod of {workload} runs on a node labelled {label}',
  simulatorOnly(
    NEEDS.captures,
    function (this: KubeWorld, from: number, to: number, w: WorkloadRef, [key, value]: [string, string]) {
      forEverySeed(this, from, to, (c, ctx) => assertOnLabelled(simulatorView(this, c), w, key, value, ctx));
    },
  ),
);

/**
 * The same, for the zone spread.
 * @example Then for every seed from 1 to 50, the pods of deployment payments/payments-api are spread over 3 zones
 */
Then(
  'for every seed from {int} to {int}, the pods of {workload} are spread over {int} zones',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, from: number, to: number, w: WorkloadRef, zones: number) {
    forEverySeed(this, from, to, (c, ctx) => assertZones(simulatorView(this, c), w, zones, ctx));
  }),
);

/**
 * Passes when loading the configuration file fails with exactly the doc string as its message.
 * @example Then the scheduler configuration "bad-weights.yaml" is refused with:
 */
Then(
  'the scheduler configuration {string} is refused with:',
  simulatorOnly(NEEDS.captures, function (this: KubeWorld, path: string, expected: string) {
    let message: string | undefined;
    try {
      schedulerProfilesFrom(this.readFile(path), path);
    } catch (e) {
      message = (e as Error).message;
    }
    if (message === undefined)
      throw new AssertionError(`expected ${path} to be refused, but it is a valid configuration`);
    if (message !== expected.trim())
      throw new AssertionError(
        `expected ${path} to be refused with:\n${expected.trim()}\nbut the message is:\n${message}`,
      );
  }),
);
