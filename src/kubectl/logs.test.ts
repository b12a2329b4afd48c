import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { runKubectl } from './kubectl.ts';

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
  assert.equal(runKubectl(c, 'logs nope').stderr, 'Error from server (NotFound): pods "nope" not found\n');
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
