import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFilter, isPreFilter, isPreScore, isScore } from './framework/types.ts';
import { defaultedArgs } from './pluginargs.ts';
import { buildProfile, DEFAULT_MULTIPOINT, defaultProfile } from './profile.ts';
import { REGISTRY } from './registry.ts';

test('plugin registry: every modelled plugin builds under its own name and implements exactly the modelled extension points registry.go gives it', () => {
  const modelled = REGISTRY.filter((r) => r.factory);
  assert.deepEqual(
    modelled.map((r) => r.name),
    [
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'PodTopologySpread',
      'InterPodAffinity',
      'NodeResourcesBalancedAllocation',
      'ImageLocality',
    ],
  );
  for (const r of modelled) {
    const p = r.factory!(defaultedArgs(r.args, undefined));
    assert.equal(p.name, r.name);
    const has = { preFilter: isPreFilter(p), filter: isFilter(p), preScore: isPreScore(p), score: isScore(p) };
    for (const [point, implemented] of Object.entries(has))
      assert.equal(implemented, r.points.includes(point as 'filter'), `${r.name} at ${point}`);
  }
});

test('default profile (getDefaultPlugins, kube-scheduler 1.33): 18 MultiPoint plugins; the simulator runs the 10 it models with weights TaintToleration 3, NodeAffinity, PodTopologySpread and InterPodAffinity 2, the other scores 1', () => {
  assert.equal(DEFAULT_MULTIPOINT.length, 18);
  const p = defaultProfile();
  assert.equal(p.schedulerName, 'default-scheduler');
  assert.deepEqual(
    p.plugins.map((e) => [e.plugin.name, e.weight]),
    [
      ['NodeUnschedulable', 0],
      ['NodeName', 0],
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['NodePorts', 0],
      ['NodeResourcesFit', 1],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ],
  );
  // the default profile is what an empty profile resolves to
  const empty = buildProfile({});
  assert.deepEqual(empty.points, p.points);
  assert.deepEqual(empty.weights, p.weights);
});
