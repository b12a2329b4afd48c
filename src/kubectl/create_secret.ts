// `kubectl create secret generic NAME --from-literal=key=value... [--type=T]`
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_secret.go): values base64-encoded in data,
// keys checked as validation.IsConfigMapKey does; failures read `failed to create secret ...`.
// docker-registry and tls, --from-file, --from-env-file and --append-hash are not supported yet.

import type { KubeObject } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, unsupportedSubcommand } from './flags.ts';
import { configMapKeyErrors, CREATE_SUB_FLAGS, failedTo, nameFromArgs, parseLiteral, runCreate } from './createsub.ts';

const createSecretGenericCommand: Command = {
  name: 'generic',
  flags: [
    ...CREATE_SUB_FLAGS,
    { name: 'from-literal', type: 'array' },
    { name: 'from-file', type: 'array' },
    { name: 'from-env-file', type: 'array' },
    { name: 'type', type: 'string', default: '' },
    { name: 'append-hash', type: 'bool' },
  ],
  run(ctx) {
    const name = nameFromArgs(ctx);
    for (const f of ['from-file', 'from-env-file'])
      if (ctx.flag<string[]>(f).length) throw new NotSupportedError(`kubectl create secret generic --${f}`);
    if (ctx.bool('append-hash')) throw new NotSupportedError('kubectl create secret generic --append-hash');
    const data: Record<string, string> = {};
    for (const source of ctx.flag<string[]>('from-literal')) {
      const [key, value] = parseLiteral(source);
      const errs = configMapKeyErrors(key);
      if (errs.length)
        throw new UserError(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
      if (key in data) throw new UserError(`cannot add key ${key}, another key by that name already exists`);
      data[key] = Buffer.from(value, 'utf8').toString('base64');
    }
    const type = ctx.str('type');
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, creationTimestamp: null },
      ...(Object.keys(data).length ? { data } : {}),
      ...(type ? { type } : {}),
    } as KubeObject;
    return runCreate(ctx, secret, true, failedTo('failed to create secret '));
  },
};

const unsupported = (name: string): Command => unsupportedSubcommand('create secret', name);

export const createSecretCommand: Command = {
  name: 'secret',
  flags: [],
  subcommands: [unsupported('docker-registry'), createSecretGenericCommand, unsupported('tls')],
};
