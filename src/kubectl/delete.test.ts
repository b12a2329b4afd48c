import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../api/types.ts';
import { k, runningPod, testCluster } from './testing.ts';

const unbound = (name: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase: 'Pending' },
});

test('kubectl delete pod NAME: `pod "x" deleted`; an unknown name is NotFound with exit 1', () => {
  const c = testCluster();
  c.store.create(unbound('a'));
  assert.deepEqual(k(c, 'delete pod a'), { stdout: 'pod "a" deleted\n', stderr: '', exitCode: 0 });
  assert.equal(c.store.get('Pod', 'default', 'a'), undefined);
  assert.deepEqual(k(c, 'delete pod a'), {
    stdout: '',
    stderr: 'Error from server (NotFound): pods "a" not found\n',
    exitCode: 1,
  });
  assert.deepEqual(k(c, 'delete pod a --ignore-not-found'), { stdout: '', stderr: '', exitCode: 0 });
});

test('kubectl delete: group-qualified kinds print deployment.apps "web" deleted', () => {
  const c = testCluster();
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: {}, template: { spec: { containers: [] } } },
  });
  assert.equal(k(c, 'delete deployment/web').stdout, 'deployment.apps "web" deleted\n');
});

test('kubectl delete pod --all: one line per pod in name order; none → stdout "No resources found"', () => {
  const c = testCluster();
  c.store.create(unbound('b'));
  c.store.create(unbound('a'));
  assert.equal(k(c, 'delete pod --all').stdout, 'pod "a" deleted\npod "b" deleted\n');
  assert.equal(k(c, 'delete pod --all').stdout, 'No resources found\n');
  assert.equal(k(c, 'delete pods').stderr, 'error: resource(s) were provided, but no name was specified\n');
});

test('kubectl delete -l selects by label', () => {
  const c = testCluster();
  c.store.create(unbound('a'));
  c.store.create({ ...unbound('b'), metadata: { name: 'b', namespace: 'default', labels: { app: 'y' } } });
  assert.equal(k(c, 'delete pods -l app=y').stdout, 'pod "b" deleted\n');
  assert.ok(c.store.get('Pod', 'default', 'a'));
});

test('kubectl delete --grace-period=0 --force: the immediate-deletion warning and "force deleted"; the pod goes at once', () => {
  const c = testCluster();
  c.store.create(runningPod('web', 'w1-k8s'));
  const r = k(c, 'delete pod web --grace-period=0 --force');
  assert.equal(r.stdout, 'pod "web" force deleted\n');
  assert.equal(
    r.stderr,
    'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
  );
  assert.equal(c.store.get('Pod', 'default', 'web'), undefined);
});

test('kubectl delete of a bound pod is graceful: the pod gets a deletionTimestamp with the grace period', () => {
  const c = testCluster();
  c.store.create(runningPod('web', 'w1-k8s'));
  assert.equal(k(c, 'delete pod web --wait=false --grace-period=10').stdout, 'pod "web" deleted\n');
  const pod = c.store.get<Pod>('Pod', 'default', 'web')!;
  assert.equal(pod.metadata.deletionGracePeriodSeconds, 10);
  assert.equal(k(c, 'get pod web').stdout.split('\n')[1].split(/\s+/)[2], 'Terminating');
});

test('kubectl delete: an invalid --cascade value is rejected', () => {
  assert.equal(
    k(testCluster(), 'delete pod x --cascade=maybe').stderr,
    'error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan".\n',
  );
});
