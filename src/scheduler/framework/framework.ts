// The framework runtime of one profile (framework/runtime/framework.go): runs the plugins of
// each extension point in profile order, tracks PreFilter skips and results, and applies score
// normalisation and weights.

import type {
  CycleState,
  FilterPlugin,
  NodeFilter,
  NodeInfo,
  NodesFilter,
  Plugin,
  PodInfo,
  PreFilterPlugin,
  PreScorePlugin,
  SchedulerContext,
  ScorePlugin,
  Status,
} from './types.ts';
import { isFilter, isPreFilter, isPreScore, isScore, MAX_NODE_SCORE } from './types.ts';

/** MAX_NODE_SCORE read once: under tsx's CommonJS transform every read of an imported binding is a getter call, which hot loops feel. */
const MAX_SCORE = MAX_NODE_SCORE;

export interface PluginEntry {
  plugin: Plugin;
  weight: number;
}

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
  /** The score plugins that ran (not skipped at PreScore), in profile order. */
  plugins: string[];
  /** scores[p][i]: normalised score of plugins[p] for the i-th scored node; empty when the caller did not keep them. */
  scores: number[][];
  /** total[i]: Σ weight × score of the i-th scored node. */
  total: number[];
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
    this.scores = entries
      .filter((e) => isScore(e.plugin) && e.weight > 0)
      .map((e) => ({ plugin: e.plugin as ScorePlugin, weight: e.weight }));
  }

  plugin(name: string): Plugin | undefined {
    return this.entries.find((e) => e.plugin.name === name)?.plugin;
  }

  runPreFilter(ctx: SchedulerContext, state: CycleState, pod: PodInfo): PreFilterRun {
    const run: PreFilterRun = { restrictedBy: [], skipped: new Set() };
    for (const p of this.preFilters) {
      const out = p.preFilter(ctx, state, pod);
      const st = out.status;
      if (st && st.code === 'Skip') {
        run.skipped.add(p.name);
        continue;
      }
      if (st && st.code !== 'Success') {
        run.rejected = { ...st, plugin: st.plugin ?? p.name };
        return run;
      }
      if (out.nodeNames) {
        run.restrictedBy.push(p.name);
        run.nodeNames = run.nodeNames
          ? new Set([...run.nodeNames].filter((n) => out.nodeNames!.has(n)))
          : new Set(out.nodeNames);
        if (run.nodeNames.size === 0) {
          const names = [...run.restrictedBy].sort();
          const msg =
            names.length === 1
              ? `node(s) didn't satisfy plugin ${names[0]}`
              : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
          run.rejected = { code: 'UnschedulableAndUnresolvable', reasons: [msg], plugin: p.name };
          return run;
        }
      }
    }
    return run;
  }

  /** Filters in order; the first rejection ends the node's evaluation. null = passes. */
  runFilters(
    ctx: SchedulerContext,
    state: CycleState,
    pod: PodInfo,
    node: NodeInfo,
    skipped: Set<string>,
  ): Status | null {
    return runBoundFilters(this.bindFilters(ctx, state, pod, skipped), node, ctx.snapshot.amounts.row(node));
  }

  /**
   * The filters not skipped at PreFilter, bound to this state and pod (filterFor where a plugin
   * has it), node by node and over chunks of nodes (filterNodesFor where a plugin has it): what
   * the cycle's filtering calls. Valid while the state is not changed.
   */
  bindFilters(ctx: SchedulerContext, state: CycleState, pod: PodInfo, skipped: Set<string>): BoundFilters {
    const bound: BoundFilters = { fns: [], names: [], chunks: [], chunkNames: [] };
    for (const f of this.filters) {
      if (skipped.size > 0 && skipped.has(f.name)) continue;
      const fn: NodeFilter | null = f.filterFor
        ? f.filterFor(ctx, state, pod)
        : (node) => f.filter(ctx, state, pod, node);
      if (fn === null) continue; // passes every node
      bound.fns.push(fn);
      bound.names.push(f.name);
      const overChunk = f.filterNodesFor ? f.filterNodesFor(ctx, state, pod, fn) : eachNode(fn);
      if (overChunk === null) continue; // passes every node of the snapshot
      bound.chunks.push(overChunk);
      bound.chunkNames.push(f.name);
    }
    return bound;
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

  /** The score array of plugins whose scores the caller does not keep, reused from cycle to cycle. */
  private scratchScores: number[] = [];
  /** The totals when the caller does not keep the scores, reused likewise. */
  private scratchTotal: number[] = [];

  /**
   * Score, NormalizeScore and weights of the plugins not skipped at PreScore; results by node
   * index. rows[i]: nodes[i]'s NodeAmounts row offset (-1 when not in the snapshot). With
   * keepScores false only the totals are returned (no per-plugin arrays are allocated), in an
   * array that the next runScore reuses.
   */
  runScore(
    ctx: SchedulerContext,
    state: CycleState,
    pod: PodInfo,
    nodes: NodeInfo[],
    rows: readonly number[],
    skipped: Set<string>,
    keepScores = true,
  ): ScoreRun {
    const n = nodes.length;
    let total: number[];
    if (keepScores) total = new Array<number>(n).fill(0);
    else {
      total = this.scratchTotal;
      if (total.length !== n) total.length = n;
      total.fill(0);
    }
    const run: ScoreRun = { plugins: [], scores: [], total };
    for (const { plugin, weight } of this.scores) {
      if (skipped.size > 0 && skipped.has(plugin.name)) continue;
      let out: number[];
      if (keepScores) out = new Array<number>(n);
      else {
        out = this.scratchScores;
        if (out.length !== n) out.length = n;
      }
      if (plugin.scoreNodes) plugin.scoreNodes(ctx, state, pod, nodes, rows, out);
      else for (let i = 0; i < n; i++) out[i] = plugin.score(ctx, state, pod, nodes[i]);
      plugin.normalize?.(ctx, state, pod, nodes, out);
      for (let i = 0; i < n; i++) {
        const s = out[i];
        if (s < 0 || s > MAX_SCORE || !Number.isInteger(s)) {
          throw new Error(
            `plugin ${plugin.name} returned score ${s} for node ${nodes[i].name}, outside [0, ${MAX_SCORE}]`,
          );
        }
        total[i] += s * weight;
      }
      run.plugins.push(plugin.name);
      if (keepScores) run.scores.push(out);
    }
    return run;
  }
}

/** One cycle's filters, bound by Framework.bindFilters. */
export interface BoundFilters {
  fns: NodeFilter[];
  /** The plugin of each function (set on statuses that do not name one). */
  names: string[];
  /** The same filters over chunks of the snapshot's nodes, without those every node of it passes; and their plugins. */
  chunks: NodesFilter[];
  chunkNames: string[];
}

/** Runs bound filters in order; the first rejection ends the node's evaluation. null = passes. `row`: see NodeFilter. */
export function runBoundFilters(b: BoundFilters, node: NodeInfo, row: number): Status | null {
  const fns = b.fns;
  for (let i = 0; i < fns.length; i++) {
    const st = fns[i](node, row);
    if (st && st.code !== 'Success') return st.plugin ? st : { ...st, plugin: b.names[i] };
  }
  return null;
}

/** A NodesFilter calling a plugin's NodeFilter node by node (plugins without filterNodesFor). */
function eachNode(one: NodeFilter): NodesFilter {
  return (nodes, rows, from, to, statuses) => {
    for (let i = from; i < to; i++) {
      if (statuses[i] !== null) continue;
      const st = one(nodes[i], rows[i]);
      if (st && st.code !== 'Success') statuses[i] = st;
    }
  };
}

/**
 * Runs bound filters plugin by plugin over the snapshot's nodes[from, to) (rows alike): statuses[i]
 * ends as the first rejection of nodes[i], named after its plugin, or null when it passes every
 * filter — what runBoundFilters answers node by node. A statuses[i] already set on entry is kept.
 */
export function runBoundFiltersOver(
  b: BoundFilters,
  nodes: readonly NodeInfo[],
  rows: readonly number[],
  from: number,
  to: number,
  statuses: (Status | null)[],
  by?: number[],
): void {
  const chunks = b.chunks;
  for (let p = 0; p < chunks.length; p++) {
    chunks[p](nodes, rows, from, to, statuses);
    if (by) {
      for (let i = from; i < to; i++) if (statuses[i] !== null && by[i] === UNNAMED) by[i] = p;
      continue;
    }
    for (let i = from; i < to; i++) {
      const st = statuses[i];
      if (st !== null && !st.plugin) statuses[i] = { ...st, plugin: b.chunkNames[p] };
    }
  }
}

/**
 * With `by`, runBoundFiltersOver does not name the statuses: by[i] (UNNAMED on entry) becomes the
 * index in b.chunks of the filter that rejected nodes[i], and named() names a status when someone
 * reads it (most cycles find a node and read none).
 */
export const UNNAMED = -1;

/** statuses[i] of runBoundFiltersOver(…, by) named after its plugin, as runBoundFiltersOver names it without `by`. */
export function named(b: BoundFilters, st: Status, by: number): Status {
  return st.plugin || by < 0 ? st : { ...st, plugin: b.chunkNames[by] };
}
