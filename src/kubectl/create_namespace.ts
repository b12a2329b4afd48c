// `kubectl create namespace NAME` (staging/src/k8s.io/kubectl/pkg/cmd/create/create_namespace.go):
// a bare Namespace; the API server's error as it is.

import type { KubeObject } from '../api/types.ts';
import type { Command } from './flags.ts';
import { CREATE_SUB_FLAGS, nameFromArgs, runCreate } from './createsub.ts';

export const createNamespaceCommand: Command = {
  name: 'namespace',
  aliases: ['ns'],
  flags: CREATE_SUB_FLAGS,
  run(ctx) {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: nameFromArgs(ctx), creationTimestamp: null },
      spec: {},
      status: {},
    } as KubeObject;
    return runCreate(ctx, ns, false, (e) => e);
  },
};
