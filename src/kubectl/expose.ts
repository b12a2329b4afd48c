// `kubectl expose (-f FILE | TYPE NAME) [--port=p] [--target-port=t] [--name=n] [--type=T] ...`
// (staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go, the service/v2 generator and
// polymorphichelpers' CanBeExposed, MapBasedSelectorForObject, PortsForObject, ProtocolsForObject):
// a Service for a pod, service, replication controller, deployment or replica set, its selector
// and labels taken from the object, its ports from --port or the object's container ports
// (several become port-1, port-2, …), each target port --target-port or the port itself.
// A client dry run prints the typed Service kubectl built (Go field order in -o json); otherwise
// the API server creates it and kubectl prints `service/<name> exposed` or what came back.

import type { KubeObject, LabelSelector, Pod, Service } from '../api/types.ts';
import { kindInfo } from '../api/kinds.ts';
import { notFound } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Command, Ctx } from './flags.ts';
import { toTypedJson } from './gojson.ts';
import { checkOutputFormat, shownFields } from './output.ts';
import { NO_RESOURCES, nsFor, parseResourceArgs, printResult } from './resources.ts';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from './run.ts';

/** CanBeExposed. */
const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment', 'ReplicaSet']);

/** The pod template's (or the pod's) containers. */
function containersOf(obj: KubeObject): Pod['spec']['containers'] {
  if (obj.kind === 'Pod') return (obj as Pod).spec.containers ?? [];
  return (obj as { spec?: { template?: { spec?: Pod['spec'] } } }).spec?.template?.spec?.containers ?? [];
}

/** MapBasedSelectorForObject, as the `k=v,...` text the generator parses again. */
function selectorFor(obj: KubeObject): Record<string, string> {
  const spec = (obj as { spec?: { selector?: unknown } }).spec;
  switch (obj.kind) {
    case 'Pod': {
      const labels = obj.metadata.labels ?? {};
      if (Object.keys(labels).length === 0) throw new Error(`the pod has no labels and cannot be exposed`);
      return labels;
    }
    case 'Service':
      if (!spec?.selector) throw new Error('the service has no pod selector set');
      return spec.selector as Record<string, string>;
    case 'ReplicationController':
      return (spec?.selector ?? {}) as Record<string, string>;
    default: {
      const sel = spec?.selector as LabelSelector | undefined;
      if (sel?.matchExpressions?.length)
        throw new Error(
          `couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`,
        );
      return sel?.matchLabels ?? {};
    }
  }
}

/** PortsForObject and ProtocolsForObject: the ports as strings, and port → protocol. */
function portsOf(obj: KubeObject): { ports: string[]; protocols: Map<string, string> } {
  const ports: string[] = [];
  const protocols = new Map<string, string>();
  if (obj.kind === 'Service') {
    for (const p of (obj as Service).spec.ports ?? []) {
      ports.push(String(p.port));
      protocols.set(String(p.port), p.protocol ?? 'TCP');
    }
  } else {
    for (const c of containersOf(obj))
      for (const p of c.ports ?? []) {
        ports.push(String(p.containerPort));
        protocols.set(String(p.containerPort), p.protocol ?? 'TCP');
      }
  }
  return { ports, protocols };
}

/** Parses the generator's `k=v,k2=v2` labels or selector (equality only). */
function parseMap(text: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UserError(`invalid ${what}: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** The service/v2 generator. */
function generateService(ctx: Ctx, obj: KubeObject): Service {
  const name = ctx.str('name') || obj.metadata.name!.slice(0, 63);
  let selector: Record<string, string>;
  if (ctx.str('selector')) selector = parseMap(ctx.str('selector'), 'selector');
  else {
    try {
      selector = selectorFor(obj);
    } catch (e) {
      throw new UserError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  const headless = ctx.str('cluster-ip') === 'None';
  const introspected = portsOf(obj);
  let portList: string[] = [];
  if (ctx.str('port')) portList = [ctx.str('port')];
  else {
    if (introspected.ports.length === 0 && !headless)
      throw new UserError("couldn't find port via --port flag or introspection");
    portList = introspected.ports;
  }
  const protocolFlag = ctx.str('protocol');
  const ports = portList.map((text, i) => {
    if (!/^[+-]?\d+$/.test(text)) throw new UserError(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
    let protocol = protocolFlag;
    if (!protocol) protocol = introspected.protocols.size ? (introspected.protocols.get(text) ?? 'TCP') : 'TCP';
    return { ...(portList.length > 1 ? { name: `port-${i + 1}` } : {}), protocol, port: Number(text) };
  });
  const targetText = ctx.str('target-port') || ctx.str('container-port');
  const targeted = ports.map((p) => ({
    ...p,
    targetPort: targetText ? (/^\d+$/.test(targetText) ? Number(targetText) : targetText) : p.port,
  }));
  const labels = ctx.str('labels') ? parseMap(ctx.str('labels'), 'label spec') : { ...(obj.metadata.labels ?? {}) };
  const spec: Record<string, unknown> = {};
  if (targeted.length) spec.ports = targeted;
  spec.selector = selector;
  if (ctx.str('cluster-ip')) spec.clusterIP = ctx.str('cluster-ip');
  if (ctx.str('type')) spec.type = ctx.str('type');
  if (ctx.str('external-ip')) spec.externalIPs = [ctx.str('external-ip')];
  if (ctx.str('session-affinity')) spec.sessionAffinity = ctx.str('session-affinity');
  if (ctx.str('load-balancer-ip')) spec.loadBalancerIP = ctx.str('load-balancer-ip');
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      creationTimestamp: null,
      ...(Object.keys(labels).length ? { labels } : {}),
    },
    spec,
    status: { loadBalancer: {} },
  } as unknown as Service;
}

export const exposeCommand: Command = {
  name: 'expose',
  flags: [
    { name: 'port', type: 'string', default: '' },
    { name: 'target-port', type: 'string', default: '' },
    { name: 'container-port', type: 'string', default: '' },
    { name: 'protocol', type: 'string', default: '' },
    { name: 'name', type: 'string', default: '' },
    { name: 'type', type: 'string', default: '' },
    { name: 'selector', type: 'string', default: '' },
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'cluster-ip', type: 'string', default: '' },
    { name: 'external-ip', type: 'string', default: '' },
    { name: 'load-balancer-ip', type: 'string', default: '' },
    { name: 'session-affinity', type: 'string', default: '' },
    { name: 'overrides', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
    DRY_RUN_FLAG,
  ],
  run(ctx) {
    if (ctx.str('overrides')) throw new NotSupportedError('kubectl expose --overrides');
    if (ctx.flag<string[]>('filename').length) throw new NotSupportedError('kubectl expose -f');
    if (ctx.bool('save-config')) throw new NotSupportedError('kubectl expose --save-config');
    const dryRun = dryRunStrategy(ctx);
    const output = ctx.str('output');
    checkOutputFormat(output);
    const args = ctx.args.positional;
    if (args.length === 0) throw new UserError(NO_RESOURCES);
    const { types, refs } = parseResourceArgs(args);
    if (types.length) throw new UserError('resource(s) were provided, but no name was specified');
    for (const r of refs) {
      const obj = ctx.cluster.store.get(r.info.kind, nsFor(r.info, ctx), r.name);
      if (!obj) throw notFound(r.info.kind, r.name);
      if (!EXPOSABLE.has(obj.kind)) {
        const info = kindInfo(obj.kind)!;
        throw new UserError(`cannot expose a ${obj.kind}${info.group ? `.${info.group}` : ''}`);
      }
      const svc = generateService(ctx, obj);
      if (dryRun === 'client') {
        const shown = ctx.explicitNamespace()
          ? { ...svc, metadata: { ...svc.metadata, namespace: ctx.namespace() } }
          : svc;
        if (output === 'json') ctx.printRaw(toTypedJson(shownFields(ctx, shown)));
        else printResult(ctx, shown, `exposed${dryRunSuffix(dryRun)}`);
        continue;
      }
      const sent = { ...svc, metadata: { ...svc.metadata, namespace: ctx.namespace() } };
      let created = dryRun === 'server' ? ctx.cluster.api.prepareCreate(sent) : ctx.cluster.api.create(sent);
      if (dryRun === 'none') {
        // the registry allocates the ClusterIP as part of the create (here a component of the cluster)
        ctx.cluster.settleNow();
        created = ctx.cluster.store.get(created.kind, created.metadata.namespace, created.metadata.name!) ?? created;
      }
      printResult(ctx, created, `exposed${dryRunSuffix(dryRun)}`);
    }
    return 0;
  },
};
