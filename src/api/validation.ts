// API server validation (pkg/apis/core/validation, apps/validation, scheduling/validation and
// apimachinery's name/label/selector rules): returns the field errors the real server would
// report for the kinds we serve, in its wording and order (Go maps are iterated in sorted key
// order here, so the output is deterministic). `phase` distinguishes checks made on the object as
// written ('pre-default') from checks on the defaulted object ('create'/'update'); like the real
// server, everything is checked on the defaulted object. An empty list means valid.
// Structural problems (wrong types, unknown fields) are decoding errors, not field errors: see
// decode.ts.

// This file dispatches by kind; the rules are in validation/: names.ts, meta.ts, pod.ts,
// workloads.ts, node.ts, service.ts, cluster.ts.

import { forbidden, GoValue, invalid, required, type FieldError } from './fielderrors.ts';
import type { KubeObject } from './types.ts';
import { deepEqual } from '../util/diff.ts';
import { IS_NEGATIVE, nameIsDNSSubdomain, type NameFn } from './validation/names.ts';
import { isObj, str, validateObjectMeta, type Any, type ValidationPhase } from './validation/meta.ts';
import { validatePod, validatePodUpdate } from './validation/pod.ts';
import {
  goLabelSelector,
  validateDaemonSet,
  validateDeploymentOrReplicaSet,
  validateStatefulSet,
} from './validation/workloads.ts';
import { validateNode } from './validation/node.ts';
import { validateNamespace, validatePriorityClass } from './validation/cluster.ts';
import { validateService } from './validation/service.ts';

export type { ValidationPhase } from './validation/meta.ts';

const GENERIC_NAME: Record<string, { namespaced: boolean; nameFn: NameFn }> = {
  ConfigMap: { namespaced: true, nameFn: nameIsDNSSubdomain },
  Secret: { namespaced: true, nameFn: nameIsDNSSubdomain },
  ServiceAccount: { namespaced: true, nameFn: nameIsDNSSubdomain },
  Job: { namespaced: true, nameFn: nameIsDNSSubdomain },
  PodDisruptionBudget: { namespaced: true, nameFn: nameIsDNSSubdomain },
  Event: { namespaced: true, nameFn: nameIsDNSSubdomain },
  ReplicationController: { namespaced: true, nameFn: nameIsDNSSubdomain },
};

export function validateObject(obj: KubeObject, phase: ValidationPhase): FieldError[] {
  // The real server validates the defaulted object only; checks on the raw manifest are
  // decoding (decode.ts), so nothing is left for the pre-default phase.
  if (phase === 'pre-default') return [];
  const o = obj as Any;
  switch (obj.kind) {
    case 'Pod':
      return validatePod(o, phase);
    case 'Deployment':
      return validateDeploymentOrReplicaSet(o, 'deployment');
    case 'ReplicaSet':
      return validateDeploymentOrReplicaSet(o, 'replicaset');
    case 'DaemonSet':
      return validateDaemonSet(o);
    case 'StatefulSet':
      return validateStatefulSet(o);
    case 'Node':
      return validateNode(o);
    case 'Namespace':
      return validateNamespace(o);
    case 'PriorityClass':
      return validatePriorityClass(o);
    case 'Service':
      return validateService(o);
    case 'ControllerRevision':
      return validateControllerRevision(o);
    default: {
      const g = GENERIC_NAME[obj.kind];
      return g
        ? validateObjectMeta(o.metadata, g.namespaced, g.nameFn)
        : validateObjectMeta(o.metadata, !!o.metadata?.namespace, nameIsDNSSubdomain);
    }
  }
}

/** ValidateControllerRevision (pkg/apis/apps/validation/validation.go): a DNS-subdomain name, data, revision ≥ 0. */
function validateControllerRevision(o: Any): FieldError[] {
  const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
  if (o.data === undefined || o.data === null) errs.push(required('data', 'data is mandatory'));
  if (typeof o.revision === 'number' && o.revision < 0) errs.push(invalid('revision', o.revision, IS_NEGATIVE));
  return errs;
}

/** Checks that only depend on the old object (immutable fields). */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['name', 'namespace', 'uid'] as const) {
    const cur = old.metadata?.[f];
    if (cur !== undefined && obj.metadata?.[f] !== undefined && obj.metadata[f] !== cur)
      errs.push(invalid(`metadata.${f}`, str(obj.metadata[f]), 'field is immutable'));
  }
  const o = obj as Any,
    p = old as Any;
  switch (obj.kind) {
    case 'Pod':
      errs.push(...validatePodUpdate(o, p));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      if (isObj(o.spec?.selector) && isObj(p.spec?.selector) && !deepEqual(o.spec.selector, p.spec.selector)) {
        errs.push(invalid('spec.selector', new GoValue(goLabelSelector(o.spec.selector)), 'field is immutable'));
      }
      break;
    case 'ControllerRevision':
      // ValidateControllerRevisionUpdate: data is immutable
      if (!deepEqual(o.data, p.data))
        errs.push(invalid('data', new GoValue('runtime.RawExtension{…}'), 'field is immutable'));
      break;
    case 'PriorityClass':
      if (o.value !== p.value) errs.push(forbidden('value', 'may not be changed in an update.'));
      if ((o.preemptionPolicy ?? 'PreemptLowerPriority') !== (p.preemptionPolicy ?? 'PreemptLowerPriority'))
        errs.push(invalid('preemptionPolicy', str(o.preemptionPolicy), 'field is immutable'));
      break;
  }
  return errs;
}
