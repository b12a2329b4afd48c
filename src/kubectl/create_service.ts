// `kubectl create service clusterip|nodeport NAME --tcp=port[:targetPort]...`
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_service.go): selector and labels app=NAME,
// one TCP port per --tcp named `port-targetPort`, `--clusterip=None` for a headless service,
// --node-port for every port of a NodePort service; failures read `failed to create <Type>
// service: ...`. loadbalancer and externalname are not supported yet.

import type { Service } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, type Ctx, unsupportedSubcommand } from './flags.ts';
import { CREATE_SUB_FLAGS, failedTo, nameFromArgs, runCreate, sliceFlag } from './createsub.ts';

/** parsePorts: `80` or `80:8080` or `80:http`. */
function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const parts = spec.split(':');
  if (!/^\d+$/.test(parts[0]) || Number(parts[0]) > 65535) {
    throw new UserError(
      `strconv.ParseUint: parsing ${JSON.stringify(parts[0])}: ${/^\d+$/.test(parts[0]) ? 'value out of range' : 'invalid syntax'}`,
    );
  }
  const port = Number(parts[0]);
  if (parts.length === 1) return { port, targetPort: port };
  const t = parts[1];
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 65535) throw new UserError('must be between 1 and 65535, inclusive');
    return { port, targetPort: n };
  }
  throw new NotSupportedError(`kubectl create service --tcp with a named target port (${spec})`);
}

function serviceCommand(name: string, type: 'ClusterIP' | 'NodePort'): Command {
  return {
    name,
    flags: [
      ...CREATE_SUB_FLAGS,
      { name: 'tcp', type: 'array' },
      ...(type === 'ClusterIP'
        ? [{ name: 'clusterip', type: 'string' as const, default: '' }]
        : [{ name: 'node-port', type: 'int' as const, default: 0 }]),
    ],
    run(ctx: Ctx) {
      const svcName = nameFromArgs(ctx);
      const tcp = sliceFlag(ctx, 'tcp');
      const clusterIP = type === 'ClusterIP' ? ctx.str('clusterip') : '';
      if (clusterIP !== 'None' && tcp.length === 0)
        throw new UserError('at least one tcp port specifier must be provided');
      const nodePort = type === 'NodePort' ? ctx.flag<number>('node-port') : 0;
      const ports = tcp.map((spec) => {
        const { port, targetPort } = parsePorts(spec);
        return { name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort, ...(nodePort ? { nodePort } : {}) };
      });
      const labels = { app: svcName };
      const svc = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: svcName, creationTimestamp: null, labels },
        spec: {
          ...(ports.length ? { ports } : {}),
          selector: { app: svcName },
          ...(clusterIP ? { clusterIP } : {}),
          type,
        },
        status: { loadBalancer: {} },
      } as unknown as Service;
      return runCreate(ctx, svc, true, failedTo(`failed to create ${type} service: `));
    },
  };
}

const unsupported = (name: string): Command => unsupportedSubcommand('create service', name);

export const createServiceCommand: Command = {
  name: 'service',
  aliases: ['svc'],
  flags: [],
  subcommands: [
    serviceCommand('clusterip', 'ClusterIP'),
    unsupported('externalname'),
    unsupported('loadbalancer'),
    serviceCommand('nodeport', 'NodePort'),
  ],
};
