// API server validation (pkg/apis/core/validation, apps/validation, scheduling/validation and
// apimachinery's name/label/selector rules): returns the field errors the real server would
// report for the kinds we serve, in its wording and order (Go maps are iterated in sorted key
// order here, so the output is deterministic). `phase` distinguishes checks made on the object as
// written ('pre-default') from checks on the defaulted object ('create'/'update'); like the real
// server, everything is checked on the defaulted object. An empty list means valid.
// Structural problems (wrong types, unknown fields) are decoding errors, not field errors: see
// decode.ts.

import type { FieldError } from './fielderrors.ts';
import { parseCidr } from './ip.ts';
import { forbidden, GoValue, invalid, notSupported, required } from './fielderrors.ts';
import { parseQuantity } from './quantity.ts';
import type { KubeObject } from './types.ts';

export type ValidationPhase = 'pre-default' | 'create' | 'update';

type Any = any;

// ---- apimachinery/pkg/util/validation: names, labels ---------------------------------------

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const re = (fmt: string) => new RegExp(`^${fmt}$`);
const DNS1123_LABEL = re(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN = re(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL = re(DNS1035_LABEL_FMT);
const QUALIFIED_NAME = re(QUALIFIED_NAME_FMT);
const LABEL_VALUE = re(LABEL_VALUE_FMT);

export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  // Go appends "'<example>', " per example with " or " between them: note the double space.
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}
const maxLenError = (n: number) => `must be no more than ${n} characters`;
const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;
const IS_NEGATIVE = 'must be greater than or equal to 0';
const NOT_POSITIVE = 'must be greater than zero';

const DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MSG = regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com');

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL.test(v)) {
    errs.push(DNS1123_SUBDOMAIN.test(v) ? 'must not contain dots' : regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(v)) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL.test(v)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** Qualified names found valid: label and annotation keys repeat across objects (`kubernetes.io/hostname`). */
const validQualifiedNames = new Set<string>();

/** IsQualifiedName: label keys, taint keys, topology keys, annotation keys. */
export function isQualifiedName(v: string): string[] {
  if (validQualifiedNames.has(v)) return [];
  const errs = qualifiedNameErrors(v);
  if (errs.length === 0) {
    if (validQualifiedNames.size >= 4096) validQualifiedNames.clear();
    validQualifiedNames.add(v);
  }
  return errs;
}

function qualifiedNameErrors(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [`a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE.test(v)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

function isValidPortNum(p: number): string[] { return p >= 1 && p <= 65535 ? [] : [inclusiveRangeError(1, 65535)]; }

function isValidPortName(p: string): string[] {
  const errs: string[] = [];
  if (p.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(p)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(p)) errs.push('must contain at least one letter (a-z)');
  if (p.includes('--')) errs.push('must not contain consecutive hyphens');
  if (p.length > 0 && (p.startsWith('-') || p.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

type NameFn = (name: string, prefix: boolean) => string[];
/** generateName prefixes may end in '-': Go masks the last two characters with "a". */
const maskTrailingDash = (n: string) => (n.length > 1 && n.endsWith('-') ? n.slice(0, -2) + 'a' : n);
const nameIsDNSSubdomain: NameFn = (n, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(n) : n);
const nameIsDNSLabel: NameFn = (n, prefix) => isDNS1123Label(prefix ? maskTrailingDash(n) : n);
const nameIsDNS1035Label: NameFn = (n, prefix) => isDNS1035Label(prefix ? maskTrailingDash(n) : n);

// ---- Go value rendering (field.Error uses %#v for composite values in 1.33) -----------------

/** `map[string]string{"a":"b"}` as Go's %#v prints it (keys sorted); nil → `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): GoValue {
  if (!m) return new GoValue('map[string]string(nil)');
  return new GoValue(`map[string]string{${sortedKeys(m).map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`).join(', ')}}`);
}

function sortedKeys(o: object): string[] { return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); }
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const isObj = (v: unknown): v is Record<string, Any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Any[] => (Array.isArray(v) ? v : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

// ---- quantities ----------------------------------------------------------------------------

const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXP: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_FOR_EXP: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };

/** resource.Quantity.String(): the canonical text of a quantity ("0.5" → "500m", "2000" → "2k", "1024Mi" → "1Gi"). */
export function canonicalQuantity(input: string | number): string {
  const text = String(input).trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return text;
  const neg = m[1] === '-';
  const frac = m[3] ?? '';
  const suffix = m[4] ?? '';
  let digits = BigInt((m[2] || '0') + frac);
  let exp10 = -frac.length;
  let format: 'dec' | 'bin' | 'exp' = 'dec';
  if (suffix in BINARY_EXP) { digits *= 2n ** BigInt(BINARY_EXP[suffix]); format = 'bin'; } else if (/^[eE]/.test(suffix)) { exp10 += Number(suffix.slice(1)); format = 'exp'; } else exp10 += DECIMAL_EXP[suffix];
  // nanos = digits × 10^(exp10+9), rounded up like Go's Quantity does for sub-nano precision
  const shift = exp10 + 9;
  let nanos = shift >= 0 ? digits * 10n ** BigInt(shift) : (digits + 10n ** BigInt(-shift) - 1n) / 10n ** BigInt(-shift);
  if (nanos === 0n) return '0';
  const sign = neg ? '-' : '';
  if (format === 'bin' && nanos % 1_000_000_000n === 0n) {
    const bytes = nanos / 1_000_000_000n;
    if (bytes >= 1024n) {
      for (const [s, e] of Object.entries(BINARY_EXP).reverse()) {
        const unit = 2n ** BigInt(e);
        if (bytes % unit === 0n) return `${sign}${bytes / unit}${s}`;
      }
      return `${sign}${bytes}`;
    }
  }
  let e = 18;
  while (e > -9 && nanos % 10n ** BigInt(e + 9) !== 0n) e -= 3;
  nanos /= 10n ** BigInt(e + 9);
  if (format === 'exp') return `${sign}${nanos}${e === 0 ? '' : `e${e}`}`;
  return `${sign}${nanos}${SUFFIX_FOR_EXP[e]}`;
}

function quantityValue(q: unknown): number | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  try { return parseQuantity(q); } catch { return undefined; }
}

// ---- apimachinery meta/v1 validation -------------------------------------------------------

function validateLabelName(key: string, path: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg));
}

function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(labels)) return errs;
  for (const k of sortedKeys(labels)) {
    errs.push(...validateLabelName(k, path));
    for (const msg of isValidLabelValue(str(labels[k]))) errs.push(invalid(path, str(labels[k]), msg));
  }
  return errs;
}

/**
 * One requirement of a label selector (ValidateLabelSelectorRequirement) or, with `gtLt`, of a
 * node selector term (ValidateNodeSelectorRequirement, which also allows Gt/Lt with one value).
 */
function validateSelectorRequirement(r: Any, path: string, allowInvalidValue: boolean, gtLt = false): FieldError[] {
  const errs: FieldError[] = [];
  const values = arr(r?.values);
  const op = r?.operator;
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (gtLt && (op === 'Gt' || op === 'Lt')) {
    if (values.length !== 1) errs.push(required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else {
    errs.push(invalid(`${path}.operator`, str(op), 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(r?.key), `${path}.key`));
  if (!allowInvalidValue) values.forEach((v, i) => { for (const msg of isValidLabelValue(str(v))) errs.push(invalid(`${path}.values[${i}]`, str(v), msg)); });
  return errs;
}

function validateLabelSelector(sel: Any, path: string, allowInvalidValue = false): FieldError[] {
  if (!isObj(sel)) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  arr(sel.matchExpressions).forEach((r, i) => errs.push(...validateSelectorRequirement(r, `${path}.matchExpressions[${i}]`, allowInvalidValue)));
  return errs;
}

/** metav1.LabelSelectorAsSelector + Matches on a label set. */
function selectorMatches(sel: Any, labels: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (labels?.[k] !== v) return false;
  for (const r of arr(sel?.matchExpressions)) {
    const has = !!labels && Object.prototype.hasOwnProperty.call(labels, r.key);
    const vals = arr(r.values);
    if (r.operator === 'In' && !(has && vals.includes(labels![r.key]))) return false;
    if (r.operator === 'NotIn' && has && vals.includes(labels![r.key])) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const selectorEmpty = (sel: Any) => Object.keys(sel?.matchLabels ?? {}).length + arr(sel?.matchExpressions).length === 0;

function validateObjectMeta(meta: Any, namespaced: boolean, nameFn: NameFn, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  meta = isObj(meta) ? meta : {};
  const gen = str(meta.generateName);
  if (gen) for (const msg of nameFn(gen, true)) errs.push(invalid(`${path}.generateName`, gen, msg));
  const name = str(meta.name);
  // The registry generates the name before validating; a generateName alone is therefore enough.
  if (!name && !gen) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else if (name) for (const msg of nameFn(name, false)) errs.push(invalid(`${path}.name`, name, msg));
  if (namespaced) {
    const ns = str(meta.namespace);
    if (!ns) errs.push(required(`${path}.namespace`));
    else for (const msg of isDNS1123Label(ns)) errs.push(invalid(`${path}.namespace`, ns, msg));
  }
  if (typeof meta.generation === 'number' && meta.generation < 0) errs.push(invalid(`${path}.generation`, meta.generation, IS_NEGATIVE));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

/** ValidateAnnotations (apimachinery/pkg/api/validation/objectmeta.go): keys, then the total size of keys and values in bytes. */
function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(annotations)) return errs;
  let size = 0;
  for (const k of sortedKeys(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(str(annotations[k]));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push({ type: 'TooLong', field: path, detail: `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes` });
  return errs;
}

// ---- pods: containers ----------------------------------------------------------------------

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([...STANDARD_CONTAINER_RESOURCES, 'pods', 'services', 'storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'requests.storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage']);
const isHugePages = (r: string) => r.startsWith('hugepages-');
/** Native resources live in kubernetes.io; everything else with a '/' is an extended resource. */
const isNativeResource = (r: string) => !r.includes('/') || r.includes('kubernetes.io/');
const isOvercommitAllowed = (r: string) => isNativeResource(r) && !isHugePages(r);
const isIntegerResource = (r: string) => !isNativeResource(r) && !r.startsWith('requests.');

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function validateResourceQuantity(resource: string, q: unknown, path: string): FieldError[] {
  const v = quantityValue(q);
  if (v === undefined) return [];
  const errs: FieldError[] = [];
  if (v < 0) errs.push(invalid(path, canonicalQuantity(q as string), IS_NEGATIVE));
  if (isIntegerResource(resource) && Math.round(v * 1000) % 1000 !== 0) errs.push(invalid(path, canonicalQuantity(q as string), 'must be an integer'));
  return errs;
}

function validateResourceRequirements(res: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(res)) return errs;
  const limits = isObj(res.limits) ? res.limits : {};
  const requests = isObj(res.requests) ? res.requests : {};
  let limCpuMem = false, reqCpuMem = false, hugePages = false;
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
          errs.push(invalid(`${path}.requests`, canonicalQuantity(requests[name]), `must be equal to ${name} limit of ${canonicalQuantity(limits[name])}`));
        } else if (q > lim) {
          errs.push(invalid(`${path}.requests`, canonicalQuantity(requests[name]), `must be less than or equal to ${name} limit of ${canonicalQuantity(limits[name])}`));
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

function validatePorts(ports: unknown, path: string): FieldError[] {
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

function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((e, i) => {
    const name = str(e?.name);
    const p = `${path}[${i}].name`;
    if (!name) errs.push(required(p));
    // RelaxedEnvironmentVariableValidation is on by default since 1.32.
    else if ([...name].some((ch) => ch.charCodeAt(0) > 126 || ch.charCodeAt(0) < 32 || ch === '=')) {
      errs.push(invalid(p, name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    }
    if (e?.valueFrom !== undefined && str(e?.value) !== '') errs.push(invalid(`${path}[${i}].valueFrom`, '', 'may not be specified when `value` is not empty'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
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

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];

function validateHandler(h: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of HANDLERS) {
    if (h?.[kind] === undefined || h?.[kind] === null) continue;
    if (n > 0) { errs.push(forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type')); continue; }
    n++;
    const a = h[kind];
    if (kind === 'exec' && arr(a?.command).length === 0) errs.push(required(`${path}.exec.command`));
    if (kind === 'httpGet') {
      if (!str(a?.path)) errs.push(required(`${path}.httpGet.path`));
      errs.push(...validatePortNumOrName(a?.port, `${path}.httpGet.port`));
      const scheme = str(a?.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(`${path}.httpGet.scheme`, scheme, ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(a?.port, `${path}.tcpSocket.port`));
    if (kind === 'grpc') for (const m of isValidPortNum(num(a?.port))) errs.push(invalid(`${path}.grpc.port`, num(a?.port), m));
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  return isValidPortName(str(port)).map((m) => invalid(path, str(port), m));
}

function validateProbe(probe: Any, path: string, which: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (num(probe[f]) < 0) errs.push(invalid(`${path}.${f}`, num(probe[f]), IS_NEGATIVE));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  if (which !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1) errs.push(invalid(`${path}.successThreshold`, num(probe.successThreshold), 'must be 1'));
  if (which === 'readiness' && tgps !== undefined && tgps !== null) errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes'));
  return errs;
}

function validateLifecycle(lc: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isObj(lc?.postStart)) errs.push(...validateHandler(lc.postStart, `${path}.postStart`));
  if (isObj(lc?.preStop)) errs.push(...validateHandler(lc.preStop, `${path}.preStop`));
  return errs;
}

function validateContainerCommon(c: Any, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c?.name);
  if (!name) errs.push(required(`${path}.name`));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, m));
  if (!str(c?.image)) errs.push(required(`${path}.image`));
  const tmp = str(c?.terminationMessagePolicy);
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(c?.ports, `${path}.ports`));
  errs.push(...validateEnv(c?.env, `${path}.env`));
  errs.push(...validateVolumeMounts(c?.volumeMounts, volumes, `${path}.volumeMounts`));
  const pull = str(c?.imagePullPolicy);
  if (!pull) errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) errs.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResourceRequirements(c?.resources, `${path}.resources`));
  return errs;
}

/** Host ports must not collide within one list: "<protocol>/<hostIP>/<port>". */
function checkHostPortConflicts(containers: Any[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => arr(c?.ports).forEach((p, pi) => {
    const hp = num(p?.hostPort);
    if (hp === 0) return;
    const key = `${str(p?.protocol)}/${str(p?.hostIP)}/${hp}`;
    if (seen.has(key)) errs.push({ type: 'Duplicate', field: `${path}[${ci}].ports[${pi}].hostPort`, value: key });
    else seen.add(key);
  }));
  return errs;
}

function validateContainers(containers: unknown, volumes: Set<string>, path: string): FieldError[] {
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
    if (c?.restartPolicy !== undefined && c?.restartPolicy !== null) errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

const INIT_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

function validateInitContainers(inits: unknown, regular: unknown, volumes: Set<string>, path: string): FieldError[] {
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

function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(volumes).forEach((v, i) => {
    const el: FieldError[] = [];
    const name = str(v?.name);
    const sources = Object.keys(isObj(v) ? v : {}).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
    sources.slice(1).forEach((k) => el.push(forbidden(`${path}[${i}].${k}`, 'may not specify more than 1 volume type')));
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

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect === '') return [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = str(t?.key), op = str(t?.operator), value = str(t?.value), effect = str(t?.effect);
    if (key) errs.push(...validateLabelName(key, `${p}.key`));
    if (!key && op !== 'Exists') errs.push(invalid(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
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

function validateNodeFieldSelectorRequirement(r: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = arr(r?.values);
  if (r?.operator === 'In' || r?.operator === 'NotIn') {
    if (values.length !== 1) errs.push(required(`${path}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else errs.push(invalid(`${path}.operator`, str(r?.operator), 'not a valid selector operator'));
  if (r?.key !== 'metadata.name') errs.push(invalid(`${path}.key`, str(r?.key), 'not a valid field selector key'));
  else values.forEach((v, i) => { for (const m of isDNS1123Subdomain(str(v))) errs.push(invalid(`${path}.values[${i}]`, str(v), m)); });
  return errs;
}

function validateNodeSelectorTerm(term: Any, allowInvalidValue: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(term?.matchExpressions).forEach((r, j) => errs.push(...validateSelectorRequirement(r, `${path}.matchExpressions[${j}]`, allowInvalidValue, true)));
  arr(term?.matchFields).forEach((r, j) => errs.push(...validateNodeFieldSelectorRequirement(r, `${path}.matchFields[${j}]`)));
  return errs;
}

function validatePodAffinityTerm(term: Any, path: string): FieldError[] {
  const errs = [...validateLabelSelector(term?.labelSelector, `${path}.labelSelector`), ...validateLabelSelector(term?.namespaceSelector, `${path}.namespaceSelector`)];
  for (const ns of arr(term?.namespaces)) for (const m of isDNS1123Label(str(ns))) errs.push(invalid(`${path}.namespace`, str(ns), m));
  for (const f of ['matchLabelKeys', 'mismatchLabelKeys']) arr(term?.[f]).forEach((k, i) => errs.push(...validateLabelName(str(k), `${path}.${f}[${i}]`)));
  const key = str(term?.topologyKey);
  if (!key) errs.push(required(`${path}.topologyKey`, 'can not be empty'));
  errs.push(...validateLabelName(key, `${path}.topologyKey`));
  return errs;
}

function validatePodAffinity(pa: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = `${path}.requiredDuringSchedulingIgnoredDuringExecution`;
  const pref = `${path}.preferredDuringSchedulingIgnoredDuringExecution`;
  arr(pa?.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, `${req}[${i}]`)));
  arr(pa?.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
    const weight = num(w?.weight);
    if (weight <= 0 || weight > 100) errs.push(invalid(`${pref}[${i}].weight`, weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(w?.podAffinityTerm, `${pref}[${i}].podAffinityTerm`));
  });
  return errs;
}

function validateAffinity(aff: Any, path: string): FieldError[] {
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

function validateTopologySpreadConstraints(list: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const cs = arr(list);
  cs.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (num(c?.maxSkew) <= 0) errs.push(invalid(`${p}.maxSkew`, num(c?.maxSkew), NOT_POSITIVE));
    if (!str(c?.topologyKey)) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    const when = str(c?.whenUnsatisfiable);
    if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') errs.push(notSupported(`${p}.whenUnsatisfiable`, when, ['DoNotSchedule', 'ScheduleAnyway']));
    if (cs.slice(i + 1).some((o) => str(o?.topologyKey) === str(c?.topologyKey) && str(o?.whenUnsatisfiable) === when)) {
      errs.push({ type: 'Duplicate', field: `${p}.{topologyKey, whenUnsatisfiable}`, value: `{${str(c?.topologyKey)}, ${when}}` });
    }
    if (c?.minDomains !== undefined && c?.minDomains !== null) {
      if (num(c.minDomains) <= 0) errs.push(invalid(`${p}.minDomains`, num(c.minDomains), NOT_POSITIVE));
      if (when !== 'DoNotSchedule') errs.push(invalid(`${p}.minDomains`, num(c.minDomains), `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c?.[f] !== undefined && c?.[f] !== null && c[f] !== 'Honor' && c[f] !== 'Ignore') errs.push(notSupported(`${p}.${f}`, str(c[f]), ['Honor', 'Ignore']));
    }
    arr(c?.matchLabelKeys).forEach((k, j) => errs.push(...validateLabelName(str(k), `${p}.matchLabelKeys[${j}]`)));
    errs.push(...validateLabelSelector(c?.labelSelector, `${p}.labelSelector`));
  });
  return errs;
}

// ---- pods ----------------------------------------------------------------------------------

function validatePodSpec(spec: Any, path: string, isPod: boolean): FieldError[] {
  const errs: FieldError[] = [];
  spec = isObj(spec) ? spec : {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) errs.push(required(`${path}.terminationGracePeriodSeconds`));
  const vols = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, vols.names, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, `${path}.initContainers`));
  if (spec.hostNetwork === true) {
    arr(spec.containers).forEach((c, i) => arr(c?.ports).forEach((p, j) => {
      const hp = num(p?.hostPort), cp = num(p?.containerPort);
      if ((isPod || hp !== 0) && hp !== cp) errs.push(invalid(`${path}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
    }));
  }
  const rp = str(spec.restartPolicy);
  if (!rp) errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']));
  const dns = str(spec.dnsPolicy);
  if (!dns) errs.push(required(`${path}.dnsPolicy`));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) errs.push(notSupported(`${path}.dnsPolicy`, dns, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
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
  if (str(spec.serviceAccountName)) for (const m of isDNS1123Subdomain(str(spec.serviceAccountName))) errs.push(invalid(`${path}.serviceAccountName`, spec.serviceAccountName, m));
  if (str(spec.nodeName)) for (const m of isDNS1123Subdomain(str(spec.nodeName))) errs.push(invalid(`${path}.nodeName`, spec.nodeName, m));
  if (typeof spec.activeDeadlineSeconds === 'number' && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  }
  if (str(spec.hostname)) for (const m of isDNS1123Label(str(spec.hostname))) errs.push(invalid(`${path}.hostname`, spec.hostname, m));
  if (str(spec.subdomain)) for (const m of isDNS1123Label(str(spec.subdomain))) errs.push(invalid(`${path}.subdomain`, spec.subdomain, m));
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  if (str(spec.priorityClassName)) for (const m of isDNS1123Subdomain(str(spec.priorityClassName))) errs.push(invalid(`${path}.priorityClassName`, spec.priorityClassName, m));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && !['PreemptLowerPriority', 'Never'].includes(spec.preemptionPolicy)) {
    errs.push(notSupported(`${path}.preemptionPolicy`, str(spec.preemptionPolicy), ['PreemptLowerPriority', 'Never']));
  }
  if (isObj(spec.overhead)) errs.push(...validateResourceRequirements({ limits: spec.overhead }, `${path}.overhead`));
  return errs;
}

function validatePod(pod: Any, phase: ValidationPhase): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(pod.spec, 'spec', true));
  for (const list of ['containers', 'initContainers']) {
    arr(pod.spec?.[list]).forEach((c, i) => {
      const image = str(c?.image);
      if (image.length !== image.trim().length) errs.push(invalid(`spec.${list}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  if (phase === 'create') {
    if (arr(pod.spec?.ephemeralContainers).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    if (str(pod.spec?.nodeName) && arr(pod.spec?.schedulingGates).length > 0) errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

const UPDATABLE_POD_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** ValidatePodUpdate's immutability rules (the spec is validated by validateObject). */
function validatePodUpdate(pod: Any, old: Any): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pod.spec ?? {}, oldSpec = old.spec ?? {};
  for (const list of ['containers', 'initContainers']) {
    if (arr(spec[list]).length !== arr(oldSpec[list]).length) return [forbidden(`spec.${list}`, 'pod updates may not add or remove containers')];
  }
  const ads = spec.activeDeadlineSeconds, oldAds = oldSpec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > 2147483647) return [...errs, invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, 2147483647))];
    if (typeof oldAds === 'number' && oldAds < ads) return [...errs, invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
  } else if (typeof oldAds === 'number') errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  // Tolerations: existing ones may only change their tolerationSeconds.
  for (const o of arr(oldSpec.tolerations)) {
    const same = arr(spec.tolerations).some((n) => deepEqual({ ...o, tolerationSeconds: n?.tolerationSeconds }, n));
    if (!same) { errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')); break; }
  }
  if (deepEqual(spec, oldSpec)) return errs;
  const munged = structuredClone(spec);
  arr(munged.containers).forEach((c, i) => { c.image = oldSpec.containers[i]?.image; });
  arr(munged.initContainers).forEach((c, i) => { c.image = oldSpec.initContainers[i]?.image; });
  setOrDelete(munged, 'activeDeadlineSeconds', oldSpec.activeDeadlineSeconds);
  setOrDelete(munged, 'tolerations', oldSpec.tolerations);
  setOrDelete(munged, 'schedulingGates', oldSpec.schedulingGates);
  if (typeof oldSpec.terminationGracePeriodSeconds === 'number' && oldSpec.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (!deepEqual(munged, oldSpec)) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}

function setOrDelete(o: Any, k: string, v: unknown): void { if (v === undefined) delete o[k]; else o[k] = v; }

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Any)[k] !== undefined), kb = Object.keys(b).filter((k) => (b as Any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Any)[k], (b as Any)[k]));
}

/**
 * A readable diff of the changed leaves, in the spirit of the cmp.Diff the API server appends
 * (go-cmp deliberately randomizes its own layout, so no simulator can match it byte for byte).
 */
function specDiff(old: unknown, cur: unknown): string {
  const lines: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (deepEqual(a, b)) return;
    if (isObj(a) && isObj(b)) { for (const k of sortedKeys({ ...a, ...b })) walk(a[k], b[k], `${path}.${k}`); return; }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) { a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`)); return; }
    if (a !== undefined) lines.push(`-   ${path}: ${JSON.stringify(a)}`);
    if (b !== undefined) lines.push(`+   ${path}: ${JSON.stringify(b)}`);
  };
  walk(old, cur, 'spec');
  return `  core.PodSpec{\n${lines.join('\n')}\n  }\n`;
}

// ---- workloads -----------------------------------------------------------------------------

function validatePodTemplateSpec(tpl: Any, path: string): FieldError[] {
  if (!isObj(tpl)) return [required(path)];
  const errs = validateLabels(tpl.metadata?.labels, `${path}.metadata.labels`);
  errs.push(...validateAnnotations(tpl.metadata?.annotations, `${path}.metadata.annotations`));
  errs.push(...validatePodSpec(tpl.spec, `${path}.spec`, false));
  if (arr(tpl.spec?.ephemeralContainers).length > 0) errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** Selector checks shared by Deployment, ReplicaSet and DaemonSet (apps/validation). */
function validateWorkloadSelector(spec: Any, what: string, errs: FieldError[]): boolean {
  if (!isObj(spec.selector)) { errs.push(required('spec.selector')); return false; }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (selectorEmpty(spec.selector)) errs.push(invalid('spec.selector', new GoValue(goLabelSelector(spec.selector)), `empty selector is invalid for ${what}`));
  return true;
}

function goLabelSelector(sel: Any): string {
  const ml = isObj(sel?.matchLabels) ? goStringMap(sel.matchLabels).text : 'map[string]string(nil)';
  return `&v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

function validateReplicatedTemplate(spec: Any, errs: FieldError[], checkSelector: boolean): void {
  const tpl = spec.template;
  if (!isObj(tpl)) { errs.push(required('spec.template')); return; }
  if (checkSelector && !selectorEmpty(spec.selector) && !selectorMatches(spec.selector, tpl.metadata?.labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(tpl.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(tpl, 'spec.template'));
  const rp = str(tpl.spec?.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (tpl.spec?.activeDeadlineSeconds !== undefined && tpl.spec?.activeDeadlineSeconds !== null) {
    errs.push(invalid('spec.template.spec.activeDeadlineSeconds', tpl.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
}

function validateDeploymentOrReplicaSet(obj: Any, what: 'deployment' | 'replicaset'): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(obj.spec) ? obj.spec : {};
  if (typeof spec.replicas === 'number' && spec.replicas < 0) errs.push(invalid('spec.replicas', spec.replicas, IS_NEGATIVE));
  const selectorOk = validateWorkloadSelector(spec, what, errs);
  validateReplicatedTemplate(spec, errs, selectorOk);
  if (what === 'deployment') {
    const st = spec.strategy;
    if (isObj(st)) {
      if (st.type === 'Recreate') {
        if (st.rollingUpdate !== undefined && st.rollingUpdate !== null) errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
      } else if (st.type === 'RollingUpdate') {
        const ru = st.rollingUpdate;
        if (isObj(ru) && isZeroIntOrPercent(ru.maxSurge) && isZeroIntOrPercent(ru.maxUnavailable)) {
          errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
        }
      } else errs.push(notSupported('spec.strategy.type', str(st.type), ['Recreate', 'RollingUpdate']));
    }
    for (const f of ['minReadySeconds', 'revisionHistoryLimit']) if (typeof spec[f] === 'number' && spec[f] < 0) errs.push(invalid(`spec.${f}`, spec[f], IS_NEGATIVE));
  }
  if (typeof spec.minReadySeconds === 'number' && spec.minReadySeconds < 0 && what === 'replicaset') errs.push(invalid('spec.minReadySeconds', spec.minReadySeconds, IS_NEGATIVE));
  return errs;
}

const isZeroIntOrPercent = (v: unknown) => v === 0 || v === '0%';

function validateDaemonSet(ds: Any): FieldError[] {
  const errs = validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(ds.spec) ? ds.spec : {};
  const selectorOk = validateWorkloadSelector(spec, 'daemonset', errs);
  validateReplicatedTemplate(spec, errs, selectorOk);
  const us = spec.updateStrategy;
  if (isObj(us) && us.type !== 'OnDelete' && us.type !== 'RollingUpdate') errs.push(notSupported('spec.updateStrategy.type', str(us.type), ['OnDelete', 'RollingUpdate']));
  return errs;
}

/**
 * ValidateStatefulSetSpec (pkg/apis/apps/validation): the selector must be set and not empty, and
 * match the template's labels (the rest of the spec is not checked here yet).
 */
function validateStatefulSet(sts: Any): FieldError[] {
  const errs = validateObjectMeta(sts.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(sts.spec) ? sts.spec : {};
  if (typeof spec.replicas === 'number' && spec.replicas < 0) errs.push(invalid('spec.replicas', spec.replicas, IS_NEGATIVE));
  const selectorOk = validateWorkloadSelector(spec, 'statefulset', errs);
  const labels = isObj(spec.template) ? spec.template.metadata?.labels : undefined;
  if (selectorOk && !selectorEmpty(spec.selector) && !selectorMatches(spec.selector, labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

// ---- other kinds ---------------------------------------------------------------------------

function validateNode(node: Any): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  const seen = new Map<string, Set<string>>();
  arr(node.spec?.taints).forEach((t, i) => {
    const p = `spec.taints[${i}]`;
    const key = str(t?.key), value = str(t?.value), effect = str(t?.effect);
    errs.push(...validateLabelName(key, `${p}.key`));
    const msgs = isValidLabelValue(value);
    if (msgs.length) errs.push(invalid(`${p}.value`, value, msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, `${p}.effect`));
    if (seen.get(effect)?.has(key)) {
      errs.push({ type: 'Duplicate', field: p, value: new GoValue(`core.Taint{Key:${JSON.stringify(key)}, Value:${JSON.stringify(value)}, Effect:${JSON.stringify(effect)}, TimeAdded:<nil>}`), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    if (!seen.has(effect)) seen.set(effect, new Set());
    seen.get(effect)!.add(key);
  });
  // ValidateNodeResources (pkg/apis/core/validation): status quantities, if given, are valid.
  for (const field of ['capacity', 'allocatable']) {
    const list = node.status?.[field];
    if (isObj(list)) for (const name of sortedKeys(list)) errs.push(...validateResourceQuantity(name, list[name], `status.${field}.${name}`));
  }
  errs.push(...validatePodCIDRs(node.spec));
  return errs;
}

/**
 * spec.podCIDRs (the v1 conversion fills it from spec.podCIDR when only that is set): each a valid
 * CIDR, and two at most, one per IP family (pkg/apis/core/validation ValidateNode).
 */
function validatePodCIDRs(spec: Any): FieldError[] {
  const list = arr(spec?.podCIDRs).length ? arr(spec.podCIDRs).map(str) : spec?.podCIDR ? [str(spec.podCIDR)] : [];
  const cidrs = list.map(parseCidr);
  const errs: FieldError[] = [];
  cidrs.forEach((c, i) => {
    if (!c) errs.push(invalid(`spec.podCIDRs[${i}]`, list[i], 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  if (!errs.length && cidrs.length > 1 && (cidrs.length > 2 || cidrs[0]!.family === cidrs[1]!.family)) {
    errs.push(invalid('spec.podCIDRs', new GoValue(`[]string{${list.map((x) => JSON.stringify(x)).join(', ')}}`), 'may specify no more than one CIDR for each IP family'));
  }
  return errs;
}

function validateNamespace(ns: Any): FieldError[] {
  return validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
}

const HIGHEST_USER_PRIORITY = 1000000000;
const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

function validatePriorityClass(pc: Any): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name = str(pc.metadata?.name);
  const value = num(pc.value);
  if (name.startsWith('system-')) {
    let err = '';
    if (!(name in SYSTEM_CLASSES)) err = `${name} is not a known system priority class`;
    else if (SYSTEM_CLASSES[name] !== value) err = `value of ${name} PriorityClass must be ${SYSTEM_CLASSES[name]}`;
    else if (pc.globalDefault === true) err = `globalDefault of ${name} PriorityClass must be false`;
    if (err) errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`));
  } else if (value > HIGHEST_USER_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined && pc.preemptionPolicy !== null && !['PreemptLowerPriority', 'Never'].includes(pc.preemptionPolicy)) {
    errs.push(notSupported('preemptionPolicy', str(pc.preemptionPolicy), ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function validateService(svc: Any): FieldError[] {
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
    else if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(invalid(`${ip}.targetPort`, new GoValue(tp), m));
  });
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const aff = str(spec.sessionAffinity);
  if (!aff) errs.push(required('spec.sessionAffinity'));
  else if (aff !== 'ClientIP' && aff !== 'None') errs.push(notSupported('spec.sessionAffinity', aff, ['ClientIP', 'None']));
  return errs;
}

// ---- entry points --------------------------------------------------------------------------

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
    case 'Pod': return validatePod(o, phase);
    case 'Deployment': return validateDeploymentOrReplicaSet(o, 'deployment');
    case 'ReplicaSet': return validateDeploymentOrReplicaSet(o, 'replicaset');
    case 'DaemonSet': return validateDaemonSet(o);
    case 'StatefulSet': return validateStatefulSet(o);
    case 'Node': return validateNode(o);
    case 'Namespace': return validateNamespace(o);
    case 'PriorityClass': return validatePriorityClass(o);
    case 'Service': return validateService(o);
    default: {
      const g = GENERIC_NAME[obj.kind];
      return g ? validateObjectMeta(o.metadata, g.namespaced, g.nameFn) : validateObjectMeta(o.metadata, !!o.metadata?.namespace, nameIsDNSSubdomain);
    }
  }
}

/** Checks that only depend on the old object (immutable fields). */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['name', 'namespace', 'uid'] as const) {
    const cur = old.metadata?.[f];
    if (cur !== undefined && obj.metadata?.[f] !== undefined && obj.metadata[f] !== cur) errs.push(invalid(`metadata.${f}`, str(obj.metadata[f]), 'field is immutable'));
  }
  const o = obj as Any, p = old as Any;
  switch (obj.kind) {
    case 'Pod': errs.push(...validatePodUpdate(o, p)); break;
    case 'Deployment': case 'ReplicaSet': case 'DaemonSet':
      if (isObj(o.spec?.selector) && isObj(p.spec?.selector) && !deepEqual(o.spec.selector, p.spec.selector)) {
        errs.push(invalid('spec.selector', new GoValue(goLabelSelector(o.spec.selector)), 'field is immutable'));
      }
      break;
    case 'PriorityClass':
      if (o.value !== p.value) errs.push(forbidden('value', 'may not be changed in an update.'));
      if ((o.preemptionPolicy ?? 'PreemptLowerPriority') !== (p.preemptionPolicy ?? 'PreemptLowerPriority')) errs.push(invalid('preemptionPolicy', str(o.preemptionPolicy), 'field is immutable'));
      break;
  }
  return errs;
}
