// `kubectl label TYPE NAME k=v ... k- [--overwrite] [--all] [-l]` (kubectl pkg/cmd/label): any
// existing key errors without --overwrite (even with the same value); `label "k" not found.`
// for an absent key being removed; `<kind>/<name> labeled|unlabeled|not labeled`.

import type { KubeObject } from '../api/types.ts';
import { UserError } from '../util/errors.ts';
import { Aggregate, type Command, type Ctx, type FlagSpec } from './flags.ts';
import { selectorFlag } from './get.ts';
import { nameLine } from './printers.ts';
import { parseResourceArgs } from './resources.ts';
import { isValidLabelValue } from '../api/validation/names.ts';

/** cmdutil.GetResourcesAndPairs: resource words first, then `k=v` / `k-` pairs. */
export function splitResourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) {
      found = true;
      pairs.push(s);
    } else if (!found) resources.push(s);
    else throw new UserError(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return { resources, pairs };
}

export function parseLabels(spec: string[]): { add: Record<string, string>; remove: string[] } {
  const add: Record<string, string> = {};
  const remove: string[] = [];
  for (const s of spec) {
    if (s.includes('=')) {
      const parts = s.split('=');
      if (parts.length !== 2) throw new UserError(`invalid label spec: ${s}`);
      const errs = isValidLabelValue(parts[1]);
      if (errs.length) throw new UserError(`invalid label value: ${JSON.stringify(s)}: ${errs.join(';')}`);
      add[parts[0]] = parts[1];
    } else if (s.endsWith('-')) {
      remove.push(s.slice(0, -1));
    } else {
      throw new UserError(`unknown label spec: ${s}`);
    }
  }
  for (const r of remove)
    if (r in add) throw new UserError('can not both modify and remove a label in the same command');
  return { add, remove };
}

function labelOne(ctx: Ctx, obj: KubeObject, add: Record<string, string>, remove: string[]): void {
  const overwrite = ctx.bool('overwrite');
  const current = obj.metadata.labels ?? {};
  for (const r of remove) if (!(r in current)) ctx.print(`label ${JSON.stringify(r)} not found.`);
  if (!overwrite) {
    const errs = Object.keys(add)
      .sort()
      .filter((k) => k in current)
      .map((k) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
    if (errs.length) throw new Aggregate(errs);
  }
  const labels = { ...current, ...add };
  for (const r of remove) delete labels[r];
  const updated: KubeObject = { ...obj, metadata: { ...obj.metadata, labels } };
  if (Object.keys(labels).length === 0) delete updated.metadata.labels;
  const oldLen = JSON.stringify(obj).length;
  const newLen = JSON.stringify(updated).length;
  let msg = 'not labeled';
  if (
    JSON.stringify(obj.metadata.labels ?? {}) !== JSON.stringify(updated.metadata.labels ?? {}) ||
    oldLen !== newLen
  ) {
    msg = !overwrite && newLen < oldLen ? 'unlabeled' : 'labeled';
    ctx.cluster.api.update(updated);
  }
  ctx.print(nameLine(obj, msg));
}

/**
 * The objects `TYPE NAME...` or `TYPE --all|-l` name (label, annotate); undefined after printing
 * kubectl's `No resources found in <ns> namespace.` for a type that matched nothing.
 * `typeMeansAll`: a bare TYPE lists them all without --all (rollout restart).
 */
export function selectObjects(ctx: Ctx, resources: string[], typeMeansAll = false): KubeObject[] | undefined {
  const { types, refs } = parseResourceArgs(resources);
  const match = selectorFlag(ctx);
  const store = ctx.cluster.store;
  const objs: KubeObject[] = [];
  for (const info of types) {
    if (!typeMeansAll && !ctx.bool('all') && !match)
      throw new UserError('resource(s) were provided, but no name was specified');
    const ns = info.namespaced && !ctx.bool('all-namespaces') ? ctx.namespace() : undefined;
    objs.push(...store.list(info.kind, ns).filter((o) => !match || match(o.metadata.labels)));
  }
  for (const r of refs)
    objs.push(ctx.cluster.api.get(r.info.kind, r.info.namespaced ? ctx.namespace() : undefined, r.name));
  if (types.length && objs.length === 0) {
    ctx.eprint(`No resources found in ${ctx.namespace()} namespace.`);
    return undefined;
  }
  return objs;
}

/** The flags of label and annotate: --overwrite and how selectObjects picks objects. */
export const PAIR_COMMAND_FLAGS: FlagSpec[] = [
  { name: 'overwrite', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
];

export const labelCommand: Command = {
  name: 'label',
  flags: PAIR_COMMAND_FLAGS,
  run(ctx) {
    const { resources, pairs } = splitResourcesAndPairs(ctx.args.positional, 'label');
    const { add, remove } = parseLabels(pairs);
    if (ctx.bool('all') && ctx.str('selector')) throw new UserError('cannot set --all and --selector at the same time');
    if (resources.length < 1)
      throw new UserError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (Object.keys(add).length < 1 && remove.length < 1) throw new UserError('at least one label update is required');
    const objs = selectObjects(ctx, resources);
    if (!objs) return 0;
    for (const o of objs) labelOne(ctx, o, add, remove);
    return 0;
  },
};
