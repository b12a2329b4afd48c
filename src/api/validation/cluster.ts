// Validation of the cluster-scoped kinds besides Node: Namespace (pkg/apis/core/validation) and
// PriorityClass (pkg/apis/scheduling/validation).

import { type Any, num, str, validateObjectMeta } from './meta.ts';
import { type FieldError, forbidden, invalid, notSupported } from '../fielderrors.ts';
import { isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts';

/** The finalizer names that need no domain prefix (helper.IsStandardFinalizerName: kubernetes, orphan, foregroundDeletion). */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** ValidateNamespace: the name is a DNS label; each spec.finalizers entry is a qualified name, a bare one a standard finalizer (validateFinalizerName). */
export function validateNamespace(ns: Any): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  const finalizers: unknown[] = Array.isArray(ns.spec?.finalizers) ? ns.spec.finalizers : [];
  for (const f of finalizers) {
    const name = str(f);
    // (the path names the list, not the entry, as upstream's does)
    for (const m of isQualifiedName(name)) errs.push(invalid('spec.finalizers', name, m));
    if (!name.includes('/') && !STANDARD_FINALIZERS.has(name))
      errs.push(
        invalid('spec.finalizers', name, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
  }
  return errs;
}

export const HIGHEST_USER_PRIORITY = 1000000000;
export const SYSTEM_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export function validatePriorityClass(pc: Any): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name = str(pc.metadata?.name);
  const value = num(pc.value);
  if (name.startsWith('system-')) {
    let err = '';
    if (!(name in SYSTEM_CLASSES)) err = `${name} is not a known system priority class`;
    else if (SYSTEM_CLASSES[name] !== value) err = `value of ${name} PriorityClass must be ${SYSTEM_CLASSES[name]}`;
    else if (pc.globalDefault === true) err = `globalDefault of ${name} PriorityClass must be false`;
    if (err)
      errs.push(
        forbidden(
          'metadata.name',
          `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`,
        ),
      );
  } else if (value > HIGHEST_USER_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  if (
    pc.preemptionPolicy !== undefined &&
    pc.preemptionPolicy !== null &&
    !['PreemptLowerPriority', 'Never'].includes(pc.preemptionPolicy)
  ) {
    errs.push(notSupported('preemptionPolicy', str(pc.preemptionPolicy), ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}
