// Node validation (pkg/apis/core/validation ValidateNode): taints, podCIDRs, resources.

import { type Any, arr, isObj, sortedKeys, str, validateLabelName, validateObjectMeta } from './meta.ts';
import { type FieldError, GoValue, invalid } from '../fielderrors.ts';
import { isValidLabelValue, nameIsDNSSubdomain } from './names.ts';
import { parseCidr } from '../ip.ts';
import { validateResourceQuantity, validateTaintEffect } from './pod.ts';

export function validateNode(node: Any): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  const seen = new Map<string, Set<string>>();
  arr(node.spec?.taints).forEach((t, i) => {
    const p = `spec.taints[${i}]`;
    const key = str(t?.key),
      value = str(t?.value),
      effect = str(t?.effect);
    errs.push(...validateLabelName(key, `${p}.key`));
    const msgs = isValidLabelValue(value);
    if (msgs.length) errs.push(invalid(`${p}.value`, value, msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, `${p}.effect`));
    if (seen.get(effect)?.has(key)) {
      errs.push({
        type: 'Duplicate',
        field: p,
        value: new GoValue(
          `core.Taint{Key:${JSON.stringify(key)}, Value:${JSON.stringify(value)}, Effect:${JSON.stringify(effect)}, TimeAdded:<nil>}`,
        ),
        detail: 'taints must be unique by key and effect pair',
      });
      return;
    }
    if (!seen.has(effect)) seen.set(effect, new Set());
    seen.get(effect)!.add(key);
  });
  // ValidateNodeResources (pkg/apis/core/validation): status quantities, if given, are valid.
  for (const field of ['capacity', 'allocatable']) {
    const list = node.status?.[field];
    if (isObj(list))
      for (const name of sortedKeys(list))
        errs.push(...validateResourceQuantity(name, list[name], `status.${field}.${name}`));
  }
  errs.push(...validatePodCIDRs(node.spec));
  return errs;
}

/**
 * spec.podCIDRs (the v1 conversion fills it from spec.podCIDR when only that is set): each a valid
 * CIDR, and two at most, one per IP family (pkg/apis/core/validation ValidateNode).
 */
export function validatePodCIDRs(spec: Any): FieldError[] {
  const list = arr(spec?.podCIDRs).length ? arr(spec.podCIDRs).map(str) : spec?.podCIDR ? [str(spec.podCIDR)] : [];
  const cidrs = list.map(parseCidr);
  const errs: FieldError[] = [];
  cidrs.forEach((c, i) => {
    if (!c)
      errs.push(
        invalid(`spec.podCIDRs[${i}]`, list[i], 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'),
      );
  });
  if (!errs.length && cidrs.length > 1 && (cidrs.length > 2 || cidrs[0]!.family === cidrs[1]!.family)) {
    errs.push(
      invalid(
        'spec.podCIDRs',
        new GoValue(`[]string{${list.map((x) => JSON.stringify(x)).join(', ')}}`),
        'may specify no more than one CIDR for each IP family',
      ),
    );
  }
  return errs;
}
