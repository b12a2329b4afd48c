import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod, Service } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { createEmptyCluster } from '../cluster/bootstrap.ts';
import { runKubectl } from '../kubectl/kubectl.ts';
import { runCurl } from './curl.ts';
import { kubectlHost } from './network.ts';

function lab() {
  const c = createLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }] } as Pod['spec'],
  });
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'sleeper' },
    spec: {
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], ports: [{ containerPort: 80 }] }],
    } as Pod['spec'],
  });
  c.settle();
  const ip = (n: string) => c.store.get<Pod>('Pod', 'default', n)!.status!.podIP!;
  return { c, ip };
}

test('network: nginx listens on its image port without a declared containerPort; a declared port nobody listens on is refused', () => {
  const { c, ip } = lab();
  const ok = runCurl(c, { node: 'w1-k8s' }, [ip('web')]);
  assert.equal(ok.exitCode, 0);
  assert.match(
    ok.stdout,
    /^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>\n<style>\n    body \{\n/,
  );
  assert.deepEqual(runCurl(c, { node: 'w1-k8s' }, [`${ip('sleeper')}:80`]), {
    stdout: '',
    stderr: `curl: (7) Failed connect to ${ip('sleeper')}:80; Connection refused\n`,
    exitCode: 7,
  });
  assert.deepEqual(runCurl(c, { node: 'w1-k8s' }, ['-s', `${ip('web')}:8080`]), {
    stdout: '',
    stderr: '',
    exitCode: 7,
  });
});

test('network: curl wording follows the node OS (CentOS 7 curl 7.29, Ubuntu 22.04 curl 7.81, current curl 8)', () => {
  const { c, ip } = lab();
  const setOs = (os: string) =>
    c.store.mutate<Node>('Node', undefined, 'w2-k8s', (n) => {
      n.status!.nodeInfo!.osImage = os;
    });
  setOs('Ubuntu 22.04.4 LTS');
  assert.equal(
    runCurl(c, { node: 'w2-k8s' }, [`${ip('web')}:81`]).stderr,
    `curl: (7) Failed to connect to ${ip('web')} port 81 after 0 ms: Connection refused\n`,
  );
  setOs('Ubuntu 24.04.1 LTS');
  assert.equal(
    runCurl(c, { node: 'w2-k8s' }, [`${ip('web')}:81`]).stderr,
    `curl: (7) Failed to connect to ${ip('web')} port 81 after 0 ms: Couldn't connect to server\n`,
  );
  assert.equal(runCurl(c, { node: 'w2-k8s' }, ['myservice']).stderr, 'curl: (6) Could not resolve host: myservice\n');
});

test('network: a ClusterIP forwards its port to the targetPort of a ready endpoint; no endpoints is refused', () => {
  const { c } = lab();
  c.api.create<Service>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 8000, targetPort: 80 }] },
  });
  c.api.create<Service>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'empty' },
    spec: { selector: { app: 'none' }, ports: [{ port: 80 }] },
  });
  c.settle();
  const vip = (n: string) => c.store.get<Service>('Service', 'default', n)!.spec.clusterIP!;
  assert.match(runCurl(c, { node: 'w3-k8s' }, [`http://${vip('web')}:8000/`]).stdout, /Welcome to nginx!/);
  assert.equal(runCurl(c, { node: 'w3-k8s' }, [vip('empty')]).exitCode, 7);
  assert.throws(() => runCurl(c, { node: 'w3-k8s' }, [`${vip('web')}:9999`]), /not supported yet: .*times out/);
  const sleeper = c.store.get<Pod>('Pod', 'default', 'sleeper')!;
  assert.throws(() => runCurl(c, { pod: sleeper }, ['web:8000']), /does not ship curl/);
});

test('network: localhost on the kubectl host reaches port-forwards; a forward to a closed pod port gives an empty reply', () => {
  const { c } = lab();
  assert.equal(kubectlHost(c), 'm-k8s');
  runKubectl(c, 'port-forward web 8080:80 8081:81');
  assert.match(runCurl(c, { node: 'm-k8s' }, ['localhost:8080']).stdout, /Welcome to nginx!/);
  assert.deepEqual(runCurl(c, { node: 'm-k8s' }, ['localhost:8081']), {
    stdout: '',
    stderr: 'curl: (52) Empty reply from server\n',
    exitCode: 52,
  });
  assert.equal(
    runCurl(c, { node: 'w1-k8s' }, ['localhost:8080']).stderr,
    'curl: (7) Failed connect to localhost:8080; Connection refused\n',
  );
  runKubectl(c, 'delete pod web --now');
  assert.equal(runCurl(c, { node: 'm-k8s' }, ['localhost:8080']).exitCode, 7);
});

test('network: an address reused by IPAM reaches the pod that holds it now, not the finished pod whose status still shows it', () => {
  const c = createEmptyCluster();
  c.api.create<Node>({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'tiny' },
    spec: { podCIDR: '10.9.0.0/30', podCIDRs: ['10.9.0.0/30'] }, // one pod address
    status: {
      addresses: [{ type: 'InternalIP', address: '192.168.50.11' }],
      allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
      capacity: { cpu: '2', memory: '4Gi', pods: '110' },
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
    },
  } as Node);
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'done' },
    spec: {
      nodeName: 'tiny',
      restartPolicy: 'Never',
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }],
    } as Pod['spec'],
  });
  c.settle();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { nodeName: 'tiny', containers: [{ name: 'nginx', image: 'nginx:1.14' }] } as Pod['spec'],
  });
  c.settle();
  const ip = (n: string) => c.store.get<Pod>('Pod', 'default', n)!.status!;
  assert.equal(ip('done').phase, 'Succeeded');
  assert.equal(ip('done').podIP, '10.9.0.2');
  assert.equal(ip('web').podIP, '10.9.0.2');
  assert.match(runCurl(c, { node: 'tiny' }, ['10.9.0.2']).stdout, /Welcome to nginx!/);
});
