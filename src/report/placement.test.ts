import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addNode, createEmptyCluster } from '../cluster/lab.ts';
import type { Deployment, Pod } from '../api/types.ts';
import { firstWords, OWNER_COLOURS, placementOf, renderPlacementSvg, type Placement } from './placement.ts';

function cluster() {
  const c = createEmptyCluster({ seed: 1 });
  addNode(c, { name: 'w1', labels: { disktype: 'ssd' }, cpu: '2' });
  addNode(c, { name: 'w2', taints: [{ key: 'key01', value: 'value01', effect: 'NoSchedule' }], unschedulable: true });
  c.settle();
  const dep: Deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '500m' } } }] } } },
  };
  c.api.create(dep);
  const pending: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'gpu<job>', namespace: 'default' }, spec: { nodeSelector: { gpu: 'true' }, containers: [{ name: 'c', image: 'nginx' }] } };
  c.api.create({ ...pending, metadata: { name: 'gpu-job', namespace: 'default' } });
  c.settle();
  return c;
}

test('placement picture: Deployment pods sit in their node column with the requested cpu counted; a Pending pod keeps the FailedScheduling reason; cordon and taints are read from the Node', () => {
  const p = placementOf(cluster().store);
  const w1 = p.nodes.find((n) => n.name === 'w1')!;
  const w2 = p.nodes.find((n) => n.name === 'w2')!;
  assert.deepEqual(w1.pods.map((q) => q.owner), ['Deployment', 'Deployment']);
  assert.equal(w1.cpu.used, 1000);
  assert.equal(w1.cpu.allocatable, 2000);
  assert.deepEqual(w1.labels, ['disktype=ssd']);
  assert.equal(w2.cordoned, true);
  assert.ok(w2.taints.includes('key01=value01:NoSchedule'));
  assert.deepEqual(p.pending.map((q) => [q.name, q.owner]), [['gpu-job', 'bare']]);
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
      name: `n${i}`, roles: [], ready: true, cordoned: false, taints: [], labels: [],
      cpu: { used: 0, allocatable: 1000 }, memory: { used: 0, allocatable: 1 }, pods: [{ name: `p${i}`, owner: 'DaemonSet', phase: 'Running', terminating: false }],
    })),
    pending: [],
  };
  const svg = renderPlacementSvg(p);
  assert.ok(svg.includes('51 nodes, 51 pods bound, 0 Pending'));
  assert.ok(svg.includes('1 pods · cpu 0%'));
  assert.ok(!svg.includes('>p0<'));
});

test('placement picture: the Pending reason drops the "0/N nodes are available:" lead and wraps the first words', () => {
  assert.deepEqual(firstWords("0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.", 120, 10, 2), ["1 node(s) didn't", "match Pod's node …"]);
});
