// List filters of the served API: label selectors (labels.Parse) and field selectors with the
// fields each kind supports (the registries' GetAttrs / AddFieldLabelConversionFunc:
// pkg/apis/core/v1/conversion.go, pkg/registry/core/pod/strategy.go, event/strategy.go).
// An unsupported field is the server's BadRequest `field label not supported: <field>`.

import type { KubeObject } from '../api/types.ts';
import { matchesLabelSelector, parseSelectorString } from '../api/selectors.ts';
import { badRequest } from '../store/errors.ts';

/** Field → its value in an object, per kind (the selectable fields of 1.33). */
// biome-ignore lint/suspicious/noExplicitAny: objects of every kind, read by field path
const FIELDS: Record<string, Record<string, (o: any) => unknown>> = {
  Pod: {
    'spec.nodeName': (o) => o.spec?.nodeName,
    'spec.restartPolicy': (o) => o.spec?.restartPolicy,
    'spec.schedulerName': (o) => o.spec?.schedulerName,
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
    'spec.hostNetwork': (o) => String(o.spec?.hostNetwork === true),
    'status.phase': (o) => o.status?.phase,
    'status.podIP': (o) => o.status?.podIP,
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName,
  },
  Event: {
    'involvedObject.kind': (o) => o.involvedObject?.kind,
    'involvedObject.namespace': (o) => o.involvedObject?.namespace,
    'involvedObject.name': (o) => o.involvedObject?.name,
    'involvedObject.uid': (o) => o.involvedObject?.uid,
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion,
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion,
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath,
    reason: (o) => o.reason,
    reportingComponent: (o) => o.reportingComponent,
    source: (o) => o.source?.component,
    type: (o) => o.type,
  },
  Node: { 'spec.unschedulable': (o) => String(o.spec?.unschedulable === true) },
  Namespace: { 'status.phase': (o) => o.status?.phase },
  Secret: { type: (o) => o.type },
  ReplicaSet: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  ReplicationController: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  Job: { 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
};

export type ObjectFilter = (o: KubeObject) => boolean;

/** The filter of `labelSelector` and `fieldSelector` query parameters (undefined: everything). */
export function listFilter(
  kind: string,
  labelSelector: string | null,
  fieldSelector: string | null,
): ObjectFilter | undefined {
  const tests: ObjectFilter[] = [];
  if (labelSelector) {
    // biome-ignore lint/suspicious/noImplicitAnyLet: assigned in the try below
    let sel;
    try {
      sel = parseSelectorString(labelSelector);
    } catch (e) {
      throw badRequest((e as Error).message);
    }
    tests.push((o) => matchesLabelSelector(sel, o.metadata.labels));
  }
  if (fieldSelector) {
    for (const term of fieldSelector
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)) {
      const m = /^([^!=]+)(==|!=|=)(.*)$/.exec(term);
      if (!m) throw badRequest(`invalid selector: '${fieldSelector}'; can't understand '${term}'`);
      const [, field, op, value] = m;
      const get = fieldGetter(kind, field);
      tests.push(op === '!=' ? (o) => String(get(o) ?? '') !== value : (o) => String(get(o) ?? '') === value);
    }
  }
  return tests.length ? (o) => tests.every((t) => t(o)) : undefined;
}

function fieldGetter(kind: string, field: string): (o: KubeObject) => unknown {
  if (field === 'metadata.name') return (o) => o.metadata.name;
  if (field === 'metadata.namespace') return (o) => o.metadata.namespace;
  const get = FIELDS[kind]?.[field];
  if (!get) throw badRequest(`field label not supported: ${field}`);
  return get;
}
