// `kubectl create configmap NAME --from-literal=key=value...`
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_configmap.go): keys checked as
// validation.IsConfigMapKey does, a repeated key refused; failures read `failed to create
// configmap: ...`. --from-file, --from-env-file and --append-hash are not supported yet.

import type { KubeObject } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Command } from './flags.ts';
import { configMapKeyErrors, CREATE_SUB_FLAGS, failedTo, nameFromArgs, parseLiteral, runCreate } from './createsub.ts';

export const createConfigMapCommand: Command = {
  name: 'configmap',
  aliases: ['cm'],
  flags: [
    ...CREATE_SUB_FLAGS,
    { name: 'from-literal', type: 'array' },
    { name: 'from-file', type: 'array' },
    { name: 'from-env-file', type: 'array' },
    { name: 'append-hash', type: 'bool' },
  ],
  run(ctx) {
    const name = nameFromArgs(ctx);
    for (const f of ['from-file', 'from-env-file'])
      if (ctx.flag<string[]>(f).length) throw new NotSupportedError(`kubectl create configmap --${f}`);
    if (ctx.bool('append-hash')) throw new NotSupportedError('kubectl create configmap --append-hash');
    const data: Record<string, string> = {};
    for (const source of ctx.flag<string[]>('from-literal')) {
      const [key, value] = parseLiteral(source);
      const errs = configMapKeyErrors(key);
      if (errs.length)
        throw new UserError(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
      if (key in data)
        throw new UserError(
          `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`,
        );
      data[key] = value;
    }
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, creationTimestamp: null },
      ...(Object.keys(data).length ? { data } : {}),
    } as KubeObject;
    return runCreate(ctx, cm, true, failedTo('failed to create configmap: '));
  },
};
