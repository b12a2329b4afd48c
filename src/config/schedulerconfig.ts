// KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1, kube-scheduler 1.33): reading a
// config file or text strictly (unknown fields are errors, as kube-scheduler's strict decoder
// says them), applying the v1 defaults (default plugins in MultiPoint, per-extension-point
// enable/disable merge, `*`, score weights, plugin args defaults), validating with the texts of
// pkg/scheduler/apis/config/validation, and building one profile per schedulerName: the
// simulator's PluginEntry list plus percentageOfNodesToScore.
//
// The simulator's Framework runs one ordered plugin list; a plugin enabled at only some of its
// extension points (e.g. NodeResourcesFit with score disabled) is wrapped so that it exposes
// only those. The list's order is the filter order, then plugins seen only at preFilter,
// preScore or score. Plugins kube-scheduler has but the simulator does not model (volume
// plugins, DynamicResources) may be listed or disabled and do nothing; the ones whose job the
// simulator always does (PrioritySort, SchedulingGates, DefaultPreemption, DefaultBinder)
// cannot be disabled or replaced (NotSupportedError).

import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { collectionKey } from '../api/manifest.ts';
import type { NodeAffinity as NodeAffinitySpec, TopologySpreadConstraint } from '../api/types.ts';
import {
  formatFieldErrors, forbidden, invalid, notSupported, required, type FieldError,
} from '../api/fielderrors.ts';
import { isQualifiedName } from '../api/validation.ts';
import type { PluginEntry } from '../scheduler/framework/framework.ts';
import type { Plugin } from '../scheduler/framework/types.ts';
import { isFilter, isPreFilter, isPreScore, isScore } from '../scheduler/framework/types.ts';
import { NodeUnschedulable } from '../scheduler/plugins/nodeunschedulable.ts';
import { NodeName } from '../scheduler/plugins/nodename.ts';
import { TaintToleration } from '../scheduler/plugins/tainttoleration.ts';
import { NodeAffinity } from '../scheduler/plugins/nodeaffinity.ts';
import { NodePorts } from '../scheduler/plugins/nodeports.ts';
import { NodeResourcesFit, type NodeResourcesFitArgs } from '../scheduler/plugins/noderesourcesfit.ts';
import { PodTopologySpread, type PodTopologySpreadArgs } from '../scheduler/plugins/podtopologyspread.ts';
import { InterPodAffinity } from '../scheduler/plugins/interpodaffinity.ts';
import { NodeResourcesBalancedAllocation } from '../scheduler/plugins/balancedallocation.ts';
import { ImageLocality } from '../scheduler/plugins/imagelocality.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';

export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';
export const CONFIG_KIND = 'KubeSchedulerConfiguration';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

// ---- the v1 types (as written in a file) ------------------------------------------------------

export interface PluginRef { name: string; weight?: number }
export interface PluginSet { enabled?: PluginRef[]; disabled?: PluginRef[] }

export const EXTENSION_POINTS = [
  'preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind', 'multiPoint',
] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];
export type Plugins = Partial<Record<ExtensionPoint, PluginSet>>;

export interface PluginConfig { name: string; args?: Record<string, unknown> }

export interface KubeSchedulerProfile {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: Plugins;
  pluginConfig?: PluginConfig[];
}

export interface KubeSchedulerConfiguration {
  apiVersion: string;
  kind: string;
  percentageOfNodesToScore?: number;
  parallelism?: number;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  profiles?: KubeSchedulerProfile[];
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

/** A configuration kube-scheduler would refuse; the message is what it would say. */
export class SchedulerConfigError extends UserError {
  constructor(readonly source: string, readonly detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'SchedulerConfigError';
  }
}

// ---- strict decoding --------------------------------------------------------------------------

type Shape = 'any' | 'number' | 'string' | 'bool' | { [field: string]: Shape } | [Shape];

const PLUGIN_REF: Shape = { name: 'string', weight: 'number' };
const PLUGIN_SET: Shape = { enabled: [PLUGIN_REF], disabled: [PLUGIN_REF] };
const PROFILE: Shape = {
  schedulerName: 'string',
  percentageOfNodesToScore: 'number',
  plugins: Object.fromEntries(EXTENSION_POINTS.map((p) => [p, PLUGIN_SET])) as Shape,
  pluginConfig: [{ name: 'string', args: 'any' }],
};
const CONFIG: Shape = {
  apiVersion: 'string', kind: 'string', parallelism: 'number', percentageOfNodesToScore: 'number',
  podInitialBackoffSeconds: 'number', podMaxBackoffSeconds: 'number', delayCacheUntilActive: 'bool',
  leaderElection: 'any', clientConnection: 'any', enableProfiling: 'bool', enableContentionProfiling: 'bool',
  healthzBindAddress: 'string', metricsBindAddress: 'string', extenders: 'any',
  profiles: [PROFILE],
};

/** Walks value against shape; returns the first unknown field (`profiles[0].plugin`) or wrong type. */
function strictCheck(value: unknown, shape: Shape, path: string): string | null {
  if (shape === 'any' || value === null || value === undefined) return null;
  const where = path || '.';
  if (shape === 'number') return typeof value === 'number' && Number.isInteger(value) ? null : `${where}: expected an integer, got ${JSON.stringify(value)}`;
  if (shape === 'string') return typeof value === 'string' ? null : `${where}: expected a string, got ${JSON.stringify(value)}`;
  if (shape === 'bool') return typeof value === 'boolean' ? null : `${where}: expected true or false, got ${JSON.stringify(value)}`;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${where}: expected a list, got ${JSON.stringify(value)}`;
    for (let i = 0; i < value.length; i++) {
      const e = strictCheck(value[i], shape[0], `${path}[${i}]`);
      if (e) return e;
    }
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return `${where}: expected a mapping, got ${JSON.stringify(value)}`;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = path ? `${path}.${k}` : k;
    if (!(k in shape)) return `strict decoding error: unknown field "${sub}"`;
    const e = strictCheck(v, shape[k], sub);
    if (e) return e;
  }
  return null;
}

/** Parses and checks a KubeSchedulerConfiguration; `source` names it in errors (a file path). */
export function parseSchedulerConfig(text: string, source: string): KubeSchedulerConfiguration {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (doc.errors.length) throw new SchedulerConfigError(source, `YAML syntax error: ${doc.errors[0].message.split('\n')[0]}`);
  const key = collectionKey(doc);
  if (key) throw new SchedulerConfigError(source, `YAML error: ${key.message}`);
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    throw new SchedulerConfigError(source, `YAML error: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SchedulerConfigError(source, `expected a KubeSchedulerConfiguration (apiVersion: ${CONFIG_API_VERSION}, kind: ${CONFIG_KIND})`);
  }
  const obj = value as Record<string, unknown>;
  if (obj.kind !== CONFIG_KIND) {
    throw new SchedulerConfigError(source, `couldn't decode as KubeSchedulerConfiguration, got kind ${JSON.stringify(obj.kind ?? '')} — a scheduler configuration starts with apiVersion: ${CONFIG_API_VERSION} and kind: ${CONFIG_KIND}`);
  }
  if (obj.apiVersion !== CONFIG_API_VERSION) {
    throw new SchedulerConfigError(source, `no kind "${CONFIG_KIND}" is registered for version "${String(obj.apiVersion ?? '')}" — kube-scheduler 1.33 reads apiVersion: ${CONFIG_API_VERSION}`);
  }
  const err = strictCheck(obj, CONFIG, '');
  if (err) throw new SchedulerConfigError(source, err);
  return obj as unknown as KubeSchedulerConfiguration;
}

export function loadSchedulerConfigFile(path: string): KubeSchedulerConfiguration {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { throw new UserError(`the path "${path}" does not exist`); }
  return parseSchedulerConfig(text, path);
}

// ---- the plugin registry ----------------------------------------------------------------------

type Point = 'preFilter' | 'filter' | 'preScore' | 'score';
const MODELLED_POINTS: Point[] = ['preFilter', 'filter', 'preScore', 'score'];

/** kube-scheduler's Go interface names, for "FilterPlugin \"X\" does not exist". */
const POINT_TYPE: Record<ExtensionPoint, string> = {
  preEnqueue: 'PreEnqueuePlugin', queueSort: 'QueueSortPlugin', preFilter: 'PreFilterPlugin', filter: 'FilterPlugin',
  postFilter: 'PostFilterPlugin', preScore: 'PreScorePlugin', score: 'ScorePlugin', reserve: 'ReservePlugin',
  permit: 'PermitPlugin', preBind: 'PreBindPlugin', bind: 'BindPlugin', postBind: 'PostBindPlugin', multiPoint: 'MultiPoint',
};

/** Plugins the simulator builds, with their args type checks done by validation. */
const FACTORIES: Record<string, (args: Record<string, unknown>) => Plugin> = {
  NodeUnschedulable: () => new NodeUnschedulable(),
  NodeName: () => new NodeName(),
  TaintToleration: () => new TaintToleration(),
  NodeAffinity: (a) => new NodeAffinity({ addedAffinity: a.addedAffinity as NodeAffinitySpec | undefined }),
  NodePorts: () => new NodePorts(),
  NodeResourcesFit: (a) => new NodeResourcesFit(a as NodeResourcesFitArgs),
  PodTopologySpread: (a) => new PodTopologySpread({
    defaultingType: a.defaultingType as PodTopologySpreadArgs['defaultingType'],
    defaultConstraints: a.defaultConstraints as TopologySpreadConstraint[] | undefined,
  }),
  InterPodAffinity: (a) => new InterPodAffinity({ hardPodAffinityWeight: a.hardPodAffinityWeight as number }),
  NodeResourcesBalancedAllocation: (a) => new NodeResourcesBalancedAllocation({ resources: a.resources as { name: string; weight: number }[] | undefined }),
  ImageLocality: () => new ImageLocality(),
};

/** Extension points each kube-scheduler plugin implements (the in-tree registry of 1.33). */
const IMPLEMENTS: Record<string, ExtensionPoint[]> = {
  SchedulingGates: ['preEnqueue'],
  PrioritySort: ['queueSort'],
  NodeUnschedulable: ['filter'],
  NodeName: ['filter'],
  TaintToleration: ['filter', 'preScore', 'score'],
  NodeAffinity: ['preFilter', 'filter', 'preScore', 'score'],
  NodePorts: ['preFilter', 'filter'],
  NodeResourcesFit: ['preFilter', 'filter', 'preScore', 'score'],
  VolumeRestrictions: ['preFilter', 'filter'],
  NodeVolumeLimits: ['filter'],
  VolumeBinding: ['preFilter', 'filter', 'reserve', 'preBind', 'preScore', 'score'],
  VolumeZone: ['preFilter', 'filter'],
  PodTopologySpread: ['preFilter', 'filter', 'preScore', 'score'],
  InterPodAffinity: ['preFilter', 'filter', 'preScore', 'score'],
  DefaultPreemption: ['postFilter'],
  NodeResourcesBalancedAllocation: ['preScore', 'score'],
  ImageLocality: ['score'],
  DefaultBinder: ['bind'],
  DynamicResources: ['preEnqueue', 'preFilter', 'filter', 'postFilter', 'reserve', 'preBind'],
};

/** Whose work the simulator always does: they must stay enabled exactly where the defaults have them. */
const ALWAYS_ON = ['SchedulingGates', 'PrioritySort', 'DefaultPreemption', 'DefaultBinder'];

/** getDefaultPlugins (apis/config/v1/default_plugins.go, 1.33): MultiPoint, in order, with weights. */
export const DEFAULT_MULTIPOINT: PluginRef[] = [
  { name: 'SchedulingGates' }, { name: 'PrioritySort' }, { name: 'NodeUnschedulable' }, { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 }, { name: 'NodeAffinity', weight: 2 }, { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 }, { name: 'VolumeRestrictions' }, { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' }, { name: 'VolumeZone' }, { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 }, { name: 'DefaultPreemption' }, { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 }, { name: 'DefaultBinder' },
];

// ---- defaulting -------------------------------------------------------------------------------

/** mergePluginSet (v1 defaults): custom disables (or `*`) drop defaults; re-enabled defaults keep their place. */
function mergePluginSet(defaults: PluginRef[], custom: PluginSet | undefined): PluginSet {
  const disabled = new Set((custom?.disabled ?? []).map((p) => p.name));
  const enabledCustom = custom?.enabled ?? [];
  const replaced = new Set<number>();
  const enabled: PluginRef[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults) {
      if (disabled.has(d.name)) continue;
      const idx = enabledCustom.findIndex((c) => c.name === d.name);
      if (idx >= 0) { enabled.push(enabledCustom[idx]); replaced.add(idx); } else enabled.push(d);
    }
  }
  enabledCustom.forEach((c, i) => { if (!replaced.has(i)) enabled.push(c); });
  return { enabled, disabled: custom?.disabled ?? [] };
}

function defaultArgs(name: string, given: Record<string, unknown> | undefined): Record<string, unknown> {
  const a: Record<string, unknown> = { ...(given ?? {}) };
  delete a.apiVersion;
  delete a.kind;
  const defaultResources = () => [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];
  switch (name) {
    case 'NodeResourcesFit': {
      const s = (a.scoringStrategy as Record<string, unknown> | undefined) ?? { type: 'LeastAllocated' };
      const resources = (s.resources as { name: string; weight?: number }[] | undefined) ?? [];
      a.scoringStrategy = { ...s, resources: resources.length ? resources.map((r) => ({ ...r, weight: r.weight || 1 })) : defaultResources() };
      break;
    }
    case 'InterPodAffinity': a.hardPodAffinityWeight ??= 1; break;
    case 'PodTopologySpread': a.defaultingType ??= 'System'; break;
    case 'NodeResourcesBalancedAllocation': {
      const r = (a.resources as { name: string; weight?: number }[] | undefined) ?? [];
      a.resources = r.length ? r.map((x) => ({ ...x, weight: x.weight || 1 })) : defaultResources();
      break;
    }
    case 'DefaultPreemption': a.minCandidateNodesPercentage ??= 10; a.minCandidateNodesAbsolute ??= 100; break;
  }
  return a;
}

// ---- validation (pkg/scheduler/apis/config/validation) -----------------------------------------

const ARGS_FIELDS: Record<string, string[]> = {
  NodeResourcesFit: ['ignoredResources', 'ignoredResourceGroups', 'scoringStrategy'],
  InterPodAffinity: ['hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods'],
  PodTopologySpread: ['defaultConstraints', 'defaultingType'],
  NodeAffinity: ['addedAffinity'],
  NodeResourcesBalancedAllocation: ['resources'],
  DefaultPreemption: ['minCandidateNodesPercentage', 'minCandidateNodesAbsolute'],
  VolumeBinding: ['bindTimeoutSeconds', 'shape'],
};

const labelNameErrors = (v: string, path: string): FieldError[] => isQualifiedName(v).map((m) => invalid(path, v, m));

function validateShape(shape: unknown, path: string): FieldError[] {
  const pts = Array.isArray(shape) ? (shape as { utilization?: number; score?: number }[]) : [];
  if (pts.length === 0) return [required(path, 'at least one point must be specified')];
  const errs: FieldError[] = [];
  for (let i = 1; i < pts.length; i++) {
    if ((pts[i - 1].utilization ?? 0) >= (pts[i].utilization ?? 0)) {
      errs.push(invalid(`${path}[${i}].utilization`, pts[i].utilization ?? 0, 'values must be sorted in increasing order'));
      break;
    }
  }
  pts.forEach((p, i) => {
    const u = p.utilization ?? 0, s = p.score ?? 0;
    if (u < 0 || u > 100) errs.push(invalid(`${path}[${i}].utilization`, u, 'not in valid range [0, 100]'));
    if (s < 0 || s > 10) errs.push(invalid(`${path}[${i}].score`, s, 'not in valid range [0, 10]'));
  });
  return errs;
}

/** ValidateNodeResourcesFitArgs; kube-scheduler runs it when building the plugin (path without prefix). */
export function validateNodeResourcesFitArgs(a: Record<string, unknown>, path: string): FieldError[] {
  const p = (f: string) => (path ? `${path}.${f}` : f);
  const errs: FieldError[] = [];
  ((a.ignoredResources as string[] | undefined) ?? []).forEach((r, i) => errs.push(...labelNameErrors(r, `${p('ignoredResources')}[${i}]`)));
  ((a.ignoredResourceGroups as string[] | undefined) ?? []).forEach((g, i) => {
    const gp = `${p('ignoredResourceGroups')}[${i}]`;
    if (g.includes('/')) errs.push(invalid(gp, g, "resource group name can't contain '/'"));
    errs.push(...labelNameErrors(g, gp));
  });
  const s = a.scoringStrategy as { type?: string; resources?: { name: string; weight: number }[]; requestedToCapacityRatio?: { shape?: unknown } } | undefined;
  const sp = p('scoringStrategy');
  if (!s) return [...errs, required(sp, 'ScoringStrategy field is required')];
  const types = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];
  if (!types.includes(s.type ?? '')) errs.push(notSupported(`${sp}.type`, s.type ?? '', types));
  (s.resources ?? []).forEach((r, i) => {
    if (r.weight <= 0 || r.weight > 100) errs.push(invalid(`${sp}.resources[${i}].weight`, r.weight, `resource weight of ${r.name} not in valid range (0, 100]`));
  });
  if (s.type === 'RequestedToCapacityRatio') {
    if (!s.requestedToCapacityRatio) errs.push(required(`${sp}.requestedToCapacityRatio`, 'must be specified when type is RequestedToCapacityRatio'));
    else errs.push(...validateShape(s.requestedToCapacityRatio.shape, `${sp}.requestedToCapacityRatio.shape`));
  } else if (s.requestedToCapacityRatio) {
    errs.push(forbidden(`${sp}.requestedToCapacityRatio`, 'must be nil when type is not RequestedToCapacityRatio'));
  }
  return errs;
}

function validatePodTopologySpreadArgs(a: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const constraints = (a.defaultConstraints as TopologySpreadConstraint[] | undefined) ?? [];
  const dt = a.defaultingType as string;
  if (dt !== 'System' && dt !== 'List') errs.push(notSupported(`${path}.defaultingType`, dt, ['System', 'List']));
  else if (dt === 'System' && constraints.length > 0) errs.push(invalid(`${path}.defaultingType`, dt, 'when .defaultConstraints are not empty'));
  constraints.forEach((c, i) => {
    const p = `${path}.defaultConstraints[${i}]`;
    if (!(c.maxSkew > 0)) errs.push(invalid(`${p}.maxSkew`, c.maxSkew ?? 0, 'not in valid range (0, inf)'));
    if (!c.topologyKey) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    else errs.push(...labelNameErrors(c.topologyKey, `${p}.topologyKey`));
    if (!c.whenUnsatisfiable) errs.push(required(`${p}.whenUnsatisfiable`, 'can not be empty'));
    else if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (c.labelSelector) errs.push(forbidden(`${p}.labelSelector`, 'constraint must not define a selector, as they deduced for each pod'));
    if (constraints.slice(0, i).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push({ type: 'Duplicate', field: `${path}.defaultConstraints[${i}]`, value: `{${c.topologyKey}, ${c.whenUnsatisfiable}}` });
    }
  });
  return errs;
}

function validateArgs(name: string, a: Record<string, unknown>, path: string): FieldError[] {
  switch (name) {
    case 'InterPodAffinity': {
      const w = a.hardPodAffinityWeight as number;
      return w < 0 || w > 100 ? [invalid(`${path}.hardPodAffinityWeight`, w, 'not in valid range [0, 100]')] : [];
    }
    case 'PodTopologySpread': return validatePodTopologySpreadArgs(a, path);
    case 'NodeResourcesBalancedAllocation': {
      const errs: FieldError[] = [];
      const seen = new Set<string>();
      (a.resources as { name: string; weight: number }[]).forEach((r, i) => {
        if (seen.has(r.name)) errs.push({ type: 'Duplicate', field: `${path}.resources[${i}].name`, value: r.name });
        seen.add(r.name);
        if (r.weight !== 1) errs.push(invalid(`${path}.resources[${i}].weight`, r.weight, 'must be 1'));
      });
      return errs;
    }
    case 'DefaultPreemption': {
      const pct = a.minCandidateNodesPercentage as number, abs = a.minCandidateNodesAbsolute as number;
      const pp = `${path}.minCandidateNodesPercentage`, ap = `${path}.minCandidateNodesAbsolute`;
      const errs: FieldError[] = [];
      if (pct < 0 || pct > 100) errs.push(invalid(pp, pct, 'not in valid range [0, 100]'));
      if (abs < 0) errs.push(invalid(ap, abs, 'not in valid range [0, inf)'));
      if (pct === 0 && abs === 0) {
        errs.push(invalid(pp, pct, 'cannot be zero at the same time as minCandidateNodesAbsolute'), invalid(ap, abs, 'cannot be zero at the same time as minCandidateNodesPercentage'));
      }
      return errs;
    }
    // NodeResourcesFit: validated when the plugin is built (upstream registers its validator under
    // the name "NodeResourcesFitArgs", so the configuration-level check never runs for it).
    // NodeAffinity: its constructor parses addedAffinity and reports what is wrong.
    default: return [];
  }
}

function validatePercentage(v: number | undefined, path: string): FieldError[] {
  return v !== undefined && (v < 0 || v > 100) ? [invalid(path, v, 'not in valid range [0-100]')] : [];
}

/** ValidateKubeSchedulerConfiguration (the parts the simulator reads), after defaulting. */
export function validateSchedulerConfig(cfg: KubeSchedulerConfiguration): FieldError[] {
  const errs: FieldError[] = [];
  if (cfg.parallelism !== undefined && cfg.parallelism <= 0) errs.push(invalid('parallelism', cfg.parallelism, 'should be an integer value greater than zero'));
  const profiles = cfg.profiles ?? [];
  const seen = new Map<string, number>();
  profiles.forEach((p, i) => {
    const path = `profiles[${i}]`;
    const name = p.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    if (name === '') errs.push(required(`${path}.schedulerName`));
    errs.push(...validatePercentage(p.percentageOfNodesToScore, `${path}.percentageOfNodesToScore`));
    const seenArgs = new Set<string>();
    (p.pluginConfig ?? []).forEach((pc, j) => {
      const pcPath = `${path}.pluginConfig[${j}]`;
      if (seenArgs.has(pc.name)) errs.push({ type: 'Duplicate', field: pcPath, value: pc.name });
      seenArgs.add(pc.name);
      const known = ARGS_FIELDS[pc.name];
      const given = pc.args ?? {};
      if (known) {
        const unknown = Object.keys(given).filter((k) => k !== 'apiVersion' && k !== 'kind' && !known.includes(k));
        if (unknown.length) errs.push(invalid(`${pcPath}.args`, unknown[0], `strict decoding error: unknown field "${unknown[0]}"`));
        else errs.push(...validateArgs(pc.name, defaultArgs(pc.name, given), `${pcPath}.args`));
      }
    });
    if (seen.has(name)) errs.push({ type: 'Duplicate', field: `${path}.schedulerName`, value: `profiles[${seen.get(name)}].schedulerName` });
    seen.set(name, i);
  });
  // validateCommonQueueSort: every profile the same queueSort as the first.
  const qs = (p: KubeSchedulerProfile) => JSON.stringify(p.plugins?.queueSort ?? {});
  for (let i = 1; i < profiles.length; i++) {
    if (qs(profiles[i]) !== qs(profiles[0])) errs.push(invalid(`profiles[${i}].plugins.queueSort`, profiles[i].plugins?.queueSort ?? {}, 'must be the same for all profiles'));
  }
  errs.push(...validatePercentage(cfg.percentageOfNodesToScore, 'percentageOfNodesToScore'));
  if (cfg.podInitialBackoffSeconds !== undefined && cfg.podInitialBackoffSeconds <= 0) {
    errs.push(invalid('podInitialBackoffSeconds', cfg.podInitialBackoffSeconds, 'must be greater than 0'));
  }
  const initial = cfg.podInitialBackoffSeconds ?? 1;
  if (cfg.podMaxBackoffSeconds !== undefined && cfg.podMaxBackoffSeconds < initial) {
    errs.push(invalid('podMaxBackoffSeconds', cfg.podMaxBackoffSeconds, 'must be greater than or equal to PodInitialBackoffSeconds'));
  }
  return errs;
}

// ---- building the profiles (framework/runtime NewFramework + expandMultiPointPlugins) -----------

/** The plugin names of one extension point, as NewFramework orders them. */
function pointPlugins(point: ExtensionPoint, plugins: Record<ExtensionPoint, PluginSet>): string[] {
  const specific = plugins[point];
  const enabled = (specific.enabled ?? []).map((p) => p.name);
  const seen = new Set<string>();
  for (const n of enabled) {
    if (!IMPLEMENTS[n]) throw new Error(`${POINT_TYPE[point]} "${n}" does not exist`);
    if (!IMPLEMENTS[n].includes(point)) throw new Error(`plugin "${n}" does not extend ${POINT_TYPE[point]} plugin`);
    if (seen.has(n)) throw new Error(`plugin "${n}" already registered as "${POINT_TYPE[point]}"`);
    seen.add(n);
  }
  const disabled = new Set((specific.disabled ?? []).map((p) => p.name));
  if (disabled.has('*')) return enabled;
  const overrides: string[] = [];
  const multi: string[] = [];
  for (const { name } of plugins.multiPoint.enabled ?? []) {
    if (!IMPLEMENTS[name]) throw new Error(`${POINT_TYPE[point]} "${name}" does not exist`);
    if (!IMPLEMENTS[name].includes(point) || disabled.has(name)) continue;
    if (seen.has(name)) { overrides.push(name); continue; }
    if (multi.includes(name)) throw new Error(`plugin "${name}" already registered as "${POINT_TYPE[point]}"`);
    multi.push(name);
  }
  return [...overrides, ...multi, ...enabled.filter((n) => !overrides.includes(n))];
}

/** Exposes only the methods of the extension points the plugin is enabled at. */
function restrictTo(plugin: Plugin, points: Set<Point>): Plugin {
  const has = { preFilter: isPreFilter(plugin), filter: isFilter(plugin), preScore: isPreScore(plugin), score: isScore(plugin) };
  if (MODELLED_POINTS.every((p) => !has[p] || points.has(p))) return plugin;
  const view: Record<string, unknown> = { name: plugin.name };
  const bind = (m: string) => { const f = (plugin as unknown as Record<string, unknown>)[m]; if (typeof f === 'function') view[m] = f.bind(plugin); };
  if (points.has('preFilter')) { bind('preFilter'); bind('addPod'); bind('removePod'); }
  if (points.has('filter')) bind('filter');
  if (points.has('preScore')) bind('preScore');
  if (points.has('score')) { bind('score'); bind('normalize'); }
  return view as unknown as Plugin;
}

function buildProfile(cfg: KubeSchedulerConfiguration, p: KubeSchedulerProfile): ResolvedProfile {
  const schedulerName = p.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  const custom = p.plugins ?? {};
  const merged = Object.fromEntries(EXTENSION_POINTS.map((ep) => [ep, mergePluginSet(ep === 'multiPoint' ? DEFAULT_MULTIPOINT : [], custom[ep])])) as Record<ExtensionPoint, PluginSet>;
  const points = {} as Record<ExtensionPoint, string[]>;
  for (const ep of EXTENSION_POINTS) if (ep !== 'multiPoint') points[ep] = pointPlugins(ep, merged);

  // The plugins whose work the simulator always does must be where the defaults put them.
  for (const name of ALWAYS_ON) {
    for (const ep of IMPLEMENTS[name]) {
      if (!points[ep].includes(name)) throw new NotSupportedError(`disabling ${name} at ${ep} in profile ${schedulerName} (the simulator always runs it)`);
    }
  }
  for (const ep of ['preEnqueue', 'queueSort', 'postFilter', 'bind'] as ExtensionPoint[]) {
    const extra = points[ep].filter((n) => !ALWAYS_ON.includes(n) && n !== 'DynamicResources');
    if (extra.length) throw new NotSupportedError(`plugin ${extra[0]} at ${ep} (only the default plugins run there)`);
  }

  // Score weights: the multiPoint weight, overridden by the score point's; 0 means 1.
  const weights: Record<string, number> = {};
  for (const r of [...(merged.multiPoint.enabled ?? []), ...(merged.score.enabled ?? [])]) {
    if (IMPLEMENTS[r.name]?.includes('score')) weights[r.name] = r.weight || 1;
  }

  const argsOf = new Map((p.pluginConfig ?? []).map((pc) => [pc.name, pc.args]));
  const order: string[] = [];
  for (const ep of ['filter', 'preFilter', 'preScore', 'score'] as Point[]) for (const n of points[ep]) if (FACTORIES[n] && !order.includes(n)) order.push(n);
  const entries: PluginEntry[] = [];
  for (const name of order) {
    const args = defaultArgs(name, argsOf.get(name));
    if (name === 'NodeResourcesFit') {
      const errs = validateNodeResourcesFitArgs(args, '');
      if (errs.length) throw new Error(`initializing plugin "${name}": ${formatFieldErrors(errs)}`);
    }
    let plugin: Plugin;
    try {
      plugin = FACTORIES[name](args);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new Error(`initializing plugin "${name}": ${(e as Error).message}`);
    }
    const at = new Set(MODELLED_POINTS.filter((ep) => points[ep].includes(name)));
    entries.push({ plugin: restrictTo(plugin, at), weight: at.has('score') ? weights[name] ?? 1 : 0 });
  }
  return {
    schedulerName,
    percentageOfNodesToScore: p.percentageOfNodesToScore ?? cfg.percentageOfNodesToScore ?? 0,
    plugins: entries,
    points: { preFilter: points.preFilter, filter: points.filter, preScore: points.preScore, score: points.score },
    weights: Object.fromEntries(points.score.map((n) => [n, weights[n] ?? 1])),
  };
}

/**
 * Validates and builds every profile. Throws SchedulerConfigError with kube-scheduler's own words:
 * the validation aggregate, or `initializing profiles: creating profile for scheduler name X: …`.
 */
export function resolveSchedulerConfig(cfg: KubeSchedulerConfiguration, source = 'KubeSchedulerConfiguration'): ResolvedProfile[] {
  const withDefaults: KubeSchedulerConfiguration = { ...cfg, profiles: cfg.profiles?.length ? cfg.profiles : [{ schedulerName: DEFAULT_SCHEDULER_NAME }] };
  const errs = validateSchedulerConfig(withDefaults);
  if (errs.length) throw new SchedulerConfigError(source, formatFieldErrors(errs));
  return withDefaults.profiles!.map((p) => {
    try {
      return buildProfile(withDefaults, p);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new SchedulerConfigError(source, `initializing profiles: creating profile for scheduler name ${p.schedulerName ?? DEFAULT_SCHEDULER_NAME}: ${(e as Error).message}`);
    }
  });
}

/** parse + resolve. */
export function schedulerProfilesFrom(text: string, source: string): ResolvedProfile[] {
  return resolveSchedulerConfig(parseSchedulerConfig(text, source), source);
}
