// `kubectl logs POD [CONTAINER] [-c C] [-p] [--timestamps] [--tail N] [--all-containers] [-f]`:
// the container's log lines as the kubelet serves them (src/kubelet/logs.ts). Since kubectl 1.21 a
// multi-container pod is no error: kubectl picks the default container and says so on stderr
// (podcmd.ts). A `-c` naming no container of the pod is rejected client-side in 1.33:
// `error: container wrong is not valid for pod web` (the ` out of: …` suffix came after 1.33).
// Kubelet-side errors (waiting to start, no previous instance) come back as BadRequest.
// `-f` prints what has been logged so far and returns (a scenario cannot follow a stream).

import type { Pod } from '../api/types.ts';
import { containerLogs } from '../kubelet/logs.ts';
import { UserError } from '../util/errors.ts';
import { type Command, type Ctx, UsageError } from './flags.ts';
import { defaultContainer, getPodArg, hasContainer } from './podcmd.ts';

const USAGE =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

function print(ctx: Ctx, pod: Pod, container: string): void {
  let lines = containerLogs(ctx.cluster, pod.metadata.namespace ?? 'default', pod.metadata.name!, container, {
    previous: ctx.bool('previous'),
  });
  const tail = ctx.flag<number>('tail');
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  for (const l of lines) ctx.print(ctx.bool('timestamps') ? `${l.time} ${l.line}` : l.line);
}

export const logsCommand: Command = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'all-containers', type: 'bool' },
  ],
  run(ctx) {
    const args = ctx.args.positional;
    if (args.length === 0) throw new UsageError(USAGE, ctx.commandPath);
    if (args.length > 2) throw new UsageError(USAGE, ctx.commandPath);
    const pod = getPodArg(ctx, args[0]);
    let container = ctx.str('container');
    if (args.length === 2) {
      if (container) throw new UsageError('only one of -c or an inline [CONTAINER] arg is allowed', ctx.commandPath);
      container = args[1];
    }
    if (ctx.bool('all-containers')) {
      for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) print(ctx, pod, c.name);
      return 0;
    }
    if (!container) container = defaultContainer(ctx, pod, true);
    else if (!hasContainer(pod, container))
      throw new UserError(`container ${container} is not valid for pod ${pod.metadata.name}`);
    print(ctx, pod, container);
    return 0;
  },
};
