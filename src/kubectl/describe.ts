// `kubectl describe TYPE [NAME...] [-l selector] [-A]` (staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go):
// finds the objects and prints each with the describer of its kind (src/kubectl/describe/, one file
// per kind after staging/src/k8s.io/kubectl/pkg/describe/describe.go), separated by two blank
// lines. A name that matches no object exactly describes every object whose name starts with it,
// as kubectl does.

import type {
  DaemonSet,
  Deployment,
  Job,
  KubeObject,
  Namespace,
  Node,
  Pod,
  PodDisruptionBudget,
  PriorityClass,
  ReplicaSet,
  Service,
  StatefulSet,
} from '../api/types.ts';
import type { KindInfo } from '../api/kinds.ts';
import { notFound } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Command, Ctx } from './flags.ts';
import { selectorFlag } from './get.ts';
import { parseResourceArgs } from './resources.ts';
import { describeNamespace, describePodDisruptionBudget, describePriorityClass } from './describe/cluster.ts';
import { describeConfigMap, describeSecret, describeServiceAccount } from './describe/config.ts';
import { describeDaemonSet } from './describe/daemonset.ts';
import { describeDeployment } from './describe/deployment.ts';
import { describeJob } from './describe/job.ts';
import { describeNode } from './describe/node.ts';
import { describePod } from './describe/pod.ts';
import { describeReplicaSet, describeReplicationController } from './describe/replicaset.ts';
import { describeService } from './describe/service.ts';
import { describeStatefulSet } from './describe/statefulset.ts';

/** The describer of each modelled kind (describe.go describerMap). */
const DESCRIBERS: Record<string, (ctx: Ctx, obj: KubeObject) => string> = {
  Pod: (ctx, o) => describePod(ctx, o as Pod),
  Node: (ctx, o) => describeNode(ctx, o as Node),
  Namespace: (ctx, o) => describeNamespace(ctx, o as Namespace),
  Service: (ctx, o) => describeService(ctx, o as Service),
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  ReplicationController: describeReplicationController,
  Deployment: (ctx, o) => describeDeployment(ctx, o as Deployment),
  ReplicaSet: (ctx, o) => describeReplicaSet(ctx, o as ReplicaSet),
  DaemonSet: (ctx, o) => describeDaemonSet(ctx, o as DaemonSet),
  StatefulSet: (ctx, o) => describeStatefulSet(ctx, o as StatefulSet),
  Job: (ctx, o) => describeJob(ctx, o as Job),
  PriorityClass: (ctx, o) => describePriorityClass(ctx, o as PriorityClass),
  PodDisruptionBudget: (ctx, o) => describePodDisruptionBudget(ctx, o as PodDisruptionBudget),
};

export const describeCommand: Command = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
  ],
  run(ctx) {
    if (!ctx.bool('show-events')) throw new NotSupportedError('kubectl describe --show-events=false');
    const args = ctx.args.positional;
    if (args.length === 0) {
      // describe.go Complete: a plain error (no usage hint), unlike `get`.
      throw new UserError(
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
      );
    }
    const { types, refs } = parseResourceArgs(args);
    const kinds: KindInfo[] = [...types, ...refs.map((r) => r.info)];
    for (const k of kinds) if (!DESCRIBERS[k.kind]) throw new NotSupportedError(`kubectl describe ${k.plural}`);
    const store = ctx.cluster.store;
    const allNs = ctx.bool('all-namespaces');
    const match = selectorFlag(ctx);
    const objs: KubeObject[] = [];
    const errors: string[] = [];
    for (const info of types) {
      const ns = info.namespaced && !allNs ? ctx.namespace() : undefined;
      objs.push(...store.list(info.kind, ns).filter((o) => !match || match(o.metadata.labels)));
    }
    for (const r of refs) {
      const ns = r.info.namespaced ? ctx.namespace() : undefined;
      const exact = store.get(r.info.kind, ns, r.name);
      if (exact) {
        objs.push(exact);
        continue;
      }
      const prefixed = store.list(r.info.kind, ns).filter((o) => o.metadata.name!.startsWith(r.name));
      if (prefixed.length) objs.push(...prefixed);
      else errors.push(`Error from server (NotFound): ${notFound(r.info.kind, r.name).message}`);
    }
    if (objs.length === 0 && errors.length === 0) {
      const namespaced = kinds.some((k) => k.namespaced);
      ctx.eprint(allNs || !namespaced ? 'No resources found' : `No resources found in ${ctx.namespace()} namespace.`);
      return 0;
    }
    objs.forEach((o, i) => ctx.printRaw((i === 0 ? '' : '\n\n') + DESCRIBERS[o.kind](ctx, o)));
    for (const e of errors) ctx.eprint(e);
    return errors.length ? 1 : 0;
  },
};
