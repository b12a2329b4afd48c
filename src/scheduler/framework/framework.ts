// The framework runtime of one profile (framework/runtime/framework.go): runs the plugins of
// each extension point in profile order, tracks PreFilter skips and results, and applies score
// normalisation and weights.

import type {
  CycleState, FilterPlugin, NodeInfo, NodeScore, Plugin, PodInfo, PreFilterPlugin, PreScorePlugin, SchedulerContext, ScorePlugin, Status,
} from './types.ts';
import { isFilter, isPreFilter, isPreScore, isScore, MAX_NODE_SCORE } from './types.ts';

export interface PluginEntry { plugin: Plugin; weight: number }

export interface PreFilterRun {
  /** A rejection (U/UU/Error) of the whole cycle, with the plugin's message. */
  rejected?: Status;
  /** Intersection of PreFilterResults; undefined = all nodes. */
  nodeNames?: Set<string>;
  /** Plugins whose PreFilterResult restricted the nodes (for the absent-node reason). */
  restrictedBy: string[];
  /** Plugins that returned Skip: their Filter is not run. */
  skipped: Set<string>;
}

export interface ScoreRun {
  /** node → plugin → normalised score (only plugins that ran). */
  perPlugin: Map<string, Map<string, number>>;
  /** node → Σ weight × score. */
  total: Map<string, number>;
}

export class Framework {
  readonly preFilters: PreFilterPlugin[];
  readonly filters: FilterPlugin[];
  readonly preScores: PreScorePlugin[];
  readonly scores: { plugin: ScorePlugin; weight: number }[];

  constructor(readonly entries: PluginEntry[]) {
    const plugins = entries.map((e) => e.plugin);
    this.preFilters = plugins.filter(isPreFilter);
    this.filters = plugins.filter(isFilter);
    this.preScores = plugins.filter(isPreScore);
    this.scores = entries.filter((e) => isScore(e.plugin) && e.weight > 0).map((e) => ({ plugin: e.plugin as ScorePlugin, weight: e.weight }));
  }

  plugin(name: string): Plugin | undefined { return this.entries.find((e) => e.plugin.name === name)?.plugin; }

  runPreFilter(ctx: SchedulerContext, state: CycleState, pod: PodInfo): PreFilterRun {
    const run: PreFilterRun = { restrictedBy: [], skipped: new Set() };
    for (const p of this.preFilters) {
      const out = p.preFilter(ctx, state, pod);
      const st = out.status;
      if (st && st.code === 'Skip') { run.skipped.add(p.name); continue; }
      if (st && st.code !== 'Success') { run.rejected = { ...st, plugin: st.plugin ?? p.name }; return run; }
      if (out.nodeNames) {
        run.restrictedBy.push(p.name);
        run.nodeNames = run.nodeNames ? new Set([...run.nodeNames].filter((n) => out.nodeNames!.has(n))) : new Set(out.nodeNames);
        if (run.nodeNames.size === 0) {
          const names = [...run.restrictedBy].sort();
          const msg = names.length === 1 ? `node(s) didn't satisfy plugin ${names[0]}` : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
          run.rejected = { code: 'UnschedulableAndUnresolvable', reasons: [msg], plugin: p.name };
          return run;
        }
      }
    }
    return run;
  }

  /** Filters in order; the first rejection ends the node's evaluation. null = passes. */
  runFilters(ctx: SchedulerContext, state: CycleState, pod: PodInfo, node: NodeInfo, skipped: Set<string>): Status | null {
    for (const f of this.filters) {
      if (skipped.has(f.name)) continue;
      const st = f.filter(ctx, state, pod, node);
      if (st && st.code !== 'Success') return st.plugin ? st : { ...st, plugin: f.name };
    }
    return null;
  }

  /** PreScore for every score-capable plugin; returns the plugins that ran Score (not skipped). */
  runPreScore(ctx: SchedulerContext, state: CycleState, pod: PodInfo, nodes: NodeInfo[]): Set<string> {
    const skipped = new Set<string>();
    for (const p of this.preScores) {
      const st = p.preScore(ctx, state, pod, nodes);
      if (st && st.code === 'Skip') skipped.add(p.name);
      else if (st && st.code !== 'Success') throw new Error(`PreScore ${p.name}: ${st.reasons.join(', ')}`);
    }
    return skipped;
  }

  runScore(ctx: SchedulerContext, state: CycleState, pod: PodInfo, nodes: NodeInfo[], skipped: Set<string>): ScoreRun {
    const perPlugin = new Map<string, Map<string, number>>(nodes.map((n) => [n.name, new Map()]));
    const total = new Map<string, number>(nodes.map((n) => [n.name, 0]));
    for (const { plugin, weight } of this.scores) {
      if (skipped.has(plugin.name)) continue;
      const scores: NodeScore[] = nodes.map((n) => ({ name: n.name, score: plugin.score(ctx, state, pod, n) }));
      plugin.normalize?.(ctx, state, pod, scores);
      for (const s of scores) {
        if (s.score < 0 || s.score > MAX_NODE_SCORE || !Number.isInteger(s.score)) {
          throw new Error(`plugin ${plugin.name} returned score ${s.score} for node ${s.name}, outside [0, ${MAX_NODE_SCORE}]`);
        }
        perPlugin.get(s.name)!.set(plugin.name, s.score);
        total.set(s.name, total.get(s.name)! + s.score * weight);
      }
    }
    return { perPlugin, total };
  }
}
