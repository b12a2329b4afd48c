import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podNonZeroRequests, podRequests, qosClass } from './resources.ts';
import type { Container, Pod } from './types.ts';

const c = (name: string, requests?: Record<string, string>, extra: Partial<Container> = {}): Container => ({
  name,
  image: 'x',
  resources: requests ? { requests } : {},
  ...extra,
});
const pod = (containers: Container[], initContainers: Container[] = [], overhead?: Record<string, string>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers, initContainers, overhead },
});

test('PodRequests: containers are summed', () => {
  assert.deepEqual(podRequests(pod([c('a', { cpu: '100m', memory: '1Mi' }), c('b', { cpu: '200m' })])), {
    cpu: 300,
    memory: 1048576,
  });
});

test('PodRequests: the max of the regular sum and each init container wins, per resource', () => {
  const r = podRequests(pod([c('a', { cpu: '100m', memory: '10Mi' })], [c('i', { cpu: '500m', memory: '1Mi' })]));
  assert.deepEqual(r, { cpu: 500, memory: 10 * 1048576 });
});

test('PodRequests: sidecars (init restartPolicy Always) add to the regular sum and to later init containers', () => {
  const side = c('side', { cpu: '100m' }, { restartPolicy: 'Always' });
  const r = podRequests(pod([c('a', { cpu: '100m' })], [side, c('i', { cpu: '300m' })]));
  // regular = 100 + 100 = 200; init i needs 300 + 100 (sidecar before it) = 400
  assert.equal(r.cpu, 400);
});

test('PodRequests: spec.overhead is added on top', () => {
  assert.equal(podRequests(pod([c('a', { cpu: '100m' })], [], { cpu: '50m' })).cpu, 150);
});

test('NonMissingContainerRequests: 100m cpu and 200Mi memory assumed per container without a request; an explicit 0 stays 0', () => {
  assert.deepEqual(podNonZeroRequests(pod([c('a'), c('b', { cpu: '0' })])), { cpu: 100, memory: 2 * 209715200 });
});

test('GetPodQOS: Guaranteed, Burstable and BestEffort', () => {
  assert.equal(qosClass(pod([c('a')])), 'BestEffort');
  assert.equal(
    qosClass(
      pod([{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }]),
    ),
    'Guaranteed',
  );
  assert.equal(qosClass(pod([c('a', { cpu: '1' })])), 'Burstable');
});
