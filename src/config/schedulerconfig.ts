// KubeSchedulerConfiguration → the simulator's scheduler profiles, as kube-scheduler starts:
// decode strictly (decode.ts), apply the v1 defaults and validate (validation.ts), then build one
// profile per schedulerName from the plugin registry (src/scheduler/profile.ts). Errors are
// SchedulerConfigError with kube-scheduler's own words.
//
// Plugins kube-scheduler has but the simulator does not model (volume plugins,
// DynamicResources) may be listed or disabled and do nothing; the ones whose job the simulator
// always does (PrioritySort, SchedulingGates, DefaultPreemption, DefaultBinder) cannot be
// disabled or replaced (NotSupportedError).

import { formatFieldErrors } from '../api/fielderrors.ts';
import { buildProfile, type ResolvedProfile } from '../scheduler/profile.ts';
import { DEFAULT_SCHEDULER_NAME } from '../api/defaults.ts';
import { UserError } from '../util/errors.ts';
import { parseSchedulerConfig, SchedulerConfigError, type KubeSchedulerConfiguration } from './decode.ts';
import { validateSchedulerConfig } from './validation.ts';

/**
 * Validates and builds every profile. Throws SchedulerConfigError with kube-scheduler's own words:
 * the validation aggregate, or `initializing profiles: creating profile for scheduler name X: …`.
 */
export function resolveSchedulerConfig(
  cfg: KubeSchedulerConfiguration,
  source = 'KubeSchedulerConfiguration',
): ResolvedProfile[] {
  const withDefaults: KubeSchedulerConfiguration = {
    ...cfg,
    profiles: cfg.profiles?.length ? cfg.profiles : [{ schedulerName: DEFAULT_SCHEDULER_NAME }],
  };
  const errs = validateSchedulerConfig(withDefaults);
  if (errs.length) throw new SchedulerConfigError(source, formatFieldErrors(errs));
  return withDefaults.profiles!.map((p) => {
    try {
      return buildProfile(p, withDefaults.percentageOfNodesToScore);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new SchedulerConfigError(
        source,
        `initializing profiles: creating profile for scheduler name ${p.schedulerName ?? DEFAULT_SCHEDULER_NAME}: ${(e as Error).message}`,
      );
    }
  });
}

/** parse + resolve. */
export function schedulerProfilesFrom(text: string, source: string): ResolvedProfile[] {
  return resolveSchedulerConfig(parseSchedulerConfig(text, source), source);
}
