import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Service } from '../api/types.ts';
import { createEmptyCluster, addNode } from '../cluster/bootstrap.ts';
import { lookup, resolvConf } from './dns.ts';
import { serviceLinkEnv } from './links.ts';
import { containerEnv } from '../kubelet/env.ts';

function cluster() {
  const c = createEmptyCluster({ seed: 1 });
  addNode(c, { name: 'n1', images: [{ names: ['docker.io/library/nginx:1.14'] }] });
  c.settle();
  return c;
}
const svc = (name: string, ports: Service['spec']['ports'], extra: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { ports, ...extra },
});

test('ClusterIP allocation: Services get a random address of 10.96.0.0/12 above the 256-address static band, reproducible from the seed', () => {
  const ips = (seed: number) => {
    const c = createEmptyCluster({ seed });
    for (const n of ['a', 'b', 'c']) c.api.create(svc(n, [{ port: 80, protocol: 'TCP' }]));
    c.settle();
    return ['a', 'b', 'c'].map((n) => c.store.get<Service>('Service', 'default', n)!.spec.clusterIP!);
  };
  const first = ips(1);
  assert.deepEqual(ips(1), first);
  for (const ip of first) {
    const [a, b, x] = ip.split('.').map(Number);
    assert.equal(a, 10);
    assert.ok(b >= 96 && b <= 111 && !(b === 96 && x === 0), ip);
  }
  const c = createEmptyCluster();
  c.api.create(svc('headless', [{ port: 80, protocol: 'TCP' }], { clusterIP: 'None' }));
  c.settle();
  assert.equal(c.store.get<Service>('Service', 'default', 'headless')!.spec.clusterIP, 'None');
});

test('cluster DNS: <svc>.<ns>.svc.cluster.local resolves once the Service exists (short names via the search path); resolv.conf as the kubelet writes it', () => {
  const c = cluster();
  assert.deepEqual(lookup(c.store, 'myservice.default.svc.cluster.local', 'default'), []);
  c.api.create(svc('myservice', [{ port: 80, protocol: 'TCP' }]));
  c.settle();
  const ip = c.store.get<Service>('Service', 'default', 'myservice')!.spec.clusterIP!;
  assert.deepEqual(lookup(c.store, 'myservice.default.svc.cluster.local', 'default'), [ip]);
  assert.deepEqual(lookup(c.store, 'myservice', 'default'), [ip]);
  assert.deepEqual(lookup(c.store, 'myservice.default', 'kube-system'), [ip]);
  assert.deepEqual(lookup(c.store, 'myservice', 'kube-system'), []);
  assert.deepEqual(lookup(c.store, 'kubernetes.default.svc.cluster.local', 'default'), ['10.96.0.1']);
  assert.equal(
    resolvConf('default'),
    'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
  );
});

test('service environment: docker-link variables for each port (named ports too), KUBERNETES_* always', () => {
  assert.deepEqual(
    serviceLinkEnv(svc('my-svc', [{ name: 'http', port: 80, protocol: 'TCP' }], { clusterIP: '10.104.21.7' })),
    [
      ['MY_SVC_SERVICE_HOST', '10.104.21.7'],
      ['MY_SVC_SERVICE_PORT', '80'],
      ['MY_SVC_SERVICE_PORT_HTTP', '80'],
      ['MY_SVC_PORT', 'tcp://10.104.21.7:80'],
      ['MY_SVC_PORT_80_TCP', 'tcp://10.104.21.7:80'],
      ['MY_SVC_PORT_80_TCP_PROTO', 'tcp'],
      ['MY_SVC_PORT_80_TCP_PORT', '80'],
      ['MY_SVC_PORT_80_TCP_ADDR', '10.104.21.7'],
    ],
  );
});

test('kubectl exec env: PATH, HOSTNAME, image ENV, spec env with $(VAR) expansion, Services that existed when the container started, HOME', () => {
  const c = cluster();
  c.api.create(svc('before', [{ port: 80, protocol: 'TCP' }], { clusterIP: '10.100.0.5' }));
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: {
      nodeName: 'n1',
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.14',
          env: [
            { name: 'A', value: 'x' },
            { name: 'B', value: '$(A)-y' },
            { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          ],
        },
      ],
    },
  });
  c.settle();
  c.api.create(svc('after', [{ port: 80, protocol: 'TCP' }], { clusterIP: '10.100.0.6' }));
  c.settle();
  const env = containerEnv(c, c.store.get<Pod>('Pod', 'default', 'web')!, 'nginx');
  assert.deepEqual(env.slice(0, 7), [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'HOSTNAME=web',
    'NGINX_VERSION=1.14.2-1~stretch',
    'NJS_VERSION=1.14.2.0.2.6-1~stretch',
    'A=x',
    'B=x-y',
    'NODE=n1',
  ]);
  assert.ok(env.includes('BEFORE_SERVICE_HOST=10.100.0.5'));
  assert.ok(!env.some((l) => l.startsWith('AFTER_')));
  assert.ok(env.includes('KUBERNETES_SERVICE_HOST=10.96.0.1'));
  assert.ok(env.includes('KUBERNETES_SERVICE_PORT_HTTPS=443'));
  assert.ok(env.includes('KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443'));
  assert.equal(env.at(-1), 'HOME=/root');
});
