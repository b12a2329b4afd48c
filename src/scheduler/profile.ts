// Scheduler profiles: the plugin list the simulator's Framework runs for one schedulerName, built
// from a kubescheduler.config.k8s.io/v1 profile the way kube-scheduler builds it — the v1 defaults
// merge the profile's plugins into the default MultiPoint list (apis/config/v1/default_plugins.go
// mergePlugins), then NewFramework expands MultiPoint per extension point
// (framework/runtime/framework.go expandMultiPointPlugins). The default profile is the profile of
// an empty configuration. Every plugin comes from the registry (registry.ts).
//
// The simulator's Framework runs one ordered plugin list; a plugin enabled at only some of its
// extension points (e.g. NodeResourcesFit with score disabled) is wrapped so that it exposes
// only those. The list's order is the filter order, then plugins seen only at preFilter,
// preScore or score.

import { DEFAULT_SCHEDULER_NAME } from '../api/defaults.ts';
import { formatFieldErrors } from '../api/fielderrors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { PluginEntry } from './framework/framework.ts';
import { isFilter, isPreFilter, isPreScore, isScore, type Plugin } from './framework/types.ts';
import { defaultedArgs } from './pluginargs.ts';
import { EXTENSION_POINTS, REGISTRY, registered, type ExtensionPoint } from './registry.ts';

// ---- the v1 profile types (kubescheduler.config.k8s.io/v1 KubeSchedulerProfile) --------------

export interface PluginRef {
  name: string;
  weight?: number;
}
export interface PluginSet {
  enabled?: PluginRef[];
  disabled?: PluginRef[];
}
export type Plugins = Partial<Record<ExtensionPoint, PluginSet>>;
export interface PluginConfig {
  name: string;
  args?: Record<string, unknown>;
}

export interface ProfileSpec {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: Plugins;
  pluginConfig?: PluginConfig[];
}

/** What the simulator runs for one profile. */
export interface ResolvedProfile {
  schedulerName: string;
  /** The profile's own value, else the configuration's, else 0 (adaptive). */
  percentageOfNodesToScore: number;
  plugins: PluginEntry[];
  /** Per extension point, the plugin names kube-scheduler would run, in order (for explain/debugging). */
  points: Record<'preFilter' | 'filter' | 'preScore' | 'score', string[]>;
  weights: Record<string, number>;
}

type Point = 'preFilter' | 'filter' | 'preScore' | 'score';
const MODELLED_POINTS: Point[] = ['preFilter', 'filter', 'preScore', 'score'];

/** kube-scheduler's Go interface names, for "FilterPlugin \"X\" does not exist". */
const POINT_TYPE: Record<ExtensionPoint, string> = {
  preEnqueue: 'PreEnqueuePlugin',
  queueSort: 'QueueSortPlugin',
  preFilter: 'PreFilterPlugin',
  filter: 'FilterPlugin',
  postFilter: 'PostFilterPlugin',
  preScore: 'PreScorePlugin',
  score: 'ScorePlugin',
  reserve: 'ReservePlugin',
  permit: 'PermitPlugin',
  preBind: 'PreBindPlugin',
  bind: 'BindPlugin',
  postBind: 'PostBindPlugin',
  multiPoint: 'MultiPoint',
};

/** getDefaultPlugins: MultiPoint, in order, with weights. */
export const DEFAULT_MULTIPOINT: readonly PluginRef[] = REGISTRY.filter((p) => p.default).map((p) =>
  p.default!.weight === undefined ? { name: p.name } : { name: p.name, weight: p.default!.weight },
);

const ALWAYS_ON = REGISTRY.filter((p) => p.alwaysOn);

/** mergePluginSet (v1 defaults): custom disables (or `*`) drop defaults; re-enabled defaults keep their place. */
function mergePluginSet(defaults: readonly PluginRef[], custom: PluginSet | undefined): PluginSet {
  const disabled = new Set((custom?.disabled ?? []).map((p) => p.name));
  const enabledCustom = custom?.enabled ?? [];
  const replaced = new Set<number>();
  const enabled: PluginRef[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults) {
      if (disabled.has(d.name)) continue;
      const idx = enabledCustom.findIndex((c) => c.name === d.name);
      if (idx >= 0) {
        enabled.push(enabledCustom[idx]);
        replaced.add(idx);
      } else enabled.push(d);
    }
  }
  enabledCustom.forEach((c, i) => {
    if (!replaced.has(i)) enabled.push(c);
  });
  return { enabled, disabled: custom?.disabled ?? [] };
}

/** The plugin names of one extension point, as NewFramework orders them. */
function pointPlugins(point: ExtensionPoint, plugins: Record<ExtensionPoint, PluginSet>): string[] {
  const specific = plugins[point];
  const enabled = (specific.enabled ?? []).map((p) => p.name);
  const seen = new Set<string>();
  for (const n of enabled) {
    const reg = registered(n);
    if (!reg) throw new Error(`${POINT_TYPE[point]} "${n}" does not exist`);
    if (!reg.points.includes(point)) throw new Error(`plugin "${n}" does not extend ${POINT_TYPE[point]} plugin`);
    if (seen.has(n)) throw new Error(`plugin "${n}" already registered as "${POINT_TYPE[point]}"`);
    seen.add(n);
  }
  const disabled = new Set((specific.disabled ?? []).map((p) => p.name));
  if (disabled.has('*')) return enabled;
  const overrides: string[] = [];
  const multi: string[] = [];
  for (const { name } of plugins.multiPoint.enabled ?? []) {
    const reg = registered(name);
    if (!reg) throw new Error(`${POINT_TYPE[point]} "${name}" does not exist`);
    if (!reg.points.includes(point) || disabled.has(name)) continue;
    if (seen.has(name)) {
      overrides.push(name);
      continue;
    }
    if (multi.includes(name)) throw new Error(`plugin "${name}" already registered as "${POINT_TYPE[point]}"`);
    multi.push(name);
  }
  return [...overrides, ...multi, ...enabled.filter((n) => !overrides.includes(n))];
}

/** Exposes only the methods of the extension points the plugin is enabled at. */
function restrictTo(plugin: Plugin, points: Set<Point>): Plugin {
  const has = {
    preFilter: isPreFilter(plugin),
    filter: isFilter(plugin),
    preScore: isPreScore(plugin),
    score: isScore(plugin),
  };
  if (MODELLED_POINTS.every((p) => !has[p] || points.has(p))) return plugin;
  const view: Record<string, unknown> = { name: plugin.name };
  const bind = (m: string) => {
    const f = (plugin as unknown as Record<string, unknown>)[m];
    if (typeof f === 'function') view[m] = f.bind(plugin);
  };
  if (points.has('preFilter')) {
    bind('preFilter');
    bind('addPod');
    bind('removePod');
  }
  if (points.has('filter')) bind('filter');
  if (points.has('preScore')) bind('preScore');
  if (points.has('score')) {
    bind('score');
    bind('normalize');
  }
  return view as unknown as Plugin;
}

/**
 * One profile as kube-scheduler builds it (NewFramework + expandMultiPointPlugins) after the v1
 * defaults merged the profile's plugins into the default ones. Plugin args are defaulted here;
 * ValidateKubeSchedulerConfiguration (src/config/) has checked them before. Errors are
 * kube-scheduler's texts without the `creating profile for scheduler name X` prefix.
 */
export function buildProfile(p: ProfileSpec, percentageOfNodesToScore = 0): ResolvedProfile {
  const schedulerName = p.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  const custom = p.plugins ?? {};
  const merged = Object.fromEntries(
    EXTENSION_POINTS.map((ep) => [ep, mergePluginSet(ep === 'multiPoint' ? DEFAULT_MULTIPOINT : [], custom[ep])]),
  ) as Record<ExtensionPoint, PluginSet>;
  const points = {} as Record<ExtensionPoint, string[]>;
  for (const ep of EXTENSION_POINTS) if (ep !== 'multiPoint') points[ep] = pointPlugins(ep, merged);

  // The plugins whose work the simulator always does must be where the defaults put them.
  for (const { name, points: implemented } of ALWAYS_ON) {
    for (const ep of implemented) {
      if (!points[ep].includes(name))
        throw new NotSupportedError(
          `disabling ${name} at ${ep} in profile ${schedulerName} (the simulator always runs it)`,
        );
    }
  }
  for (const ep of ['preEnqueue', 'queueSort', 'postFilter', 'bind'] as ExtensionPoint[]) {
    const extra = points[ep].filter((n) => !registered(n)?.alwaysOn && n !== 'DynamicResources');
    if (extra.length) throw new NotSupportedError(`plugin ${extra[0]} at ${ep} (only the default plugins run there)`);
  }

  // Score weights: the multiPoint weight, overridden by the score point's; 0 means 1.
  const weights: Record<string, number> = {};
  for (const r of [...(merged.multiPoint.enabled ?? []), ...(merged.score.enabled ?? [])]) {
    if (registered(r.name)?.points.includes('score')) weights[r.name] = r.weight || 1;
  }

  const argsOf = new Map((p.pluginConfig ?? []).map((pc) => [pc.name, pc.args]));
  const order: string[] = [];
  for (const ep of ['filter', 'preFilter', 'preScore', 'score'] as Point[])
    for (const n of points[ep]) if (registered(n)?.factory && !order.includes(n)) order.push(n);
  const entries: PluginEntry[] = [];
  for (const name of order) {
    const reg = registered(name)!;
    const args = defaultedArgs(reg.args, argsOf.get(name));
    const errs = reg.args?.validateOnBuild?.(args, '') ?? [];
    if (errs.length) throw new Error(`initializing plugin "${name}": ${formatFieldErrors(errs)}`);
    let plugin: Plugin;
    try {
      plugin = reg.factory!(args);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new Error(`initializing plugin "${name}": ${(e as Error).message}`);
    }
    const at = new Set(MODELLED_POINTS.filter((ep) => points[ep].includes(name)));
    entries.push({ plugin: restrictTo(plugin, at), weight: at.has('score') ? (weights[name] ?? 1) : 0 });
  }
  return {
    schedulerName,
    percentageOfNodesToScore: p.percentageOfNodesToScore ?? percentageOfNodesToScore,
    plugins: entries,
    points: { preFilter: points.preFilter, filter: points.filter, preScore: points.preScore, score: points.score },
    weights: Object.fromEntries(points.score.map((n) => [n, weights[n] ?? 1])),
  };
}

/** The default profile: the one an empty KubeSchedulerConfiguration resolves to. */
export function defaultProfile(schedulerName = DEFAULT_SCHEDULER_NAME): ResolvedProfile {
  return buildProfile({ schedulerName });
}
