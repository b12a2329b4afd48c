// apimachinery metav1 validation: ObjectMeta (name, namespace, labels, annotations) and
// LabelSelector; Go value rendering for field errors (%#v of maps in 1.33); and the accessors the
// validation files use on objects as written (any field may be missing or of the wrong type).

import { type FieldError, GoValue, forbidden, invalid, required } from '../fielderrors.ts';
import { IS_NEGATIVE, type NameFn, isDNS1123Label, isQualifiedName, isValidLabelValue } from './names.ts';

// biome-ignore lint/suspicious/noExplicitAny: objects as written, before decoding checked every field
export type Any = any;

export type ValidationPhase = 'pre-default' | 'create' | 'update';

/** `map[string]string{"a":"b"}` as Go's %#v prints it (keys sorted); nil → `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): GoValue {
  if (!m) return new GoValue('map[string]string(nil)');
  return new GoValue(
    `map[string]string{${sortedKeys(m)
      .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`)
      .join(', ')}}`,
  );
}

export function sortedKeys(o: object): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
export const isObj = (v: unknown): v is Record<string, Any> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const arr = (v: unknown): Any[] => (Array.isArray(v) ? v : []);
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

export function validateLabelName(key: string, path: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg));
}

export function validateLabels(labels: unknown, path: string): FieldError[] {
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
export function validateSelectorRequirement(
  r: Any,
  path: string,
  allowInvalidValue: boolean,
  gtLt = false,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = arr(r?.values);
  const op = r?.operator;
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0)
      errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0)
      errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (gtLt && (op === 'Gt' || op === 'Lt')) {
    if (values.length !== 1)
      errs.push(required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else {
    errs.push(invalid(`${path}.operator`, str(op), 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(r?.key), `${path}.key`));
  if (!allowInvalidValue)
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(str(v))) errs.push(invalid(`${path}.values[${i}]`, str(v), msg));
    });
  return errs;
}

export function validateLabelSelector(sel: Any, path: string, allowInvalidValue = false): FieldError[] {
  if (!isObj(sel)) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  arr(sel.matchExpressions).forEach((r, i) =>
    errs.push(...validateSelectorRequirement(r, `${path}.matchExpressions[${i}]`, allowInvalidValue)),
  );
  return errs;
}

export const selectorEmpty = (sel: Any) =>
  Object.keys(sel?.matchLabels ?? {}).length + arr(sel?.matchExpressions).length === 0;

export function validateObjectMeta(meta: Any, namespaced: boolean, nameFn: NameFn, path = 'metadata'): FieldError[] {
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
  if (typeof meta.generation === 'number' && meta.generation < 0)
    errs.push(invalid(`${path}.generation`, meta.generation, IS_NEGATIVE));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errs;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

/** ValidateAnnotations (apimachinery/pkg/api/validation/objectmeta.go): keys, then the total size of keys and values in bytes. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(annotations)) return errs;
  let size = 0;
  for (const k of sortedKeys(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(str(annotations[k]));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B)
    errs.push({ type: 'TooLong', field: path, detail: `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes` });
  return errs;
}
