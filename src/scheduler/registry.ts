// The default profile (apis/config/v1/default_plugins.go): plugins in execution order with
// their score weights. ProfileConfig lets a scheduler configuration
// replace the list (KubeSchedulerConfiguration support builds on it).

import type { PluginEntry } from './framework/framework.ts';
import { NodeUnschedulable } from './plugins/nodeunschedulable.ts';
import { NodeName } from './plugins/nodename.ts';
import { TaintToleration } from './plugins/tainttoleration.ts';
import { NodeAffinity } from './plugins/nodeaffinity.ts';
import { NodePorts } from './plugins/nodeports.ts';
import { NodeResourcesFit } from './plugins/noderesourcesfit.ts';
import { PodTopologySpread } from './plugins/podtopologyspread.ts';
import { InterPodAffinity } from './plugins/interpodaffinity.ts';
import { NodeResourcesBalancedAllocation } from './plugins/balancedallocation.ts';
import { ImageLocality } from './plugins/imagelocality.ts';

export interface ProfileConfig {
  /** Replaces the default plugin list (order = execution order). */
  plugins?: PluginEntry[];
}

/** Default weights: TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, the rest 1. */
export function defaultPlugins(cfg: ProfileConfig = {}): PluginEntry[] {
  if (cfg.plugins) return cfg.plugins;
  return [
    { plugin: new NodeUnschedulable(), weight: 0 },
    { plugin: new NodeName(), weight: 0 },
    { plugin: new TaintToleration(), weight: 3 },
    { plugin: new NodeAffinity(), weight: 2 },
    { plugin: new NodePorts(), weight: 0 },
    { plugin: new NodeResourcesFit(), weight: 1 },
    { plugin: new PodTopologySpread(), weight: 2 },
    { plugin: new InterPodAffinity(), weight: 2 },
    { plugin: new NodeResourcesBalancedAllocation(), weight: 1 },
    { plugin: new ImageLocality(), weight: 1 },
  ];
}
