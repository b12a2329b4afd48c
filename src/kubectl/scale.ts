// `kubectl scale deployment/web --replicas=N` (also `scale deployment web`, replicasets and
// statefulsets): sets spec.replicas through the scale subresource and prints
// `deployment.apps/web scaled`. `--current-replicas` is checked as a precondition.

import { invalid } from '../api/fielderrors.ts';
import type { KubeObject, LabelSelector } from '../api/types.ts';
import { ApiError, notFound } from '../store/errors.ts';
import { kindInfo } from '../api/kinds.ts';
import { UserError } from '../util/errors.ts';
import { aggregateText, type Command } from './flags.ts';
import { formatLabelSelector, nameLine } from './printers.ts';
import { nsFor, parseResourceArgs, reportErrors } from './resources.ts';

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];
const INT32_MAX = 2147483647;

/**
 * kubectl sends `{"spec":{"replicas":N}}` as a merge patch of the autoscaling/v1 Scale; a count
 * beyond int32 cannot be decoded from the patched object, which the API server reports as an
 * Invalid `patch` field holding that JSON (apiserver/pkg/endpoints/handlers/patch.go,
 * applyPatchToCurrentObject; json-patch's MergePatch sorts the top-level keys and keeps the
 * untouched ones as they were encoded).
 */
function scalePatchUndecodable(
  obj: KubeObject & { spec: { replicas?: number; selector?: LabelSelector } },
  replicas: number,
): ApiError {
  const m = obj.metadata;
  const metadata = JSON.stringify({
    name: m.name,
    namespace: m.namespace,
    uid: m.uid,
    resourceVersion: m.resourceVersion,
    creationTimestamp: m.creationTimestamp,
  });
  const status = JSON.stringify({
    replicas: (obj as { status?: { replicas?: number } }).status?.replicas ?? 0,
    selector: formatLabelSelector(obj.spec.selector),
  });
  const patched = `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":${metadata},"spec":{"replicas":${replicas}},"status":${status}}`;
  const detail = `json: cannot unmarshal number ${replicas} into Go struct field ScaleSpec.spec.replicas of type int32`;
  return new ApiError('Invalid', ` "" is invalid: patch: Invalid value: ${JSON.stringify(patched)}: ${detail}`, 422, [
    invalid('patch', patched, detail),
  ]);
}

export const scaleCommand: Command = {
  name: 'scale',
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'filename', short: 'f', type: 'array' },
  ],
  run(ctx) {
    if (!ctx.has('replicas')) throw new UserError('required flag(s) "replicas" not set');
    const replicas = ctx.flag<number>('replicas');
    if (replicas < 0)
      throw new UserError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (ctx.flag<string[]>('filename').length) throw new UserError('not supported yet: kubectl scale -f');
    const { types, refs } = parseResourceArgs(ctx.args.positional);
    if (types.length || refs.length === 0) throw new UserError('resource(s) were provided, but no name was specified');
    // The builder visits with ContinueOnError: what is missing is reported after the others are
    // scaled, and nothing found at all is `no objects passed to scale <errors>` (pkg/cmd/scale/scale.go).
    const found: (KubeObject & { spec: { replicas?: number } })[] = [];
    const missing: ApiError[] = [];
    for (const r of refs) {
      const obj = ctx.cluster.store.get<KubeObject & { spec: { replicas?: number } }>(
        r.info.kind,
        nsFor(r.info, ctx),
        r.name,
      );
      if (obj) found.push(obj);
      else missing.push(notFound(r.info.kind, r.name));
    }
    if (found.length === 0)
      throw new UserError(`no objects passed to scale ${aggregateText(missing.map((e) => e.message))}`);
    for (const obj of found) {
      const info = kindInfo(obj.kind)!;
      if (!SCALABLE.includes(obj.kind))
        throw new UserError(`cannot fetch scale for ${info.plural}: no scale subresource`);
      const current = ctx.flag<number>('current-replicas');
      if (current >= 0 && (obj.spec.replicas ?? 1) !== current) {
        throw new UserError(`Expected replicas to be ${current}, was ${obj.spec.replicas ?? 1}`);
      }
      if (replicas > INT32_MAX) throw scalePatchUndecodable(obj, replicas);
      ctx.cluster.api.update({ ...obj, spec: { ...obj.spec, replicas } });
      ctx.print(nameLine(obj, 'scaled'));
    }
    reportErrors(ctx, missing);
    return missing.length ? 1 : 0;
  },
};
