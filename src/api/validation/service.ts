// Service validation (pkg/apis/core/validation ValidateService): types, ports, ClusterIPs.

import { type Any, arr, isObj, num, str, validateLabels, validateObjectMeta } from './meta.ts';
import { type FieldError, GoValue, invalid, notSupported, required } from '../fielderrors.ts';
import { PORT_PROTOCOLS } from './pod.ts';
import { isDNS1123Label, isValidPortName, isValidPortNum, nameIsDNS1035Label } from './names.ts';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

export function validateService(svc: Any): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const spec = isObj(svc.spec) ? svc.spec : {};
  const type = str(spec.type);
  const ports = arr(spec.ports);
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && type !== 'ExternalName' && !headless) errs.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const ip = `spec.ports[${i}]`;
    const name = str(p?.name);
    if (ports.length > 1 && !name) errs.push(required(`${ip}.name`));
    else if (name) {
      for (const m of isDNS1123Label(name)) errs.push(invalid(`${ip}.name`, name, m));
      if (names.has(name)) errs.push({ type: 'Duplicate', field: `${ip}.name`, value: name });
      names.add(name);
    }
    for (const m of isValidPortNum(num(p?.port))) errs.push(invalid(`${ip}.port`, num(p?.port), m));
    const proto = str(p?.protocol);
    if (!proto) errs.push(required(`${ip}.protocol`));
    else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${ip}.protocol`, proto, PORT_PROTOCOLS));
    // targetPort is an IntOrString: field.Error prints it through its String() method, unquoted.
    const tp = p?.targetPort;
    if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(invalid(`${ip}.targetPort`, tp, m));
    else if (typeof tp === 'string')
      for (const m of isValidPortName(tp)) errs.push(invalid(`${ip}.targetPort`, new GoValue(tp), m));
  });
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const aff = str(spec.sessionAffinity);
  if (!aff) errs.push(required('spec.sessionAffinity'));
  else if (aff !== 'ClientIP' && aff !== 'None')
    errs.push(notSupported('spec.sessionAffinity', aff, ['ClientIP', 'None']));
  return errs;
}
