// Property-based tests of the scheduler and the API server (fast-check, fixed seed). Random
// clusters — nodes with labels, taints of all three effects, cordon, allocatable cpu/memory/pods,
// and running pods with labels, requests, host ports and required anti-affinity — receive one
// random pod (nodeSelector, required node affinity, tolerations, requests, host ports, required
// pod (anti-)affinity, a DoNotSchedule topology spread constraint). Every hard rule is re-checked
// here from the upstream filter plugins' rules (pkg/scheduler/framework/plugins), without the plugins' code:
//   - a bound pod's node satisfies every hard constraint (soundness);
//   - selectors follow upstream per field, nil and empty alike: a term's or a spread constraint's
//     nil labelSelector selects nothing and `{}` every pod (metav1.LabelSelectorAsSelector:
//     labels.Nothing() / labels.Everything()), except that a spread constraint counts no pods for
//     `{}` (countPodsMatchSelector returns 0 for an Empty() selector) while the pod still matches
//     itself; a nil namespaceSelector with no namespaces means the owner pod's namespace, `{}`
//     every namespace (framework.AffinityTerm, mergeAffinityTermNamespacesIfNotEmpty); a
//     PodDisruptionBudget's nil selector covers no pod and `{}` every pod of its namespace
//     (policy/v1: GetPodPodDisruptionBudgets); workload selectors must be set and non-empty;
//   - a pod left Pending has no node that satisfies them all (completeness) and its
//     FailedScheduling message accounts for every node;
//   - the same input and seed give byte-identical decisions;
//   - `kubectl apply` of the same manifests twice reports `unchanged` and writes nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {
  LabelSelector,
  Node,
  NodeSelectorRequirement,
  Pod,
  PodAffinityTerm,
  Taint,
  TaintEffect,
  Toleration,
  TopologySpreadConstraint,
} from '../src/api/types.ts';
import { milliValue, value } from '../src/api/quantity.ts';
import { Cluster } from '../src/cluster/cluster.ts';
import { runKubectl } from '../src/kubectl/kubectl.ts';
import { evictPod } from '../src/store/eviction.ts';
import { toYaml } from '../src/kubectl/printers.ts';

const SEED = 20260501;
const EFFECTS: TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

// ---- generators ------------------------------------------------------------------------------

const maybe = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { nil: undefined, freq });
const app = fc.constantFrom('a', 'b', 'c');
const topologyKey = fc.constantFrom('zone', 'kubernetes.io/hostname');

const taintArb: fc.Arbitrary<Taint> = fc
  .record({
    key: fc.constantFrom('gpu', 'dedicated', 'node.kubernetes.io/unschedulable'),
    value: fc.constantFrom('', 'x', 'y'),
    effect: fc.constantFrom(...EFFECTS),
  })
  .map((t) => (t.value ? t : { key: t.key, effect: t.effect }));

interface NodeSpecGen {
  zone?: string;
  disk?: string;
  cores?: string;
  taints: Taint[];
  unschedulable: boolean;
  cpu: string;
  memory: string;
  pods: string;
}
const nodeArb: fc.Arbitrary<NodeSpecGen> = fc.record({
  zone: maybe(fc.constantFrom('a', 'b', 'c'), 6),
  disk: maybe(fc.constantFrom('ssd', 'hdd')),
  cores: maybe(fc.constantFrom('2', '4', '8')),
  taints: fc.uniqueArray(taintArb, { maxLength: 2, selector: (t) => `${t.key}:${t.effect}` }),
  unschedulable: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
  cpu: fc.constantFrom('1', '2', '4'),
  memory: fc.constantFrom('1Gi', '4Gi'),
  pods: fc.constantFrom('1', '2', '3', '110'),
});

const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  app.map((a) => ({ matchLabels: { app: a } })),
  fc.constant({}),
  fc
    .record({ op: fc.constantFrom('In', 'NotIn'), values: fc.uniqueArray(app, { minLength: 1, maxLength: 2 }) })
    .map(({ op, values }) => ({ matchExpressions: [{ key: 'app', operator: op as 'In' | 'NotIn', values }] })),
  fc
    .constantFrom('Exists', 'DoesNotExist')
    .map((op) => ({ matchExpressions: [{ key: 'app', operator: op as 'Exists' | 'DoesNotExist' }] })),
);
const NAMESPACES = [
  { name: 'default', team: 'a' },
  { name: 'other', team: 'b' },
];
const namespaceSelectorArb = fc.constantFrom<LabelSelector | undefined>(
  undefined,
  {},
  { matchLabels: { team: 'a' } },
  { matchLabels: { team: 'b' } },
);
const podTermArb: fc.Arbitrary<PodAffinityTerm> = fc
  .record({ labelSelector: maybe(selectorArb, 6), namespaceSelector: namespaceSelectorArb, topologyKey })
  .map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as unknown as PodAffinityTerm);

const requestsArb = fc
  .record({ cpu: fc.constantFrom('', '250m', '500m', '1', '2'), memory: fc.constantFrom('', '256Mi', '1Gi') })
  .map(
    ({ cpu, memory }) =>
      Object.fromEntries(Object.entries({ cpu, memory }).filter(([, v]) => v !== '')) as Record<string, string>,
  );

interface ExistingGen {
  node: number;
  namespace: string;
  app?: string;
  requests: Record<string, string>;
  hostPort?: number;
  anti?: PodAffinityTerm;
}
const existingArb: fc.Arbitrary<ExistingGen> = fc.record({
  node: fc.nat(5),
  namespace: fc.constantFrom('default', 'default', 'other'),
  app: maybe(app, 4),
  requests: requestsArb,
  hostPort: maybe(fc.constantFrom(80, 443), 4),
  anti: maybe(podTermArb, 4),
});

const nodeRequirementArb: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc
    .record({
      key: fc.constantFrom('zone', 'disk'),
      operator: fc.constantFrom('In', 'NotIn'),
      values: fc.uniqueArray(fc.constantFrom('a', 'b', 'ssd', 'hdd'), { minLength: 1, maxLength: 2 }),
    })
    .map((r) => r as NodeSelectorRequirement),
  fc
    .record({ key: fc.constantFrom('zone', 'disk', 'cores'), operator: fc.constantFrom('Exists', 'DoesNotExist') })
    .map((r) => r as NodeSelectorRequirement),
  fc
    .record({
      key: fc.constant('cores'),
      operator: fc.constantFrom('Gt', 'Lt'),
      values: fc.constantFrom('2', '4', '8').map((v) => [v]),
    })
    .map((r) => r as NodeSelectorRequirement),
);

const tolerationArb: fc.Arbitrary<Toleration> = fc
  .record({
    key: fc.constantFrom('', 'gpu', 'dedicated', 'node.kubernetes.io/unschedulable'),
    exists: fc.boolean(),
    value: fc.constantFrom('', 'x', 'y'),
    effect: fc.constantFrom('', ...EFFECTS),
  })
  .map(({ key, exists, value, effect }) => {
    const t: Toleration = { operator: exists || !key ? 'Exists' : 'Equal' };
    if (key) t.key = key;
    if (t.operator === 'Equal' && value) t.value = value;
    if (effect) t.effect = effect as TaintEffect;
    return t;
  });

interface IncomingGen {
  app?: string;
  nodeSelector?: Record<string, string>;
  terms?: NodeSelectorRequirement[][];
  tolerations: Toleration[];
  requests: Record<string, string>;
  hostPort?: number;
  affinity?: PodAffinityTerm;
  anti?: PodAffinityTerm;
  spread?: TopologySpreadConstraint;
}
const incomingArb: fc.Arbitrary<IncomingGen> = fc.record({
  app: maybe(app, 4),
  nodeSelector: maybe(
    fc.oneof(
      fc.constantFrom('ssd', 'hdd').map((d) => ({ disk: d })),
      fc.constantFrom('a', 'b').map((z) => ({ zone: z })),
    ),
  ),
  terms: maybe(fc.array(fc.array(nodeRequirementArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 })),
  tolerations: fc.array(tolerationArb, { maxLength: 2 }),
  requests: requestsArb,
  hostPort: maybe(fc.constantFrom(80, 443)),
  affinity: maybe(podTermArb),
  anti: maybe(podTermArb),
  spread: maybe(
    fc
      .record({
        maxSkew: fc.constantFrom(1, 2),
        topologyKey,
        whenUnsatisfiable: fc.constant('DoNotSchedule' as const),
        labelSelector: fc.oneof(
          app.map((a): LabelSelector | undefined => ({ matchLabels: { app: a } })),
          fc.constantFrom<LabelSelector | undefined>({}, undefined),
        ),
      })
      .map(
        (c) =>
          (c.labelSelector
            ? c
            : {
                maxSkew: c.maxSkew,
                topologyKey: c.topologyKey,
                whenUnsatisfiable: c.whenUnsatisfiable,
              }) as TopologySpreadConstraint,
      ),
  ),
});

interface Scenario {
  nodes: NodeSpecGen[];
  existing: ExistingGen[];
  pod: IncomingGen;
}
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  nodes: fc.array(nodeArb, { minLength: 0, maxLength: 6 }),
  existing: fc.array(existingArb, { maxLength: 6 }),
  pod: incomingArb,
});

// ---- building the cluster --------------------------------------------------------------------

function makeNode(i: number, g: NodeSpecGen): Node {
  const labels: Record<string, string> = { 'kubernetes.io/hostname': `n${i}` };
  if (g.zone) labels.zone = g.zone;
  if (g.disk) labels.disk = g.disk;
  if (g.cores) labels.cores = g.cores;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${i}`, labels },
    spec: { ...(g.unschedulable ? { unschedulable: true } : {}), ...(g.taints.length ? { taints: g.taints } : {}) },
    status: {
      allocatable: { cpu: g.cpu, memory: g.memory, pods: g.pods },
      capacity: { cpu: g.cpu, memory: g.memory, pods: g.pods },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function container(requests: Record<string, string>, hostPort?: number) {
  return {
    name: 'c',
    image: 'nginx',
    ...(Object.keys(requests).length ? { resources: { requests } } : {}),
    ...(hostPort ? { ports: [{ containerPort: 8080, hostPort }] } : {}),
  };
}

function makeExisting(i: number, g: ExistingGen, nodes: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `e${i}`, namespace: g.namespace, ...(g.app ? { labels: { app: g.app } } : {}) },
    spec: {
      nodeName: `n${g.node % nodes}`,
      containers: [container(g.requests, g.hostPort)],
      ...(g.anti
        ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [g.anti] } } }
        : {}),
    },
    status: { phase: 'Running' },
  } as Pod;
}

function makeIncoming(g: IncomingGen, name = 'p'): Pod {
  const affinity: Record<string, unknown> = {};
  if (g.terms)
    affinity.nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: g.terms.map((t) => ({ matchExpressions: t })),
      },
    };
  if (g.affinity) affinity.podAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [g.affinity] };
  if (g.anti) affinity.podAntiAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [g.anti] };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(g.app ? { labels: { app: g.app } } : {}) },
    spec: {
      containers: [container(g.requests, g.hostPort)],
      ...(g.nodeSelector ? { nodeSelector: g.nodeSelector } : {}),
      ...(Object.keys(affinity).length ? { affinity } : {}),
      ...(g.tolerations.length ? { tolerations: g.tolerations } : {}),
      ...(g.spread ? { topologySpreadConstraints: [g.spread] } : {}),
    },
  } as Pod;
}

/** A cluster with only the scheduler running: objects stay as written, pods are only bound. */
function build(s: Scenario, seed = 1): Cluster {
  const c = new Cluster({ seed });
  c.components.splice(0, c.components.length, c.scheduler);
  for (const n of NAMESPACES) {
    const labels = nsLabels(n.name);
    if (c.store.get('Namespace', undefined, n.name))
      c.store.mutate('Namespace', undefined, n.name, (o) => {
        o.metadata.labels = labels;
      });
    else c.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels } });
  }
  s.nodes.forEach((n, i) => c.store.create(makeNode(i, n)));
  if (s.nodes.length) s.existing.forEach((e, i) => c.store.create(makeExisting(i, e, s.nodes.length)));
  c.settle();
  return c;
}

// ---- the hard rules of the filter plugins --------------------------------------

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** metav1.LabelSelectorAsSelector(sel).Matches(labels): nil matches nothing, `{}` everything. */
function labelSelectorMatches(sel: LabelSelector | null | undefined, labels: Record<string, string>): boolean {
  if (!sel) return false;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = r.key in labels;
    if (r.operator === 'In' && !(has && r.values!.includes(labels[r.key]))) return false;
    if (r.operator === 'NotIn' && has && r.values!.includes(labels[r.key])) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function requirementMatches(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = r.key in labels;
  switch (r.operator) {
    case 'In':
      return has && r.values!.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values!.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(labels[r.key])) return false;
      const a = Number(labels[r.key]),
        b = Number(r.values![0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
  }
}

function nodeAffinityOk(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some(
    (t) => (t.matchExpressions ?? []).length > 0 && t.matchExpressions!.every((r) => requirementMatches(r, labels)),
  );
}

const cpuOf = (p: Pod) => p.spec.containers.reduce((s, c) => s + milliValue(c.resources?.requests?.cpu ?? 0), 0);
const memOf = (p: Pod) => p.spec.containers.reduce((s, c) => s + value(c.resources?.requests?.memory ?? 0), 0);
const portsOf = (p: Pod) =>
  p.spec.containers.flatMap((c) => (c.ports ?? []).map((x) => x.hostPort ?? 0)).filter((x) => x > 0);
const nsOf = (p: Pod) => p.metadata.namespace ?? 'default';
const nsLabels = (name: string): Record<string, string> => {
  const n = NAMESPACES.find((x) => x.name === name);
  return n ? { 'kubernetes.io/metadata.name': n.name, team: n.team } : {};
};
const isEmptySelector = (sel: LabelSelector | null | undefined) => !!sel && !sel.matchLabels && !sel.matchExpressions;

/** Whether a term of a pod in namespace `owner` selects a pod in namespace `target`. */
function termNamespaceMatches(t: PodAffinityTerm, owner: string, target: string): boolean {
  const listed = t.namespaces ?? [];
  if (listed.length === 0 && !t.namespaceSelector) return target === owner;
  return listed.includes(target) || labelSelectorMatches(t.namespaceSelector, nsLabels(target));
}

const termMatches = (t: PodAffinityTerm, owner: string, target: Pod) =>
  termNamespaceMatches(t, owner, nsOf(target)) && labelSelectorMatches(t.labelSelector, target.metadata.labels ?? {});

const antiTerms = (p: Pod) => p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
const affinityTerms = (p: Pod) => p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

/** The names of the hard rules `node` breaks for `pod`, given the pods already bound. */
export function brokenRules(pod: Pod, node: Node, nodes: Node[], bound: Pod[]): string[] {
  const broken: string[] = [];
  const labels = node.metadata.labels ?? {};
  const tolerations = pod.spec.tolerations ?? [];
  // 5.1 NodeUnschedulable
  if (node.spec?.unschedulable && !tolerations.some((t) => tolerates(t, UNSCHEDULABLE_TAINT)))
    broken.push('NodeUnschedulable');
  // 5.3 TaintToleration: NoSchedule / NoExecute taints must all be tolerated
  if (
    (node.spec?.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule' && !tolerations.some((x) => tolerates(x, t)))
  )
    broken.push('TaintToleration');
  // 5.4 NodeAffinity
  if (!nodeAffinityOk(pod, node)) broken.push('NodeAffinity');
  // 5.5 NodePorts
  const onNode = bound.filter((p) => p.spec.nodeName === node.metadata.name);
  const used = new Set(onNode.flatMap(portsOf));
  if (portsOf(pod).some((x) => used.has(x))) broken.push('NodePorts');
  // 5.6 NodeResourcesFit
  const alloc = node.status!.allocatable!;
  if (onNode.length + 1 > value(alloc.pods)) broken.push('NodeResourcesFit');
  else {
    const cpu = cpuOf(pod),
      mem = memOf(pod);
    if (
      (cpu > 0 && cpu > milliValue(alloc.cpu) - onNode.reduce((s, p) => s + cpuOf(p), 0)) ||
      (mem > 0 && mem > value(alloc.memory) - onNode.reduce((s, p) => s + memOf(p), 0))
    )
      broken.push('NodeResourcesFit');
  }
  // 5.7 PodTopologySpread (DoNotSchedule; nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore)
  const podLabels = pod.metadata.labels ?? {};
  for (const c of pod.spec.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
    if (!(c.topologyKey in labels)) {
      broken.push('PodTopologySpread');
      continue;
    }
    const eligible = nodes.filter((n) => c.topologyKey in (n.metadata.labels ?? {}) && nodeAffinityOk(pod, n));
    const counts = new Map<string, number>();
    for (const n of eligible)
      counts.set(n.metadata.labels![c.topologyKey], counts.get(n.metadata.labels![c.topologyKey]) ?? 0);
    for (const p of bound) {
      const n = eligible.find((x) => x.metadata.name === p.spec.nodeName);
      if (
        n &&
        nsOf(p) === nsOf(pod) &&
        !isEmptySelector(c.labelSelector) &&
        labelSelectorMatches(c.labelSelector, p.metadata.labels ?? {})
      ) {
        const v = n.metadata.labels![c.topologyKey];
        counts.set(v, counts.get(v)! + 1);
      }
    }
    const minMatch = counts.size ? Math.min(...counts.values()) : 0;
    const self = labelSelectorMatches(c.labelSelector, podLabels) ? 1 : 0;
    if ((counts.get(labels[c.topologyKey]) ?? 0) + self - minMatch > c.maxSkew) broken.push('PodTopologySpread');
  }
  // 5.8 InterPodAffinity
  const nodeOf = (p: Pod) => nodes.find((n) => n.metadata.name === p.spec.nodeName);
  const aff = affinityTerms(pod);
  if (aff.length) {
    const matchingAll = bound.filter((p) => aff.every((t) => termMatches(t, nsOf(pod), p)));
    const counted = matchingAll.some((p) => aff.some((t) => t.topologyKey in (nodeOf(p)?.metadata.labels ?? {})));
    const hasKeys = aff.every((t) => t.topologyKey in labels);
    const satisfied = aff.every((t) =>
      matchingAll.some(
        (p) => nodeOf(p)?.metadata.labels?.[t.topologyKey] === labels[t.topologyKey] && t.topologyKey in labels,
      ),
    );
    const firstOfGroup = !counted && aff.every((t) => termMatches(t, nsOf(pod), pod));
    if (!hasKeys || !(satisfied || firstOfGroup)) broken.push('InterPodAffinity');
  }
  for (const t of antiTerms(pod)) {
    if (!(t.topologyKey in labels)) continue;
    if (
      bound.some(
        (p) => termMatches(t, nsOf(pod), p) && nodeOf(p)?.metadata.labels?.[t.topologyKey] === labels[t.topologyKey],
      )
    )
      broken.push('InterPodAntiAffinity');
  }
  // symmetry: an existing pod's required anti-affinity term that matches the incoming pod
  for (const e of bound) {
    for (const t of antiTerms(e)) {
      const v = nodeOf(e)?.metadata.labels?.[t.topologyKey];
      if (v !== undefined && termMatches(t, nsOf(e), pod) && labels[t.topologyKey] === v)
        broken.push('ExistingPodsAntiAffinity');
    }
  }
  return [...new Set(broken)];
}

// ---- properties ------------------------------------------------------------------------------

const RUNS = 600;
const HEAD = /^0\/(\d+) nodes are available: (.*?)\.(?: preemption: .*)?$/s;

test('scheduler properties: the feasible nodes are exactly those that pass every hard constraint, the pod is bound to one of them; a Pending pod has no such node and its FailedScheduling message counts every node', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const c = build(s);
      const pod = makeIncoming(s.pod);
      c.api.create(pod);
      c.settle();
      const nodes = c.store.list<Node>('Node');
      const bound = c.store.list<Pod>('Pod').filter((p) => p.metadata.name !== 'p' && p.spec.nodeName);
      const placed = c.store.get<Pod>('Pod', 'default', 'p')!;
      const admitted = structuredClone(placed);
      const fits = nodes.filter((n) => brokenRules(admitted, n, nodes, bound).length === 0).map((n) => n.metadata.name);
      if (placed.spec.nodeName) {
        const node = nodes.find((n) => n.metadata.name === placed.spec.nodeName)!;
        assert.deepEqual(brokenRules(admitted, node, nodes, bound), [], `bound to ${node.metadata.name}`);
        // no node is refused that passes every hard rule (fewer than 100 nodes: all are filtered)
        assert.deepEqual([...c.scheduler.attempts.at(-1)!.feasible].sort(), fits.sort(), 'the feasible nodes');
        return;
      }
      assert.deepEqual(fits, [], 'left Pending although these nodes pass every hard rule');
      const attempt = c.scheduler.attempts.at(-1)!;
      const message = attempt.message!;
      if (nodes.length === 0) {
        assert.equal(message, 'no nodes available to schedule pods');
        return;
      }
      const m = HEAD.exec(message);
      assert.ok(m, `unexpected FailedScheduling shape: ${message}`);
      assert.equal(Number(m[1]), nodes.length);
      assert.deepEqual(
        Object.keys(attempt.filtered).sort(),
        nodes.map((n) => n.metadata.name).sort(),
        'every node has a filter verdict',
      );
      const buckets = m[2].split(', ').map((b) => /^(\d+) (.*)$/.exec(b));
      if (buckets.some((b) => !b)) return; // the PreFilter form: one message for all nodes
      const counts = new Map<string, number>();
      for (const reasons of Object.values(attempt.filtered))
        for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
      assert.deepEqual(new Map(buckets.map((b) => [b![2], Number(b![1])])), counts);
      const perNode = Object.values(attempt.filtered).reduce((s, r) => s + (r.length ? 1 : 0), 0);
      assert.equal(perNode, nodes.length);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

// Clusters where only the selector-bearing rules can refuse a node: no taints, room for every pod,
// existing pods in two namespaces, and an incoming pod with (anti-)affinity terms and a spread
// constraint whose selectors are often nil or `{}`.
const selectorScenarioArb: fc.Arbitrary<Scenario> = fc.record({
  nodes: fc.array(
    nodeArb.map((n) => ({ ...n, taints: [], unschedulable: false, cpu: '8', memory: '16Gi', pods: '110' })),
    { minLength: 1, maxLength: 5 },
  ),
  existing: fc.array(
    existingArb.map((e) => ({ ...e, requests: {}, hostPort: undefined })),
    { maxLength: 6 },
  ),
  pod: incomingArb.map((p) => ({
    app: p.app,
    tolerations: [],
    requests: {},
    affinity: p.affinity,
    anti: p.anti,
    spread: p.spread,
  })),
});

test('selector properties: nil and empty selectors in pod (anti-)affinity terms, their namespaceSelector and topology spread select as upstream does — the feasible nodes are exactly those the rules allow', () => {
  fc.assert(
    fc.property(selectorScenarioArb, (s) => {
      const c = build(s);
      c.api.create(makeIncoming(s.pod));
      c.settle();
      const nodes = c.store.list<Node>('Node');
      const bound = c.store.list<Pod>('Pod').filter((p) => p.metadata.name !== 'p' && p.spec.nodeName);
      const placed = c.store.get<Pod>('Pod', 'default', 'p')!;
      const fits = nodes
        .filter((n) => brokenRules(placed, n, nodes, bound).length === 0)
        .map((n) => n.metadata.name!)
        .sort();
      const attempt = c.scheduler.attempts.at(-1)!;
      assert.deepEqual([...attempt.feasible].sort(), fits, JSON.stringify(attempt.filtered));
      assert.equal(placed.spec.nodeName === undefined, fits.length === 0);
    }),
    { seed: SEED, numRuns: 400 },
  );
});

test('selector properties: a PodDisruptionBudget with a nil selector covers no pod, with `{}` every pod of its namespace (policy/v1)', () => {
  const podArb = fc.record({ namespace: fc.constantFrom('default', 'other'), app: maybe(app, 3) });
  fc.assert(
    fc.property(
      fc.array(podArb, { minLength: 1, maxLength: 5 }),
      fc.constantFrom<LabelSelector | undefined>(undefined, {}, { matchLabels: { app: 'a' } }),
      (pods, selector) => {
        const c = new Cluster();
        c.components.length = 0;
        c.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
        pods.forEach((g, i) =>
          c.store.create({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: `e${i}`, namespace: g.namespace, ...(g.app ? { labels: { app: g.app } } : {}) },
            spec: { nodeName: 'n0', containers: [{ name: 'c', image: 'nginx' }] },
            status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
          } as Pod),
        );
        c.store.create({
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata: { name: 'b', namespace: 'default' },
          spec: { maxUnavailable: 0, ...(selector ? { selector } : {}) },
        });
        pods.forEach((g, i) => {
          const covered = g.namespace === 'default' && labelSelectorMatches(selector, g.app ? { app: g.app } : {});
          let refused = false;
          try {
            evictPod(c.api, c.store, g.namespace, `e${i}`, { gracePeriodSeconds: 0 });
          } catch (e) {
            refused = (e as { reason?: string }).reason === 'TooManyRequests';
          }
          assert.equal(
            refused,
            covered,
            `pod e${i} in ${g.namespace} with app=${g.app ?? '(none)'}, selector ${JSON.stringify(selector)}`,
          );
        });
      },
    ),
    { seed: SEED, numRuns: 60 },
  );
});

test('selector properties: a workload selector must be set and not empty (apps/validation: Required, "empty selector is invalid for <kind>")', () => {
  const kinds = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'] as const;
  fc.assert(
    fc.property(
      fc.constantFrom(...kinds),
      fc.constantFrom<LabelSelector | undefined>(undefined, {}),
      (kind, selector) => {
        const c = new Cluster();
        const obj = {
          apiVersion: 'apps/v1',
          kind,
          metadata: { name: 'w' },
          spec: {
            ...(selector ? { selector } : {}),
            ...(kind === 'StatefulSet' ? { serviceName: 'w' } : {}),
            template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
          },
        };
        const r = runKubectl(c, ['apply', '-f', '-'], { stdin: toYaml(obj as never) });
        assert.equal(r.exitCode, 1);
        assert.match(
          r.stderr,
          selector
            ? new RegExp(`spec\\.selector: Invalid value: .*: empty selector is invalid for ${kind.toLowerCase()}`)
            : /spec\.selector: Required value/,
        );
        assert.equal(c.store.list(kind).length, 0);
      },
    ),
    { seed: SEED, numRuns: 16 },
  );
});

test('scheduler properties: the same cluster, pods and seed give byte-identical decisions, events and placements', () => {
  const several = fc.record({
    base: scenarioArb,
    more: fc.array(incomingArb, { minLength: 1, maxLength: 3 }),
    seed: fc.nat(1000),
  });
  fc.assert(
    fc.property(several, ({ base, more, seed }) => {
      const run = () => {
        const c = build(base, seed);
        [base.pod, ...more].forEach((g, i) => {
          c.api.create(makeIncoming(g, `p${i}`));
          c.settle();
        });
        return JSON.stringify({
          attempts: c.scheduler.attempts,
          pods: c.store.list('Pod'),
          events: c.store.list('Event'),
        });
      };
      assert.equal(run(), run());
    }),
    { seed: SEED, numRuns: 60 },
  );
});

test("kubectl apply properties: applying the same manifests twice changes no object; the output says unchanged (configured for a pod listing tolerations, as kubectl's non-empty patch does)", () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const c = new Cluster();
      c.components.length = 0;
      const objects = [...s.nodes.map((n, i) => makeNode(i, n)), makeIncoming(s.pod)];
      const stdin = objects.map((o) => toYaml(o)).join('---\n');
      const first = runKubectl(c, ['apply', '-f', '-'], { stdin });
      assert.equal(first.exitCode, 0, first.stderr);
      const snapshot = () =>
        JSON.stringify(
          [...c.store.list('Node'), ...c.store.list('Pod')].map((o) => ({
            ...o,
            metadata: { ...o.metadata, resourceVersion: undefined },
          })),
        );
      const before = snapshot();
      const livePod = c.store.get<Pod>('Pod', 'default', 'p')!;
      const added = (livePod.spec.tolerations ?? []).length > s.pod.tolerations.length;
      const second = runKubectl(c, ['apply', '-f', '-'], { stdin });
      assert.equal(second.exitCode, 0, second.stderr);
      // The pod's tolerations list is replaced by the patch, and DefaultTolerationSeconds adds its two back.
      const podWord = s.pod.tolerations.length && added ? 'configured' : 'unchanged';
      assert.deepEqual(
        second.stdout.trimEnd().split('\n'),
        objects.map((o) => `${o.kind.toLowerCase()}/${o.metadata.name} ${o.kind === 'Pod' ? podWord : 'unchanged'}`),
      );
      assert.equal(snapshot(), before);
    }),
    { seed: SEED, numRuns: 20 },
  );
});
