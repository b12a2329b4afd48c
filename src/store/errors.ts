// metav1.Status errors of the simulated API server (k8s.io/apimachinery/pkg/api/errors).
// kubectl renders them: `Error from server (AlreadyExists): pods "x" already exists`, and for
// Invalid: `The Pod "x" is invalid: <field errors>`.

import type { FieldError } from '../api/fielderrors.ts';
import type { KubeObject } from '../api/types.ts';
import { formatFieldErrors } from '../api/fielderrors.ts';
import { kindInfo, qualifiedPlural } from '../api/kinds.ts';
import type { ReadStore } from './store.ts';

export type StatusReason =
  | 'AlreadyExists'
  | 'NotFound'
  | 'Invalid'
  | 'Conflict'
  | 'BadRequest'
  | 'Forbidden'
  | 'TooManyRequests'
  | 'MethodNotAllowed'
  | 'InternalError';

/** A metav1.StatusCause of an error's details (beyond the field errors of Invalid). */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export class ApiError extends Error {
  /** Causes the Status details carry (NamespaceTerminating, …). */
  causes: StatusCause[] = [];

  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly code: number,
    readonly fieldErrors: FieldError[] = [],
    readonly kind = '',
    readonly objectName = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const plural = (kind: string) => {
  const i = kindInfo(kind);
  return i ? qualifiedPlural(i) : kind.toLowerCase() + 's';
};

export const alreadyExists = (kind: string, name: string) =>
  new ApiError('AlreadyExists', `${plural(kind)} "${name}" already exists`, 409, [], kind, name);
export const notFound = (kind: string, name: string) =>
  new ApiError('NotFound', `${plural(kind)} "${name}" not found`, 404, [], kind, name);
/** apierrors.NewInvalid: the server says `Deployment.apps "web" is invalid: …`; kubectl prints `The Deployment "web" is invalid: …` (see invalidText). */
export const invalidObject = (kind: string, name: string, errs: FieldError[]) => {
  const group = kindInfo(kind)?.group;
  return new ApiError(
    'Invalid',
    `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${formatFieldErrors(errs)}`,
    422,
    errs,
    kind,
    name,
  );
};

/** How kubectl (cmdutil.CheckErr) words an Invalid error: `The <Kind> "<name>" is invalid: <causes>`. */
export const invalidText = (e: ApiError): string =>
  `The ${e.kind} "${e.objectName}" is invalid: ${formatFieldErrors(e.fieldErrors)}`;
export const badRequest = (message: string) => new ApiError('BadRequest', message, 400);
export const conflict = (kind: string, name: string, detail: string) =>
  new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${plural(kind)} "${name}": ${detail}`,
    409,
    [],
    kind,
    name,
  );
export const forbiddenError = (message: string) => new ApiError('Forbidden', message, 403);
/**
 * admission.NewForbidden (staging/src/k8s.io/apiserver/pkg/admission/errors.go): `pods "x" is
 * forbidden: <reason>`, the object named by its name, else its generateName, else `Unknown`.
 */
export function admissionForbidden(obj: KubeObject, reason: string): ApiError {
  const name = obj.metadata.name || obj.metadata.generateName || 'Unknown';
  return new ApiError('Forbidden', `${plural(obj.kind)} "${name}" is forbidden: ${reason}`, 403, [], obj.kind, name);
}
export const tooManyRequests = (message: string) => new ApiError('TooManyRequests', message, 429);

/** How many node names a "there is no node" message lists before `and N more`. */
const NODE_NAMES_SHOWN = 10;

/** `there is no node w4-k8s in this cluster; its nodes are m-k8s, w1-k8s, …` (a user's mistake in a step or command). */
export function noSuchNodeMessage(store: ReadStore, name: string): string {
  const names = store.list('Node').map((n) => n.metadata.name ?? '');
  if (names.length === 0) return `there is no node ${name} in this cluster; it has no nodes`;
  const shown = names.slice(0, NODE_NAMES_SHOWN).join(', ');
  const more = names.length > NODE_NAMES_SHOWN ? ` and ${names.length - NODE_NAMES_SHOWN} more` : '';
  return `there is no node ${name} in this cluster; its nodes are ${shown}${more}`;
}
