// Cluster.clone: a clone behaves as a freshly built cluster and shares no mutable state with the original.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { runKubectl } from '../kubectl/kubectl.ts';
import type { Cluster } from './cluster.ts';
import { KINDS as ALL_KINDS } from '../api/kinds.ts';
import { NotSupportedError } from '../util/errors.ts';
import { buildLabCluster, createLabCluster } from './lab.ts';
import { addNode, createEmptyCluster } from './bootstrap.ts';
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
  'ControllerRevision',
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

test('a lab cluster handed out as a clone behaves as a freshly built one: same objects, events and kubectl outputs after the same steps', () => {
  for (const seed of [1, 7]) {
    const fresh = session(buildLabCluster({ seed }));
    const cloned = session(createLabCluster({ seed }));
    assert.equal(cloned.length, fresh.length);
    for (let i = 0; i < fresh.length; i++) assert.equal(cloned[i], fresh[i], `seed ${seed}, step ${i}`);
    // the session on the first clone left the process's built lab cluster as it was
    assert.deepEqual(session(createLabCluster({ seed })), fresh);
  }
});

/** Freezes every stored object of the cluster (and all it holds): a write into one throws. */
function freezeStore(c: Cluster): void {
  const freeze = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
    Object.freeze(v);
    for (const x of Object.values(v)) freeze(x);
  };
  for (const { kind } of ALL_KINDS) for (const o of c.store.values(kind)) freeze(o);
}

test('a clone shares no mutable state with its original: the session on a clone of a frozen cluster runs as on a fresh one, and the original is left as it was', () => {
  const original = buildLabCluster();
  const before = state(original);
  freezeStore(original); // stored objects are shared: nothing may write into them
  assert.deepEqual(session(original.clone()), session(buildLabCluster()));
  assert.equal(state(original), before);
  // and the other way round: the original goes on, its clone is untouched
  const clone = original.clone();
  const cloneBefore = state(clone);
  const fresh = session(original);
  assert.equal(state(clone), cloneBefore);
  assert.deepEqual(session(clone), fresh);
});

test('a clone of a cluster loaded from captures (bound pods adopted as Running, a Helm chart) drains as the original would', () => {
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
  const cloned = drain(original.clone());
  assert.deepEqual(cloned, drain(load()));
  assert.deepEqual(drain(original), cloned);
});

test('clones of the lab cluster are independent of each other', () => {
  const a = createLabCluster(),
    b = createLabCluster();
  runKubectl(a, 'cordon w1-k8s');
  runKubectl(a, 'delete pod -n kube-system etcd-m-k8s');
  a.kubelets.fs('w1-k8s').write('/etc/kubernetes/manifests/static-web.yaml', FILES['static.yaml']);
  a.advance(60_000);
  assert.equal(runKubectl(b, 'get nodes').stdout, runKubectl(buildLabCluster(), 'get nodes').stdout);
  assert.equal(b.clock.now(), buildLabCluster().clock.now());
  assert.equal(b.store.list<Pod>('Pod').length, 14);
  assert.deepEqual(b.kubelets.fs('w1-k8s').list('/etc/kubernetes/manifests'), []);
});

test('Cluster.clone refuses a cluster with pending timers (a program that sleeps): not supported yet', () => {
  const c = buildLabCluster();
  runKubectl(c, 'run sleeper --image=busybox -- sleep 3600');
  c.settle();
  assert.throws(
    () => c.clone(),
    (e: Error) =>
      e instanceof NotSupportedError &&
      /^not supported yet: cloning a cluster with pending timers \(the next at 2026-01-01T\d\d:\d\d:\d\dZ\)/.test(
        e.message,
      ),
  );
});

test('a clone keeps the kubectl port-forwards of the original (cluster state) and answers curl on them alike, independently', () => {
  const c = buildLabCluster();
  assert.equal(runKubectl(c, 'run web --image=nginx:1.27').exitCode, 0);
  assert.equal(runKubectl(c, 'port-forward pod/web 8080:80').exitCode, 0);
  const clone = c.clone();
  assert.deepEqual(clone.portForwards, c.portForwards);
  assert.equal(clone.portForwards.length, 1);
  assert.notEqual(clone.portForwards[0], c.portForwards[0]);
  const curl = (x: Cluster) => runCurl(x, { node: 'm-k8s' }, ['-s', 'localhost:8080']);
  assert.deepEqual(curl(clone), curl(c));
  assert.match(curl(clone).stdout, /Welcome to nginx!/);
  // a forward started in either is the other's business no more
  assert.equal(runKubectl(clone, 'port-forward pod/web 9090:80').exitCode, 0);
  assert.equal(c.portForwards.length, 1);
  assert.equal(runKubectl(c, 'port-forward pod/web 7070:80').exitCode, 0);
  assert.deepEqual(
    clone.portForwards.map((f) => f.localPort),
    [8080, 9090],
  );
  assert.deepEqual(
    c.portForwards.map((f) => f.localPort),
    [8080, 7070],
  );
});

/**
 * Differences between two clusters' component state, read field by field (a test's reflection:
 * the engine never does this). Functions, WeakMaps and caches rebuilt on demand (snapshots, store
 * indexes, time texts) are not state.
 */
function stateDiff(
  a: unknown,
  b: unknown,
  path = 'cluster',
  seen = new Map<unknown, unknown>(),
  out: string[] = [],
): string[] {
  if (out.length > 20) return out;
  if (typeof a === 'function' || a instanceof WeakMap) return out;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    if (!Object.is(a, b) && !(typeof a === 'function' && typeof b === 'function'))
      out.push(`${path}: ${String(a)} ≠ ${String(b)}`);
    return out;
  }
  if (seen.get(a) === b) return out;
  seen.set(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    out.push(`${path}: different types`);
    return out;
  }
  if (a instanceof Map || a instanceof Set) {
    const ka = [...a.keys()],
      kb = [...(b as Map<unknown, unknown>).keys()];
    if (ka.length !== kb.length || ka.some((k, i) => typeof k !== 'object' && k !== kb[i])) {
      out.push(`${path}: keys ${JSON.stringify(ka).slice(0, 200)} ≠ ${JSON.stringify(kb).slice(0, 200)}`);
      return out;
    }
    if (a instanceof Map)
      for (const [k, v] of a) stateDiff(v, (b as Map<unknown, unknown>).get(k), `${path}[${String(k)}]`, seen, out);
    return out;
  }
  const skip = new Set([
    'snap',
    'indexes',
    'isoTexts',
    'watchers',
    'nodes',
    'silenceWatchers',
    'scratchScores',
    'scratchTotal',
    'scratches', // PodTopologySpread's and InterPodAffinity's per-cycle arrays, zeroed before each use
    'parsedDefaults',
  ]);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (skip.has(k) && !(a instanceof Map) && !(k === 'nodes' && a.constructor.name === 'SchedulerCache')) continue;
    stateDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, seen, out);
  }
  return out;
}

test('a clone holds the same state as the cluster it was cloned from, field by field, in every component', () => {
  const c = createEmptyCluster({ seed: 5 });
  const fixture = (f: string) =>
    readFileSync(new URL(`../../features/own-cluster/fixtures/${f}`, `file://${__filename}`), 'utf8');
  for (const f of ['gke-nodes.yaml', 'gke-pods.yaml', 'helm-payments.yaml'])
    applyInventory(c, readInventory(fixture(f), f).entries, { settleEach: false });
  runKubectl(c, 'cordon gke-prod-eu-critical-5e6f7a8b-k2lm');
  c.settle();
  assert.deepEqual(stateDiff(c, c.clone()), []);
  const lab = buildLabCluster();
  assert.deepEqual(stateDiff(lab, lab.clone()), []);
  // 120 nodes: a cycle stops after 100 feasible ones, so the scheduler's next start index moves
  const big = createEmptyCluster({ seed: 2 });
  for (let i = 0; i < 120; i++) addNode(big, { name: `n${String(i).padStart(3, '0')}` });
  runKubectl(big, 'create deployment web --image=nginx:1.27 --replicas=3');
  assert.deepEqual(stateDiff(big, big.clone()), []);
});

/**
 * Containers (Maps, Sets, arrays) and class instances reachable at the same place in both clusters
 * that are the same object: what a change through one would change in the other. Plain data held
 * by both (stored objects, PodInfos, attempts: never changed once made) is not looked into, nor
 * what is built once and never changed: a NodeInfo's imageSizes and taints (the Node's), the
 * Services a container got at start, a plugin's constant default constraints.
 */
const IMMUTABLE = ['imageSizes', 'taints', 'services', 'defaultConstraints'];

function sharedState(
  a: unknown,
  b: unknown,
  path = 'cluster',
  seen = new Set<unknown>(),
  out: string[] = [],
): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || seen.has(a)) return out;
  seen.add(a);
  const plain = Object.getPrototypeOf(a) === Object.prototype;
  if (a === b) {
    if (!plain && !IMMUTABLE.some((f) => path.endsWith(`.${f}`))) out.push(path);
    return out;
  }
  if (a instanceof WeakMap || ArrayBuffer.isView(a)) return out;
  if (a instanceof Map) {
    for (const [k, v] of a) sharedState(v, (b as Map<unknown, unknown>).get(k), `${path}[${String(k)}]`, seen, out);
    return out;
  }
  if (a instanceof Set) return out; // members are keys (strings) here
  for (const k of Object.keys(a))
    sharedState((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, seen, out);
  return out;
}

test('a clone shares no container or component with its original (only immutable data: stored objects, pod infos, attempts)', () => {
  const c = createLabCluster();
  runKubectl(c, 'create deployment web --image=nginx:1.27 --replicas=3');
  runKubectl(c, 'run web --image=nginx:1.27');
  runKubectl(c, 'port-forward pod/web 8080:80');
  c.kubelets.fs('w1-k8s').write('/etc/kubernetes/manifests/static-web.yaml', FILES['static.yaml']);
  c.settle();
  assert.deepEqual(sharedState(c, c.clone()), []);
});

test('Cluster.clone refuses a cluster whose component list was changed after it was built: not supported yet', () => {
  const c = createEmptyCluster();
  c.components.push({ name: 'extra', sync: () => false });
  assert.throws(
    () => c.clone(),
    /^NotSupportedError: not supported yet: cloning a cluster whose component list was changed after it was built$/,
  );
});
