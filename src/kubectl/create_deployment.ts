// `kubectl create deployment NAME --image=IMAGE... [--replicas=N] [--port=P] [-- COMMAND...]`
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go): labels and selector
// app=NAME, one container per image named after the image (path and tag dropped), the command
// after `--` for every container; failures read `failed to create deployment: ...`.

import type { Container, Deployment } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Command } from './flags.ts';
import { CREATE_SUB_FLAGS, failedTo, nameFromArgs, runCreate, sliceFlag } from './createsub.ts';

/** The container name buildPodSpec derives from an image reference. */
export function containerNameFor(image: string): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  // sanitizeAndUniquify appends a random suffix to names with '.' or '_'.
  if (/[_.]/.test(name))
    throw new NotSupportedError(
      `kubectl create deployment with image ${image} (kubectl names its container with a random suffix)`,
    );
  return name;
}

export const createDeploymentCommand: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  flags: [
    ...CREATE_SUB_FLAGS,
    { name: 'image', type: 'array', required: true },
    { name: 'port', type: 'int', default: -1 },
    { name: 'replicas', short: 'r', type: 'int', default: 1 },
  ],
  run(ctx) {
    const name = nameFromArgs(ctx);
    const command = ctx.args.positional.slice(1);
    const images = sliceFlag(ctx, 'image');
    if (images.length > 1 && command.length > 0)
      throw new UserError('cannot specify multiple --image options and command');
    const labels = { app: name };
    const containers = images.map(
      (image) =>
        ({ name: containerNameFor(image), image, ...(command.length ? { command } : {}), resources: {} }) as Container,
    );
    const port = ctx.flag<number>('port');
    if (port >= 0 && containers.length > 0) containers[0].ports = [{ containerPort: port }];
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, creationTimestamp: null, labels },
      spec: {
        replicas: ctx.flag<number>('replicas'),
        selector: { matchLabels: labels },
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        strategy: {},
      },
      status: {},
    } as unknown as Deployment;
    return runCreate(ctx, deployment, true, failedTo('failed to create deployment: '));
  },
};
