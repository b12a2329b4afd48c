// `kubectl annotate TYPE NAME k=v ... k- [--overwrite] [--all] [-l] [-A] [--dry-run] [-o]`
// (staging/src/k8s.io/kubectl/pkg/cmd/annotate/annotate.go): pairs parsed by cmdutil.ParsePairs
// (a value may contain `=`), an existing key with another value refused without --overwrite,
// every object printed `<kind>/<name> annotated`. --list, --local, -f, --field-selector and
// --resource-version are not supported yet.

import { printResult } from './resources.ts';
import type { KubeObject } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Command, Ctx } from './flags.ts';
import { PAIR_COMMAND_FLAGS, selectObjects, splitResourcesAndPairs } from './label.ts';
import { checkOutputFormat } from './output.ts';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from './run.ts';

/** cmdutil.ParsePairs(…, "annotation", true). */
export function parseAnnotationPairs(args: string[]): { add: Map<string, string>; remove: string[] } {
  const add = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const a of args) {
    if (a.includes('=') && a[0] !== '=') {
      const eq = a.indexOf('=');
      add.set(a.slice(0, eq), a.slice(eq + 1));
    } else if (a.endsWith('-') && a !== '-') remove.push(a.slice(0, -1));
    else invalid.push(a);
  }
  if (invalid.length) throw new UserError(`invalid annotation format: ${invalid.join(', ')}`);
  return { add, remove };
}

function annotateOne(
  ctx: Ctx,
  obj: KubeObject,
  add: Map<string, string>,
  remove: string[],
  dryRun: string,
): KubeObject {
  const current = obj.metadata.annotations ?? {};
  if (!ctx.bool('overwrite')) {
    // Go ranges over a map here (random order); with one conflicting key the message is exact.
    const conflicts = [...add].filter(
      ([k, v]) => k !== 'kubernetes.io/change-cause' && k in current && current[k] !== v,
    );
    if (conflicts.length > 1)
      throw new NotSupportedError(
        'kubectl annotate refusing several annotations at once (kubectl lists them in random order)',
      );
    if (conflicts.length)
      throw new UserError(
        `--overwrite is false but found the following declared annotation(s): '${conflicts[0][0]}' already has a value (${current[conflicts[0][0]]})`,
      );
  }
  const annotations = { ...current, ...Object.fromEntries(add) };
  for (const r of remove) delete annotations[r];
  const updated: KubeObject = { ...obj, metadata: { ...obj.metadata, annotations } };
  if (Object.keys(annotations).length === 0) delete updated.metadata.annotations;
  if (dryRun === 'client') return updated;
  return dryRun === 'server' ? ctx.cluster.api.prepareUpdate(updated) : ctx.cluster.api.update(updated);
}

export const annotateCommand: Command = {
  name: 'annotate',
  flags: [
    ...PAIR_COMMAND_FLAGS,
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    DRY_RUN_FLAG,
    { name: 'list', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'resource-version', type: 'string', default: '' },
  ],
  run(ctx) {
    for (const f of ['list', 'local']) if (ctx.bool(f)) throw new NotSupportedError(`kubectl annotate --${f}`);
    for (const f of ['field-selector', 'resource-version'])
      if (ctx.str(f)) throw new NotSupportedError(`kubectl annotate --${f}`);
    if (ctx.flag<string[]>('filename').length) throw new NotSupportedError('kubectl annotate -f');
    const output = ctx.str('output');
    checkOutputFormat(output);
    const dryRun = dryRunStrategy(ctx);
    const { resources, pairs } = splitResourcesAndPairs(ctx.args.positional, 'annotation');
    const { add, remove } = parseAnnotationPairs(pairs);
    if (ctx.bool('all') && ctx.str('selector')) throw new UserError('cannot set --all and --selector at the same time');
    if (resources.length < 1)
      throw new UserError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (add.size < 1 && remove.length < 1) throw new UserError('at least one annotation update is required');
    const both = remove.filter((r) => add.has(r));
    if (both.length)
      throw new UserError(
        `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
      );
    const objs = selectObjects(ctx, resources);
    if (!objs) return 0;
    for (const o of objs) {
      const shown = annotateOne(ctx, o, add, remove, dryRun);
      printResult(ctx, shown, `annotated${dryRunSuffix(dryRun)}`);
    }
    return 0;
  },
};
