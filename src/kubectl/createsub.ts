// What the `kubectl create <kind>` subcommands share (staging/src/k8s.io/kubectl/pkg/cmd/create/
// create.go): NAME from the arguments (`exactly one NAME is required, got N`), the flags every
// one has, and Run: a client dry run prints the typed object kubectl built (the namespace set only
// when -n was given); otherwise the API server creates it and kubectl prints what came back, each
// subcommand wrapping a failure its own way (`failed to create deployment: ...`).

import { printResult } from './resources.ts';
import type { KubeObject } from '../api/types.ts';
import { ApiError } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Ctx, type FlagSpec, UsageError } from './flags.ts';
import { toTypedJson } from './gojson.ts';
import { checkOutputFormat, shownFields } from './output.ts';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from './run.ts';

/** The flags of every create subcommand. */
export const CREATE_SUB_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool' },
  DRY_RUN_FLAG,
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
];

/** NameFromCommandArgs: the one NAME before `--`. */
export function nameFromArgs(ctx: Ctx): string {
  const dash = ctx.args.dashArgs;
  const n = dash ? ctx.args.positional.length - dash.length : ctx.args.positional.length;
  if (n !== 1) throw new UsageError(`exactly one NAME is required, got ${n}`, ctx.commandPath);
  return ctx.args.positional[0];
}

/** StringSlice flags: each value split at commas. */
export function sliceFlag(ctx: Ctx, name: string): string[] {
  return ctx.flag<string[]>(name).flatMap((v) => v.split(','));
}

/** util.ParseLiteralSource: `key=value`, split at the first `=`. */
export function parseLiteral(source: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new UserError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** validation.IsConfigMapKey's message for a key with other characters. */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key))
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/**
 * Runs a create subcommand for `obj` (built without a namespace): checks -o and --dry-run, then
 * prints the dry-run object or creates it. `wrap` turns an API error into the subcommand's error.
 */
export function runCreate(ctx: Ctx, obj: KubeObject, namespaced: boolean, wrap: (e: ApiError) => Error): number {
  const output = ctx.str('output');
  checkOutputFormat(output);
  if (ctx.bool('save-config')) throw new NotSupportedError(`${ctx.commandPath} --save-config`);
  const dryRun = dryRunStrategy(ctx);
  let shown = obj;
  if (namespaced && ctx.explicitNamespace())
    shown = { ...obj, metadata: { ...obj.metadata, namespace: ctx.namespace() } };
  if (dryRun !== 'client') {
    const sent = namespaced ? { ...shown, metadata: { ...shown.metadata, namespace: ctx.namespace() } } : shown;
    try {
      shown = dryRun === 'server' ? ctx.cluster.api.prepareCreate(sent) : ctx.cluster.api.create(sent);
    } catch (e) {
      if (e instanceof ApiError) throw wrap(e);
      throw e;
    }
  }
  if (output === 'json')
    ctx.printRaw(toTypedJson(shownFields(ctx, shown))); // typed clients: Go struct order
  else printResult(ctx, shown, `created${dryRunSuffix(dryRun)}`);
  return 0;
}

/** `failed to create <what>: <server message>` (fmt.Errorf with %v of the status error). */
export const failedTo =
  (prefix: string) =>
  (e: ApiError): Error =>
    new UserError(`${prefix}${e.message}`);
