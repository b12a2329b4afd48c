// ValidateKubeSchedulerConfiguration (pkg/scheduler/apis/config/validation/validation.go), the
// parts the simulator reads, after defaulting: profiles (names, percentages, queueSort), plugin
// args (each plugin's spec in the registry: unknown fields, then its own validation), backoff.

import { invalid, required, type FieldError } from '../api/fielderrors.ts';
import { defaultedArgs } from '../scheduler/pluginargs.ts';
import { DEFAULT_SCHEDULER_NAME } from '../api/defaults.ts';
import { registered } from '../scheduler/registry.ts';
import type { KubeSchedulerConfiguration, KubeSchedulerProfile } from './decode.ts';

function validatePercentage(v: number | undefined, path: string): FieldError[] {
  return v !== undefined && (v < 0 || v > 100) ? [invalid(path, v, 'not in valid range [0-100]')] : [];
}

/** ValidateKubeSchedulerConfiguration (the parts the simulator reads), after defaulting. */
export function validateSchedulerConfig(cfg: KubeSchedulerConfiguration): FieldError[] {
  const errs: FieldError[] = [];
  if (cfg.parallelism !== undefined && cfg.parallelism <= 0)
    errs.push(invalid('parallelism', cfg.parallelism, 'should be an integer value greater than zero'));
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
      const spec = registered(pc.name)?.args;
      const given = pc.args ?? {};
      if (spec) {
        const unknown = Object.keys(given).filter(
          (k) => k !== 'apiVersion' && k !== 'kind' && !spec.fields.includes(k),
        );
        if (unknown.length)
          errs.push(invalid(`${pcPath}.args`, unknown[0], `strict decoding error: unknown field "${unknown[0]}"`));
        else errs.push(...(spec.validate?.(defaultedArgs(spec, given), `${pcPath}.args`) ?? []));
      }
    });
    if (seen.has(name))
      errs.push({
        type: 'Duplicate',
        field: `${path}.schedulerName`,
        value: `profiles[${seen.get(name)}].schedulerName`,
      });
    seen.set(name, i);
  });
  // validateCommonQueueSort: every profile the same queueSort as the first.
  const qs = (p: KubeSchedulerProfile) => JSON.stringify(p.plugins?.queueSort ?? {});
  for (let i = 1; i < profiles.length; i++) {
    if (qs(profiles[i]) !== qs(profiles[0]))
      errs.push(
        invalid(
          `profiles[${i}].plugins.queueSort`,
          profiles[i].plugins?.queueSort ?? {},
          'must be the same for all profiles',
        ),
      );
  }
  errs.push(...validatePercentage(cfg.percentageOfNodesToScore, 'percentageOfNodesToScore'));
  if (cfg.podInitialBackoffSeconds !== undefined && cfg.podInitialBackoffSeconds <= 0) {
    errs.push(invalid('podInitialBackoffSeconds', cfg.podInitialBackoffSeconds, 'must be greater than 0'));
  }
  const initial = cfg.podInitialBackoffSeconds ?? 1;
  if (cfg.podMaxBackoffSeconds !== undefined && cfg.podMaxBackoffSeconds < initial) {
    errs.push(
      invalid(
        'podMaxBackoffSeconds',
        cfg.podMaxBackoffSeconds,
        'must be greater than or equal to PodInitialBackoffSeconds',
      ),
    );
  }
  return errs;
}
