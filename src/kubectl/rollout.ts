// `kubectl rollout restart TYPE NAME... | TYPE -l SELECTOR`
// (staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_restart.go and
// polymorphichelpers/objectrestarter.go): stamps the pod template of a deployment, daemonset or
// statefulset with `kubectl.kubernetes.io/restartedAt: <now, RFC 3339>` (the virtual clock's now),
// which makes its controller replace the pods; `<kind>/<name> restarted`. A second restart within
// the same second changes nothing and fails as kubectl does. `rollout status` is in
// rollout_status.ts, `history` and `undo` in rollout_history.ts; `pause|resume` are not supported yet.

import { printResult } from './resources.ts';
import type { KubeObject } from '../api/types.ts';
import { qualifiedPlural, kindInfo } from '../api/kinds.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { Aggregate, type Command, unsupportedSubcommand } from './flags.ts';
import { checkOutputFormat } from './output.ts';
import { selectObjects } from './label.ts';
import { rolloutHistoryCommand, rolloutUndoCommand } from './rollout_history.ts';
import { rolloutStatusCommand } from './rollout_status.ts';

const RESTARTABLE = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

const restartCommand: Command = {
  name: 'restart',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
  ],
  run(ctx) {
    if (ctx.flag<string[]>('filename').length) throw new NotSupportedError('kubectl rollout restart -f');
    const output = ctx.str('output');
    checkOutputFormat(output);
    const resources = ctx.args.positional;
    if (resources.length === 0) throw new UserError('required resource not specified');
    // The builder takes a bare type as "all of that type" here (ResourceTypeOrNameArgs(true, …)).
    const objs = selectObjects(ctx, resources, true);
    if (!objs) return 0;
    const now = new Date(ctx.cluster.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const errors: string[] = [];
    for (const obj of objs) {
      const info = kindInfo(obj.kind)!;
      if (!RESTARTABLE.has(obj.kind)) {
        errors.push(`error: ${qualifiedPlural(info)} ${JSON.stringify(obj.metadata.name)} restarting is not supported`);
        continue;
      }
      const spec = (
        obj as unknown as {
          spec: { paused?: boolean; template: { metadata?: { annotations?: Record<string, string> } } };
        }
      ).spec;
      if (obj.kind === 'Deployment' && spec.paused) {
        errors.push(
          `error: ${qualifiedPlural(info)} ${JSON.stringify(obj.metadata.name)} can't restart paused deployment (run rollout resume first)`,
        );
        continue;
      }
      if (spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === now) {
        errors.push(
          `failed to create patch for ${obj.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
        );
        continue;
      }
      const updated = structuredClone(obj) as KubeObject & typeof obj;
      const tmpl = (updated as unknown as { spec: typeof spec }).spec.template;
      tmpl.metadata = {
        ...tmpl.metadata,
        annotations: { ...tmpl.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': now },
      };
      const shown = ctx.cluster.api.update(updated);
      printResult(ctx, shown, 'restarted');
    }
    if (errors.length) throw new Aggregate(errors);
    return 0;
  },
};

const unsupported = (name: string): Command => unsupportedSubcommand('rollout', name);

export const rolloutCommand: Command = {
  name: 'rollout',
  flags: [],
  subcommands: [
    rolloutHistoryCommand,
    unsupported('pause'),
    unsupported('resume'),
    rolloutUndoCommand,
    rolloutStatusCommand,
    restartCommand,
  ],
};
