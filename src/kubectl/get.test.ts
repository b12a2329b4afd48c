import { test } from 'node:test';
import assert from 'node:assert/strict';
import { k, runningPod, testCluster } from './testing.ts';
import { Cluster } from '../cluster/cluster.ts';
import { runKubectl } from './kubectl.ts';
import type { KubeObject } from '../api/types.ts';

function cluster() {
  const c = testCluster();
  c.clock.advanceTo(c.clock.now() + 45_000);
  c.store.create(runningPod('nginx', 'w1-k8s', { labels: { run: 'nginx', tier: 'web' } }));
  c.store.create(runningPod('db', 'w2-k8s'));
  c.store.create(runningPod('proxy', 'w1-k8s', { namespace: 'kube-system' }));
  return c;
}

test('kubectl get pods: rows in name order, tabwriter aligned, AGE from the virtual clock', () => {
  const c = cluster();
  c.clock.advanceTo(c.clock.now() + 3 * 60_000 + 12_000);
  assert.equal(
    k(c, 'get pods').stdout,
    'NAME    READY   STATUS    RESTARTS   AGE\n' +
      'db      1/1     Running   0          3m12s\n' +
      'nginx   1/1     Running   0          3m12s\n',
  );
});

test('kubectl get pods -A: NAMESPACE column first, sorted by namespace then name', () => {
  const out = k(cluster(), 'get pods -A').stdout.split('\n');
  assert.equal(out[0], 'NAMESPACE     NAME    READY   STATUS    RESTARTS   AGE');
  assert.deepEqual(
    out.slice(1, 4).map((l) => l.split(/\s+/).slice(0, 2).join('/')),
    ['default/db', 'default/nginx', 'kube-system/proxy'],
  );
});

test('kubectl get pods -o wide -l: IP, NODE, NOMINATED NODE, READINESS GATES and label filtering', () => {
  assert.equal(
    k(cluster(), 'get pods -o wide -l tier=web').stdout,
    'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
      'nginx   1/1     Running   0          0s    172.16.1.2   w1-k8s   <none>           <none>\n',
  );
});

test('kubectl get: --show-labels appends LABELS; names as args; missing names report NotFound', () => {
  const c = cluster();
  assert.equal(
    k(c, 'get pod nginx --show-labels').stdout,
    'NAME    READY   STATUS    RESTARTS   AGE   LABELS\nnginx   1/1     Running   0          0s    run=nginx,tier=web\n',
  );
  const r = k(c, 'get pods nginx nope');
  assert.equal(r.stdout.split('\n').length, 3);
  assert.equal(r.stderr, 'Error from server (NotFound): pods "nope" not found\n');
  assert.equal(r.exitCode, 1);
});

test('kubectl get: an empty result prints "No resources found in <ns> namespace." on stderr (with -A: "No resources found")', () => {
  const c = testCluster();
  assert.deepEqual(k(c, 'get pods'), { stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  assert.equal(k(c, 'get deployments -A').stderr, 'No resources found\n');
});

test('kubectl get -o yaml / json / name: the stored object with apiVersion and kind; several objects in a List', () => {
  const c = cluster();
  const yaml = k(c, 'get pod nginx -o yaml').stdout;
  assert.match(yaml, /^apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "2026-01-01T00:00:45Z"\n/);
  const json = JSON.parse(k(c, 'get pods -o json').stdout);
  assert.equal(json.kind, 'List');
  assert.deepEqual(
    json.items.map((p: { metadata: { name: string } }) => p.metadata.name),
    ['db', 'nginx'],
  );
  assert.match(k(c, 'get pods -o json').stdout, /^\{\n    "apiVersion": "v1",\n    "items": \[/);
  assert.equal(k(c, 'get pods -o name').stdout, 'pod/db\npod/nginx\n');
});

test('kubectl get nodes: STATUS, ROLES, AGE, VERSION; resource/name form', () => {
  const c = testCluster();
  c.clock.advanceTo(c.clock.now() + 12 * 24 * 3600_000);
  assert.equal(
    k(c, 'get nodes').stdout,
    'NAME     STATUS   ROLES           AGE   VERSION\n' +
      'm-k8s    Ready    control-plane   12d   v1.33.1\n' +
      'w1-k8s   Ready    <none>          12d   v1.33.1\n' +
      'w2-k8s   Ready    <none>          12d   v1.33.1\n' +
      'w3-k8s   Ready    <none>          12d   v1.33.1\n',
  );
  assert.equal(k(c, 'get node/w2-k8s -o name').stdout, 'node/w2-k8s\n');
});

test("kubectl get: unknown resource types and output formats use kubectl's errors", () => {
  const c = testCluster();
  assert.equal(k(c, 'get foos').stderr, 'error: the server doesn\'t have a resource type "foos"\n');
  assert.match(
    k(c, 'get pods -o bogus').stderr,
    /^error: unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,/,
  );
  assert.equal(k(c, 'get pods -o go-template={{.items}}').stderr, 'error: not supported yet: kubectl -o go-template\n');
});

test('kubectl get events: LAST SEEN TYPE REASON OBJECT MESSAGE', () => {
  const c = cluster();
  const pod = c.store.get('Pod', 'default', 'nginx')!;
  c.events.record(pod, 'Normal', 'Scheduled', 'Successfully assigned default/nginx to w1-k8s', 'default-scheduler');
  assert.equal(
    k(c, 'get events').stdout,
    'LAST SEEN   TYPE     REASON      OBJECT      MESSAGE\n' +
      '0s          Normal   Scheduled   pod/nginx   Successfully assigned default/nginx to w1-k8s\n',
  );
});

test('kubectl get statefulsets / jobs: printStatefulSet NAME READY AGE and printJob NAME STATUS COMPLETIONS DURATION AGE tables', () => {
  const c = testCluster();
  const t0 = new Date(c.clock.now()).toISOString();
  const template = (name: string, image: string) => ({
    metadata: { labels: { app: name } },
    spec: { containers: [{ name, image }] },
  });
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: template('nginx', 'nginx:1.27'),
    },
    status: { replicas: 2, readyReplicas: 2 },
  } as never);
  c.store.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default' },
    spec: {
      completions: 1,
      parallelism: 1,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } },
      template: template('pi', 'perl:5.34'),
    },
    status: {
      succeeded: 1,
      startTime: t0,
      completionTime: new Date(c.clock.now() + 37_000).toISOString(),
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True' },
        { type: 'Complete', status: 'True' },
      ],
    },
  } as never);
  c.store.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'work', namespace: 'default' },
    spec: {
      parallelism: 3,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'def' } },
      template: template('work', 'busybox'),
    },
    status: { active: 3, startTime: t0 },
  } as never);
  c.clock.advanceTo(c.clock.now() + 2 * 60_000 + 5_000);
  assert.equal(k(c, 'get statefulsets').stdout, 'NAME   READY   AGE\n' + 'web    2/3     2m5s\n');
  assert.equal(
    k(c, 'get sts -o wide').stdout,
    'NAME   READY   AGE    CONTAINERS   IMAGES\n' + 'web    2/3     2m5s   nginx        nginx:1.27\n',
  );
  assert.equal(
    k(c, 'get jobs').stdout,
    'NAME   STATUS     COMPLETIONS   DURATION   AGE\n' +
      'pi     Complete   1/1           37s        2m5s\n' +
      'work   Running    0/1 of 3      2m5s       2m5s\n',
  );
  assert.equal(
    k(c, 'get job pi -o wide').stdout,
    'NAME   STATUS     COMPLETIONS   DURATION   AGE    CONTAINERS   IMAGES      SELECTOR\n' +
      'pi     Complete   1/1           37s        2m5s   pi           perl:5.34   batch.kubernetes.io/controller-uid=abc\n',
  );
});

test('get: a kind with more objects than a call can take arguments (150,000 pods) is listed', () => {
  const cluster = new Cluster({ seed: 1 });
  const n = 150_000;
  for (let i = 0; i < n; i++) {
    cluster.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${i}`, namespace: 'default' },
    } as KubeObject);
  }
  const r = runKubectl(cluster, ['get', 'configmaps', '-o', 'name']);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout.split('\n').filter(Boolean).length, n);
});

test('kubectl get -l with a malformed selector: the server refuses it, worded per type by the builder (cli-runtime resource/selector.go)', () => {
  const r = k(cluster(), "get pods,deploy -l 'a in (b'");
  assert.equal(r.exitCode, 1);
  assert.equal(
    r.stderr,
    'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a in (b", field selector "": unable to parse requirement: a in (b\n' +
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "a in (b", field selector "": unable to parse requirement: a in (b\n',
  );
  assert.equal(
    k(cluster(), 'get pod nginx -l app=x').stderr,
    'error: name cannot be provided when a selector is specified\n',
  );
});
