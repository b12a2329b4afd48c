// Workload validation (pkg/apis/apps/validation): Deployment, ReplicaSet, DaemonSet and
// StatefulSet — selectors, pod templates and strategies.

import {
  type Any,
  arr,
  goStringMap,
  isObj,
  selectorEmpty,
  str,
  validateAnnotations,
  validateLabelSelector,
  validateLabels,
  validateObjectMeta,
} from './meta.ts';
import { type FieldError, GoValue, forbidden, invalid, notSupported, required } from '../fielderrors.ts';
import { IS_NEGATIVE, nameIsDNSSubdomain } from './names.ts';
import { matchesLabelSelector } from '../selectors.ts';
import { validatePodSpec } from './pod.ts';

/**
 * LabelSelectorAsSelector + Matches: whether the selector selects the template's labels; a
 * selector with an operator LabelSelectorAsSelector rejects is not matched (upstream checks the
 * template only when the conversion succeeds; validateLabelSelector reports the operator).
 */
function templateMatches(sel: Any, labels: Record<string, string> | undefined): boolean {
  if (!arr(sel?.matchExpressions).every((r) => ['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r?.operator)))
    return true;
  return matchesLabelSelector(sel, labels);
}

export function validatePodTemplateSpec(tpl: Any, path: string): FieldError[] {
  if (!isObj(tpl)) return [required(path)];
  const errs = validateLabels(tpl.metadata?.labels, `${path}.metadata.labels`);
  errs.push(...validateAnnotations(tpl.metadata?.annotations, `${path}.metadata.annotations`));
  errs.push(...validatePodSpec(tpl.spec, `${path}.spec`, false));
  if (arr(tpl.spec?.ephemeralContainers).length > 0)
    errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** Selector checks shared by Deployment, ReplicaSet and DaemonSet (apps/validation). */
export function validateWorkloadSelector(spec: Any, what: string, errs: FieldError[]): boolean {
  if (!isObj(spec.selector)) {
    errs.push(required('spec.selector'));
    return false;
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (selectorEmpty(spec.selector))
    errs.push(
      invalid('spec.selector', new GoValue(goLabelSelector(spec.selector)), `empty selector is invalid for ${what}`),
    );
  return true;
}

export function goLabelSelector(sel: Any): string {
  const ml = isObj(sel?.matchLabels) ? goStringMap(sel.matchLabels).text : 'map[string]string(nil)';
  return `&v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

export function validateReplicatedTemplate(spec: Any, errs: FieldError[], checkSelector: boolean): void {
  const tpl = spec.template;
  if (!isObj(tpl)) {
    errs.push(required('spec.template'));
    return;
  }
  if (checkSelector && !selectorEmpty(spec.selector) && !templateMatches(spec.selector, tpl.metadata?.labels)) {
    errs.push(
      invalid(
        'spec.template.metadata.labels',
        goStringMap(tpl.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(tpl, 'spec.template'));
  const rp = str(tpl.spec?.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (tpl.spec?.activeDeadlineSeconds !== undefined && tpl.spec?.activeDeadlineSeconds !== null) {
    errs.push(
      invalid(
        'spec.template.spec.activeDeadlineSeconds',
        tpl.spec.activeDeadlineSeconds,
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
}

export function validateDeploymentOrReplicaSet(obj: Any, what: 'deployment' | 'replicaset'): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(obj.spec) ? obj.spec : {};
  if (typeof spec.replicas === 'number' && spec.replicas < 0)
    errs.push(invalid('spec.replicas', spec.replicas, IS_NEGATIVE));
  const selectorOk = validateWorkloadSelector(spec, what, errs);
  validateReplicatedTemplate(spec, errs, selectorOk);
  if (what === 'deployment') {
    const st = spec.strategy;
    if (isObj(st)) {
      if (st.type === 'Recreate') {
        if (st.rollingUpdate !== undefined && st.rollingUpdate !== null)
          errs.push(
            forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"),
          );
      } else if (st.type === 'RollingUpdate') {
        const ru = st.rollingUpdate;
        if (isObj(ru) && isZeroIntOrPercent(ru.maxSurge) && isZeroIntOrPercent(ru.maxUnavailable)) {
          errs.push(
            invalid(
              'spec.strategy.rollingUpdate.maxUnavailable',
              ru.maxUnavailable,
              'may not be 0 when `maxSurge` is 0',
            ),
          );
        }
      } else errs.push(notSupported('spec.strategy.type', str(st.type), ['Recreate', 'RollingUpdate']));
    }
    for (const f of ['minReadySeconds', 'revisionHistoryLimit'])
      if (typeof spec[f] === 'number' && spec[f] < 0) errs.push(invalid(`spec.${f}`, spec[f], IS_NEGATIVE));
  }
  if (typeof spec.minReadySeconds === 'number' && spec.minReadySeconds < 0 && what === 'replicaset')
    errs.push(invalid('spec.minReadySeconds', spec.minReadySeconds, IS_NEGATIVE));
  return errs;
}

export const isZeroIntOrPercent = (v: unknown) => v === 0 || v === '0%';

export function validateDaemonSet(ds: Any): FieldError[] {
  const errs = validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(ds.spec) ? ds.spec : {};
  const selectorOk = validateWorkloadSelector(spec, 'daemonset', errs);
  validateReplicatedTemplate(spec, errs, selectorOk);
  const us = spec.updateStrategy;
  if (isObj(us) && us.type !== 'OnDelete' && us.type !== 'RollingUpdate')
    errs.push(notSupported('spec.updateStrategy.type', str(us.type), ['OnDelete', 'RollingUpdate']));
  return errs;
}

/**
 * ValidateStatefulSetSpec (pkg/apis/apps/validation): the selector must be set and not empty, and
 * match the template's labels (the rest of the spec is not checked here yet).
 */
export function validateStatefulSet(sts: Any): FieldError[] {
  const errs = validateObjectMeta(sts.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(sts.spec) ? sts.spec : {};
  if (typeof spec.replicas === 'number' && spec.replicas < 0)
    errs.push(invalid('spec.replicas', spec.replicas, IS_NEGATIVE));
  const selectorOk = validateWorkloadSelector(spec, 'statefulset', errs);
  const labels = isObj(spec.template) ? spec.template.metadata?.labels : undefined;
  if (selectorOk && !selectorEmpty(spec.selector) && !templateMatches(spec.selector, labels)) {
    errs.push(
      invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'),
    );
  }
  return errs;
}
