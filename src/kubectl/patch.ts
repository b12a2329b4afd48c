// `kubectl patch (-f FILE | TYPE NAME) (-p PATCH | --patch-file FILE) [--type strategic|merge|json]`
// (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go): the patch (YAML or JSON) is applied by the
// API server (src/store/patch.ts: strategic merge with Kubernetes' merge keys, JSON merge, JSON
// patch) and the result stored through its update path; `<kind>/<name> patched`, or
// `patched (no change)` when the server's answer equals the object read before. `--dry-run=client`
// and `--local` patch the object (read from the server, or the file's with --local) on the client
// and print it; `--dry-run=server` asks the server without storing (both print plain `patched`). Objects are visited one by one,
// an error on one does not stop the others. `--subresource` is not supported yet.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { kindInfo } from '../api/kinds.ts';
import type { KubeObject } from '../api/types.ts';
import { ApiError, badRequest, notFound } from '../store/errors.ts';
import { jsonPatch, mergePatch, strategicMergePatch } from '../store/patch.ts';
import { deepEqual } from '../util/diff.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Command, Ctx } from './flags.ts';
import { checkOutputFormat } from './output.ts';
import {
  NO_RESOURCES,
  nsFor,
  parseResourceArgs,
  placeInNamespace,
  printResult,
  readManifestFiles,
  reportErrors,
} from './resources.ts';
import { DRY_RUN_FLAG, dryRunStrategy } from './run.ts';

/** --type values (patchTypes), as sets.StringKeySet(...).List() prints them. */
const PATCH_TYPES = ['json', 'merge', 'strategic'];

/**
 * patchOperation. ToPrinter sets the name printer's operation after PrintFlagsWithDryRunStrategy
 * added the dry-run suffix to it, so a dry run prints plain `patched` too.
 */
const patchOperation = (unchanged: boolean) => (unchanged ? 'patched (no change)' : 'patched');

/** The patch of `type` applied to `obj` (plain JSON); the API server's errors for a bad one. */
export function applyPatch(type: string, obj: KubeObject, patch: unknown): KubeObject {
  const cur = structuredClone(obj);
  if (type === 'json') return jsonPatch(cur, patch);
  if (type === 'merge') return mergePatch(cur, patch);
  return strategicMergePatch(cur, patch);
}

/** The patch text as JSON (yaml.ToJSON: JSON is YAML). */
function readPatch(ctx: Ctx): unknown {
  let text = ctx.str('patch');
  const file = ctx.str('patch-file');
  if (file) {
    try {
      text = ctx.opts.readFile
        ? ctx.opts.readFile(file)
        : readFileSync(resolve(ctx.opts.cwd ?? process.cwd(), file), 'utf8');
    } catch {
      throw new UserError(`unable to read patch file: open ${file}: no such file or directory`);
    }
  }
  try {
    return parseYaml(text);
  } catch (e) {
    throw new UserError(`unable to parse ${JSON.stringify(ctx.str('patch'))}: ${(e as Error).message}`);
  }
}

interface Target {
  kind: string;
  namespace: string | undefined;
  name: string;
  /** --local: the file's object, patched on the client. */
  local?: KubeObject;
}

function targets(ctx: Ctx): Target[] {
  const files = ctx.flag<string[]>('filename');
  const args = ctx.args.positional;
  if (files.length) {
    return readManifestFiles(ctx, files, 'patch').map((m) => {
      const obj = placeInNamespace(m.object, kindInfo(m.object.kind), ctx);
      return {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name!,
        ...(ctx.bool('local') ? { local: obj } : {}),
      };
    });
  }
  if (args.length === 0) throw new UserError(NO_RESOURCES);
  const { types, refs } = parseResourceArgs(args);
  if (types.length) throw new UserError('resource(s) were provided, but no name was specified');
  return refs.map((r) => ({ kind: r.info.kind, namespace: nsFor(r.info, ctx), name: r.name }));
}

export const patchCommand: Command = {
  name: 'patch',
  flags: [
    { name: 'patch', short: 'p', type: 'string', default: '' },
    { name: 'patch-file', type: 'string', default: '' },
    { name: 'type', type: 'string', default: 'strategic' },
    DRY_RUN_FLAG,
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'local', type: 'bool' },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
  ],
  run(ctx) {
    const output = ctx.str('output');
    checkOutputFormat(output);
    const dryRun = dryRunStrategy(ctx);
    // Validate, in patch.go's order
    if (ctx.str('patch') && ctx.str('patch-file'))
      throw new UserError('cannot specify --patch and --patch-file together');
    if (!ctx.str('patch') && !ctx.str('patch-file'))
      throw new UserError('must specify --patch or --patch-file containing the contents of the patch');
    const local = ctx.bool('local');
    if (local && ctx.args.positional.length) throw new UserError('cannot specify --local and server resources');
    if (local && dryRun === 'server')
      throw new UserError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    const type = ctx.str('type').toLowerCase();
    if (!PATCH_TYPES.includes(type))
      throw new UserError(`--type must be one of [${PATCH_TYPES.join(' ')}], not ${JSON.stringify(ctx.str('type'))}`);
    if (ctx.str('subresource')) throw new NotSupportedError('kubectl patch --subresource');
    const patch = readPatch(ctx);

    const errors: Error[] = [];
    let count = 0;
    for (const t of targets(ctx)) {
      count++;
      try {
        const before = t.local ?? ctx.cluster.store.get(t.kind, t.namespace, t.name);
        if (!before) throw notFound(t.kind, t.name);
        const next = applyPatch(type, before, patch);
        if (local || dryRun === 'client') {
          printResult(ctx, next, patchOperation(deepEqual(before, next)));
          continue;
        }
        // the server's patch handler (as serve's): kind and name stay; no resourceVersion precondition
        if (!next || next.kind !== before.kind || next.metadata?.name !== before.metadata.name)
          throw badRequest('the patch may not change the kind or name of the object');
        if (next.metadata.resourceVersion === before.metadata.resourceVersion)
          next.metadata.resourceVersion = undefined;
        let after: KubeObject;
        if (dryRun === 'server') {
          after = ctx.cluster.api.prepareUpdate(next);
          const { uid, creationTimestamp, resourceVersion } = before.metadata;
          after.metadata = { ...after.metadata, uid, creationTimestamp, resourceVersion };
        } else after = ctx.cluster.api.update(next);
        printResult(ctx, after, patchOperation(deepEqual(before, after)));
      } catch (e) {
        if (!(e instanceof ApiError) && !(e instanceof UserError)) throw e;
        errors.push(e);
      }
    }
    reportErrors(ctx, errors);
    if (errors.length) return 1;
    if (count === 0) throw new UserError('no objects passed to patch');
    return 0;
  },
};
