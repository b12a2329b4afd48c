// The args of the scheduler plugins, one spec per <Name>Args type of kubescheduler.config.k8s.io/v1:
// its fields (strict decoding rejects any other), its defaults (apis/config/v1/defaults.go
// SetDefaults_<Name>Args) and its validation (apis/config/validation/validation_pluginargs.go),
// with kube-scheduler's messages. The registry (registry.ts) names each plugin's spec.

import type { TopologySpreadConstraint } from '../api/types.ts';
import { forbidden, invalid, notSupported, required, type FieldError } from '../api/fielderrors.ts';
import { isQualifiedName } from '../api/validation/names.ts';

type Args = Record<string, unknown>;

export interface PluginArgsSpec {
  /** The fields of the args type. */
  readonly fields: readonly string[];
  /** SetDefaults_<Name>Args, in place on a copy of the given args. */
  readonly setDefaults?: (a: Args) => void;
  /** Validate<Name>Args as ValidateKubeSchedulerConfiguration runs it (`path`: the args field). */
  readonly validate?: (a: Args, path: string) => FieldError[];
  /** Validation the plugin's constructor runs when the profile is built (`path` without prefix). */
  readonly validateOnBuild?: (a: Args, path: string) => FieldError[];
}

/** The args given in a pluginConfig entry (or none), without apiVersion/kind, with their defaults. */
export function defaultedArgs(spec: PluginArgsSpec | undefined, given: Args | undefined): Args {
  const a: Args = { ...(given ?? {}) };
  delete a.apiVersion;
  delete a.kind;
  spec?.setDefaults?.(a);
  return a;
}

const defaultResources = () => [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

const labelNameErrors = (v: string, path: string): FieldError[] => isQualifiedName(v).map((m) => invalid(path, v, m));

function validateShape(shape: unknown, path: string): FieldError[] {
  const pts = Array.isArray(shape) ? (shape as { utilization?: number; score?: number }[]) : [];
  if (pts.length === 0) return [required(path, 'at least one point must be specified')];
  const errs: FieldError[] = [];
  for (let i = 1; i < pts.length; i++) {
    if ((pts[i - 1].utilization ?? 0) >= (pts[i].utilization ?? 0)) {
      errs.push(
        invalid(`${path}[${i}].utilization`, pts[i].utilization ?? 0, 'values must be sorted in increasing order'),
      );
      break;
    }
  }
  pts.forEach((p, i) => {
    const u = p.utilization ?? 0,
      s = p.score ?? 0;
    if (u < 0 || u > 100) errs.push(invalid(`${path}[${i}].utilization`, u, 'not in valid range [0, 100]'));
    if (s < 0 || s > 10) errs.push(invalid(`${path}[${i}].score`, s, 'not in valid range [0, 10]'));
  });
  return errs;
}

/** ValidateNodeResourcesFitArgs; kube-scheduler runs it when building the plugin (path without prefix). */
function validateNodeResourcesFitArgs(a: Record<string, unknown>, path: string): FieldError[] {
  const p = (f: string) => (path ? `${path}.${f}` : f);
  const errs: FieldError[] = [];
  ((a.ignoredResources as string[] | undefined) ?? []).forEach((r, i) =>
    errs.push(...labelNameErrors(r, `${p('ignoredResources')}[${i}]`)),
  );
  ((a.ignoredResourceGroups as string[] | undefined) ?? []).forEach((g, i) => {
    const gp = `${p('ignoredResourceGroups')}[${i}]`;
    if (g.includes('/')) errs.push(invalid(gp, g, "resource group name can't contain '/'"));
    errs.push(...labelNameErrors(g, gp));
  });
  const s = a.scoringStrategy as
    | { type?: string; resources?: { name: string; weight: number }[]; requestedToCapacityRatio?: { shape?: unknown } }
    | undefined;
  const sp = p('scoringStrategy');
  if (!s) return [...errs, required(sp, 'ScoringStrategy field is required')];
  const types = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];
  if (!types.includes(s.type ?? '')) errs.push(notSupported(`${sp}.type`, s.type ?? '', types));
  (s.resources ?? []).forEach((r, i) => {
    if (r.weight <= 0 || r.weight > 100)
      errs.push(
        invalid(`${sp}.resources[${i}].weight`, r.weight, `resource weight of ${r.name} not in valid range (0, 100]`),
      );
  });
  if (s.type === 'RequestedToCapacityRatio') {
    if (!s.requestedToCapacityRatio)
      errs.push(required(`${sp}.requestedToCapacityRatio`, 'must be specified when type is RequestedToCapacityRatio'));
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
  else if (dt === 'System' && constraints.length > 0)
    errs.push(invalid(`${path}.defaultingType`, dt, 'when .defaultConstraints are not empty'));
  constraints.forEach((c, i) => {
    const p = `${path}.defaultConstraints[${i}]`;
    if (!(c.maxSkew > 0)) errs.push(invalid(`${p}.maxSkew`, c.maxSkew ?? 0, 'not in valid range (0, inf)'));
    if (!c.topologyKey) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    else errs.push(...labelNameErrors(c.topologyKey, `${p}.topologyKey`));
    if (!c.whenUnsatisfiable) errs.push(required(`${p}.whenUnsatisfiable`, 'can not be empty'));
    else if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (c.labelSelector)
      errs.push(forbidden(`${p}.labelSelector`, 'constraint must not define a selector, as they deduced for each pod'));
    if (
      constraints
        .slice(0, i)
        .some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)
    ) {
      errs.push({
        type: 'Duplicate',
        field: `${path}.defaultConstraints[${i}]`,
        value: `{${c.topologyKey}, ${c.whenUnsatisfiable}}`,
      });
    }
  });
  return errs;
}

export const NODE_RESOURCES_FIT_ARGS: PluginArgsSpec = {
  fields: ['ignoredResources', 'ignoredResourceGroups', 'scoringStrategy'],
  setDefaults: (a) => {
    const s = (a.scoringStrategy as Args | undefined) ?? { type: 'LeastAllocated' };
    const resources = (s.resources as { name: string; weight?: number }[] | undefined) ?? [];
    a.scoringStrategy = {
      ...s,
      resources: resources.length ? resources.map((r) => ({ ...r, weight: r.weight || 1 })) : defaultResources(),
    };
  },
  // upstream registers its validator under the name "NodeResourcesFitArgs", so the
  // configuration-level check never runs for it: the plugin's constructor validates.
  validateOnBuild: validateNodeResourcesFitArgs,
};

export const INTER_POD_AFFINITY_ARGS: PluginArgsSpec = {
  fields: ['hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods'],
  setDefaults: (a) => {
    a.hardPodAffinityWeight ??= 1;
  },
  validate: (a, path) => {
    const w = a.hardPodAffinityWeight as number;
    return w < 0 || w > 100 ? [invalid(`${path}.hardPodAffinityWeight`, w, 'not in valid range [0, 100]')] : [];
  },
};

export const POD_TOPOLOGY_SPREAD_ARGS: PluginArgsSpec = {
  fields: ['defaultConstraints', 'defaultingType'],
  setDefaults: (a) => {
    a.defaultingType ??= 'System';
  },
  validate: validatePodTopologySpreadArgs,
};

/** NodeAffinityArgs: the constructor parses addedAffinity and reports what is wrong. */
export const NODE_AFFINITY_ARGS: PluginArgsSpec = { fields: ['addedAffinity'] };

export const BALANCED_ALLOCATION_ARGS: PluginArgsSpec = {
  fields: ['resources'],
  setDefaults: (a) => {
    const r = (a.resources as { name: string; weight?: number }[] | undefined) ?? [];
    a.resources = r.length ? r.map((x) => ({ ...x, weight: x.weight || 1 })) : defaultResources();
  },
  validate: (a, path) => {
    const errs: FieldError[] = [];
    const seen = new Set<string>();
    (a.resources as { name: string; weight: number }[]).forEach((r, i) => {
      if (seen.has(r.name)) errs.push({ type: 'Duplicate', field: `${path}.resources[${i}].name`, value: r.name });
      seen.add(r.name);
      if (r.weight !== 1) errs.push(invalid(`${path}.resources[${i}].weight`, r.weight, 'must be 1'));
    });
    return errs;
  },
};

export const DEFAULT_PREEMPTION_ARGS: PluginArgsSpec = {
  fields: ['minCandidateNodesPercentage', 'minCandidateNodesAbsolute'],
  setDefaults: (a) => {
    a.minCandidateNodesPercentage ??= 10;
    a.minCandidateNodesAbsolute ??= 100;
  },
  validate: (a, path) => {
    const pct = a.minCandidateNodesPercentage as number,
      abs = a.minCandidateNodesAbsolute as number;
    const pp = `${path}.minCandidateNodesPercentage`,
      ap = `${path}.minCandidateNodesAbsolute`;
    const errs: FieldError[] = [];
    if (pct < 0 || pct > 100) errs.push(invalid(pp, pct, 'not in valid range [0, 100]'));
    if (abs < 0) errs.push(invalid(ap, abs, 'not in valid range [0, inf)'));
    if (pct === 0 && abs === 0) {
      errs.push(
        invalid(pp, pct, 'cannot be zero at the same time as minCandidateNodesAbsolute'),
        invalid(ap, abs, 'cannot be zero at the same time as minCandidateNodesPercentage'),
      );
    }
    return errs;
  },
};

/** VolumeBindingArgs: read and checked for unknown fields only (volumes are not modelled). */
export const VOLUME_BINDING_ARGS: PluginArgsSpec = { fields: ['bindTimeoutSeconds', 'shape'] };
