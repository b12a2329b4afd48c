import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, Node, Pod } from '../api/types.ts';
import { createLabCluster } from './lab.ts';

test('lab cluster: 4 Ready nodes — m-k8s control plane (kubeadm labels, control-plane NoSchedule taint) and workers w1–w3 with kubelet labels and InternalIPs', () => {
  const c = createLabCluster();
  const nodes = c.store.list<Node>('Node');
  assert.deepEqual(
    nodes.map((n) => n.metadata.name),
    ['m-k8s', 'w1-k8s', 'w2-k8s', 'w3-k8s'],
  );
  for (const n of nodes) {
    assert.equal(n.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'True');
    assert.equal(n.metadata.labels?.['kubernetes.io/hostname'], n.metadata.name);
    assert.equal(n.metadata.labels?.['kubernetes.io/os'], 'linux');
    assert.equal(n.metadata.labels?.['kubernetes.io/arch'], 'amd64');
    assert.equal(n.metadata.labels?.['beta.kubernetes.io/arch'], 'amd64');
    assert.match(n.status!.nodeInfo!.kubeletVersion, /^v1\.33\./);
  }
  const m = nodes[0];
  assert.equal(m.metadata.labels?.['node-role.kubernetes.io/control-plane'], '');
  assert.equal(m.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'], '');
  assert.deepEqual(m.spec?.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  assert.deepEqual(
    nodes.map((n) => n.status?.addresses?.[0].address),
    ['192.168.1.10', '192.168.1.101', '192.168.1.102', '192.168.1.103'],
  );
  assert.deepEqual(
    nodes.slice(1).map((n) => n.spec?.taints),
    [undefined, undefined, undefined],
  );
});

test('lab cluster: 4 static control-plane pods, 4 kube-proxy, 4 calico-node and 2 coredns pods, all Running', () => {
  const c = createLabCluster();
  const pods = c.store.list<Pod>('Pod', 'kube-system');
  const running = pods.filter((p) => p.status?.phase === 'Running');
  assert.equal(running.length, pods.length);
  const names = pods.map((p) => p.metadata.name!);
  assert.deepEqual(
    names.filter((n) => n.endsWith('-m-k8s')),
    ['etcd-m-k8s', 'kube-apiserver-m-k8s', 'kube-controller-manager-m-k8s', 'kube-scheduler-m-k8s'],
  );
  assert.equal(names.filter((n) => /^kube-proxy-[a-z0-9]{5}$/.test(n)).length, 4);
  assert.equal(names.filter((n) => /^calico-node-[a-z0-9]{5}$/.test(n)).length, 4);
  assert.equal(names.filter((n) => /^coredns-[a-z0-9]{9,10}-[a-z0-9]{5}$/.test(n)).length, 2);
  assert.equal(pods.length, 14);
  for (const p of pods.filter((x) => x.metadata.name!.endsWith('-m-k8s'))) {
    assert.equal(p.spec.priority, 2000001000);
    assert.equal(p.spec.hostNetwork, true);
    assert.equal(p.status?.podIP, '192.168.1.10');
    assert.equal(p.metadata.ownerReferences?.[0].kind, 'Node');
  }
  const perNode = (prefix: string) =>
    pods
      .filter((p) => p.metadata.name!.startsWith(prefix))
      .map((p) => p.spec.nodeName)
      .sort();
  assert.deepEqual(perNode('kube-proxy-'), ['m-k8s', 'w1-k8s', 'w2-k8s', 'w3-k8s']);
  assert.deepEqual(perNode('calico-node-'), ['m-k8s', 'w1-k8s', 'w2-k8s', 'w3-k8s']);
  const dns = c.store.get<Deployment>('Deployment', 'kube-system', 'coredns')!;
  assert.equal(dns.status?.availableReplicas, 2);
});

test('lab cluster: a Deployment of 4 nginx replicas created through the API settles into 4 Running pods <deploy>-<hash>-<5>, none on m-k8s', () => {
  const c = createLabCluster();
  c.api.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'weserver' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'webserver' } },
      template: {
        metadata: { name: 'nginx-pod', labels: { app: 'webserver' } },
        spec: { containers: [{ name: 'nginx-container', image: 'nginx' }] },
      },
    },
  });
  c.settle();
  const pods = c.store.list<Pod>('Pod', 'default');
  assert.equal(pods.length, 4);
  for (const p of pods) {
    assert.match(p.metadata.name!, /^weserver-[bcdfghjklmnpqrstvwxz2456789]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(p.status?.phase, 'Running');
    assert.notEqual(p.spec.nodeName, 'm-k8s');
    assert.match(p.status!.podIP!, /^172\.16\./);
  }
});

test('lab cluster: building it is deterministic for a seed', () => {
  const snapshot = () =>
    createLabCluster({ seed: 7 })
      .store.list<Pod>('Pod')
      .map((p) => `${p.metadata.name} ${p.spec.nodeName} ${p.status?.podIP}`);
  assert.deepEqual(snapshot(), snapshot());
});
