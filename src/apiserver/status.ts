// metav1.Status bodies of the served API (k8s.io/apimachinery/pkg/api/errors/errors.go): the
// reason, code, message and details kube-apiserver writes, so that a real kubectl renders its own
// `Error from server (NotFound): pods "x" not found` or `The Pod "x" is invalid: …` from them.

import { type FieldError, type FieldErrorType, formatFieldError } from '../api/fielderrors.ts';
import { API_KINDS } from '../api/kinds.ts';
import { ApiError, type StatusReason } from '../store/errors.ts';
import { NotSupportedError } from '../util/errors.ts';

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason: string; message: string; field: string }[];
  };
}

/** metav1.CauseType of each field.ErrorType (field.ErrorType values are the cause types). */
const CAUSE: Record<FieldErrorType, string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  Duplicate: 'FieldValueDuplicate',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  NotFound: 'FieldValueNotFound',
};

/** field.Error.ErrorBody(): the error without its `field: ` prefix. */
function errorBody(e: FieldError): string {
  return formatFieldError(e).slice(e.field.length + 2);
}

export function failure(
  code: number,
  reason: StatusReason | 'NotAcceptable' | 'UnsupportedMediaType' | 'InternalError' | 'Gone' | 'Expired',
  message: string,
  details?: Status['details'],
): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** The Status of an ApiError, with the details apierrors.New* fill in (resource plural for NotFound/AlreadyExists/Conflict, kind for Invalid). */
export function statusOf(e: ApiError): Status {
  const info = e.kind ? API_KINDS.find((k) => k.kind === e.kind) : undefined;
  const group = info?.group ? { group: info.group } : {};
  if (e.reason === 'Invalid') {
    const causes = e.fieldErrors.map((f) => ({ reason: CAUSE[f.type], message: errorBody(f), field: f.field }));
    return failure(422, 'Invalid', e.message, { name: e.objectName, ...group, kind: e.kind, causes });
  }
  const causes = e.causes.length ? { causes: e.causes } : {};
  if (e.objectName || info)
    return failure(e.code, e.reason, e.message, {
      name: e.objectName,
      ...group,
      kind: info?.plural ?? e.kind,
      ...causes,
    });
  return failure(e.code, e.reason, e.message);
}

/** Any error a handler throws, as a Status: API errors as the server words them, `not supported yet` as 501 (reason NotImplemented is not a metav1 reason: BadRequest keeps kubectl's rendering). */
export function errorStatus(e: unknown): Status {
  if (e instanceof ApiError) return statusOf(e);
  if (e instanceof NotSupportedError) return failure(501, 'BadRequest', e.message);
  const message = e instanceof Error ? e.message : String(e);
  return failure(500, 'InternalError', `Internal error occurred: ${message}`);
}
