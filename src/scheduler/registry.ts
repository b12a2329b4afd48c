// The plugin registry: one line per in-tree plugin of kube-scheduler 1.33
// (pkg/scheduler/framework/plugins/registry.go) with the extension points it implements, its place
// and score weight in the default profile (apis/config/v1/default_plugins.go getDefaultPlugins:
// the MultiPoint list, in table order), the simulator's factory, and its args spec (exported by the plugin's file, e.g.
// NODE_RESOURCES_FIT_ARGS in plugins/noderesourcesfit.ts; pluginargs.ts for plugins not modelled).
// A plugin without a factory is one the simulator does not model (volume plugins,
// DynamicResources): a configuration may list or disable it and it does nothing. `alwaysOn`
// marks the plugins whose work the simulator always does (queue order, gates, preemption,
// binding): they cannot be disabled or moved. The default profile and every
// KubeSchedulerConfiguration profile are built from this table (profile.ts).

import type { Plugin } from './framework/types.ts';
import { NodeUnschedulable } from './plugins/nodeunschedulable.ts';
import { NodeName } from './plugins/nodename.ts';
import { TaintToleration } from './plugins/tainttoleration.ts';
import { NODE_AFFINITY_ARGS, NodeAffinity } from './plugins/nodeaffinity.ts';
import { NodePorts } from './plugins/nodeports.ts';
import { NODE_RESOURCES_FIT_ARGS, NodeResourcesFit, type NodeResourcesFitArgs } from './plugins/noderesourcesfit.ts';
import {
  POD_TOPOLOGY_SPREAD_ARGS,
  PodTopologySpread,
  type PodTopologySpreadArgs,
} from './plugins/podtopologyspread.ts';
import { INTER_POD_AFFINITY_ARGS, InterPodAffinity } from './plugins/interpodaffinity.ts';
import { BALANCED_ALLOCATION_ARGS, NodeResourcesBalancedAllocation } from './plugins/balancedallocation.ts';
import { DEFAULT_PREEMPTION_ARGS } from './plugins/defaultpreemption.ts';
import { ImageLocality } from './plugins/imagelocality.ts';
import type { NodeAffinity as NodeAffinitySpec, TopologySpreadConstraint } from '../api/types.ts';
import { VOLUME_BINDING_ARGS, type PluginArgsSpec } from './pluginargs.ts';

export const EXTENSION_POINTS = [
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
  'multiPoint',
] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export interface RegisteredPlugin {
  readonly name: string;
  /** The extension points the plugin implements. */
  readonly points: readonly ExtensionPoint[];
  /** In the default profile's MultiPoint list, with its score weight when the default sets one. */
  readonly default?: { weight?: number };
  /** Builds the simulator's plugin from its defaulted args; absent when the plugin is not modelled. */
  readonly factory?: (args: Record<string, unknown>) => Plugin;
  readonly args?: PluginArgsSpec;
  readonly alwaysOn?: boolean;
}

type A = Record<string, unknown>;

export const REGISTRY: readonly RegisteredPlugin[] = [
  { name: 'SchedulingGates', points: ['preEnqueue'], default: {}, alwaysOn: true },
  { name: 'PrioritySort', points: ['queueSort'], default: {}, alwaysOn: true },
  { name: 'NodeUnschedulable', points: ['filter'], default: {}, factory: () => new NodeUnschedulable() },
  { name: 'NodeName', points: ['filter'], default: {}, factory: () => new NodeName() },
  {
    name: 'TaintToleration',
    points: ['filter', 'preScore', 'score'],
    default: { weight: 3 },
    factory: () => new TaintToleration(),
  },
  {
    name: 'NodeAffinity',
    points: ['preFilter', 'filter', 'preScore', 'score'],
    default: { weight: 2 },
    args: NODE_AFFINITY_ARGS,
    factory: (a: A) => new NodeAffinity({ addedAffinity: a.addedAffinity as NodeAffinitySpec | undefined }),
  },
  { name: 'NodePorts', points: ['preFilter', 'filter'], default: {}, factory: () => new NodePorts() },
  {
    name: 'NodeResourcesFit',
    points: ['preFilter', 'filter', 'preScore', 'score'],
    default: { weight: 1 },
    args: NODE_RESOURCES_FIT_ARGS,
    factory: (a: A) => new NodeResourcesFit(a as NodeResourcesFitArgs),
  },
  { name: 'VolumeRestrictions', points: ['preFilter', 'filter'], default: {} },
  { name: 'NodeVolumeLimits', points: ['filter'], default: {} },
  {
    name: 'VolumeBinding',
    points: ['preFilter', 'filter', 'reserve', 'preBind', 'preScore', 'score'],
    default: {},
    args: VOLUME_BINDING_ARGS,
  },
  { name: 'VolumeZone', points: ['preFilter', 'filter'], default: {} },
  {
    name: 'PodTopologySpread',
    points: ['preFilter', 'filter', 'preScore', 'score'],
    default: { weight: 2 },
    args: POD_TOPOLOGY_SPREAD_ARGS,
    factory: (a: A) =>
      new PodTopologySpread({
        defaultingType: a.defaultingType as PodTopologySpreadArgs['defaultingType'],
        defaultConstraints: a.defaultConstraints as TopologySpreadConstraint[] | undefined,
      }),
  },
  {
    name: 'InterPodAffinity',
    points: ['preFilter', 'filter', 'preScore', 'score'],
    default: { weight: 2 },
    args: INTER_POD_AFFINITY_ARGS,
    factory: (a: A) => new InterPodAffinity({ hardPodAffinityWeight: a.hardPodAffinityWeight as number }),
  },
  { name: 'DefaultPreemption', points: ['postFilter'], default: {}, args: DEFAULT_PREEMPTION_ARGS, alwaysOn: true },
  {
    name: 'NodeResourcesBalancedAllocation',
    points: ['preScore', 'score'],
    default: { weight: 1 },
    args: BALANCED_ALLOCATION_ARGS,
    factory: (a: A) =>
      new NodeResourcesBalancedAllocation({ resources: a.resources as { name: string; weight: number }[] | undefined }),
  },
  { name: 'ImageLocality', points: ['score'], default: { weight: 1 }, factory: () => new ImageLocality() },
  { name: 'DefaultBinder', points: ['bind'], default: {}, alwaysOn: true },
  { name: 'DynamicResources', points: ['preEnqueue', 'preFilter', 'filter', 'postFilter', 'reserve', 'preBind'] },
];

const BY_NAME = new Map(REGISTRY.map((p) => [p.name, p]));

/** The registered plugin of this name, if any. */
export function registered(name: string): RegisteredPlugin | undefined {
  return BY_NAME.get(name);
}
