// field.Error from k8s.io/apimachinery/pkg/util/validation/field: one problem at one field
// path, rendered exactly as the API server renders it inside an Invalid status message.

export type FieldErrorType =
  | 'Required'
  | 'Invalid'
  | 'NotSupported'
  | 'Forbidden'
  | 'Duplicate'
  | 'TooLong'
  | 'TooMany'
  | 'NotFound';

export interface FieldError {
  type: FieldErrorType;
  field: string; // spec.containers[0].resources.requests
  value?: unknown;
  detail?: string;
  supported?: string[]; // for NotSupported
}

const typeText: Record<FieldErrorType, string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  Duplicate: 'Duplicate value',
  TooLong: 'Too long',
  TooMany: 'Too many',
  NotFound: 'Not found',
};

/**
 * A bad value already rendered the way Go's %#v prints it (field.Error uses %#v for maps,
 * structs and slices in 1.33): `map[string]string{"app":"web"}`.
 */
export class GoValue {
  constructor(readonly text: string) {}
}

function valueText(v: unknown): string {
  if (v instanceof GoValue) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** `spec.x: Invalid value: "v": detail` — field.Error.Error(). */
export function formatFieldError(e: FieldError): string {
  let s = `${e.field}: ${typeText[e.type]}`;
  if (e.type === 'Invalid' || e.type === 'NotSupported' || e.type === 'Duplicate' || e.type === 'NotFound')
    s += `: ${valueText(e.value)}`;
  if (e.type === 'NotSupported' && e.supported)
    s += `: supported values: ${e.supported.map((x) => JSON.stringify(x)).join(', ')}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** The aggregate the API server puts after `is invalid: `: one error plain, several in [a, b]. */
export function formatFieldErrors(errs: FieldError[]): string {
  const texts = [...new Set(errs.map(formatFieldError))];
  return texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
}

export const required = (field: string, detail = ''): FieldError => ({ type: 'Required', field, detail });
export const invalid = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'Invalid',
  field,
  value,
  detail,
});
export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  type: 'NotSupported',
  field,
  value,
  supported,
});
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
