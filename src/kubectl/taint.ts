// `kubectl taint nodes NODE KEY[=VALUE]:EFFECT ... KEY[:EFFECT]- [--overwrite] [--all] [-l]`
// (kubectl pkg/cmd/taint): parsing with every kubectl error text, the
// new taint list (added taints first, then untouched old ones) and the tainted / untainted /
// modified result line.

import type { Node, Taint, TaintEffect } from '../api/types.ts';
import { UserError } from '../util/errors.ts';
import { Aggregate, type Command, type Ctx, UsageError } from './flags.ts';
import { selectorFlag } from './get.ts';
import { nameLine } from './printers.ts';
import { resolveType } from './resources.ts';
import { isQualifiedName, isValidLabelValue } from '../api/validation/names.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

interface ParsedTaint {
  key: string;
  value: string;
  effect: string;
}

/** corev1.Taint.ToString. */
function taintString(t: ParsedTaint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function parseTaint(st: string): ParsedTaint {
  let key = '';
  let value = '';
  let effect = '';
  const parts = st.split(':');
  if (parts.length === 1) {
    key = parts[0];
  } else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new UserError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new UserError(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length) throw new UserError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else {
    throw new UserError(`invalid taint spec: ${st}`);
  }
  const errs = isQualifiedName(key);
  if (errs.length) throw new UserError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, value, effect };
}

/** parseTaints: taints to add (each needs an effect, unique by key+effect) and to remove. */
export function parseTaints(specs: string[]): { add: ParsedTaint[]; remove: ParsedTaint[] } {
  const add: ParsedTaint[] = [];
  const remove: ParsedTaint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, value: '', effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new UserError(`invalid taint spec: ${spec}`);
    const id = `${t.effect}\x00${t.key}`;
    // Go prints the corev1.Taint struct with %v: {key value effect <nil>}.
    if (seen.has(id))
      throw new UserError(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
    seen.add(id);
    add.push(t);
  }
  return { add, remove };
}

const matches = (a: { key: string; effect: string }, b: { key: string; effect: string }) =>
  a.key === b.key && a.effect === b.effect;

/** reorganizeTaints + the --overwrite check: the new list and the operation word. */
export function updateTaints(
  node: Node,
  add: ParsedTaint[],
  remove: ParsedTaint[],
  overwrite: boolean,
): { operation: string; taints: Taint[] } {
  const old = node.spec?.taints ?? [];
  if (!overwrite) {
    const exists = add.flatMap((t) => old.filter((o) => matches(t, o)).map(() => t.key));
    if (exists.length)
      throw new UserError(
        `node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`,
      );
  }
  let taints: Taint[] = add.map((t) =>
    t.value
      ? { key: t.key, value: t.value, effect: t.effect as TaintEffect }
      : { key: t.key, effect: t.effect as TaintEffect },
  );
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errs: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => (r.effect ? !matches(r, t) : t.key !== r.key));
    deleted = taints.length !== before;
    if (!deleted) errs.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  if (errs.length) throw new Aggregate(errs);
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints };
}

function taintNode(ctx: Ctx, node: Node, add: ParsedTaint[], remove: ParsedTaint[]): void {
  const { operation, taints } = updateTaints(node, add, remove, ctx.bool('overwrite'));
  const updated: Node = { ...node, spec: { ...(node.spec ?? {}), taints } };
  if (taints.length === 0) delete updated.spec!.taints;
  ctx.cluster.api.update(updated);
  ctx.print(nameLine(node, operation));
}

export const taintCommand: Command = {
  name: 'taint',
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
  ],
  run(ctx) {
    const resources: string[] = [];
    const taintArgs: string[] = [];
    let met = false;
    for (const s of ctx.args.positional) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
      if (isTaint) {
        met = true;
        taintArgs.push(s);
      } else if (!met) resources.push(s);
      else throw new UserError(`all resources must be specified before taint changes: ${s}`);
    }
    if (resources.length < 1) throw new UserError('one or more resources must be specified as <resource> <name>');
    if (taintArgs.length < 1) throw new UserError('at least one taint update is required');
    let parsed: ReturnType<typeof parseTaints>;
    try {
      parsed = parseTaints(taintArgs);
    } catch (e) {
      throw new UsageError((e as Error).message, ctx.commandPath);
    }
    const { add, remove } = parsed;

    const typeArg = resources[0].toLowerCase();
    const info = resolveType(typeArg.includes('/') ? typeArg.split('/')[0] : typeArg);
    if (info.kind !== 'Node') throw new UserError(`invalid resource type ${typeArg}, only node types are supported`);
    const conflicts: string[] = [];
    for (const a of add)
      for (const r of remove)
        if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`{"${r.key}":"${r.effect}"}`);
    if (conflicts.length)
      throw new UserError(
        `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`,
      );
    const all = ctx.bool('all');
    const match = selectorFlag(ctx);
    if (all && match) throw new UserError("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !match && resources.length < 2)
      throw new UserError("at least one resource name must be specified since 'all' parameter is not set");

    let nodes: Node[];
    if (all || match) nodes = ctx.cluster.store.list<Node>('Node').filter((n) => !match || match(n.metadata.labels));
    else nodes = resources.slice(1).map((name) => ctx.cluster.api.get<Node>('Node', undefined, name));
    for (const n of nodes) taintNode(ctx, n, add, remove);
    return 0;
  },
};
