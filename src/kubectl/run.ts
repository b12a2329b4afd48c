// `kubectl run NAME --image=IMAGE [--port] [--labels] [--env] [--restart] [--command] [-- args]
// [--dry-run=client|server] [-o yaml|json|name]`: builds the bare pod exactly as kubectl 1.33
// does (kubectl pkg/cmd/run) and creates it (`pod/NAME created`).

import { printResult } from './resources.ts';
import type { Container, Pod } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, type Ctx, type FlagSpec, UsageError } from './flags.ts';
import { checkOutputFormat, shownFields } from './output.ts';
import { toTypedJson } from './gojson.ts';

// distribution/reference's ReferenceRegexp (domain[:port]/path[:tag][@digest]), anchored.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*';
const DOMAIN =
  '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** What PrintFlags.Complete adds to the operation of a dry run (pkg/cmd/util/printing.go): ` (dry run)`, ` (server dry run)`. */
export function dryRunSuffix(dryRun: 'none' | 'client' | 'server'): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/** `--dry-run` value → none | client | server, with kubectl's errors. */
export function dryRunStrategy(ctx: Ctx): 'none' | 'client' | 'server' {
  if (!ctx.has('dry-run')) return 'none';
  const v = ctx.str('dry-run');
  if (v === 'client' || v === 'server' || v === 'none') return v;
  if (v === 'unchanged')
    throw new UserError(
      '--dry-run flag without a value was specified. A value must be set: "none", "server", or "client".',
    );
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return 'client';
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return 'none';
  throw new UserError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' };

function parseLabelList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UserError(`invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** The pod `kubectl run` sends (before any server defaulting). */
export function buildRunPod(ctx: Ctx, name: string, image: string, extraArgs: string[]): Pod {
  const container: Container = { name, image } as Container;
  if (extraArgs.length) {
    if (ctx.bool('command')) container.command = extraArgs;
    else container.args = extraArgs;
  }
  const env = ctx.flag<string[]>('env');
  if (env.length) {
    container.env = env.map((e) => {
      const eq = e.indexOf('=');
      if (eq <= 0) throw new UserError(`invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  }
  if (ctx.str('image-pull-policy')) container.imagePullPolicy = ctx.str('image-pull-policy');
  const port = ctx.str('port');
  if (port) {
    if (!/^-?\d+$/.test(port)) throw new UserError(`strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: parseInt(port, 10) }];
  }
  container.resources = {};
  const labels = ctx.str('labels') ? parseLabelList(ctx.str('labels')) : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of ctx.flag<string[]>('annotations')) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UserError(`invalid annotation spec: ${a}`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const metadata: Pod['metadata'] = { creationTimestamp: null, labels, name };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  if (ctx.explicitNamespace()) metadata.namespace = ctx.namespace();
  const restart = ctx.str('restart') || 'Always';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: {
      containers: [container],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: restart as Pod['spec']['restartPolicy'],
    },
    status: {},
  };
}

export const runCommand: Command = {
  name: 'run',
  flags: [
    { name: 'image', type: 'string', default: '', required: true },
    { name: 'port', type: 'string', default: '' },
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'env', type: 'array' },
    { name: 'annotations', type: 'array' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'command', type: 'bool' },
    { name: 'image-pull-policy', type: 'string', default: '' },
    DRY_RUN_FLAG,
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'overrides', type: 'string', default: '' },
  ],
  run(ctx) {
    for (const f of ['expose', 'rm', 'stdin', 'tty', 'attach'])
      if (ctx.bool(f)) throw new NotSupportedError(`kubectl run --${f}`);
    if (ctx.str('overrides')) throw new NotSupportedError('kubectl run --overrides');
    const dash = ctx.args.dashArgs;
    const beforeDash = dash
      ? ctx.args.positional.slice(0, ctx.args.positional.length - dash.length)
      : ctx.args.positional;
    if (beforeDash.length === 0) throw new UsageError('NAME is required for run', ctx.commandPath);
    const name = beforeDash[0];
    const extraArgs = [...beforeDash.slice(1), ...(dash ?? [])];
    const image = ctx.str('image');
    if (!image) throw new UserError('--image is required'); // --image= (given, empty): run.go's own check
    if (!REFERENCE.test(image)) throw new UserError(`Invalid image name "${image}": invalid reference format`);
    const restart = ctx.str('restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart))
      throw new UsageError(`invalid restart policy: ${restart}`, ctx.commandPath);
    const output = ctx.str('output');
    checkOutputFormat(output);
    const dryRun = dryRunStrategy(ctx);
    const pod = buildRunPod(ctx, name, image, extraArgs);

    let shown: Pod = pod;
    if (dryRun === 'server') shown = ctx.cluster.api.prepareCreate(pod);
    else if (dryRun === 'none') shown = ctx.cluster.api.create(pod);
    if (output === 'json')
      ctx.printRaw(toTypedJson(shownFields(ctx, shown))); // a typed *v1.Pod, built or decoded by kubectl
    else printResult(ctx, shown, `created${dryRunSuffix(dryRun)}`);
    return 0;
  },
};
