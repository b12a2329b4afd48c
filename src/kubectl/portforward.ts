// `kubectl port-forward POD|pod/POD [LOCAL_PORT:]REMOTE_PORT...`: prints kubectl's
// `Forwarding from 127.0.0.1:8080 -> 80` / `Forwarding from [::1]:8080 -> 80` lines and keeps
// forwarding for the rest of the scenario (the real command blocks until interrupted), so that
// `curl localhost:8080` on the machine kubectl runs on reaches the pod (src/network/network.ts).
// REMOTE_PORT may name a container port. A pod that is not Running is refused:
// `error: unable to forward port because pod is not running. Current status=Pending`.
// A random local port (`:80`) is not deterministic and not supported.

import type { Pod } from '../api/types.ts';
import { portForwards } from '../network/network.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, UsageError } from './flags.ts';
import { getPodArg } from './podcmd.ts';

const USAGE = 'TYPE/NAME and list of ports are required for port-forward';

function remotePort(pod: Pod, text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const p = pod.spec.containers.flatMap((c) => c.ports ?? []).find((x) => x.name === text);
  if (!p) throw new UserError(`Pod '${pod.metadata.name}' does not have a named port '${text}'`);
  return p.containerPort;
}

export const portForwardCommand: Command = {
  name: 'port-forward',
  flags: [{ name: 'address', type: 'array' }, { name: 'pod-running-timeout', type: 'string', default: '1m0s' }],
  run(ctx) {
    const [target, ...specs] = ctx.args.positional;
    if (!target || specs.length === 0) throw new UsageError(USAGE, ctx.commandPath);
    const addresses = ctx.flag<string[]>('address');
    if (addresses.length && !(addresses.length === 1 && addresses[0] === 'localhost')) throw new NotSupportedError('port-forward --address other than localhost');
    const pod = getPodArg(ctx, target);
    if (pod.status?.phase !== 'Running') throw new UserError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
    const forwards = specs.map((s) => {
      const parts = s.split(':');
      if (parts.length > 2 || parts[0] === '') throw new NotSupportedError(`port-forward port spec ${s} (a random local port is not deterministic)`);
      const remote = remotePort(pod, parts.at(-1)!);
      const local = parts.length === 2 ? Number(parts[0]) : remote;
      if (!Number.isInteger(local) || local < 1 || local > 65535) throw new UserError(`Error parsing local port '${parts[0]}': strconv.ParseUint: parsing "${parts[0]}": invalid syntax`);
      return { local, remote };
    });
    for (const f of forwards) {
      portForwards(ctx.cluster).push({ localPort: f.local, podPort: f.remote, namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name!, uid: pod.metadata.uid!, address: 'localhost' });
    }
    for (const f of forwards) {
      ctx.print(`Forwarding from 127.0.0.1:${f.local} -> ${f.remote}`);
      ctx.print(`Forwarding from [::1]:${f.local} -> ${f.remote}`);
    }
    return 0;
  },
};
