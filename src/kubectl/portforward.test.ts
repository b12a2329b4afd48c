import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { runKubectl } from './kubectl.ts';

test('kubectl port-forward: prints both loopback listeners and records the forward', () => {
  const c = createLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }],
    } as Pod['spec'],
  });
  c.settle();
  assert.deepEqual(runKubectl(c, 'port-forward pod/web 8080:http 9090:80'), {
    stdout:
      'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nForwarding from 127.0.0.1:9090 -> 80\nForwarding from [::1]:9090 -> 80\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(
    c.portForwards.map((f) => [f.localPort, f.podPort, f.pod]),
    [
      [8080, 80, 'web'],
      [9090, 80, 'web'],
    ],
  );
});

test('kubectl port-forward: a pod that is not Running is refused with its phase', () => {
  const c = createLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'stuck' },
    spec: { nodeSelector: { none: 'x' }, containers: [{ name: 'a', image: 'nginx' }] } as Pod['spec'],
  });
  c.settle();
  assert.equal(
    runKubectl(c, 'port-forward stuck 80').stderr,
    'error: unable to forward port because pod is not running. Current status=Pending\n',
  );
});

test("kubectl port-forward: an unknown port name fails with kubectl's message, even before the pod runs", () => {
  const c = createLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'stuck' },
    spec: { nodeSelector: { none: 'x' }, containers: [{ name: 'a', image: 'nginx' }] } as Pod['spec'],
  });
  c.settle();
  assert.equal(
    runKubectl(c, 'port-forward stuck 8080:https').stderr,
    "error: Pod 'stuck' does not have a named port 'https'\n",
  );
});

test('kubectl port-forward: a bad local port fails as client-go parsePorts reports it (lowercase, strconv.ParseUint cause)', () => {
  const c = createLabCluster();
  c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }],
    } as Pod['spec'],
  });
  c.settle();
  assert.equal(
    runKubectl(c, 'port-forward web abc:80').stderr,
    'error: error parsing local port \'abc\': strconv.ParseUint: parsing "abc": invalid syntax\n',
  );
  assert.equal(
    runKubectl(c, 'port-forward web 70000:http').stderr,
    'error: error parsing local port \'70000\': strconv.ParseUint: parsing "70000": value out of range\n',
  );
  assert.equal(runKubectl(c, 'port-forward web 8080:0').stderr, 'error: remote port must be > 0\n');
  assert.deepEqual(c.portForwards, []);
});
