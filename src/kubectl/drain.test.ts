import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { addNode, createEmptyCluster } from '../cluster/bootstrap.ts';
import { k, runningPod, testCluster } from './testing.ts';

const owned = (
  name: string,
  node: string,
  kind: string,
  owner: string,
  extra: Partial<Pod> & { namespace?: string; labels?: Record<string, string> } = {},
): Pod => {
  const p = runningPod(name, node, extra);
  p.metadata.ownerReferences = [
    { apiVersion: 'apps/v1', kind, name: owner, uid: `uid-${owner}`, controller: true, blockOwnerDeletion: true },
  ];
  return p;
};

function drainCluster() {
  const c = testCluster();
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    spec: { selector: {}, template: { spec: { containers: [] } } },
  });
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'calico-node', namespace: 'kube-system' },
    spec: { selector: {}, template: { spec: { containers: [] } } },
  });
  c.store.create(owned('kube-proxy-5v9jx', 'w3-k8s', 'DaemonSet', 'kube-proxy', { namespace: 'kube-system' }));
  c.store.create(owned('calico-node-7xk2p', 'w3-k8s', 'DaemonSet', 'calico-node', { namespace: 'kube-system' }));
  c.store.create(owned('weserver-7d4b9c8f5d-2xkqp', 'w3-k8s', 'ReplicaSet', 'weserver-7d4b9c8f5d'));
  c.store.create(runningPod('db', 'w3-k8s'));
  const mirror = runningPod('etcd-w3-k8s', 'w3-k8s', { namespace: 'kube-system' });
  mirror.metadata.annotations = { 'kubernetes.io/config.mirror': 'abc' };
  c.store.create(mirror);
  return c;
}

test('kubectl drain: refuses DaemonSet pods and unmanaged pods, grouped per message, and leaves the node cordoned', () => {
  const c = drainCluster();
  const r = k(c, 'drain w3-k8s');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, 'node/w3-k8s cordoned\n');
  const ds =
    'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/calico-node-7xk2p, kube-system/kube-proxy-5v9jx';
  // kubectl 1.33 doubles the words (unmanagedFatal starts with them; errors() adds them again)
  const unmanaged = 'cannot delete cannot delete Pods that declare no controller (use --force to override): default/db';
  assert.equal(
    r.stderr,
    `error: unable to drain node "w3-k8s" due to error: [${unmanaged}, ${ds}], continuing command...\n` +
      'There are pending nodes to be drained:\n w3-k8s\n' +
      `${unmanaged}\n${ds}\n`,
  );
  assert.ok(c.store.get('Pod', 'default', 'db'));
  assert.match(k(c, 'get nodes').stdout, /w3-k8s   Ready,SchedulingDisabled/);
});

test('kubectl drain: a single problem prints the error without the "error: " prefix on the last line', () => {
  const c = drainCluster();
  const r = k(c, 'drain w3-k8s --force');
  assert.equal(
    r.stderr,
    'error: unable to drain node "w3-k8s" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/calico-node-7xk2p, kube-system/kube-proxy-5v9jx, continuing command...\n' +
      'There are pending nodes to be drained:\n w3-k8s\n' +
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/calico-node-7xk2p, kube-system/kube-proxy-5v9jx\n',
  );
});

test('kubectl drain --ignore-daemonsets --force: warnings, evictions of the rest, mirror pods skipped silently', () => {
  const c = drainCluster();
  const r = k(c, 'drain w3-k8s --ignore-daemonsets --force --grace-period=0');
  assert.equal(r.exitCode, 0);
  assert.equal(
    r.stderr,
    'Warning: deleting Pods that declare no controller: default/db; ignoring DaemonSet-managed Pods: kube-system/calico-node-7xk2p, kube-system/kube-proxy-5v9jx\n',
  );
  assert.equal(
    r.stdout,
    'node/w3-k8s cordoned\n' +
      'evicting pod default/db\n' +
      'evicting pod default/weserver-7d4b9c8f5d-2xkqp\n' +
      'pod/db evicted\n' +
      'pod/weserver-7d4b9c8f5d-2xkqp evicted\n' +
      'node/w3-k8s drained\n',
  );
  assert.equal(c.store.get('Pod', 'default', 'db'), undefined);
  assert.ok(c.store.get('Pod', 'kube-system', 'etcd-w3-k8s'));
  assert.ok(c.store.get('Pod', 'kube-system', 'kube-proxy-5v9jx'));
});

test('kubectl drain: emptyDir pods need --delete-emptydir-data; finished pods are always removable', () => {
  const c = testCluster();
  const p = owned('cache-1', 'w2-k8s', 'ReplicaSet', 'cache');
  p.spec.volumes = [{ name: 'tmp', emptyDir: {} }];
  c.store.create(p);
  const done = runningPod('job-x', 'w2-k8s');
  done.status!.phase = 'Succeeded';
  c.store.create(done);
  assert.match(
    k(c, 'drain w2-k8s').stderr,
    /due to error: cannot delete Pods with local storage \(use --delete-emptydir-data to override\): default\/cache-1, continuing command/,
  );
  const r = k(c, 'drain w2-k8s --delete-emptydir-data --grace-period=0');
  assert.equal(
    r.stdout,
    'node/w2-k8s already cordoned\nevicting pod default/cache-1\nevicting pod default/job-x\npod/cache-1 evicted\npod/job-x evicted\nnode/w2-k8s drained\n',
  );
  assert.equal(r.stderr, '');
});

test('kubectl drain --disable-eviction deletes instead of evicting: no "evicting" lines, `pod/x deleted`', () => {
  const c = testCluster();
  c.store.create(owned('web-1', 'w1-k8s', 'ReplicaSet', 'web'));
  assert.equal(
    k(c, 'drain w1-k8s --disable-eviction --grace-period=0').stdout,
    'node/w1-k8s cordoned\npod/web-1 deleted\nnode/w1-k8s drained\n',
  );
});

test('kubectl drain: a PodDisruptionBudget refusal (429) is retried every 5s until --timeout', () => {
  const c = testCluster();
  c.store.create(owned('web-1', 'w1-k8s', 'ReplicaSet', 'web', { labels: { app: 'web' } }));
  c.store.create({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'default' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
  const start = c.clock.now();
  const r = k(c, 'drain w1-k8s --timeout=12s');
  const retry =
    'error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.\n';
  assert.equal(r.stdout, 'node/w1-k8s cordoned\n' + 'evicting pod default/web-1\n'.repeat(4));
  assert.equal(
    r.stderr,
    retry.repeat(3) +
      'There are pending pods in node "w1-k8s" when an error occurred: error when evicting pods/"web-1" -n "default": global timeout reached: 12s\npod/web-1\n' +
      'error: unable to drain node "w1-k8s" due to error: error when evicting pods/"web-1" -n "default": global timeout reached: 12s, continuing command...\n' +
      'There are pending nodes to be drained:\n w1-k8s\n' +
      'error when evicting pods/"web-1" -n "default": global timeout reached: 12s\n',
  );
  assert.equal(c.clock.now() - start, 15_000);
  assert.equal(r.exitCode, 1);
});

test('kubectl drain (lab cluster, S10): db is deleted for good, weserver pods are recreated elsewhere, DaemonSet and mirror pods stay', () => {
  const c = createLabCluster();
  const manifest = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: weserver',
    'spec:',
    '  replicas: 6',
    '  selector:',
    '    matchLabels:',
    '      app: weserver',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: weserver',
    '    spec:',
    '      containers:',
    '      - name: nginx',
    '        image: nginx',
  ].join('\n');
  assert.equal(k(c, 'apply -f web.yaml', { readFile: () => manifest }).stdout, 'deployment.apps/weserver created\n');
  c.advance(30_000);
  assert.equal(k(c, 'run db --image=nginx --overrides={}').exitCode, 1);
  k(c, 'run db --image=nginx');
  c.advance(5_000);
  const dbNode = (c.store.get('Pod', 'default', 'db') as Pod).spec.nodeName!;
  const before = (c.store.list('Pod', 'default') as Pod[]).filter((p) => p.spec.nodeName === dbNode).length;
  assert.ok(before >= 1);
  const refused = k(c, `drain ${dbNode}`);
  assert.equal(refused.exitCode, 1);
  assert.match(
    refused.stderr,
    /cannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/db/,
  );
  assert.match(
    refused.stderr,
    /cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/calico-node-\w+, kube-system\/kube-proxy-\w+/,
  );
  const r = k(c, `drain ${dbNode} --ignore-daemonsets --force`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(
    r.stdout,
    new RegExp(
      `^node/${dbNode} already cordoned\\n(evicting pod default/\\S+\\n)+(pod/\\S+ evicted\\n)+node/${dbNode} drained\\n$`,
    ),
  );
  assert.match(
    r.stderr,
    /^Warning: (deleting Pods that declare no controller: default\/db; ignoring DaemonSet-managed Pods: kube-system\/calico-node-\w+, kube-system\/kube-proxy-\w+|ignoring DaemonSet-managed Pods: kube-system\/calico-node-\w+, kube-system\/kube-proxy-\w+; deleting Pods that declare no controller: default\/db)\n$/,
  );
  c.advance(30_000);
  const pods = c.store.list('Pod', 'default') as Pod[];
  assert.equal(
    pods.find((p) => p.metadata.name === 'db'),
    undefined,
  );
  const web = pods.filter((p) => p.metadata.labels?.app === 'weserver');
  assert.equal(web.length, 6);
  assert.ok(web.every((p) => p.spec.nodeName && p.spec.nodeName !== dbNode));
  assert.ok(
    (c.store.list('Pod', 'kube-system') as Pod[]).some(
      (p) => p.spec.nodeName === dbNode && p.metadata.name!.startsWith('kube-proxy-'),
    ),
  );
});

test('kubectl drain without --timeout waits as kubectl does: refusals retried every 5s until the replacements run elsewhere and the budget allows the next eviction', () => {
  const c = createEmptyCluster();
  for (const n of ['n1', 'n2']) addNode(c, { name: n });
  c.settle();
  k(c, 'cordon n2');
  const manifest = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  replicas: 3',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec: {containers: [{name: web, image: nginx}]}',
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata: {name: web}',
    'spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}',
  ].join('\n');
  k(c, 'apply -f web.yaml', { readFile: () => manifest });
  c.advance(30_000);
  k(c, 'uncordon n2');
  const r = k(c, 'drain n1 --ignore-daemonsets');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(
    r.stdout,
    /^node\/n1 cordoned\n(evicting pod default\/web-\S+\n|pod\/web-\S+ evicted\n)+node\/n1 drained\n$/,
  );
  assert.equal(r.stdout.match(/ evicted\n/g)?.length, 3);
  assert.match(
    r.stderr,
    /^(error when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n)+$/,
  );
  assert.ok((c.store.list('Pod', 'default') as Pod[]).every((p) => p.spec.nodeName === 'n2'));
});

test('kubectl drain without --timeout stops with a clear message only when nothing in the cluster can change anymore', () => {
  const c = testCluster();
  c.store.create(owned('web-1', 'w1-k8s', 'ReplicaSet', 'web', { labels: { app: 'web' } }));
  c.store.create({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'default' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
  const r = k(c, 'drain w1-k8s');
  assert.equal(r.exitCode, 1);
  assert.equal(
    r.stderr,
    'error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.\n' +
      "error: kubectl drain would wait forever for default/web-1: nothing can change anymore in the simulated cluster (Cannot evict pod as it would violate the pod's disruption budget.); pass --timeout to see kubectl give up\n",
  );
});
