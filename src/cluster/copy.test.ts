import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { runKubectl } from '../kubectl/kubectl.ts';
import type { Cluster } from './cluster.ts';
import { copyCluster } from './copy.ts';
import { buildLabCluster, createLabCluster } from './lab.ts';
import { createEmptyCluster } from './bootstrap.ts';
import { readFileSync } from 'node:fs';
import { applyInventory, readInventory } from '../inventory/inventory.ts';
import { runCurl } from '../network/curl.ts';

const FILES: Record<string, string> = {
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 5
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources: {requests: {cpu: 300m, memory: 200Mi}}
`,
  'crash.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: c
    image: busybox
    command: ['sh', '-c', 'echo starting; sleep 5; exit 1']
`,
  'wait.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: wait
spec:
  initContainers:
  - name: init
    image: busybox
    command: ['sh', '-c', 'until nslookup mysvc; do echo waiting; sleep 2; done']
  containers:
  - name: app
    image: busybox
    command: ['sh', '-c', 'sleep 3600']
`,
  'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: mysvc
spec:
  selector: {app: web}
  ports: [{port: 80}]
`,
  'static.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
  - name: web
    image: nginx
`,
};

const KINDS = [
  'Node',
  'Pod',
  'Event',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'PodDisruptionBudget',
  'Service',
  'Endpoints',
  'Namespace',
  'PriorityClass',
  'ServiceAccount',
  'ConfigMap',
];

/** Everything a user can see of the cluster: every stored object (events included) and the clock. */
function state(c: Cluster): string {
  return JSON.stringify([c.clock.now(), ...KINDS.map((k) => c.store.list(k))]);
}

/** The same user session on a cluster: what kubectl printed and the cluster's state after each step. */
function session(c: Cluster): string[] {
  const out: string[] = [state(c)];
  const k = (args: string) => {
    const r = runKubectl(c, args, { readFile: (p: string) => FILES[p] });
    out.push(`$ kubectl ${args}\n${r.stdout}${r.stderr}(${r.exitCode})`, state(c));
  };
  k('get pods -A -o wide');
  k('apply -f web.yaml');
  k('apply -f crash.yaml');
  k('apply -f wait.yaml');
  c.advance(120_000);
  k('get pods -o wide');
  k('logs wait -c init --tail 2');
  k('apply -f svc.yaml');
  c.advance(30_000);
  c.kubelets.fs('w2-k8s').write('/etc/kubernetes/manifests/static-web.yaml', FILES['static.yaml']);
  c.settle();
  k('taint nodes w3-k8s dedicated=db:NoExecute');
  k('drain w1-k8s --ignore-daemonsets --force');
  k('taint nodes m-k8s node-role.kubernetes.io/control-plane:NoSchedule-');
  k('scale deployment web --replicas 8');
  k('get pods -o wide');
  k('scale deployment web --replicas 2');
  c.advance(300_000);
  k('describe pod crash');
  k('get events -A');
  k('get pods -A -o wide');
  k('describe node w2-k8s');
  return out;
}

test('a lab cluster handed out as a copy behaves as a freshly built one: same objects, events and kubectl outputs after the same steps', () => {
  for (const seed of [1, 7]) {
    const fresh = session(buildLabCluster({ seed }));
    const copied = session(createLabCluster({ seed }));
    assert.equal(copied.length, fresh.length);
    for (let i = 0; i < fresh.length; i++) assert.equal(copied[i], fresh[i], `seed ${seed}, step ${i}`);
    // the session on the first copy left the process's built lab cluster as it was
    assert.deepEqual(session(createLabCluster({ seed })), fresh);
  }
});

test('a copy of a cluster loaded from captures (bound pods adopted as Running, a Helm chart) drains as the original would', () => {
  const fixture = (f: string) =>
    readFileSync(new URL(`../../features/own-cluster/fixtures/${f}`, `file://${__filename}`), 'utf8');
  const load = () => {
    const c = createEmptyCluster({ seed: 3 });
    for (const f of ['gke-nodes.yaml', 'gke-pods.yaml', 'helm-payments.yaml'])
      applyInventory(c, readInventory(fixture(f), f).entries, { settleEach: false });
    return c;
  };
  const drain = (c: Cluster) => {
    const out: string[] = [];
    for (const args of [
      'drain gke-prod-eu-critical-5e6f7a8b-k2lm --ignore-daemonsets --delete-emptydir-data --force',
      'get pods -A -o wide',
      'get events -n payments',
    ]) {
      const r = runKubectl(c, args);
      out.push(r.stdout + r.stderr, state(c));
      c.advance(45_000);
    }
    return out;
  };
  const original = load();
  const copied = drain(copyCluster(original, { seed: 3 }));
  assert.deepEqual(copied, drain(load()));
  assert.deepEqual(drain(original), copied);
});

test('copies of the lab cluster are independent of each other', () => {
  const a = createLabCluster(),
    b = createLabCluster();
  runKubectl(a, 'cordon w1-k8s');
  runKubectl(a, 'delete pod -n kube-system etcd-m-k8s');
  a.advance(60_000);
  assert.equal(runKubectl(b, 'get nodes').stdout, runKubectl(buildLabCluster(), 'get nodes').stdout);
  assert.equal(b.clock.now(), buildLabCluster().clock.now());
  assert.equal(b.store.list<Pod>('Pod').length, 14);
});

test('copyCluster refuses a cluster with pending timers (a program that sleeps): it could not copy them', () => {
  const c = buildLabCluster();
  runKubectl(c, 'run sleeper --image=busybox -- sleep 3600');
  c.settle();
  assert.throws(() => copyCluster(c, { seed: 1 }), /pending timers/);
});

test('a copy keeps the kubectl port-forwards of the original (cluster state) and answers curl on them alike, independently', () => {
  const c = buildLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } as Pod['spec'],
  });
  c.settle();
  assert.equal(runKubectl(c, 'port-forward pod/web 8080:80').exitCode, 0);
  const copy = copyCluster(c, { seed: 1 });
  assert.deepEqual(copy.portForwards, c.portForwards);
  assert.equal(copy.portForwards.length, 1);
  const curl = (x: Cluster) => runCurl(x, { node: 'm-k8s' }, ['-s', 'localhost:8080']);
  assert.deepEqual(curl(copy), curl(c));
  assert.match(curl(copy).stdout, /Welcome to nginx!/);
  runKubectl(copy, 'port-forward pod/web 9090:80');
  assert.equal(c.portForwards.length, 1);
});
