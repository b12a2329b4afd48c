// `kubectl describe service` (staging/src/k8s.io/kubectl/pkg/describe/describe.go: describeService,
// formatEndpointSlices). kubectl reads the endpoints from the Service's EndpointSlices; the
// simulator keeps none, so they are what the EndpointSlice controller
// (pkg/controller/endpointslice) would hold: for a Service with a selector, the ready pods it
// selects with an IP (kube-proxy's endpoints, src/network/network.ts), each with the port its
// targetPort names on that pod; `<none>` without a selector (no slice at all), an empty text when
// no selected pod is ready (a slice without ready endpoints). The `kubernetes` Service's are the
// kube-apiservers' addresses (kube-apiserver's own slice). At most 3 are listed, then `+ N more...`.

import type { Service } from '../../api/types.ts';
import { apiServerEndpoints, endpoints, isApiServerService, targetPortOf } from '../../network/network.ts';
import type { Ctx } from '../flags.ts';
import { describeEvents, eventsOf, formatLabels, PrefixWriter, printAnnotations, printLabels } from './writer.ts';

type ServicePort = NonNullable<Service['spec']['ports']>[number] & { appProtocol?: string };

interface ServiceView {
  spec: {
    ipFamilyPolicy?: string;
    ipFamilies?: string[];
    externalIPs?: string[];
    loadBalancerIP?: string;
    externalName?: string;
    sessionAffinity?: string;
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    healthCheckNodePort?: number;
    loadBalancerSourceRanges?: string[];
    trafficDistribution?: string;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string; ipMode?: string }[] } };
}

/** formatEndpointSlices for one Service port. */
function endpointsText(ctx: Ctx, svc: Service, sp: ServicePort): string {
  const list: string[] = [];
  if (isApiServerService(svc)) {
    // the slice kube-apiserver keeps for itself: its port is named `https`
    const { ips, port } = apiServerEndpoints(ctx.cluster);
    if (ips.length === 0) return '<none>';
    if ((sp.name ?? '') === 'https')
      for (const ip of ips) list.push(ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
    return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
  }
  if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return '<none>';
  for (const pod of endpoints(ctx.cluster, svc)) {
    const port = targetPortOf(pod, sp);
    if (port === undefined) continue;
    const ip = pod.status!.podIP!;
    list.push(ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
  }
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

export function describeService(ctx: Ctx, svc: Service): string {
  const spec = (svc as unknown as ServiceView).spec;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  printLabels(w, 'Labels', svc.metadata.labels);
  printAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(svc.spec.selector)}\n`);
  w.write(0, `Type:\t${svc.spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${svc.spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${svc.spec.clusterIPs?.length ? svc.spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = (svc as unknown as ServiceView).status?.loadBalancer?.ingress ?? [];
  if (ingress.length)
    w.write(
      0,
      `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? ''))).join(', ')}\n`,
    );
  for (const sp of (svc.spec.ports ?? []) as ServicePort[]) {
    const name = sp.name || '<unset>';
    const proto = sp.protocol ?? '';
    w.write(0, `Port:\t${name}\t${sp.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${sp.targetPort ?? 0}/${proto}\n`);
    if (sp.appProtocol !== undefined) w.write(0, `AppProtocol:\t${sp.appProtocol}\n`);
    if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${endpointsText(ctx, svc, sp)}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length)
    w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
  describeEvents(ctx, w, eventsOf(ctx, svc));
  return w.toString();
}
