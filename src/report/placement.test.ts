import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addNode, createEmptyCluster } from '../cluster/bootstrap.ts';
import type { Deployment, Pod } from '../api/types.ts';
import {
  firstWords,
  fitName,
  nodeGroups,
  OWNER_COLOURS,
  placementOf,
  renderPlacementSvg,
  type PlacedNode,
  type Placement,
} from './placement.ts';

function cluster() {
  const c = createEmptyCluster({ seed: 1 });
  addNode(c, { name: 'w1', labels: { disktype: 'ssd' }, cpu: '2' });
  addNode(c, { name: 'w2', taints: [{ key: 'key01', value: 'value01', effect: 'NoSchedule' }], unschedulable: true });
  c.settle();
  const dep: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '500m' } } }] },
      },
    },
  };
  c.api.create(dep);
  const pending: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'gpu<job>', namespace: 'default' },
    spec: { nodeSelector: { gpu: 'true' }, containers: [{ name: 'c', image: 'nginx' }] },
  };
  c.api.create({ ...pending, metadata: { name: 'gpu-job', namespace: 'default' } });
  c.settle();
  return c;
}

test('placement picture: Deployment pods sit in their node column with the requested cpu counted; a Pending pod keeps the FailedScheduling reason; cordon and taints are read from the Node', () => {
  const p = placementOf(cluster().store);
  const w1 = p.nodes.find((n) => n.name === 'w1')!;
  const w2 = p.nodes.find((n) => n.name === 'w2')!;
  assert.deepEqual(
    w1.pods.map((q) => q.owner),
    ['Deployment', 'Deployment'],
  );
  assert.equal(w1.cpu.used, 1000);
  assert.equal(w1.cpu.allocatable, 2000);
  assert.deepEqual(w1.labels, ['disktype=ssd']);
  assert.equal(w2.cordoned, true);
  assert.ok(w2.taints.includes('key01=value01:NoSchedule'));
  assert.deepEqual(
    p.pending.map((q) => [q.name, q.owner]),
    [['gpu-job', 'bare']],
  );
  assert.match(p.pending[0].reason!, /^0\/2 nodes are available: /);
});

test('placement picture: the SVG names every node and pod, colours pods by owner, marks SchedulingDisabled and shows the first words of the Pending reason', () => {
  const svg = renderPlacementSvg(placementOf(cluster().store), 'S05 <demo>');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
  assert.ok(svg.includes('S05 &lt;demo&gt;'));
  assert.ok(svg.includes('>w1</text>') && svg.includes('>w2</text>'));
  assert.ok(svg.includes('Ready,SchedulingDisabled'));
  assert.ok(svg.includes(`fill="${OWNER_COLOURS.Deployment}"`));
  assert.ok(svg.includes('Pending (1)'));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
});

test('placement picture: beyond 50 nodes it becomes a summary of pods per node', () => {
  const p: Placement = {
    nodes: Array.from({ length: 51 }, (_, i) => ({
      name: `n${i}`,
      roles: [],
      ready: true,
      cordoned: false,
      taints: [],
      labels: [],
      cpu: { used: 0, allocatable: 1000 },
      memory: { used: 0, allocatable: 1 },
      pods: [{ name: `p${i}`, owner: 'DaemonSet', phase: 'Running', terminating: false }],
    })),
    pending: [],
  };
  const svg = renderPlacementSvg(p);
  assert.ok(svg.includes('51 nodes, 51 pods bound, 0 Pending'));
  assert.ok(svg.includes('1 pods · cpu 0%'));
  assert.ok(!svg.includes('>p0<'));
});

test('placement picture: the Pending reason drops the "0/N nodes are available:" lead and wraps the first words', () => {
  assert.deepEqual(
    firstWords("0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.", 120, 10, 2),
    ["1 node(s) didn't", "match Pod's node …"],
  );
});

test("placement picture: a name too long for its box is cut in the middle and keeps its generated suffix; the full name is the box's <title>", () => {
  assert.equal(fitName('payments-api-6c7768c69c-bvgxb', 90, 10), 'payments…-bvgxb');
  assert.equal(fitName('short', 90, 10), 'short');
  assert.equal(fitName('gke-prod-eu-critical-pool-5a17c3d0-00cr', 100, 10).endsWith('-00cr'), true);
  const c = cluster();
  const svg = renderPlacementSvg(placementOf(c.store));
  assert.match(
    svg,
    /<title>w2\nReady,SchedulingDisabled; roles: &lt;none&gt;\ncpu [\d.]+\/\d+, memory \S+\/\S+ requested; \d+ pods\ntaint key01=value01:NoSchedule\ntaint node\.kubernetes\.io\/unschedulable:NoSchedule<\/title>/,
  );
});

test("placement picture: a Pending pod's whole reason is wrapped in its box (up to 12 lines) and in its <title>", () => {
  const reason =
    "0/9 nodes are available: 3 node(s) didn't match Pod's node affinity/selector, 3 node(s) had untolerated taint {dedicated: critical}, 3 node(s) had untolerated taint {nvidia.com/gpu: present}. preemption: 0/9 nodes are available: 9 Preemption is not helpful for scheduling.";
  const lines = firstWords(reason, 146, 9, 12);
  assert.ok(lines.length > 3 && !lines.at(-1)!.endsWith('…'), lines.join(' | '));
  assert.equal(lines.join(' '), reason.replace(/^0\/9 nodes are available: /, ''));
});

const node = (name: string, labels: Record<string, string>): PlacedNode => ({
  name,
  roles: [],
  ready: true,
  cordoned: false,
  taints: [],
  labels: [],
  cpu: { used: 500, allocatable: 1000 },
  memory: { used: 0, allocatable: 1 },
  pods: [{ name: `p-${name}`, owner: 'Deployment', phase: 'Running', terminating: false }],
  pool: labels.pool,
  zone: labels.zone,
});

test('placement picture: beyond 50 nodes the summary groups the nodes by pool and zone, each group headed with its totals', () => {
  const nodes = Array.from({ length: 60 }, (_, i) =>
    node(`n${String(i).padStart(2, '0')}`, { pool: i < 40 ? 'general' : 'critical', zone: `z${i % 2}` }),
  );
  assert.deepEqual(
    nodeGroups(nodes).map((g) => [g.label, g.nodes.length]),
    [
      ['pool critical · zone z0', 10],
      ['pool critical · zone z1', 10],
      ['pool general · zone z0', 20],
      ['pool general · zone z1', 20],
    ],
  );
  const svg = renderPlacementSvg({ nodes, pending: [] });
  assert.ok(svg.includes('>pool general · zone z0 — 20 nodes, 20 pods, cpu 50% requested</text>'), svg.slice(0, 2000));
  assert.deepEqual(
    nodeGroups([node('a', {}), node('b', {})]).map((g) => g.label),
    [''],
    'no heading when no node has a pool or zone',
  );
});
