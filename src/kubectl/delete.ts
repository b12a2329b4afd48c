// `kubectl delete` by name (`TYPE NAME...`, `TYPE/NAME`), `-f FILE`, `--all`, `-l`, with
// `--grace-period`, `--force`, `--now`, `--cascade`, `--wait`, `--ignore-not-found`.
// Output as kubectl pkg/cmd/delete prints it: `pod "nginx" deleted`, `deployment.apps "web" deleted`,
// `pod "x" force deleted` after the immediate-deletion warning; `No resources found`.
// With --wait (the default) the command returns once the objects are gone, which moves the
// virtual clock through the graceful shutdown.

import type { KubeObject } from '../api/types.ts';
import { type KindInfo, kindInfo } from '../api/kinds.ts';
import type { DeleteOptions } from '../store/apiserver.ts';
import { ApiError, notFound } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, type Ctx, withSource } from './flags.ts';
import { selectorFlag } from './get.ts';
import { advanceUntil } from './clockwait.ts';
import { resourcePrefix } from './printers.ts';
import { NO_RESOURCES, parseResourceArgs, placeInNamespace, readManifestFiles, reportErrors } from './resources.ts';

/** How long (virtual time) --wait keeps waiting for deleted objects before giving up. */
export const MAX_WAIT_MS = 60 * 60 * 1000;

/**
 * Advances the cluster's clock until every object is gone (or replaced by a new uid), as
 * kubectl's wait does. Stops early when nothing is scheduled to happen any more.
 */
export function waitForDeletion(ctx: Ctx, objs: KubeObject[], maxMs = MAX_WAIT_MS): void {
  const { cluster } = ctx;
  const gone = (o: KubeObject) => {
    const cur = cluster.store.get(o.kind, o.metadata.namespace, o.metadata.name!);
    return !cur || cur.metadata.uid !== o.metadata.uid;
  };
  cluster.settle();
  advanceUntil(cluster, () => objs.every(gone), cluster.clock.now() + maxMs, false);
}

function cascadePolicy(ctx: Ctx): DeleteOptions['propagationPolicy'] {
  const v = ctx.str('cascade');
  switch (v) {
    case 'background':
    case 'true':
      return 'Background';
    case 'orphan':
    case 'false':
      return 'Orphan';
    case 'foreground':
      return 'Foreground';
    default:
      throw new UserError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`);
  }
}

interface Target {
  info: KindInfo;
  obj?: KubeObject;
  name: string;
  namespace?: string;
  file?: string;
}

export const deleteCommand: Command = {
  name: 'delete',
  flags: [
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
  ],
  run(ctx) {
    if (ctx.str('field-selector')) throw new NotSupportedError('kubectl delete --field-selector');
    if (ctx.str('output') && ctx.str('output') !== 'name')
      throw new NotSupportedError(`kubectl delete -o ${ctx.str('output')}`);
    let grace = ctx.flag<number>('grace-period');
    const force = ctx.bool('force');
    if (ctx.bool('now')) {
      if (grace !== -1) throw new UserError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const propagationPolicy = cascadePolicy(ctx);
    const files = ctx.flag<string[]>('filename');
    const args = ctx.args.positional;
    const match = selectorFlag(ctx);
    const store = ctx.cluster.store;

    const targets: Target[] = [];
    const errors: Error[] = [];
    let listed = false;
    if (files.length > 0) {
      if (args.length > 0)
        throw new UserError(
          'Unexpected args: ' + `[${args.join(' ')}]` + "\nSee 'kubectl delete -h' for help and examples",
        );
      for (const m of readManifestFiles(ctx, files, 'delete')) {
        const info = kindInfo(m.object.kind);
        if (!info)
          throw new UserError(
            `resource mapping not found for name: "${m.object.metadata?.name}" namespace: "" from "${m.file}": no matches for kind "${m.object.kind}" in version "${m.object.apiVersion}"`,
          );
        const obj = placeInNamespace(m.object, info, ctx);
        targets.push({ info, name: obj.metadata.name!, namespace: obj.metadata.namespace, file: m.file });
      }
    } else {
      if (args.length === 0) {
        throw new UserError(NO_RESOURCES);
      }
      const { types, refs } = parseResourceArgs(args);
      if (types.length > 0) {
        if (!ctx.bool('all') && !match) throw new UserError('resource(s) were provided, but no name was specified');
        listed = true;
        for (const info of types) {
          const ns = info.namespaced && !ctx.bool('all-namespaces') ? ctx.namespace() : undefined;
          for (const o of store.list(info.kind, ns))
            if (!match || match(o.metadata.labels))
              targets.push({ info, obj: o, name: o.metadata.name!, namespace: o.metadata.namespace });
        }
      } else {
        if (ctx.bool('all')) throw new UserError('name cannot be provided when a selector is specified');
        for (const r of refs)
          targets.push({ info: r.info, name: r.name, namespace: r.info.namespaced ? ctx.namespace() : undefined });
      }
    }

    if (grace === 0 && force) {
      ctx.eprint(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
      );
    }
    const operation = grace === 0 && force ? 'force deleted' : 'deleted';
    const deleted: KubeObject[] = [];
    let found = 0;
    for (const t of targets) {
      const obj = store.get(t.info.kind, t.namespace, t.name);
      if (!obj || (match && !listed && !match(obj.metadata.labels))) {
        if (!obj && !ctx.bool('ignore-not-found')) {
          const err = notFound(t.info.kind, t.name);
          errors.push(t.file ? withSource(err, 'deleting', t.file) : err);
        }
        continue;
      }
      found++;
      try {
        const opts: DeleteOptions = { propagationPolicy };
        if (grace >= 0) opts.gracePeriodSeconds = grace;
        ctx.cluster.api.delete(t.info.kind, t.namespace, t.name, opts);
        deleted.push(obj);
        if (ctx.str('output') === 'name') ctx.print(`${resourcePrefix(obj.kind)}/${obj.metadata.name}`);
        else ctx.print(`${resourcePrefix(obj.kind)} "${obj.metadata.name}" ${operation}`);
      } catch (e) {
        if (e instanceof ApiError) errors.push(t.file ? withSource(e, 'deleting', t.file) : e);
        else throw e;
      }
    }
    if (listed && found === 0) ctx.print('No resources found');
    if (ctx.bool('wait') && deleted.length > 0) waitForDeletion(ctx, deleted);
    reportErrors(ctx, errors);
    return errors.length ? 1 : 0;
  },
};
