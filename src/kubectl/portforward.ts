// `kubectl port-forward POD|pod/POD [LOCAL_PORT:]REMOTE_PORT...`: prints kubectl's
// `Forwarding from 127.0.0.1:8080 -> 80` / `Forwarding from [::1]:8080 -> 80` lines and keeps
// forwarding for the rest of the scenario (the real command blocks until interrupted), so that
// `curl localhost:8080` on the machine kubectl runs on reaches the pod (src/network/network.ts).
// REMOTE_PORT may name a container port. A pod that is not Running is refused:
// `error: unable to forward port because pod is not running. Current status=Pending`.
// Bad ports fail as client-go's parsePorts says: `error: error parsing local port 'x': strconv.ParseUint:
// parsing "x": invalid syntax`; an unknown port name: `error: Pod 'web' does not have a named port 'x'`.
// A random local port (`:80`, `0:80`) is not deterministic and not supported.

import type { Pod } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, UsageError } from './flags.ts';
import { getPodArg } from './podcmd.ts';

const USAGE = 'TYPE/NAME and list of ports are required for port-forward';

/** kubectl's named-port conversion: text that is not an integer (strconv.Atoi) names a container port. */
function resolveNamedPort(pod: Pod, text: string): string {
  if (/^[+-]?\d+$/.test(text)) return text;
  const p = [...(pod.spec.initContainers ?? []), ...pod.spec.containers]
    .flatMap((c) => c.ports ?? [])
    .find((x) => x.name === text);
  if (!p) throw new UserError(`Pod '${pod.metadata.name}' does not have a named port '${text}'`);
  return String(p.containerPort);
}

/** Go's strconv.ParseUint(text, 10, 16), or the error text it returns. */
function parseUint16(text: string): number | string {
  if (!/^\d+$/.test(text)) return `strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`;
  const n = Number(text);
  return n > 65535 ? `strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range` : n;
}

export const portForwardCommand: Command = {
  name: 'port-forward',
  flags: [
    { name: 'address', type: 'array' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ],
  run(ctx) {
    const [target, ...specs] = ctx.args.positional;
    if (!target || specs.length === 0) throw new UsageError(USAGE, ctx.commandPath);
    const addresses = ctx.flag<string[]>('address');
    if (addresses.length && !(addresses.length === 1 && addresses[0] === 'localhost'))
      throw new NotSupportedError('port-forward --address other than localhost');
    const pod = getPodArg(ctx, target);
    // kubectl resolves named ports (Complete) before it checks the pod's phase (Run), and parses the
    // numbers (client-go portforward.parsePorts) only after that.
    const named = specs.map((s) => {
      const parts = s.split(':');
      if (parts.length > 2) throw new NotSupportedError(`port-forward port spec ${s}`);
      return { local: parts[0], remote: resolveNamedPort(pod, parts.at(-1)!) };
    });
    if (pod.status?.phase !== 'Running')
      throw new UserError(
        `unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`,
      );
    const forwards = named.map(({ local: localText, remote: remoteText }, i) => {
      const localSpec = specs[i].includes(':') ? (localText === '' ? '0' : localText) : remoteText;
      const local = parseUint16(localSpec);
      if (typeof local === 'string') throw new UserError(`error parsing local port '${localSpec}': ${local}`);
      const remote = parseUint16(remoteText);
      if (typeof remote === 'string') throw new UserError(`error parsing remote port '${remoteText}': ${remote}`);
      if (remote === 0) throw new UserError('remote port must be > 0');
      if (local === 0)
        throw new NotSupportedError(`port-forward port spec ${specs[i]} (a random local port is not deterministic)`);
      return { local, remote };
    });
    for (const f of forwards) {
      ctx.cluster.portForwards.push({
        localPort: f.local,
        podPort: f.remote,
        namespace: pod.metadata.namespace ?? 'default',
        pod: pod.metadata.name!,
        uid: pod.metadata.uid!,
        address: 'localhost',
      });
    }
    for (const f of forwards) {
      ctx.print(`Forwarding from 127.0.0.1:${f.local} -> ${f.remote}`);
      ctx.print(`Forwarding from [::1]:${f.local} -> ${f.remote}`);
    }
    return 0;
  },
};
