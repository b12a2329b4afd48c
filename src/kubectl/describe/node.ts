// `kubectl describe node` (staging/src/k8s.io/kubectl/pkg/describe/describe.go: NodeDescriber,
// describeNode, describeNodeResource): the lease, conditions, capacity, the non-terminated pods
// with their requests and limits, the allocated resources.

import type { Node, Pod } from '../../api/types.ts';
import { formatQuantity, resourceAmount } from '../../api/quantity.ts';
import { podLimits, podRequests } from '../../api/resources.ts';
import type { Ctx } from '../flags.ts';
import { rfc1123z, since } from '../duration.ts';
import { nodeRoles } from '../printers.ts';
import { describeEvents, PrefixWriter, printAnnotations, printLabels, time } from './writer.ts';

const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'storage',
  'pods',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
]);

function describeNodeResource(ctx: Ctx, w: PrefixWriter, node: Node, pods: Pod[]): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = Object.keys(node.status?.allocatable ?? {}).length
    ? node.status!.allocatable!
    : (node.status?.capacity ?? {});
  const allocOf = (r: string) => (r in alloc ? resourceAmount(r, alloc[r]) : 0);
  const pct = (v: number, total: number) =>
    total === 0 ? (v === 0 ? 'NaN' : '+Inf') : String(Math.trunc((v / total) * 100));
  const q = (r: string, v: number) => formatQuantity(r, v);
  for (const p of pods) {
    const req = podRequests(p),
      lim = podLimits(p);
    const cells = [
      ['cpu', req.cpu ?? 0],
      ['cpu', lim.cpu ?? 0],
      ['memory', req.memory ?? 0],
      ['memory', lim.memory ?? 0],
    ] as const;
    const text = cells.map(([r, v]) => `${q(r, v)} (${pct(v, allocOf(r))}%)`);
    w.write(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${text.join('\t')}\t${since(ctx.cluster.clock, p.metadata.creationTimestamp)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const reqs: Record<string, number> = {},
    lims: Record<string, number> = {};
  for (const p of pods) {
    for (const [k, v] of Object.entries(podRequests(p))) reqs[k] = (reqs[k] ?? 0) + v;
    for (const [k, v] of Object.entries(podLimits(p))) lims[k] = (lims[k] ?? 0) + v;
  }
  const frac = (v: number, r: string) => (allocOf(r) !== 0 ? Math.trunc((v / allocOf(r)) * 100) : 0);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    w.write(
      1,
      `${r}\t${q(r, reqs[r] ?? 0)} (${frac(reqs[r] ?? 0, r)}%)\t${q(r, lims[r] ?? 0)} (${frac(lims[r] ?? 0, r)}%)\n`,
    );
  }
  const names = Object.keys(alloc);
  for (const r of names.filter((n) => n.startsWith('hugepages-')).sort()) {
    w.write(
      1,
      `${r}\t${q(r, reqs[r] ?? 0)} (${frac(reqs[r] ?? 0, r)}%)\t${q(r, lims[r] ?? 0)} (${frac(lims[r] ?? 0, r)}%)\n`,
    );
  }
  for (const r of names.filter((n) => !n.startsWith('hugepages-') && !STANDARD_RESOURCES.has(n)).sort()) {
    w.write(1, `${r}\t${q(r, reqs[r] ?? 0)}\t${q(r, lims[r] ?? 0)}\n`);
  }
}

export function describeNode(ctx: Ctx, node: Node): string {
  const w = new PrefixWriter();
  const roles = nodeRoles(node);
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', node.metadata.labels);
  printAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${time(node.metadata.creationTimestamp)}\n`);
  const taints = [...(node.spec?.taints ?? [])].sort((a, b) => {
    const x = `${a.effect},${a.key}`,
      y = `${b.effect},${b.key}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.line('<none>');
  taints.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`}\n`);
  });
  w.write(0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  // The node lease the kubelet renews; its renew time follows the Ready heartbeat.
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${ready?.lastHeartbeatTime ? rfc1123z(ready.lastHeartbeatTime) : '<unset>'}\n`);
  const conds = node.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds)
      w.write(
        1,
        `${c.type} \t${c.status} \t${time(c.lastHeartbeatTime)} \t${time(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
  }
  w.write(0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', node.status?.capacity],
    ['Allocatable', node.status?.allocatable],
  ] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (!keys.length) continue;
    w.write(0, `${title}:\n`);
    for (const k of keys) w.write(0, `  ${k}:\t${String(list![k])}\n`);
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]) {
    w.write(0, `  ${label}:\t${info[key] ?? ''}\n`);
  }
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  const cidrs = (node.spec?.podCIDRs as string[] | undefined) ?? [];
  if (cidrs.length) w.write(0, `PodCIDRs:\t${cidrs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${String(node.spec.providerID)}\n`);
  const pods = ctx.cluster.store
    .podsOnNode<Pod>(node.metadata.name!)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  describeNodeResource(ctx, w, node, pods);
  describeEvents(ctx, w, ctx.cluster.events.for(node));
  return w.toString();
}
