import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from '../api/types.ts';
import { addNode, createEmptyCluster } from '../cluster/bootstrap.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { formatIp, parseIp } from '../api/ip.ts';
import { PodIpam, type IpamResult } from './ipam.ts';
import { SYNC_BACKOFF_MS } from './kubelet.ts';

/** A node as a capture of a cluster without Calico has it: spec.podCIDR(s), no projectcalico.org annotations. */
function plainNode(name: string, podCIDRs: string[], o: { ip?: string; providerID?: string } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: { podCIDR: podCIDRs[0], podCIDRs, ...(o.providerID ? { providerID: o.providerID } : {}) },
    status: {
      addresses: [{ type: 'InternalIP', address: o.ip ?? '10.0.0.1' }],
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
    },
  } as Node;
}
/** A node whose kubelet runs Calico (the lab's annotation) and has no podCIDR. */
const calicoNode = (name: string) =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, annotations: { 'projectcalico.org/IPv4Address': '192.168.1.10/24' } },
    spec: {},
  }) as Node;
const ips = (r: IpamResult) => ('ips' in r ? r.ips : r.error);

test('host-local: a podCIDR range starts after the network address and skips the gateway .1, so the first pod gets .2 (plugins/ipam/host-local range.go Canonicalize)', () => {
  const ipam = new PodIpam();
  const n = plainNode('w1', ['10.244.1.0/24']);
  assert.deepEqual(ips(ipam.assign(n, 'a')), ['10.244.1.2']);
  assert.deepEqual(ips(ipam.assign(n, 'b')), ['10.244.1.3']);
});

test('host-local: round-robin from the last address handed out; a released address comes back only after the range wraps (allocator.go GetIter)', () => {
  const ipam = new PodIpam();
  const n = plainNode('w1', ['10.0.0.0/29']); // .2–.6 (.1 gateway, .7 broadcast)
  assert.deepEqual(
    ['a', 'b', 'c'].map((o) => ips(ipam.assign(n, o))),
    [['10.0.0.2'], ['10.0.0.3'], ['10.0.0.4']],
  );
  ipam.release('a');
  assert.deepEqual(
    ['d', 'e', 'f'].map((o) => ips(ipam.assign(n, o))),
    [['10.0.0.5'], ['10.0.0.6'], ['10.0.0.2']],
  );
});

test("host-local: a full range fails the ADD with host-local's text under the plugin's type (bridge; ptp on GKE nodes)", () => {
  const ipam = new PodIpam();
  const n = plainNode('w1', ['10.0.0.0/30']); // only .2
  assert.deepEqual(ips(ipam.assign(n, 'a')), ['10.0.0.2']);
  assert.equal(
    ips(ipam.assign(n, 'b')),
    'plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.0.0.1-10.0.0.2',
  );
  const gke = plainNode('gke-1', ['10.8.0.0/30'], { providerID: 'gce://p/z/gke-1' });
  ipam.assign(gke, 'x');
  assert.match(
    ips(ipam.assign(gke, 'y')) as string,
    /^plugin type="ptp" failed \(add\): failed to allocate for range 0: /,
  );
  ipam.release('a');
  assert.deepEqual(ips(ipam.assign(n, 'b')), ['10.0.0.2']);
});

test('host-local: ranges it cannot use fail the ADD with its config error (config.go LoadIPAMConfig: net.ParseCIDR, then range.go Canonicalize)', () => {
  const ipam = new PodIpam();
  assert.equal(
    ips(ipam.assign(plainNode('a', ['10.0.0.0/31']), 'p')),
    'plugin type="bridge" failed (add): invalid range set 0: Network 10.0.0.0/31 too small to allocate from',
  );
  assert.equal(
    ips(ipam.assign(plainNode('b', ['10.0.0.1/24']), 'p')),
    'plugin type="bridge" failed (add): invalid range set 0: Network has host bits set. For a subnet mask of length 24 the network address is 10.0.0.0',
  );
  assert.equal(
    ips(ipam.assign(plainNode('c', ['10.0.0.0/x']), 'p')),
    'plugin type="bridge" failed (add): invalid CIDR address: 10.0.0.0/x',
  );
});

test('host-local dual stack: one address per podCIDR, in podCIDRs order; when the second range is full the first address is given back (host-local main.go cmdAdd)', () => {
  const ipam = new PodIpam();
  const n = plainNode('w1', ['10.244.1.0/24', 'fd00:10:244:1::/126']); // IPv6: ::2 and ::3 (::1 gateway; no broadcast)
  assert.deepEqual(ips(ipam.assign(n, 'a')), ['10.244.1.2', 'fd00:10:244:1::2']);
  assert.deepEqual(ips(ipam.assign(n, 'b')), ['10.244.1.3', 'fd00:10:244:1::3']);
  assert.equal(
    ips(ipam.assign(n, 'c')),
    'plugin type="bridge" failed (add): failed to allocate for range 1: no IP addresses available in range set: fd00:10:244:1::1-fd00:10:244:1::3',
  );
  ipam.release('a');
  assert.deepEqual(ips(ipam.assign(n, 'c')), ['10.244.1.5', 'fd00:10:244:1::2']); // .4 went to the failed ADD's round-robin
});

test("Calico: the tunnel address is the first of the node's first /26 block, pods follow; a full block claims the next free one; released addresses go to the back of the block's queue (libcalico-go ipam.go autoAssign, ipam_block.go)", () => {
  const ipam = new PodIpam();
  const n = calicoNode('w1-k8s');
  const block = ipam.block('w1-k8s')!;
  assert.match(block, /^172\.16\.\d+\.(0|64|128|192)\/26$/);
  assert.equal(block, new PodIpam().block('w1-k8s'), 'the block follows from the node name');
  const base = parseIp(block.split('/')[0])!.n;
  assert.equal(ipam.tunnelAddress('w1-k8s'), formatIp(4, base));
  const first = Array.from({ length: 63 }, (_, i) => ips(ipam.assign(n, `p${i}`)));
  assert.deepEqual(
    first,
    Array.from({ length: 63 }, (_, i) => [formatIp(4, base + BigInt(i + 1))]),
  );
  const next = ips(ipam.assign(n, 'p63')) as string[];
  assert.notEqual(parseIp(next[0])!.n >> 6n, base >> 6n, 'a second block');
  ipam.release('p0');
  assert.deepEqual(ips(ipam.assign(n, 'p64')), [formatIp(4, base + 1n)], 'the first block has a free address again');
});

test("Calico: with every block claimed, a node borrows an address from another node's block (strictAffinity false), walking the blocks from its own start; none left fails the ADD with calico-ipam's text", () => {
  const ipam = new PodIpam();
  for (let i = 0; i < 1024; i++) ipam.tunnelAddress(`n${i}`); // 1,024 nodes claim every /26 block
  const late = calicoNode('late');
  const got = ips(ipam.assign(late, 'a')) as string[];
  // its tunnel address took the second address of the first block from its start, the pod the third
  const ordinal = Number(parseIp(got[0])!.n & 63n);
  assert.equal(ordinal, 2);
  assert.equal(ipam.tunnelAddress('late'), formatIp(4, parseIp(got[0])!.n - 1n));
  let n = 0;
  for (let r = ipam.assign(late, `f${n}`); 'ips' in r; r = ipam.assign(late, `f${++n}`));
  assert.equal(n, 1024 * 64 - 1024 - 2, 'every address of the pool is in use');
  assert.equal(
    ips(ipam.assign(calicoNode('n7'), 'x')),
    'plugin type="calico" failed (add): failed to request IPv4 addresses: Assigned 0 out of 1 requested IPv4 addresses; No IPs available in pools: [172.16.0.0/16]',
  );
  ipam.release('f100');
  assert.equal((ips(ipam.assign(calicoNode('n7'), 'x')) as string[]).length, 1, 'a released address is borrowed');
});

test('adopted pods keep their captured addresses: never handed out while they run, free again when they go', () => {
  const ipam = new PodIpam();
  const n = plainNode('w1', ['10.0.0.0/29']);
  ipam.adopt(n, 'old', ['10.0.0.2']);
  assert.deepEqual(ips(ipam.assign(n, 'a')), ['10.0.0.3']);
  const c = calicoNode('c1');
  const base = parseIp(ipam.block('c1')!.split('/')[0])!.n;
  ipam.adopt(c, 'old-c', [formatIp(4, base + 1n)]);
  assert.deepEqual(ips(ipam.assign(c, 'b')), [formatIp(4, base + 2n)]);
  ipam.release('old-c');
  ipam.release('b');
  for (let i = 0; i < 61; i++) ipam.assign(c, `q${i}`);
  assert.deepEqual(ips(ipam.assign(c, 'r')), [formatIp(4, base + 1n)], 'released ones follow the unused ones');
});

// ---- through the kubelet ----------------------------------------------------------------------

const pod = (c: Cluster, name: string, nodeName: string) =>
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { nodeName, containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] },
  });
const get = (c: Cluster, name: string) => c.store.get<Pod>('Pod', 'default', name)!;
const sandboxEvents = (c: Cluster, name: string) =>
  c.events.for(get(c, name)).filter((e) => e.reason === 'FailedCreatePodSandBox');

test("kubelet: a node with spec.podCIDR gives pods host-local addresses; dual stack lists each family, the node IP's family first (kubelet_pods.go sortPodIPs)", () => {
  const c = createEmptyCluster();
  c.api.create(plainNode('v4', ['10.244.1.0/24', 'fd00:1::/64'], { ip: '10.0.0.1' }));
  c.api.create(plainNode('v6', ['10.244.2.0/24', 'fd00:2::/64'], { ip: 'fd00:ff::1' }));
  pod(c, 'a', 'v4');
  pod(c, 'b', 'v6');
  c.settle();
  assert.equal(get(c, 'a').status?.podIP, '10.244.1.2');
  assert.deepEqual(get(c, 'a').status?.podIPs, [{ ip: '10.244.1.2' }, { ip: 'fd00:1::2' }]);
  assert.equal(get(c, 'b').status?.podIP, 'fd00:2::2');
  assert.deepEqual(get(c, 'b').status?.podIPs, [{ ip: 'fd00:2::2' }, { ip: '10.244.2.2' }]);
});

test('kubelet: no address left — the pod stays ContainerCreating with FailedCreatePodSandBox (1.33 text), retried after the pod worker back-off, and starts once an address frees', () => {
  const c = createEmptyCluster();
  c.api.create(plainNode('tiny', ['10.9.0.0/30'])); // one pod address: 10.9.0.2
  pod(c, 'first', 'tiny');
  c.settle();
  pod(c, 'second', 'tiny');
  c.settle();
  assert.equal(get(c, 'first').status?.podIP, '10.9.0.2');
  const p = get(c, 'second');
  assert.equal(p.status?.phase, 'Pending');
  assert.equal(p.status?.podIP, undefined);
  assert.equal(p.status?.containerStatuses?.[0].state.waiting?.reason, 'ContainerCreating');
  const ev = sandboxEvents(c, 'second');
  assert.equal(ev.length, 1);
  assert.equal(ev[0].type, 'Warning');
  assert.equal(ev[0].source?.component, 'kubelet');
  assert.match(
    ev[0].message!,
    /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="bridge" failed \(add\): failed to allocate for range 0: no IP addresses available in range set: 10\.9\.0\.1-10\.9\.0\.2$/,
  );
  c.advance(SYNC_BACKOFF_MS - 1);
  assert.equal(sandboxEvents(c, 'second').length, 1, 'no retry before the back-off');
  c.advance(1);
  const again = sandboxEvents(c, 'second');
  assert.equal(again.length, 2, 'retried after the back-off');
  assert.notEqual(again[1].message, again[0].message, 'each attempt is a new sandbox');
  c.api.delete('Pod', 'default', 'first');
  c.advance(40_000); // the first pod's grace period, then the next retry
  assert.equal(get(c, 'second').status?.phase, 'Running');
  assert.equal(get(c, 'second').status?.podIP, '10.9.0.2');
});

test('kubelet: 1,025 Calico nodes with a pod each (more nodes than /26 blocks in 172.16.0.0/16) all run; the last node borrows', () => {
  const c = createEmptyCluster();
  for (let i = 0; i < 1025; i++) addNode(c, { name: `n${String(i).padStart(4, '0')}` });
  for (let i = 0; i < 1025; i++) pod(c, `p${i}`, `n${String(i).padStart(4, '0')}`);
  c.settle();
  const pods = c.store.list<Pod>('Pod', 'default');
  assert.equal(pods.filter((p) => p.status?.phase === 'Running').length, 1025);
  assert.equal(new Set(pods.map((p) => p.status?.podIP)).size, 1025, 'every pod its own address');
  assert.equal(c.kubelets.ipam.block('n1024'), undefined, 'no block of its own');
});
