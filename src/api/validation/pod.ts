// Pod validation (pkg/apis/core/validation ValidatePod, ValidatePodSpec, ValidatePodUpdate):
// containers, init containers and sidecars, resources, ports, env, volumes and mounts, probes,
// lifecycle handlers, tolerations, affinity, topology spread constraints, and what an update may
// change.

import {
  type Any,
  type ValidationPhase,
  arr,
  isObj,
  num,
  sortedKeys,
  str,
  validateLabelName,
  validateLabelSelector,
  validateLabels,
  validateObjectMeta,
  validateSelectorRequirement,
} from './meta.ts';
import { type FieldError, forbidden, invalid, notSupported, required } from '../fielderrors.ts';
import {
  IS_NEGATIVE,
  NOT_POSITIVE,
  inclusiveRangeError,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from './names.ts';
import { canonicalQuantity, parseQuantity } from '../quantity.ts';
import { deepEqual, specDiff } from '../../util/diff.ts';

export function quantityValue(q: unknown): number | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  try {
    return parseQuantity(q);
  } catch {
    return undefined;
  }
}

export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
export const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
export const STANDARD_RESOURCES = new Set([
  ...STANDARD_CONTAINER_RESOURCES,
  'pods',
  'services',
  'storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'requests.storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);
export const isHugePages = (r: string) => r.startsWith('hugepages-');
/** Native resources live in kubernetes.io; everything else with a '/' is an extended resource. */
export const isNativeResource = (r: string) => !r.includes('/') || r.includes('kubernetes.io/');
export const isOvercommitAllowed = (r: string) => isNativeResource(r) && !isHugePages(r);
export const isIntegerResource = (r: string) => !isNativeResource(r) && !r.startsWith('requests.');

export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name))
      errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name))
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (
    !isNativeResource(name) &&
    !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name)
  ) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

export function validateResourceQuantity(resource: string, q: unknown, path: string): FieldError[] {
  const v = quantityValue(q);
  if (v === undefined) return [];
  const errs: FieldError[] = [];
  if (v < 0) errs.push(invalid(path, canonicalQuantity(q as string), IS_NEGATIVE));
  if (isIntegerResource(resource) && Math.round(v * 1000) % 1000 !== 0)
    errs.push(invalid(path, canonicalQuantity(q as string), 'must be an integer'));
  return errs;
}

export function validateResourceRequirements(res: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(res)) return errs;
  const limits = isObj(res.limits) ? res.limits : {};
  const requests = isObj(res.requests) ? res.requests : {};
  let limCpuMem = false,
    reqCpuMem = false,
    hugePages = false;
  for (const name of sortedKeys(limits)) {
    const p = `${path}.limits[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantity(name, limits[name], p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const name of sortedKeys(requests)) {
    const p = `${path}.requests[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantity(name, requests[name], p));
    const q = quantityValue(requests[name]);
    if (name in limits) {
      const lim = quantityValue(limits[name]);
      if (q !== undefined && lim !== undefined) {
        if (q !== lim && !isOvercommitAllowed(name)) {
          errs.push(
            invalid(
              `${path}.requests`,
              canonicalQuantity(requests[name]),
              `must be equal to ${name} limit of ${canonicalQuantity(limits[name])}`,
            ),
          );
        } else if (q > lim) {
          errs.push(
            invalid(
              `${path}.requests`,
              canonicalQuantity(requests[name]),
              `must be less than or equal to ${name} limit of ${canonicalQuantity(limits[name])}`,
            ),
          );
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

export function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((p, i) => {
    const ip = `${path}[${i}]`;
    const name = str(p?.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${ip}.name`, name, m));
      else if (names.has(name)) errs.push({ type: 'Duplicate', field: `${ip}.name`, value: name });
      else names.add(name);
    }
    const cp = num(p?.containerPort);
    if (cp === 0) errs.push(required(`${ip}.containerPort`));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(`${ip}.containerPort`, cp, m));
    const hp = num(p?.hostPort);
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(`${ip}.hostPort`, hp, m));
    const proto = str(p?.protocol);
    if (!proto) errs.push(required(`${ip}.protocol`));
    else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${ip}.protocol`, proto, PORT_PROTOCOLS));
  });
  return errs;
}

export function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((e, i) => {
    const name = str(e?.name);
    const p = `${path}[${i}].name`;
    if (!name) errs.push(required(p));
    // RelaxedEnvironmentVariableValidation is on by default since 1.32.
    else if ([...name].some((ch) => ch.charCodeAt(0) > 126 || ch.charCodeAt(0) < 32 || ch === '=')) {
      errs.push(
        invalid(
          p,
          name,
          "a valid environment variable name must consist only of printable ASCII characters other than '='",
        ),
      );
    }
    if (e?.valueFrom !== undefined && str(e?.value) !== '')
      errs.push(invalid(`${path}[${i}].valueFrom`, '', 'may not be specified when `value` is not empty'));
  });
  return errs;
}

export function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(mounts).forEach((m, i) => {
    const ip = `${path}[${i}]`;
    const name = str(m?.name);
    if (!name) errs.push(required(`${ip}.name`));
    if (!volumes.has(name)) errs.push({ type: 'NotFound', field: `${ip}.name`, value: name });
    const mp = str(m?.mountPath);
    if (!mp) errs.push(required(`${ip}.mountPath`));
    if (seen.has(mp)) errs.push(invalid(`${ip}.mountPath`, mp, 'must be unique'));
    seen.add(mp);
  });
  return errs;
}

export const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];

export function validateHandler(h: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of HANDLERS) {
    if (h?.[kind] === undefined || h?.[kind] === null) continue;
    if (n > 0) {
      errs.push(forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const a = h[kind];
    if (kind === 'exec' && arr(a?.command).length === 0) errs.push(required(`${path}.exec.command`));
    if (kind === 'httpGet') {
      if (!str(a?.path)) errs.push(required(`${path}.httpGet.path`));
      errs.push(...validatePortNumOrName(a?.port, `${path}.httpGet.port`));
      const scheme = str(a?.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS')
        errs.push(notSupported(`${path}.httpGet.scheme`, scheme, ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(a?.port, `${path}.tcpSocket.port`));
    if (kind === 'grpc')
      for (const m of isValidPortNum(num(a?.port))) errs.push(invalid(`${path}.grpc.port`, num(a?.port), m));
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  return isValidPortName(str(port)).map((m) => invalid(path, str(port), m));
}

export function validateProbe(probe: Any, path: string, which: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (num(probe[f]) < 0) errs.push(invalid(`${path}.${f}`, num(probe[f]), IS_NEGATIVE));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0)
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  if (which !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    errs.push(invalid(`${path}.successThreshold`, num(probe.successThreshold), 'must be 1'));
  if (which === 'readiness' && tgps !== undefined && tgps !== null)
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes'));
  return errs;
}

export function validateLifecycle(lc: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isObj(lc?.postStart)) errs.push(...validateHandler(lc.postStart, `${path}.postStart`));
  if (isObj(lc?.preStop)) errs.push(...validateHandler(lc.preStop, `${path}.preStop`));
  return errs;
}

export function validateContainerCommon(c: Any, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c?.name);
  if (!name) errs.push(required(`${path}.name`));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, m));
  if (!str(c?.image)) errs.push(required(`${path}.image`));
  const tmp = str(c?.terminationMessagePolicy);
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(c?.ports, `${path}.ports`));
  errs.push(...validateEnv(c?.env, `${path}.env`));
  errs.push(...validateVolumeMounts(c?.volumeMounts, volumes, `${path}.volumeMounts`));
  const pull = str(c?.imagePullPolicy);
  if (!pull) errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull))
    errs.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResourceRequirements(c?.resources, `${path}.resources`));
  return errs;
}

/** Host ports must not collide within one list: "<protocol>/<hostIP>/<port>". */
export function checkHostPortConflicts(containers: Any[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) =>
    arr(c?.ports).forEach((p, pi) => {
      const hp = num(p?.hostPort);
      if (hp === 0) return;
      const key = `${str(p?.protocol)}/${str(p?.hostIP)}/${hp}`;
      if (seen.has(key)) errs.push({ type: 'Duplicate', field: `${path}[${ci}].ports[${pi}].hostPort`, value: key });
      else seen.add(key);
    }),
  );
  return errs;
}

export function validateContainers(containers: unknown, volumes: Set<string>, path: string): FieldError[] {
  const list = arr(containers);
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c?.name);
    if (names.has(name)) errs.push({ type: 'Duplicate', field: `${p}.name`, value: name });
    else names.add(name);
    if (c?.lifecycle) errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
    errs.push(...validateProbe(c?.livenessProbe, `${p}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(c?.readinessProbe, `${p}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(c?.startupProbe, `${p}.startupProbe`, 'startup'));
    if (c?.restartPolicy !== undefined && c?.restartPolicy !== null)
      errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

export const INIT_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

export function validateInitContainers(
  inits: unknown,
  regular: unknown,
  volumes: Set<string>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arr(regular).map((c) => str(c?.name)));
  arr(inits).forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    let restartAlways = false;
    if (c?.restartPolicy !== undefined && c?.restartPolicy !== null) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(`${p}.restartPolicy`, str(c.restartPolicy), ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    const name = str(c?.name);
    if (names.has(name)) errs.push({ type: 'Duplicate', field: `${p}.name`, value: name });
    else if (name) names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) {
      if (c?.lifecycle) errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
      errs.push(...validateProbe(c?.livenessProbe, `${p}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c?.readinessProbe, `${p}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c?.startupProbe, `${p}.startupProbe`, 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c?.[f] !== undefined && c?.[f] !== null) errs.push(forbidden(`${p}.${f}`, INIT_FORBIDDEN));
      }
    }
  });
  return errs;
}

export function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(volumes).forEach((v, i) => {
    const el: FieldError[] = [];
    const name = str(v?.name);
    const sources = Object.keys(isObj(v) ? v : {}).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
    sources
      .slice(1)
      .forEach((k) => el.push(forbidden(`${path}[${i}].${k}`, 'may not specify more than 1 volume type')));
    if (sources.length === 0) el.push(required(`${path}[${i}]`, 'must specify a volume type'));
    if (!name) el.push(required(`${path}[${i}].name`));
    else for (const m of isDNS1123Label(name)) el.push(invalid(`${path}[${i}].name`, name, m));
    if (names.has(name)) el.push({ type: 'Duplicate', field: `${path}[${i}].name`, value: name });
    if (el.length === 0) names.add(name);
    errs.push(...el);
  });
  return { names, errs };
}

// ---- pods: scheduling constraints ----------------------------------------------------------

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect === '') return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = str(t?.key),
      op = str(t?.operator),
      value = str(t?.value),
      effect = str(t?.effect);
    if (key) errs.push(...validateLabelName(key, `${p}.key`));
    if (!key && op !== 'Exists')
      errs.push(
        invalid(
          `${p}.operator`,
          op,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (t?.tolerationSeconds !== undefined && t?.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalid(`${p}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(`${p}.operator`, value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(invalid(`${p}.operator`, value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    }
    if (effect) errs.push(...validateTaintEffect(effect, true, `${p}.effect`));
  });
  return errs;
}

export function validateNodeFieldSelectorRequirement(r: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = arr(r?.values);
  if (r?.operator === 'In' || r?.operator === 'NotIn') {
    if (values.length !== 1)
      errs.push(
        required(`${path}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"),
      );
  } else errs.push(invalid(`${path}.operator`, str(r?.operator), 'not a valid selector operator'));
  if (r?.key !== 'metadata.name') errs.push(invalid(`${path}.key`, str(r?.key), 'not a valid field selector key'));
  else
    values.forEach((v, i) => {
      for (const m of isDNS1123Subdomain(str(v))) errs.push(invalid(`${path}.values[${i}]`, str(v), m));
    });
  return errs;
}

export function validateNodeSelectorTerm(term: Any, allowInvalidValue: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(term?.matchExpressions).forEach((r, j) =>
    errs.push(...validateSelectorRequirement(r, `${path}.matchExpressions[${j}]`, allowInvalidValue, true)),
  );
  arr(term?.matchFields).forEach((r, j) =>
    errs.push(...validateNodeFieldSelectorRequirement(r, `${path}.matchFields[${j}]`)),
  );
  return errs;
}

export function validatePodAffinityTerm(term: Any, path: string): FieldError[] {
  const errs = [
    ...validateLabelSelector(term?.labelSelector, `${path}.labelSelector`),
    ...validateLabelSelector(term?.namespaceSelector, `${path}.namespaceSelector`),
  ];
  for (const ns of arr(term?.namespaces))
    for (const m of isDNS1123Label(str(ns))) errs.push(invalid(`${path}.namespace`, str(ns), m));
  for (const f of ['matchLabelKeys', 'mismatchLabelKeys'])
    arr(term?.[f]).forEach((k, i) => errs.push(...validateLabelName(str(k), `${path}.${f}[${i}]`)));
  const key = str(term?.topologyKey);
  if (!key) errs.push(required(`${path}.topologyKey`, 'can not be empty'));
  errs.push(...validateLabelName(key, `${path}.topologyKey`));
  return errs;
}

export function validatePodAffinity(pa: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = `${path}.requiredDuringSchedulingIgnoredDuringExecution`;
  const pref = `${path}.preferredDuringSchedulingIgnoredDuringExecution`;
  arr(pa?.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
    errs.push(...validatePodAffinityTerm(t, `${req}[${i}]`)),
  );
  arr(pa?.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
    const weight = num(w?.weight);
    if (weight <= 0 || weight > 100) errs.push(invalid(`${pref}[${i}].weight`, weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(w?.podAffinityTerm, `${pref}[${i}].podAffinityTerm`));
  });
  return errs;
}

export function validateAffinity(aff: Any, path: string): FieldError[] {
  if (!isObj(aff)) return [];
  const errs: FieldError[] = [];
  const na = aff.nodeAffinity;
  if (isObj(na)) {
    const np = `${path}.nodeAffinity`;
    const reqSel = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(reqSel)) {
      const tp = `${np}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      const terms = arr(reqSel.nodeSelectorTerms);
      if (terms.length === 0) errs.push(required(tp, 'must have at least one node selector term'));
      terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, false, `${tp}[${i}]`)));
    }
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const p = `${np}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      const weight = num(t?.weight);
      if (weight <= 0 || weight > 100) errs.push(invalid(`${p}.weight`, weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t?.preference, true, `${p}.preference`));
    });
  }
  if (isObj(aff.podAffinity)) errs.push(...validatePodAffinity(aff.podAffinity, `${path}.podAffinity`));
  if (isObj(aff.podAntiAffinity)) errs.push(...validatePodAffinity(aff.podAntiAffinity, `${path}.podAntiAffinity`));
  return errs;
}

export function validateTopologySpreadConstraints(list: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const cs = arr(list);
  cs.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (num(c?.maxSkew) <= 0) errs.push(invalid(`${p}.maxSkew`, num(c?.maxSkew), NOT_POSITIVE));
    if (!str(c?.topologyKey)) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    const when = str(c?.whenUnsatisfiable);
    if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway')
      errs.push(notSupported(`${p}.whenUnsatisfiable`, when, ['DoNotSchedule', 'ScheduleAnyway']));
    if (
      cs.slice(i + 1).some((o) => str(o?.topologyKey) === str(c?.topologyKey) && str(o?.whenUnsatisfiable) === when)
    ) {
      errs.push({
        type: 'Duplicate',
        field: `${p}.{topologyKey, whenUnsatisfiable}`,
        value: `{${str(c?.topologyKey)}, ${when}}`,
      });
    }
    if (c?.minDomains !== undefined && c?.minDomains !== null) {
      if (num(c.minDomains) <= 0) errs.push(invalid(`${p}.minDomains`, num(c.minDomains), NOT_POSITIVE));
      if (when !== 'DoNotSchedule')
        errs.push(
          invalid(
            `${p}.minDomains`,
            num(c.minDomains),
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`,
          ),
        );
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c?.[f] !== undefined && c?.[f] !== null && c[f] !== 'Honor' && c[f] !== 'Ignore')
        errs.push(notSupported(`${p}.${f}`, str(c[f]), ['Honor', 'Ignore']));
    }
    arr(c?.matchLabelKeys).forEach((k, j) => errs.push(...validateLabelName(str(k), `${p}.matchLabelKeys[${j}]`)));
    errs.push(...validateLabelSelector(c?.labelSelector, `${p}.labelSelector`));
  });
  return errs;
}

// ---- pods ----------------------------------------------------------------------------------

export function validatePodSpec(spec: Any, path: string, isPod: boolean): FieldError[] {
  const errs: FieldError[] = [];
  spec = isObj(spec) ? spec : {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    errs.push(required(`${path}.terminationGracePeriodSeconds`));
  const vols = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, vols.names, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, `${path}.initContainers`));
  if (spec.hostNetwork === true) {
    arr(spec.containers).forEach((c, i) =>
      arr(c?.ports).forEach((p, j) => {
        const hp = num(p?.hostPort),
          cp = num(p?.containerPort);
        if ((isPod || hp !== 0) && hp !== cp)
          errs.push(
            invalid(
              `${path}.containers[${i}].ports[${j}].hostPort`,
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
      }),
    );
  }
  const rp = str(spec.restartPolicy);
  if (!rp) errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp))
    errs.push(notSupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']));
  const dns = str(spec.dnsPolicy);
  if (!dns) errs.push(required(`${path}.dnsPolicy`));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns))
    errs.push(notSupported(`${path}.dnsPolicy`, dns, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validateAffinity(spec.affinity, `${path}.affinity`));
  const gates = new Set<string>();
  arr(spec.schedulingGates).forEach((g, i) => {
    const name = str(g?.name);
    errs.push(...isQualifiedName(name).map((m) => invalid(`${path}.schedulingGates[${i}]`, name, m)));
    if (gates.has(name)) errs.push({ type: 'Duplicate', field: `${path}.schedulingGates[${i}]`, value: name });
    gates.add(name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  if (str(spec.serviceAccountName))
    for (const m of isDNS1123Subdomain(str(spec.serviceAccountName)))
      errs.push(invalid(`${path}.serviceAccountName`, spec.serviceAccountName, m));
  if (str(spec.nodeName))
    for (const m of isDNS1123Subdomain(str(spec.nodeName))) errs.push(invalid(`${path}.nodeName`, spec.nodeName, m));
  if (
    typeof spec.activeDeadlineSeconds === 'number' &&
    (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)
  ) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  }
  if (str(spec.hostname))
    for (const m of isDNS1123Label(str(spec.hostname))) errs.push(invalid(`${path}.hostname`, spec.hostname, m));
  if (str(spec.subdomain))
    for (const m of isDNS1123Label(str(spec.subdomain))) errs.push(invalid(`${path}.subdomain`, spec.subdomain, m));
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  if (str(spec.priorityClassName))
    for (const m of isDNS1123Subdomain(str(spec.priorityClassName)))
      errs.push(invalid(`${path}.priorityClassName`, spec.priorityClassName, m));
  if (
    spec.preemptionPolicy !== undefined &&
    spec.preemptionPolicy !== null &&
    !['PreemptLowerPriority', 'Never'].includes(spec.preemptionPolicy)
  ) {
    errs.push(notSupported(`${path}.preemptionPolicy`, str(spec.preemptionPolicy), ['PreemptLowerPriority', 'Never']));
  }
  if (isObj(spec.overhead)) errs.push(...validateResourceRequirements({ limits: spec.overhead }, `${path}.overhead`));
  return errs;
}

export function validatePod(pod: Any, phase: ValidationPhase): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(pod.spec, 'spec', true));
  for (const list of ['containers', 'initContainers']) {
    arr(pod.spec?.[list]).forEach((c, i) => {
      const image = str(c?.image);
      if (image.length !== image.trim().length)
        errs.push(invalid(`spec.${list}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  if (phase === 'create') {
    if (arr(pod.spec?.ephemeralContainers).length > 0)
      errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    if (str(pod.spec?.nodeName) && arr(pod.spec?.schedulingGates).length > 0)
      errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

export const UPDATABLE_POD_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** ValidatePodUpdate's immutability rules (the spec is validated by validateObject). */
export function validatePodUpdate(pod: Any, old: Any): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pod.spec ?? {},
    oldSpec = old.spec ?? {};
  for (const list of ['containers', 'initContainers']) {
    if (arr(spec[list]).length !== arr(oldSpec[list]).length)
      return [forbidden(`spec.${list}`, 'pod updates may not add or remove containers')];
  }
  const ads = spec.activeDeadlineSeconds,
    oldAds = oldSpec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > 2147483647)
      return [...errs, invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, 2147483647))];
    if (typeof oldAds === 'number' && oldAds < ads)
      return [...errs, invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
  } else if (typeof oldAds === 'number')
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  // Tolerations: existing ones may only change their tolerationSeconds.
  for (const o of arr(oldSpec.tolerations)) {
    const same = arr(spec.tolerations).some((n) => deepEqual({ ...o, tolerationSeconds: n?.tolerationSeconds }, n));
    if (!same) {
      errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  if (deepEqual(spec, oldSpec)) return errs;
  const munged = structuredClone(spec);
  arr(munged.containers).forEach((c, i) => {
    c.image = oldSpec.containers[i]?.image;
  });
  arr(munged.initContainers).forEach((c, i) => {
    c.image = oldSpec.initContainers[i]?.image;
  });
  setOrDelete(munged, 'activeDeadlineSeconds', oldSpec.activeDeadlineSeconds);
  setOrDelete(munged, 'tolerations', oldSpec.tolerations);
  setOrDelete(munged, 'schedulingGates', oldSpec.schedulingGates);
  if (
    typeof oldSpec.terminationGracePeriodSeconds === 'number' &&
    oldSpec.terminationGracePeriodSeconds < 0 &&
    munged.terminationGracePeriodSeconds === 1
  ) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (!deepEqual(munged, oldSpec)) {
    errs.push(
      forbidden(
        'spec',
        `pod updates may not change fields other than ${UPDATABLE_POD_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`,
      ),
    );
  }
  return errs;
}

function setOrDelete(o: Any, k: string, v: unknown): void {
  if (v === undefined) delete o[k];
  else o[k] = v;
}
