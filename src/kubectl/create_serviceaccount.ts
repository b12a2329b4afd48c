// `kubectl create serviceaccount NAME` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_serviceaccount.go):
// a bare ServiceAccount; failures read `failed to create serviceaccount: ...`.

import type { KubeObject } from '../api/types.ts';
import type { Command } from './flags.ts';
import { CREATE_SUB_FLAGS, failedTo, nameFromArgs, runCreate } from './createsub.ts';

export const createServiceAccountCommand: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  flags: CREATE_SUB_FLAGS,
  run(ctx) {
    const sa = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: nameFromArgs(ctx), creationTimestamp: null },
    } as KubeObject;
    return runCreate(ctx, sa, true, failedTo('failed to create serviceaccount: '));
  },
};
