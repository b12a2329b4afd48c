// `kubectl apply -f FILE|DIR|-` (client-side apply): `created` for a new object, `configured`
// when the three-way merge (last-applied, file, live) changes something, `unchanged` otherwise
// (kubectl pkg/cmd/apply). The kubectl.kubernetes.io/last-applied-configuration annotation is kept
// up to date; an object created without it gets kubectl's warning and the annotation.
//
// The merge follows strategic-merge-patch for the shapes that matter here: maps merge
// recursively; lists of objects with a `name` (containers, env, volumes) or `containerPort`
// merge by that key; other lists are replaced; fields present in the last-applied
// configuration but absent from the file are removed from the live object.

import type { KubeObject } from '../api/types.ts';
import { kindInfo, qualifiedPlural } from '../api/kinds.ts';
import { ApiError } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, withSource } from './flags.ts';
import { checkOutputFormat } from './output.ts';
import {
  decodeFailure,
  LAST_APPLIED,
  placeInNamespace,
  printResult,
  readManifestFiles,
  reportErrors,
  withLastApplied,
} from './resources.ts';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from './run.ts';

type Json = unknown;
type JsonMap = Record<string, Json>;

const isMap = (v: Json): v is JsonMap => !!v && typeof v === 'object' && !Array.isArray(v);

function mergeKey(list: Json[]): string | undefined {
  if (list.length === 0 || !list.every(isMap)) return undefined;
  for (const key of ['name', 'containerPort']) if (list.every((x) => (x as JsonMap)[key] !== undefined)) return key;
  return undefined;
}

/** Applies the change from `original` to `modified` onto `current` (all JSON values). */
export function threeWayMerge(original: Json, modified: Json, current: Json): Json {
  if (isMap(modified)) {
    const cur = isMap(current) ? current : {};
    const orig = isMap(original) ? original : {};
    const out: JsonMap = { ...cur };
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    for (const [k, v] of Object.entries(modified)) out[k] = threeWayMerge(orig[k], v, cur[k]);
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    const key = mergeKey([...modified, ...current]);
    if (!key) return modified;
    const origList = Array.isArray(original) ? original.filter(isMap) : [];
    const byKey = (l: Json[], v: Json) => l.find((x) => (x as JsonMap)[key] === v);
    const out: Json[] = modified.map((m) =>
      threeWayMerge(byKey(origList, (m as JsonMap)[key]), m, byKey(current, (m as JsonMap)[key])),
    );
    for (const c of current) {
      const k = (c as JsonMap)[key];
      if (byKey(modified, k) === undefined && byKey(origList, k) === undefined) out.push(c);
    }
    return out;
  }
  return modified;
}

/** The part of an applied configuration a patch of the object can change. */
function patchable(config: Json): Json {
  if (!isMap(config)) return config;
  const out: JsonMap = { ...config };
  delete out.status;
  if (isMap(out.metadata)) {
    const meta: JsonMap = { ...out.metadata };
    for (const k of ['creationTimestamp', 'uid', 'resourceVersion', 'generation']) delete meta[k];
    out.metadata = meta;
  }
  return out;
}

const equal = (a: Json, b: Json): boolean => JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
function sortDeep(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isMap(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => v[k] !== undefined)
        .map((k) => [k, sortDeep(v[k])]),
    );
  return v;
}

export const applyCommand: Command = {
  name: 'apply',
  flags: [
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'server-side', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    DRY_RUN_FLAG,
  ],
  run(ctx) {
    if (ctx.bool('server-side')) throw new NotSupportedError('kubectl apply --server-side');
    if (ctx.bool('prune')) throw new NotSupportedError('kubectl apply --prune');
    if (ctx.bool('force')) throw new NotSupportedError('kubectl apply --force');
    if (ctx.str('kustomize')) throw new NotSupportedError('kubectl apply -k');
    if (ctx.args.positional.length > 0) throw new NotSupportedError(`kubectl apply ${ctx.args.positional[0]}`);
    const files = ctx.flag<string[]>('filename');
    if (files.length === 0) throw new UserError('error: must specify one of -f and -k');
    const output = ctx.str('output');
    checkOutputFormat(output);
    const dryRun = dryRunStrategy(ctx);
    const suffix = dryRunSuffix(dryRun);
    const manifests = readManifestFiles(ctx, files, 'apply');
    const api = ctx.cluster.api;
    const errors: Error[] = [];
    for (const m of manifests) {
      const info = kindInfo(m.object.kind);
      let verb = 'creating';
      try {
        const modified = withLastApplied(placeInNamespace(m.object, info, ctx));
        const ns = info?.namespaced ? modified.metadata.namespace : undefined;
        const live =
          info && modified.metadata.name ? ctx.cluster.store.get(modified.kind, ns, modified.metadata.name) : undefined;
        if (m.decodeError && (!live || dryRun === 'client')) {
          // client dry run: kubectl does not ask the server, so it has nothing to say.
          if (dryRun !== 'client') {
            errors.push(decodeFailure(ctx, m, 'creating'));
            continue;
          }
        } else if (m.decodeError) {
          throw new NotSupportedError(
            `kubectl apply's error for a change to the live ${info!.kind} "${live!.metadata.name}" that the API server cannot decode (${m.decodeError.message})`,
          );
        }
        if (!live) {
          if (dryRun === 'client') printResult(ctx, modified, `created${suffix}`);
          else if (dryRun === 'server') printResult(ctx, api.prepareCreate(modified), `created${suffix}`);
          else printResult(ctx, api.create(modified), 'created');
          continue;
        }
        verb = 'patching';
        const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
        if (lastApplied === undefined) {
          ctx.eprint(
            `Warning: resource ${qualifiedPlural(info!)}/${live.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
          );
        }
        let original: Json = {};
        try {
          original = lastApplied ? JSON.parse(lastApplied) : {};
        } catch {
          original = {};
        }
        // Status is a subresource (a patch of the object ignores it); a null creationTimestamp
        // (as `kubectl run --dry-run -o yaml` writes it) changes nothing on the server.
        const merged = threeWayMerge(patchable(original), patchable(modified), live) as KubeObject;
        if (live.status !== undefined) merged.status = live.status;
        if (equal(merged, live)) {
          printResult(ctx, live, `unchanged${suffix}`);
          continue;
        }
        if (dryRun === 'client') {
          printResult(ctx, merged, `configured${suffix}`);
          continue;
        }
        if (dryRun === 'server') {
          printResult(ctx, api.prepareUpdate(merged), `configured${suffix}`);
          continue;
        }
        printResult(ctx, api.update(merged), 'configured');
      } catch (e) {
        if (e instanceof ApiError) errors.push(withSource(e, verb, m.file));
        else if (e instanceof UserError) errors.push(e);
        else throw e;
      }
    }
    reportErrors(ctx, errors);
    return errors.length ? 1 : 0;
  },
};
