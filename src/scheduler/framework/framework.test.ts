import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Framework, runBoundFilters, runBoundFiltersOver } from './framework.ts';
import { newPodInfo } from './nodeinfo.ts';
import { makeContext, makeNode, makePod } from './testing.ts';
import { CycleState } from './types.ts';
import type { Status } from './types.ts';
import { defaultProfile } from '../profile.ts';

test('Filters run plugin by plugin over a chunk give every node the status of its first rejecting plugin, as node by node (RunFilterPlugins order)', () => {
  // Each node fails a different filter, one fails two (cordoned and full: NodeUnschedulable runs first).
  const full = { cpu: '1', memory: '1Gi', pods: 1 };
  const nodes = [
    makeNode('ok', { allocatable: { cpu: '4', memory: '8Gi' } }),
    makeNode('cordoned', { unschedulable: true, allocatable: { cpu: '4', memory: '8Gi' } }),
    makeNode('tainted', {
      taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }],
      allocatable: { cpu: '4', memory: '8Gi' },
    }),
    makeNode('small', { allocatable: { cpu: '100m', memory: '8Gi' } }),
    makeNode('cordoned-full', { unschedulable: true, allocatable: full }),
    makeNode('ok2', { allocatable: { cpu: '4', memory: '8Gi' } }),
  ];
  const ctx = makeContext(nodes, [makePod('e', { nodeName: 'cordoned-full' })]);
  const fw = new Framework(defaultProfile().plugins);
  const state = new CycleState();
  const pod = newPodInfo(makePod('p', { requests: { cpu: '500m', memory: '1Gi' } }));
  const pre = fw.runPreFilter(ctx, state, pod);
  const bound = fw.bindFilters(ctx, state, pod, pre.skipped);
  const all = ctx.snapshot.nodeInfos;
  const rows = all.map((ni) => ctx.snapshot.amounts.row(ni));
  const statuses: (Status | null)[] = all.map(() => null);
  runBoundFiltersOver(bound, all, rows, 0, all.length, statuses);
  assert.deepEqual(
    statuses,
    all.map((ni, i) => runBoundFilters(bound, ni, rows[i])),
  );
  assert.deepEqual(Object.fromEntries(all.map((ni, i) => [ni.name, statuses[i]?.plugin ?? null])), {
    ok: null,
    cordoned: 'NodeUnschedulable',
    tainted: 'TaintToleration',
    small: 'NodeResourcesFit',
    'cordoned-full': 'NodeUnschedulable',
    ok2: null,
  });
  assert.deepEqual(statuses[3], { code: 'Unschedulable', reasons: ['Insufficient cpu'], plugin: 'NodeResourcesFit' });
});

test('Filters over a chunk leave alone the nodes outside [from, to) and those already rejected (by the nominated-pods pass)', () => {
  const ctx = makeContext([
    makeNode('a', { unschedulable: true }),
    makeNode('b', { unschedulable: true }),
    makeNode('c', { unschedulable: true }),
  ]);
  const fw = new Framework(defaultProfile().plugins);
  const state = new CycleState();
  const pod = newPodInfo(makePod('p'));
  const bound = fw.bindFilters(ctx, state, pod, fw.runPreFilter(ctx, state, pod).skipped);
  const all = ctx.snapshot.nodeInfos;
  const earlier: Status = { code: 'Unschedulable', reasons: ['earlier'], plugin: 'NodePorts' };
  const statuses: (Status | null)[] = [null, earlier, null];
  runBoundFiltersOver(
    bound,
    all,
    all.map((ni) => ctx.snapshot.amounts.row(ni)),
    1,
    2,
    statuses,
  );
  assert.deepEqual(statuses, [null, earlier, null]);
});

test('A filter that passes every node of the snapshot is left out of the chunked run, not of the node-by-node one', () => {
  const ctx = makeContext([makeNode('a'), makeNode('b')]);
  const fw = new Framework(defaultProfile().plugins);
  const state = new CycleState();
  const pod = newPodInfo(makePod('p'));
  const bound = fw.bindFilters(ctx, state, pod, fw.runPreFilter(ctx, state, pod).skipped);
  // No node is cordoned or tainted: of NodeUnschedulable, TaintToleration and NodeResourcesFit only the last runs over chunks.
  assert.deepEqual(bound.names, ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit']);
  assert.deepEqual(bound.chunkNames, ['NodeResourcesFit']);
});
