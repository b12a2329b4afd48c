import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from '../api/types.ts';
import { createEmptyCluster, addNode } from '../cluster/lab.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { CalicoIpam, normalizeImage, qosClass } from './kubelet.ts';

function bare(c: Cluster, name: string, o: Partial<Pod['spec']> = {}): Pod {
  return c.api.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'n1', containers: [{ name: 'nginx', image: 'nginx:1.14' }], ...o } });
}
function cluster(): Cluster {
  const c = createEmptyCluster();
  addNode(c, { name: 'n1', images: [{ names: ['docker.io/library/nginx:1.14'], sizeBytes: 44708492 }] });
  c.settle();
  return c;
}
const get = (c: Cluster, name: string) => c.store.get<Pod>('Pod', 'default', name)!;
const events = (c: Cluster, name: string) => c.events.for(get(c, name)).map((e) => `${e.reason} ${e.source?.component}/${e.source?.host}: ${e.message}`);

test('kubelet: a bound pod runs — phase Running, the five conditions in kubelet order, running+ready container status, qosClass, hostIP', () => {
  const c = cluster();
  bare(c, 'web');
  c.settle();
  const p = get(c, 'web');
  assert.equal(p.status?.phase, 'Running');
  assert.deepEqual(p.status?.conditions?.map((x) => `${x.type}=${x.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  const cs = p.status!.containerStatuses![0];
  assert.equal(cs.ready, true); assert.equal(cs.started, true); assert.equal(cs.restartCount, 0);
  assert.ok(cs.state.running?.startedAt);
  assert.equal(cs.image, 'docker.io/library/nginx:1.14');
  assert.match(cs.containerID!, /^containerd:\/\/[0-9a-f]{64}$/);
  assert.equal(p.status?.qosClass, 'BestEffort');
  assert.equal(p.status?.hostIP, '192.168.1.101');
  assert.equal(p.status?.startTime, '2026-01-01T00:00:00Z');
});

test('kubelet: events Pulled "already present" (IfNotPresent, image on node), "Created container: c" and "Started container c" from kubelet with the node as host', () => {
  const c = cluster();
  bare(c, 'web');
  c.settle();
  assert.deepEqual(events(c, 'web'), [
    'Pulled kubelet/n1: Container image "nginx:1.14" already present on machine',
    'Created kubelet/n1: Created container: nginx',
    'Started kubelet/n1: Started container nginx',
  ]);
});

test('kubelet: imagePullPolicy Always pulls every time (Pulling, then Pulled "Successfully pulled image ... Image size: N bytes.")', () => {
  const c = cluster();
  bare(c, 'web', { containers: [{ name: 'nginx', image: 'nginx' }] });
  c.settle();
  const ev = events(c, 'web');
  assert.equal(ev[0], 'Pulling kubelet/n1: Pulling image "nginx"');
  assert.match(ev[1], /^Pulled kubelet\/n1: Successfully pulled image "nginx" in (\d+ms|\d+(\.\d+)?s) \(\1 including waiting\)\. Image size: \d+ bytes\.$/);
});

test('kubelet: pod IPs come from the node\'s Calico /26 block in order (.1, .2, …), never reused; hostNetwork pods get the node IP', () => {
  const c = cluster();
  const block = c.kubelets.ipam.block('n1').replace(/\.\d+\/26$/, '');
  const base = Number(c.kubelets.ipam.block('n1').split('/')[0].split('.')[3]);
  bare(c, 'a'); bare(c, 'b'); bare(c, 'host', { hostNetwork: true });
  c.settle();
  assert.equal(get(c, 'a').status?.podIP, `${block}.${base + 1}`);
  assert.equal(get(c, 'b').status?.podIP, `${block}.${base + 2}`);
  assert.equal(get(c, 'host').status?.podIP, '192.168.1.101');
  assert.deepEqual(get(c, 'a').status?.podIPs, [{ ip: `${block}.${base + 1}` }]);
  c.api.delete('Pod', 'default', 'a');
  c.settle();
  bare(c, 'a');
  c.settle();
  assert.equal(get(c, 'a').status?.podIP, `${block}.${base + 3}`);
});

test('kubelet: Calico IPAM picks a per-node /26 of 172.16.0.0/16 from the node name, the tunnel takes its first address, and a full block claims another', () => {
  const ipam = new CalicoIpam();
  const again = new CalicoIpam();
  assert.match(ipam.block('w1-k8s'), /^172\.16\.\d+\.(0|64|128|192)\/26$/);
  assert.equal(ipam.block('w1-k8s'), again.block('w1-k8s'));
  assert.equal(ipam.tunnelAddress('w1-k8s'), ipam.block('w1-k8s').replace('/26', ''));
  const ips = Array.from({ length: 64 }, () => ipam.allocate('w1-k8s'));
  assert.equal(new Set(ips).size, 64);
  const [base, third] = [ipam.tunnelAddress('w1-k8s'), (ip: string) => ip.split('.').slice(0, 3).join('.')];
  const first = Number(base.split('.')[3]);
  assert.equal(ips[0], `${third(base)}.${first + 1}`);
  assert.equal(ips[62], `${third(base)}.${first + 63}`); // the first block is full
  assert.ok(!(third(ips[63]) === third(base) && Number(ips[63].split('.')[3]) >= first && Number(ips[63].split('.')[3]) < first + 64));
});

test('kubelet: a pod with a deletionTimestamp is removed at once (containers modelled as stopping immediately) with a Killing event', () => {
  const c = cluster();
  const p = bare(c, 'web');
  c.settle();
  c.api.delete('Pod', 'default', 'web');
  c.settle();
  assert.equal(c.store.get('Pod', 'default', 'web'), undefined);
  assert.ok(c.events.for(p).some((e) => e.reason === 'Killing' && e.message === 'Stopping container nginx'));
});

test('kubelet: a static pod gets a mirror pod <name>-<node> with config annotations and a Node ownerReference; deleting it through the API re-creates it', () => {
  const c = cluster();
  const node = c.store.get<Node>('Node', undefined, 'n1')!;
  c.kubelets.get('n1').addStaticPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'static-web', namespace: 'kube-system' }, spec: { containers: [{ name: 'web', image: 'nginx:1.14' }] } });
  c.settle();
  const m = c.store.get<Pod>('Pod', 'kube-system', 'static-web-n1')!;
  const a = m.metadata.annotations!;
  assert.match(a['kubernetes.io/config.hash'], /^[0-9a-f]{32}$/);
  assert.equal(a['kubernetes.io/config.mirror'], a['kubernetes.io/config.hash']);
  assert.equal(a['kubernetes.io/config.source'], 'file');
  assert.equal(a['kubernetes.io/config.seen'], '2026-01-01T00:00:00Z');
  assert.deepEqual(m.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: node.metadata.uid, controller: true }]);
  assert.equal(m.spec.nodeName, 'n1');
  assert.deepEqual(m.spec.tolerations, [{ operator: 'Exists', effect: 'NoExecute' }]);
  assert.equal(m.status?.phase, 'Running');
  c.api.delete('Pod', 'kube-system', 'static-web-n1');
  c.settle();
  const again = c.store.get<Pod>('Pod', 'kube-system', 'static-web-n1')!;
  assert.notEqual(again.metadata.uid, m.metadata.uid);
  assert.equal(again.status?.phase, 'Running');
  assert.equal(again.status?.startTime, m.status?.startTime);
  c.kubelets.get('n1').removeStaticPod('static-web');
  c.settle();
  assert.equal(c.store.get('Pod', 'kube-system', 'static-web-n1'), undefined);
});

test('kubelet: admission rejects a pod bound to a node it does not fit (NotSupportedError for now)', () => {
  const c = cluster();
  bare(c, 'huge', { containers: [{ name: 'c', image: 'nginx:1.14', resources: { requests: { cpu: '3' } } }] });
  assert.throws(() => c.settle(), /not supported yet: kubelet admission .*Outofcpu/);
});

test('kubelet: qosClass is Guaranteed when every container has equal cpu/memory requests and limits, Burstable otherwise, BestEffort with none', () => {
  const mk = (resources: object): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'c', resources }] } });
  assert.equal(qosClass(mk({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } })), 'Guaranteed');
  assert.equal(qosClass(mk({ requests: { cpu: '100m' } })), 'Burstable');
  assert.equal(qosClass(mk({})), 'BestEffort');
  assert.equal(normalizeImage('nginx'), 'docker.io/library/nginx:latest');
  assert.equal(normalizeImage('calico/node:v3.29.3'), 'docker.io/calico/node:v3.29.3');
  assert.equal(normalizeImage('registry.k8s.io/etcd:3.5.21-0'), 'registry.k8s.io/etcd:3.5.21-0');
});
