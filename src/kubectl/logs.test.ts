import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { runKubectl } from './kubectl.ts';
import { byLogging } from './logs.ts';
import { goSort } from './gosort.ts';

function withPod(spec: Partial<Pod['spec']>, annotations?: Record<string, string>): Cluster {
  const c = createLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', ...(annotations ? { annotations } : {}) },
    spec: { containers: [], ...spec } as Pod['spec'],
  });
  c.settle();
  return c;
}
const multi = {
  containers: [
    { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo from-app; sleep 3600'] },
    { name: 'side', image: 'busybox:1.36', command: ['sh', '-c', 'echo from-side; sleep 3600'] },
  ],
};

test('kubectl logs: a multi-container pod defaults to the first container with the 1.33 stderr notice, no error', () => {
  const r = runKubectl(withPod(multi), 'logs web');
  assert.deepEqual(r, { stdout: 'from-app\n', stderr: 'Defaulted container "app" out of: app, side\n', exitCode: 0 });
});

test('kubectl logs: the kubectl.kubernetes.io/default-container annotation picks the container silently', () => {
  const r = runKubectl(withPod(multi, { 'kubectl.kubernetes.io/default-container': 'side' }), 'logs web');
  assert.deepEqual(r, { stdout: 'from-side\n', stderr: '', exitCode: 0 });
});

test('kubectl logs: init containers are listed with (init) in the notice; -c and the inline CONTAINER arg select', () => {
  const c = withPod({
    ...multi,
    initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'echo init-done'] }],
  });
  assert.equal(runKubectl(c, 'logs web').stderr, 'Defaulted container "app" out of: app, side, setup (init)\n');
  assert.equal(runKubectl(c, 'logs web -c setup').stdout, 'init-done\n');
  assert.equal(runKubectl(c, 'logs pod/web side').stdout, 'from-side\n');
  assert.equal(
    runKubectl(c, 'logs web side -c app').stderr,
    "error: only one of -c or an inline [CONTAINER] arg is allowed\nSee 'kubectl logs -h' for help and examples\n",
  );
});

test('kubectl logs: -c naming no container is refused client-side (1.33 wording, no "out of" list)', () => {
  const r = runKubectl(withPod(multi), 'logs web -c nope');
  assert.deepEqual(r, { stdout: '', stderr: 'error: container nope is not valid for pod web\n', exitCode: 1 });
});

test('kubectl logs: missing pod, missing argument, --tail and --timestamps', () => {
  const c = withPod(multi);
  // logs words a missing object client-side, with the namespace (kubectl 1.33)
  assert.equal(
    runKubectl(c, 'logs nope').stderr,
    'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
  );
  assert.equal(
    runKubectl(c, 'logs').stderr,
    "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
  );
  assert.equal(runKubectl(c, 'logs web -c app --tail=0').stdout, '');
  assert.match(
    runKubectl(c, 'logs web -c app --timestamps').stdout,
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z from-app\n$/,
  );
});

test('kubectl logs: a container waiting for its image is a BadRequest from the kubelet', () => {
  const c = withPod({ containers: [{ name: 'app', image: 'nginxx' }] });
  c.advance(30_000);
  assert.match(
    runKubectl(c, 'logs web').stderr,
    /^Error from server \(BadRequest\): container "app" in pod "web" is waiting to start: (image can't be pulled|trying and failing to pull image)\n$/,
  );
});

test('kubectl logs TYPE/NAME: one pod of the workload by podutils.ByLogging, "Found N pods" when there was a choice (polymorphichelpers/logsforobject.go)', () => {
  const c = createLabCluster();
  const pod = (name: string, node: string | undefined, created: string, ready: boolean): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'w' }, creationTimestamp: created },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...(node ? { nodeName: node } : {}) },
    status: {
      phase: node ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: created }],
    },
  });
  const pods = [
    pod('a-unassigned', undefined, '2026-01-01T00:00:00Z', false),
    pod('b-not-ready', 'w1-k8s', '2026-01-01T00:00:00Z', false),
    pod('c-ready-later', 'w1-k8s', '2026-01-01T00:05:00Z', true),
    pod('d-ready-first', 'w2-k8s', '2026-01-01T00:01:00Z', true),
  ];
  // assigned before unassigned, ready before not ready, ready longer before ready shorter
  assert.deepEqual(
    goSort([...pods], byLogging).map((p) => p.metadata.name),
    ['d-ready-first', 'c-ready-later', 'b-not-ready', 'a-unassigned'],
  );
  c.api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep 3600'] }] },
      },
    },
  } as never);
  c.settle();
  c.advance(60_000);
  const r = runKubectl(c, 'logs deploy/web');
  assert.equal(r.stdout, 'hi\n');
  assert.match(r.stderr, /^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]+\n$/);
  assert.equal(
    runKubectl(c, 'logs deploy/nope').stderr,
    'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n',
  );
  assert.equal(
    runKubectl(c, 'logs node/w1-k8s').stderr,
    'error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n',
  );
  assert.equal(
    runKubectl(c, 'logs svc/kubernetes').stderr,
    "error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n",
  );
  assert.equal(runKubectl(c, 'logs foo/x').stderr, 'error: the server doesn\'t have a resource type "foo"\n');
});
