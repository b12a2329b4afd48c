// `kubectl set image TYPE NAME container=image... [--all] [-l] [--dry-run] [-o]`
// (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go): sets the image of the named containers
// (init containers too; `*` for all) in a pod or in a workload's pod template, prints
// `<kind>/<name> image updated`, prints nothing for an object it did not change, and reports an
// unknown container as `error: unable to find container named "x"` (several unknown ones in the
// order given; Go ranges over a map there, in random order). The other `set` commands
// (env, resources, selector, serviceaccount, subject) and --local / -f are not supported yet.

import type { Container, KubeObject, Pod } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { Aggregate, type Command, type Ctx, unsupportedSubcommand } from './flags.ts';
import { selectObjects, splitResourcesAndPairs } from './label.ts';
import { checkOutputFormat } from './output.ts';
import { NO_RESOURCES, parseResourceArgs, printResult } from './resources.ts';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from './run.ts';

/** The pod spec UpdatePodSpecForObject edits: a pod's own, else the pod template's. */
function podSpecOf(obj: KubeObject): Pod['spec'] | undefined {
  if (obj.kind === 'Pod') return (obj as Pod).spec;
  return (obj as { spec?: { template?: { spec?: Pod['spec'] } } }).spec?.template?.spec;
}

function setImages(_ctx: Ctx, obj: KubeObject, images: [string, string][], errors: string[]): KubeObject | undefined {
  const updated = structuredClone(obj);
  const spec = podSpecOf(updated);
  if (!spec) throw new NotSupportedError(`kubectl set image on a ${obj.kind}`);
  for (const [name, image] of images) {
    let found = false;
    for (const list of [spec.initContainers ?? [], spec.containers ?? []] as Container[][]) {
      for (const c of list)
        if (c.name === name || name === '*') {
          c.image = image;
          found = true;
        }
    }
    if (!found) errors.push(`error: unable to find container named ${JSON.stringify(name)}`);
  }
  return JSON.stringify(podSpecOf(obj)) === JSON.stringify(spec) ? undefined : updated;
}

const setImageCommand: Command = {
  name: 'image',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    DRY_RUN_FLAG,
    { name: 'local', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
  ],
  run(ctx) {
    if (ctx.bool('local')) throw new NotSupportedError('kubectl set image --local');
    if (ctx.flag<string[]>('filename').length) throw new NotSupportedError('kubectl set image -f');
    const output = ctx.str('output');
    checkOutputFormat(output);
    const dryRun = dryRunStrategy(ctx);
    const { resources, pairs } = splitResourcesAndPairs(ctx.args.positional, 'image');
    const invalid = pairs.filter((p) => !(p.includes('=') && p[0] !== '='));
    if (invalid.length) throw new UserError(`invalid image format: ${invalid.join(', ')}`);
    // Complete builds the resource list before Validate looks at the images.
    if (resources.length < 1) {
      throw new UserError(NO_RESOURCES);
    }
    parseResourceArgs(resources);
    const images = new Map(
      pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as [string, string]),
    );
    const problems: string[] = [];
    if (ctx.bool('all') && ctx.str('selector')) problems.push('cannot set --all and --selector at the same time');
    if (images.size < 1) problems.push('at least one image update is required');
    if (images.size > 1 && images.has('*'))
      problems.push(
        'all containers are already specified by *, but saw more than one container_name=container_image pairs',
      );
    if (problems.length) throw new Aggregate(problems);
    const objs = selectObjects(ctx, resources);
    if (!objs) return 0;
    const errors: string[] = [];
    for (const obj of objs) {
      const updated = setImages(ctx, obj, [...images], errors);
      if (!updated) continue; // no change: kubectl prints nothing
      let shown = updated;
      if (dryRun === 'server') shown = ctx.cluster.api.prepareUpdate(updated);
      else if (dryRun === 'none') shown = ctx.cluster.api.update(updated);
      printResult(ctx, shown, `image updated${dryRunSuffix(dryRun)}`);
    }
    if (errors.length) throw new Aggregate(errors);
    return 0;
  },
};

const unsupported = (name: string): Command => unsupportedSubcommand('set', name);

export const setCommand: Command = {
  name: 'set',
  flags: [],
  subcommands: [
    unsupported('env'),
    setImageCommand,
    unsupported('resources'),
    unsupported('selector'),
    unsupported('serviceaccount'),
    unsupported('subject'),
  ],
};
