// `kubectl wait (TYPE/NAME... | TYPE -l SEL | TYPE --all | -f FILE) --for=COND [--timeout=30s]`
// (staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go) on the virtual clock: `--for=delete`,
// `--for=create`, `--for=condition=NAME[=VALUE]` (compared case-insensitively, conditions older
// than the object's generation ignored) and `--for=jsonpath=EXPR[=VALUE]`. Each object is
// waited for in turn, all within one `--timeout`: the cluster's clock runs timer by timer until
// the condition holds (`pod/x condition met`) or the timeout has passed (`timed out waiting for
// the condition on pods/x`, the clock then stands at the deadline). `--timeout=0` checks once;
// a negative timeout waits a week.

import { kindInfo, type KindInfo } from '../api/kinds.ts';
import type { KubeObject } from '../api/types.ts';
import { ApiError, notFound } from '../store/errors.ts';
import { UserError } from '../util/errors.ts';
import { relaxedJsonPath } from './customcolumns.ts';
import { advanceUntil } from './clockwait.ts';
import { parseGoDuration } from './duration.ts';
import { type Command, type Ctx, FlagError } from './flags.ts';
import { listSelector } from './get.ts';
import { GoFloat, goSprintV, JsonPath, JsonPathError } from './jsonpath.ts';
import { checkOutputFormat } from './output.ts';
import {
  NO_RESOURCES,
  parseResourceArgs,
  placeInNamespace,
  printResult,
  readManifestFiles,
  reportErrors,
} from './resources.ts';

const WEEK_MS = 168 * 3_600_000;

/** A condition on one object; throws UserError for a jsonpath that cannot be compared. */
type Check = (obj: KubeObject) => boolean;

/** ConditionalWait.checkCondition. */
function conditionCheck(name: string, value: string): Check {
  return (obj) => {
    const o = obj as KubeObject & {
      status?: {
        conditions?: { type?: string; status?: string; observedGeneration?: number }[];
        observedGeneration?: number;
      };
    };
    for (const c of o.status?.conditions ?? []) {
      if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase()) continue;
      if (typeof c.status !== 'string') continue;
      const generation = o.metadata.generation;
      const observed = c.observedGeneration ?? o.status?.observedGeneration;
      if (generation !== undefined && observed !== undefined && observed < generation) return false;
      return c.status.toLowerCase() === value.toLowerCase();
    }
    return false;
  };
}

/** splitJSONPathInput: splits on single `=`, keeping `==`. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

/** JSONPathWait.checkCondition. */
function jsonPathCheck(input: string): Check {
  const parts = splitJsonPathInput(input);
  if (parts.length > 2)
    throw new UserError(
      "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'",
    );
  const expr = relaxedJsonPath(parts[0]);
  const value = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : '';
  if (parts.length === 2 && value === '')
    throw new UserError(
      "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
    );
  if (expr === '') throw new UserError('jsonpath expression cannot be empty');
  let jp: JsonPath;
  try {
    jp = new JsonPath(expr);
  } catch (e) {
    if (e instanceof JsonPathError) throw new UserError(e.message);
    throw e;
  }
  jp.allowMissingKeys = true;
  return (obj) => {
    const results = jp.findResults(obj);
    if (results.length === 0 || results[0].length === 0) return false;
    if (results.length > 1) throw new UserError('given jsonpath expression matches more than one list');
    if (results[0].length > 1) throw new UserError('given jsonpath expression matches more than one value');
    if (value === '') return true;
    const v = results[0][0];
    if (v !== null && typeof v === 'object' && !(v instanceof GoFloat))
      throw new UserError('jsonpath leads to a nested object or list which is not supported');
    return goSprintV(v).trim() === value.trim();
  };
}

type Condition = { kind: 'delete' } | { kind: 'create' } | { kind: 'check'; check: Check };

/** conditionFuncFor. */
function conditionFor(text: string): Condition {
  if (text.toLowerCase() === 'delete') return { kind: 'delete' };
  if (text.toLowerCase() === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const spec = text.slice('condition='.length);
    const eq = spec.indexOf('=');
    return {
      kind: 'check',
      check: conditionCheck(eq < 0 ? spec : spec.slice(0, eq), eq < 0 ? 'true' : spec.slice(eq + 1)),
    };
  }
  if (text.startsWith('jsonpath=')) return { kind: 'check', check: jsonPathCheck(text.slice('jsonpath='.length)) };
  throw new UserError(`unrecognized condition: ${JSON.stringify(text)}`);
}

/** --timeout as milliseconds (a Go duration; negative: a week). */
function timeoutMs(ctx: Ctx): number {
  const text = ctx.str('timeout');
  const negative = text.startsWith('-');
  try {
    const s = parseGoDuration(negative ? text.slice(1) : text);
    return negative && s > 0 ? WEEK_MS : s * 1000;
  } catch (e) {
    throw new FlagError((e as Error).message, ctx.commandPath);
  }
}

interface Target {
  info: KindInfo;
  namespace: string | undefined;
  name: string;
}

/** What the builder visits: objects by name (missing ones as NotFound errors), by type with -l or --all, or from files. */
function visit(ctx: Ctx, errors: Error[]): Target[] {
  const files = ctx.flag<string[]>('filename');
  const allNs = ctx.bool('all-namespaces');
  if (files.length) {
    return readManifestFiles(ctx, files, 'wait').map((m) => {
      const info = kindInfo(m.object.kind)!;
      const obj = placeInNamespace(m.object, info, ctx);
      return { info, namespace: obj.metadata.namespace, name: obj.metadata.name! };
    });
  }
  const args = ctx.args.positional;
  if (args.length === 0) throw new UserError(NO_RESOURCES);
  const { types, refs } = parseResourceArgs(args);
  const out: Target[] = [];
  const { match, refusal } = listSelector(ctx);
  for (const info of types) {
    if (!ctx.bool('all') && !ctx.str('selector'))
      throw new UserError('resource(s) were provided, but no name was specified');
    if (refusal) {
      errors.push(refusal(info));
      continue;
    }
    const ns = info.namespaced && !allNs ? ctx.namespace() : undefined;
    for (const o of ctx.cluster.store.list(info.kind, ns))
      if (!match || match(o.metadata.labels))
        out.push({ info, namespace: o.metadata.namespace, name: o.metadata.name! });
  }
  for (const r of refs)
    out.push({ info: r.info, namespace: r.info.namespaced ? ctx.namespace() : undefined, name: r.name });
  return out;
}

export const waitCommand: Command = {
  name: 'wait',
  flags: [
    { name: 'for', type: 'string', default: '' },
    { name: 'timeout', type: 'string', default: '30s' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'recursive', short: 'R', type: 'bool', default: true },
    { name: 'local', type: 'bool' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string', default: '' },
  ],
  run(ctx) {
    const output = ctx.str('output');
    checkOutputFormat(output);
    const timeout = timeoutMs(ctx);
    const cond = conditionFor(ctx.str('for'));
    const { cluster } = ctx;
    const errors: Error[] = [];
    const targets = visit(ctx, errors);
    const deadline = cluster.clock.now() + timeout;
    const current = (t: Target) => cluster.store.get(t.info.kind, t.namespace, t.name);
    const objectName = (t: Target) => `${t.info.plural}/${t.name}`;
    const timedOut = (t: Target) => new UserError(`timed out waiting for the condition on ${objectName(t)}`);
    let visited = 0;
    for (const t of targets) {
      const start = current(t);
      try {
        if (cond.kind === 'create') {
          // IsCreated: the object appearing within the timeout
          if (!advanceUntil(cluster, () => !!current(t), deadline))
            throw new UserError('timed out waiting for the condition');
          visited++;
          printResult(ctx, current(t)!, 'condition met');
          continue;
        }
        if (!start) {
          // the builder's GET: NotFound is an error, but not for --for=delete (IgnoreErrors(IsNotFound))
          if (cond.kind !== 'delete') errors.push(notFound(t.info.kind, t.name));
          continue;
        }
        visited++;
        if (cond.kind === 'delete') {
          const gone = () => {
            const cur = current(t);
            return !cur || cur.metadata.uid !== start.metadata.uid;
          };
          if (timeout === 0) throw new UserError(`condition not met for ${objectName(t)}`);
          if (!advanceUntil(cluster, gone, deadline)) throw timedOut(t);
          printResult(ctx, start, 'condition met');
          continue;
        }
        const check = cond.check;
        if (timeout === 0) {
          if (!check(start)) throw new UserError(`condition not met for ${objectName(t)}`);
          printResult(ctx, start, 'condition met');
          continue;
        }
        // once the timeout has passed, the watch ends before it looks at the object
        if (cluster.clock.now() >= deadline) throw timedOut(t);
        const met = () => {
          const cur = current(t);
          return !!cur && check(cur);
        };
        if (!advanceUntil(cluster, met, deadline)) throw timedOut(t);
        printResult(ctx, current(t)!, 'condition met');
      } catch (e) {
        if (!(e instanceof UserError) && !(e instanceof ApiError)) throw e;
        errors.push(e);
      }
    }
    reportErrors(ctx, errors);
    if (errors.length) return 1;
    if (visited === 0 && cond.kind === 'check') throw new UserError('no matching resources found');
    return 0;
  },
};
