// The machinery of scheduler plugin args: the spec of a <Name>Args type of
// kubescheduler.config.k8s.io/v1 (its fields: strict decoding rejects any other; its defaults:
// apis/config/v1/defaults.go SetDefaults_<Name>Args; its validation:
// apis/config/validation/validation_pluginargs.go, with kube-scheduler's messages), the generic
// defaulting, and the field helpers the specs share. Each modelled plugin's spec lives in its own
// file (plugins/<name>.ts, e.g. NODE_RESOURCES_FIT_ARGS); the registry (registry.ts) names it. Only
// the args of plugins the simulator does not model stay here.

import { invalid, type FieldError } from '../api/fielderrors.ts';
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

/** isQualifiedName's messages as Invalid errors at `path` (label names and topology keys in args). */
export const labelNameErrors = (v: string, path: string): FieldError[] =>
  isQualifiedName(v).map((m) => invalid(path, v, m));

/** VolumeBindingArgs: read and checked for unknown fields only (volumes are not modelled). */
export const VOLUME_BINDING_ARGS: PluginArgsSpec = { fields: ['bindTimeoutSeconds', 'shape'] };
