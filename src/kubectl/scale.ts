// `kubectl scale deployment/web --replicas=N` (also `scale deployment web`, replicasets and
// statefulsets): sets spec.replicas through the scale subresource and prints
// `deployment.apps/web scaled`. `--current-replicas` is checked as a precondition.

import type { KubeObject } from '../api/types.ts';
import { UserError } from '../util/errors.ts';
import type { Command } from './flags.ts';
import { nameLine } from './printers.ts';
import { parseResourceArgs } from './resources.ts';

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export const scaleCommand: Command = {
  name: 'scale',
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'filename', short: 'f', type: 'array' },
  ],
  run(ctx) {
    if (!ctx.has('replicas')) throw new UserError('required flag(s) "replicas" not set');
    const replicas = ctx.flag<number>('replicas');
    if (replicas < 0) throw new UserError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (ctx.flag<string[]>('filename').length) throw new UserError('not supported yet: kubectl scale -f');
    const { types, refs } = parseResourceArgs(ctx.args.positional);
    if (types.length || refs.length === 0) throw new UserError('resource(s) were provided, but no name was specified');
    for (const r of refs) {
      if (!SCALABLE.includes(r.info.kind)) throw new UserError(`cannot fetch scale for ${r.info.plural}: no scale subresource`);
      const obj = ctx.cluster.api.get<KubeObject & { spec: { replicas?: number } }>(r.info.kind, ctx.namespace(), r.name);
      const current = ctx.flag<number>('current-replicas');
      if (current >= 0 && (obj.spec.replicas ?? 1) !== current) {
        throw new UserError(`Expected replicas to be ${current}, was ${obj.spec.replicas ?? 1}`);
      }
      ctx.cluster.api.update({ ...obj, spec: { ...obj.spec, replicas } });
      ctx.print(nameLine(obj, 'scaled'));
    }
    return 0;
  },
};
