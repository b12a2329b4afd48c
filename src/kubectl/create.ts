// `kubectl create -f FILE|DIR|-` (the subcommands `create deployment|namespace|configmap|secret|
// service` are in create_*.ts): one `<kind>/<name> created` line per object in file order; an
// object that fails (AlreadyExists, Invalid, ...) is reported and the others are still created
// (kubectl pkg/cmd/create). `--save-config` stores the last-applied annotation; `--dry-run`.

import { kindInfo } from '../api/kinds.ts';
import { ApiError } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, withSource } from './flags.ts';
import { checkOutputFormat } from './output.ts';
import {
  decodeFailure,
  placeInNamespace,
  printResult,
  readManifestFiles,
  reportErrors,
  withLastApplied,
} from './resources.ts';
import { DRY_RUN_FLAG, dryRunStrategy } from './run.ts';
import { createConfigMapCommand } from './create_configmap.ts';
import { createDeploymentCommand } from './create_deployment.ts';
import { createNamespaceCommand } from './create_namespace.ts';
import { createSecretCommand } from './create_secret.ts';
import { createServiceCommand } from './create_service.ts';
import { createServiceAccountCommand } from './create_serviceaccount.ts';

export const createCommand: Command = {
  name: 'create',
  subcommands: [
    createConfigMapCommand,
    createDeploymentCommand,
    createNamespaceCommand,
    createSecretCommand,
    createServiceCommand,
    createServiceAccountCommand,
  ],
  flags: [
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    DRY_RUN_FLAG,
  ],
  run(ctx) {
    const files = ctx.flag<string[]>('filename');
    if (ctx.args.positional.length > 0) throw new NotSupportedError(`kubectl create ${ctx.args.positional[0]}`);
    if (files.length === 0) throw new NotSupportedError('kubectl create without -f (prints its help)');
    const output = ctx.str('output');
    checkOutputFormat(output);
    const dryRun = dryRunStrategy(ctx);
    const manifests = readManifestFiles(ctx, files, 'create');
    const errors: Error[] = [];
    for (const m of manifests) {
      if (m.decodeError && dryRun !== 'client') {
        errors.push(decodeFailure(ctx, m, 'creating'));
        continue;
      }
      try {
        let obj = placeInNamespace(m.object, kindInfo(m.object.kind), ctx);
        if (ctx.bool('save-config')) obj = withLastApplied(obj);
        if (dryRun === 'client') {
          printResult(ctx, obj, 'created (dry run)');
          continue;
        }
        if (dryRun === 'server') {
          printResult(ctx, ctx.cluster.api.prepareCreate(obj), 'created (server dry run)');
          continue;
        }
        printResult(ctx, ctx.cluster.api.create(obj), 'created');
      } catch (e) {
        if (e instanceof ApiError) errors.push(withSource(e, 'creating', m.file));
        else if (e instanceof UserError) errors.push(e);
        else throw e;
      }
    }
    reportErrors(ctx, errors);
    return errors.length ? 1 : 0;
  },
};
