import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schedulerProfilesFrom } from './schedulerconfig.ts';
import { parseSchedulerConfig } from './decode.ts';
import { DEFAULT_MULTIPOINT } from '../scheduler/profile.ts';
import type { NodeResourcesFit } from '../scheduler/plugins/noderesourcesfit.ts';
import type { InterPodAffinity } from '../scheduler/plugins/interpodaffinity.ts';
import { isScore } from '../scheduler/framework/types.ts';
import { NotSupportedError } from '../util/errors.ts';
import type { Service } from '../api/types.ts';
import type { PodTopologySpread } from '../scheduler/plugins/podtopologyspread.ts';
import { makeContext, makeNode, makePod } from '../scheduler/framework/testing.ts';
import { newPodInfo } from '../scheduler/framework/nodeinfo.ts';
import { CycleState } from '../scheduler/framework/types.ts';

const head = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';
const profiles = (body: string) => schedulerProfilesFrom(head + body, 'sched.yaml');
const errorOf = (body: string) => {
  try {
    profiles(body);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

test('KubeSchedulerConfiguration: no profiles means one default-scheduler profile with the 1.33 default plugins and weights', () => {
  const [p] = profiles('');
  assert.equal(p.schedulerName, 'default-scheduler');
  assert.deepEqual(p.points.filter, [
    'NodeUnschedulable',
    'NodeName',
    'TaintToleration',
    'NodeAffinity',
    'NodePorts',
    'NodeResourcesFit',
    'VolumeRestrictions',
    'NodeVolumeLimits',
    'VolumeBinding',
    'VolumeZone',
    'PodTopologySpread',
    'InterPodAffinity',
  ]);
  assert.deepEqual(p.weights, {
    TaintToleration: 3,
    NodeAffinity: 2,
    NodeResourcesFit: 1,
    VolumeBinding: 1,
    PodTopologySpread: 2,
    InterPodAffinity: 2,
    NodeResourcesBalancedAllocation: 1,
    ImageLocality: 1,
  });
  assert.equal(p.plugins.length, 10);
  assert.equal(DEFAULT_MULTIPOINT.length, 18);
});

test('KubeSchedulerConfiguration: disabling a plugin at score only keeps its filter (MultiPoint expansion)', () => {
  const [p] = profiles(
    'profiles:\n- schedulerName: s\n  plugins:\n    score:\n      disabled:\n      - name: NodeResourcesBalancedAllocation\n      - name: ImageLocality\n',
  );
  assert.ok(!p.points.score.includes('ImageLocality'));
  assert.ok(!p.plugins.some((e) => e.plugin.name === 'ImageLocality'));
  assert.ok(p.points.preScore.includes('NodeResourcesBalancedAllocation'), 'still at preScore');
  const bal = p.plugins.find((e) => e.plugin.name === 'NodeResourcesBalancedAllocation')!;
  assert.equal(isScore(bal.plugin), false);
  assert.equal(bal.weight, 0);
});

test('KubeSchedulerConfiguration: score disabled "*" then enabled with a weight runs only that score plugin', () => {
  const [p] = profiles(
    'profiles:\n- plugins:\n    score:\n      disabled: [{name: "*"}]\n      enabled: [{name: NodeResourcesFit, weight: 5}]\n',
  );
  assert.deepEqual(p.points.score, ['NodeResourcesFit']);
  assert.deepEqual(p.weights, { NodeResourcesFit: 5 });
  assert.equal(p.plugins.filter((e) => isScore(e.plugin)).length, 1);
  assert.ok(p.points.filter.includes('TaintToleration'));
});

test('KubeSchedulerConfiguration: pluginConfig args reach NodeResourcesFit (MostAllocated) and InterPodAffinity', () => {
  const [, bin] = profiles(`profiles:
- schedulerName: default-scheduler
- schedulerName: bin-packing
  pluginConfig:
  - name: NodeResourcesFit
    args: {scoringStrategy: {type: MostAllocated}}
  - name: InterPodAffinity
    args: {hardPodAffinityWeight: 7}
  percentageOfNodesToScore: 50
`);
  assert.equal(bin.schedulerName, 'bin-packing');
  assert.equal(bin.percentageOfNodesToScore, 50);
  const fit = bin.plugins.find((e) => e.plugin.name === 'NodeResourcesFit')!.plugin as NodeResourcesFit;
  assert.equal(fit.strategy, 'MostAllocated');
  const ipa = bin.plugins.find((e) => e.plugin.name === 'InterPodAffinity')!.plugin as InterPodAffinity;
  assert.equal(ipa.hardPodAffinityWeight, 7);
});

test('KubeSchedulerConfiguration validation: errors read as kube-scheduler prints them', () => {
  assert.equal(
    errorOf('percentageOfNodesToScore: 120\n'),
    'sched.yaml: percentageOfNodesToScore: Invalid value: 120: not in valid range [0-100]',
  );
  assert.equal(errorOf('profiles:\n- schedulerName: ""\n'), 'sched.yaml: profiles[0].schedulerName: Required value');
  assert.equal(
    errorOf('profiles:\n- schedulerName: a\n- schedulerName: a\n'),
    'sched.yaml: profiles[1].schedulerName: Duplicate value: "profiles[0].schedulerName"',
  );
  assert.equal(
    errorOf('profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args: {hardPodAffinityWeight: 101}\n'),
    'sched.yaml: profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]',
  );
  assert.equal(
    errorOf(
      'profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultConstraints:\n      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}\n',
    ),
    'sched.yaml: profiles[0].pluginConfig[0].args.defaultingType: Invalid value: "System": when .defaultConstraints are not empty',
  );
  assert.equal(
    errorOf('profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: Packed}}\n'),
    'sched.yaml: initializing profiles: creating profile for scheduler name default-scheduler: initializing plugin "NodeResourcesFit": scoringStrategy.type: Unsupported value: "Packed": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
  );
  assert.equal(
    errorOf(
      'profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: RequestedToCapacityRatio}}\n',
    ),
    'sched.yaml: initializing profiles: creating profile for scheduler name default-scheduler: initializing plugin "NodeResourcesFit": scoringStrategy.requestedToCapacityRatio: Required value: must be specified when type is RequestedToCapacityRatio',
  );
  assert.equal(
    errorOf('profiles:\n- plugins:\n    filter:\n      enabled: [{name: Foo}]\n'),
    'sched.yaml: initializing profiles: creating profile for scheduler name default-scheduler: FilterPlugin "Foo" does not exist',
  );
  assert.equal(
    errorOf('profiles:\n- plugins:\n    score:\n      enabled: [{name: NodeName}]\n'),
    'sched.yaml: initializing profiles: creating profile for scheduler name default-scheduler: plugin "NodeName" does not extend ScorePlugin plugin',
  );
  assert.equal(
    errorOf('profiles:\n- plugin: {}\n'),
    'sched.yaml: strict decoding error: unknown field "profiles[0].plugin"',
  );
  assert.match(
    errorOf('percentageOfNodesToScore: 120\nprofiles:\n- schedulerName: ""\n'),
    /^sched\.yaml: \[profiles\[0\]\.schedulerName: Required value, percentageOfNodesToScore: .*\]$/,
  );
});

test('KubeSchedulerConfiguration: a RequestedToCapacityRatio shape is validated point by point', () => {
  assert.equal(
    errorOf(
      'profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: RequestedToCapacityRatio\n        requestedToCapacityRatio:\n          shape: [{utilization: 0, score: 0}, {utilization: 100, score: 11}]\n',
    ),
    'sched.yaml: initializing profiles: creating profile for scheduler name default-scheduler: initializing plugin "NodeResourcesFit": scoringStrategy.requestedToCapacityRatio.shape[1].score: Invalid value: 11: not in valid range [0, 10]',
  );
  const [p] = profiles(
    'profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: RequestedToCapacityRatio\n        requestedToCapacityRatio:\n          shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]\n',
  );
  assert.equal(
    (p.plugins.find((e) => e.plugin.name === 'NodeResourcesFit')!.plugin as NodeResourcesFit).strategy,
    'RequestedToCapacityRatio',
  );
});

test('KubeSchedulerConfiguration: disabling DefaultPreemption is not supported by the simulator', () => {
  assert.throws(
    () => profiles('profiles:\n- plugins:\n    postFilter:\n      disabled: [{name: DefaultPreemption}]\n'),
    NotSupportedError,
  );
});

test('KubeSchedulerConfiguration: PodTopologySpread defaultConstraints (defaultingType: List) reach the plugin', () => {
  const [p] = profiles(
    'profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultingType: List\n      defaultConstraints:\n      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}\n',
  );
  const pts = p.plugins.find((e) => e.plugin.name === 'PodTopologySpread')!.plugin as PodTopologySpread;
  // A pod without constraints of its own, selected by a Service: zone z1 has 1 such pod, z2 none.
  const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' } },
  };
  const ctx = makeContext(
    [makeNode('a', { labels: zone('z1') }), makeNode('b', { labels: zone('z2') })],
    [makePod('e', { labels: { app: 'web' }, nodeName: 'a' })],
    { services: [svc] },
  );
  const pi = newPodInfo(makePod('p', { labels: { app: 'web' } }));
  const state = new CycleState();
  assert.equal(
    pts.preFilter(ctx, state, pi).status,
    null,
    'the List default constraint is a DoNotSchedule one: PreFilter runs',
  );
  assert.deepEqual(
    ctx.snapshot.nodeInfos.map((ni) => pts.filter(ctx, state, pi, ni)?.code ?? 'Success'),
    ['Unschedulable', 'Success'],
  );
});

test('KubeSchedulerConfiguration: a wrong apiVersion names the version kube-scheduler reads', () => {
  assert.throws(
    () =>
      schedulerProfilesFrom(
        'apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n',
        'x.yaml',
      ),
    /no kind "KubeSchedulerConfiguration" is registered for version "kubescheduler.config.k8s.io\/v1beta3"/,
  );
});

test('scheduler configuration file: a sequence or mapping as a key is go-yaml\'s "invalid map key" error, not a stringified key', () => {
  assert.throws(
    () =>
      parseSchedulerConfig(
        'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n[a, b]: c\n',
        'sched.yaml',
      ),
    { message: 'sched.yaml: YAML error: invalid map key: []interface {}{"a", "b"}' },
  );
});
