// `kubectl cordon NODE` / `kubectl uncordon NODE` (kubectl pkg/cmd/drain, drain.CordonHelper):
// set or clear spec.unschedulable; `node/<n> cordoned|uncordoned`, or `already cordoned|uncordoned`.
// Also the cordon step drain starts with.

import type { Node } from '../api/types.ts';
import { UserError } from '../util/errors.ts';
import { type Command, type Ctx, UsageError } from './flags.ts';
import { selectorFlag } from './get.ts';
import { nameLine } from './printers.ts';

/** Sets spec.unschedulable on the node (drain.CordonHelper) and prints the result line. */
export function setUnschedulable(ctx: Ctx, node: Node, desired: boolean): void {
  if (!!node.spec?.unschedulable === desired) {
    ctx.print(nameLine(node, desired ? 'already cordoned' : 'already uncordoned'));
    return;
  }
  const spec = { ...(node.spec ?? {}) };
  if (desired) spec.unschedulable = true;
  else delete spec.unschedulable;
  ctx.cluster.api.update<Node>({ ...node, spec });
  ctx.print(nameLine(node, desired ? 'cordoned' : 'uncordoned'));
}

/** The nodes named on the command line (or selected by -l). */
export function nodesFromArgs(ctx: Ctx, use: string): Node[] {
  const args = ctx.args.positional;
  const match = selectorFlag(ctx);
  if (args.length === 0 && !match) throw new UsageError(`USAGE: ${use} [flags]`, ctx.commandPath);
  if (args.length > 0 && match)
    throw new UsageError('error: cannot specify both a node name and a --selector option', ctx.commandPath);
  if (match) return ctx.cluster.store.list<Node>('Node').filter((n) => match(n.metadata.labels));
  return args.map((a) => {
    const name = a.startsWith('node/') ? a.slice(5) : a.startsWith('nodes/') ? a.slice(6) : a;
    if (name.includes('/')) throw new UserError(`error: expected resource of type node, got "${a.split('/')[0]}"`);
    return ctx.cluster.api.get<Node>('Node', undefined, name);
  });
}

function cordonLike(name: string, desired: boolean): Command {
  return {
    name,
    flags: [
      { name: 'selector', short: 'l', type: 'string', default: '' },
      { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    ],
    run(ctx) {
      if (ctx.has('dry-run') && ctx.str('dry-run') !== 'none')
        throw new UserError(`not supported yet: kubectl ${name} --dry-run`);
      for (const node of nodesFromArgs(ctx, `${name} NODE`)) setUnschedulable(ctx, node, desired);
      return 0;
    },
  };
}

export const cordonCommand = cordonLike('cordon', true);
export const uncordonCommand = cordonLike('uncordon', false);
