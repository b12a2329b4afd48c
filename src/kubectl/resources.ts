// What several kubectl commands share: how objects are named on the command line (`TYPE NAME...`,
// `TYPE/NAME...`, `TYPE1,TYPE2`), reading manifests (`-f FILE|DIR|-`), the last-applied
// annotation, printing a result (`-o` or the name line) and reporting per-object errors as
// kubectl's CheckErr does. Errors use kubectl's wording.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KubeObject } from '../api/types.ts';
import { COMPUTED_KINDS, type KindInfo, resolveResource } from '../api/kinds.ts';
import { loadManifests as load, type ManifestError } from '../api/manifest.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { resolveInside } from '../util/paths.ts';
import { ApiError } from '../store/errors.ts';
import { Aggregate, type Ctx, renderError, withSource } from './flags.ts';
import { objectPrinter } from './output.ts';
import { nameLine } from './printers.ts';

/** The builder's error when neither a resource argument nor -f was given (cli-runtime resource/builder.go). */
export const NO_RESOURCES =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** A resource type argument → kind; `the server doesn't have a resource type "x"` otherwise. */
export function resolveType(arg: string): KindInfo {
  const info = resolveResource(arg);
  if (info) return info;
  const computed = resolveResource(arg, COMPUTED_KINDS);
  if (computed)
    throw new NotSupportedError(
      `${computed.plural} in the simulated kubectl (kube-scenarios serve serves them, read-only, to the real kubectl)`,
    );
  throw new UserError(`the server doesn't have a resource type "${arg}"`);
}

export interface ResourceRef {
  info: KindInfo;
  name: string;
}
export interface ResourceArgs {
  /** Types requested without names (list them). */
  types: KindInfo[];
  /** Objects requested by name, in argument order. */
  refs: ResourceRef[];
}

/**
 * resource.Builder.ResourceTypeOrNameArgs: `pods`, `pods a b`, `pod/a node/b`, `pods,nodes`.
 */
export function parseResourceArgs(args: string[]): ResourceArgs {
  if (args.length === 0) return { types: [], refs: [] };
  if (args[0].includes('/')) {
    const refs: ResourceRef[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0)
        throw new UserError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      const name = a.slice(slash + 1);
      if (!name) throw new UserError(`arguments in resource/name form must have a single resource and name`);
      refs.push({ info: resolveType(a.slice(0, slash)), name });
    }
    return { types: [], refs };
  }
  const typeArgs = args[0].split(',').filter((s) => s !== '');
  if (args.slice(1).some((a) => a.includes('/'))) {
    throw new UserError(
      `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
    );
  }
  const infos = typeArgs.map(resolveType);
  if (args.length === 1) return { types: infos, refs: [] };
  if (infos.length > 1) throw new UserError(`arguments in resource/name form may not have more than one slash`);
  return { types: [], refs: args.slice(1).map((name) => ({ info: infos[0], name })) };
}

/** The namespace an object of this kind lives in for this command (undefined for cluster-scoped). */
export function nsFor(info: KindInfo, ctx: Ctx): string | undefined {
  return info.namespaced ? ctx.namespace() : undefined;
}

export interface ManifestObject {
  object: KubeObject;
  file: string;
  line: number;
  /** What the API server answers when asked to create it (`file:line: <server message>`). */
  decodeError?: ManifestError;
}

/**
 * Reads every `-f` argument: a file, a directory (its .json/.yaml/.yml files in name order) or
 * `-` (stdin). Nothing is returned unless every file parses, so a syntax error applies nothing.
 */
export function readManifestFiles(ctx: Ctx, files: string[], verb: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  // Decoding is the server's business: each object goes on its own, and its refusal is reported per object.
  const loadManifests = (text: string, file: string) => load(text, file, { keepDecodeErrors: true });
  const cwd = ctx.opts.cwd ?? process.cwd();
  for (const f of files) {
    if (f === '-') {
      out.push(...loadManifests(ctx.opts.stdin ?? '', 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(f)) throw new UserError(`not supported yet: reading manifests from a URL (${f})`);
    if (ctx.opts.root !== undefined) resolveInside(ctx.opts.root, cwd, f);
    if (ctx.opts.readFile) {
      let text: string;
      try {
        text = ctx.opts.readFile(f);
      } catch {
        throw new UserError(`the path "${f}" does not exist`);
      }
      out.push(...loadManifests(text, f));
      continue;
    }
    const full = resolve(cwd, f);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new UserError(`the path "${f}" does not exist`);
    }
    if (isDir) {
      const names = readdirSync(full)
        .filter((n) => /\.(json|ya?ml)$/.test(n))
        .sort();
      for (const n of names) {
        const rel = f.endsWith('/') ? f + n : `${f}/${n}`;
        out.push(...loadManifests(readText(resolve(full, n), rel), rel));
      }
    } else {
      out.push(...loadManifests(readText(full, f), f));
    }
  }
  if (out.length === 0) throw new UserError(`no objects passed to ${verb}`);
  return out;
}

/** A file's text; an unreadable file (permissions, a directory named x.yaml) is a UserError. */
function readText(full: string, shown: string): string {
  try {
    return readFileSync(full, 'utf8');
  } catch (e) {
    throw new UserError(`error reading ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * Puts a manifest object in the command's namespace, as the builder does: an object without a
 * namespace gets -n (or default); a different explicit -n is an error.
 */
export function placeInNamespace(obj: KubeObject, info: KindInfo | undefined, ctx: Ctx): KubeObject {
  if (!info?.namespaced) return obj;
  const own = obj.metadata?.namespace;
  if (own && ctx.explicitNamespace() && own !== ctx.namespace()) {
    throw new UserError(
      `the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace()}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  if (own) return obj;
  return { ...obj, metadata: { ...obj.metadata, namespace: ctx.namespace() } };
}

/**
 * The API server's answer to an object it cannot decode (BadRequest, `Pod in version "v1" cannot
 * be handled as a Pod: strict decoding error: ...`), with kubectl's `error when <verb> "<file>"`;
 * the file:line of the offending field goes to the result's hints (step failure messages).
 */
export function decodeFailure(ctx: Ctx, m: ManifestObject, verb: string): ApiError {
  const e = m.decodeError!;
  ctx.hint(e.message);
  return withSource(new ApiError('BadRequest', e.detail, 400), verb, m.file);
}

/**
 * Prints the errors collected while visiting objects as CheckErr prints an aggregate: one error
 * in kubectl's usual rendering, several as bare messages, one per line.
 */
export function reportErrors(ctx: Ctx, errors: Error[]): void {
  if (errors.length === 1) ctx.eprint(renderError(errors[0]));
  // cmdutil.MultipleErrors (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go): each through
  // StandardErrorMessage, so every API error (Invalid too) reads `Error from server (Reason): ...`.
  else if (errors.length > 1)
    ctx.eprint(
      renderError(
        new Aggregate(
          errors.map((e) => (e instanceof ApiError ? `Error from server (${e.reason}): ${e.message}` : e.message)),
        ),
      ),
    );
}

/** Prints an object as -o asks, or the name line with the operation. */
export function printResult(ctx: Ctx, obj: KubeObject, operation: string): void {
  const output = ctx.str('output');
  if (output) ctx.printRaw(objectPrinter(ctx, output).print(obj));
  else ctx.print(nameLine(obj, operation));
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Compact JSON with sorted keys and a trailing newline, as runtime.Encode writes it. */
export function encodeJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object') {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort())
        if ((x as Record<string, unknown>)[k] !== undefined) o[k] = sort((x as Record<string, unknown>)[k]);
      return o;
    }
    return x;
  };
  return JSON.stringify(sort(v)) + '\n';
}

/**
 * util.GetModifiedConfiguration with annotate=true: the object with its own last-applied
 * annotation removed, serialised into that annotation (so `"annotations":{}` appears in it).
 */
export function withLastApplied(obj: KubeObject): KubeObject {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const bare = { ...obj, metadata: { ...obj.metadata, annotations } };
  const text = encodeJson(bare);
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...annotations, [LAST_APPLIED]: text } } };
}
