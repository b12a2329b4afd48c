import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreEvent, Pod } from '../api/types.ts';
import { clusterOptionsFor, coefficientOfVariation, compareConfigs } from './compare.ts';
import { schedulerProfilesFrom } from '../config/schedulerconfig.ts';
import { addNode, createEmptyCluster } from '../cluster/bootstrap.ts';

const FIX = join(__dirname, '..', '..', 'features', 'own-cluster', 'fixtures');
const read = (f: string) => ({ file: f, text: readFileSync(join(FIX, f), 'utf8') });

test('compare: the imbalance figure is the population coefficient of variation (0 when even or empty)', () => {
  assert.equal(coefficientOfVariation([]), 0);
  assert.equal(coefficientOfVariation([0.5, 0.5]), 0);
  assert.equal(coefficientOfVariation([0, 0]), 0);
  assert.equal(coefficientOfVariation([0, 1]), 1);
});

test('compare: MostAllocated (bin-packing) packs the storefront onto fewer nodes than LeastAllocated', () => {
  const configs = ['default', 'bin-packing'].map((l) => ({
    label: l,
    source: `${l}.yaml`,
    text: readFileSync(join(FIX, 'profiles', `${l}.yaml`), 'utf8'),
  }));
  const c = compareConfigs(configs, [read('gke-nodes.yaml'), read('gke-pods.yaml'), read('storefront.yaml')], 1);
  const used = c.runs.map(
    (r) => new Set([...r.placement].filter(([k]) => k.startsWith('web/')).map(([, n]) => n)).size,
  );
  assert.deepEqual(used, [3, 2]);
  assert.ok(c.differences.length > 0 && c.differences.every((d) => d.pod.startsWith('web/')));
  assert.ok(c.runs[1].imbalance > c.runs[0].imbalance);
});

test('KubeSchedulerConfiguration profiles: each schedulerName gets its own scheduler; its events name the profile', () => {
  const profiles = schedulerProfilesFrom(
    readFileSync(join(FIX, 'profiles', 'two-profiles.yaml'), 'utf8'),
    'two-profiles.yaml',
  );
  const cluster = createEmptyCluster(clusterOptionsFor(profiles, 1));
  addNode(cluster, { name: 'n1', cpu: '4' });
  const pod = (name: string, schedulerName?: string): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { ...(schedulerName ? { schedulerName } : {}), containers: [{ name: 'c', image: 'nginx' }] },
  });
  cluster.api.create(pod('a'));
  cluster.api.create(pod('b', 'bin-packing'));
  cluster.api.create(pod('c', 'no-such-scheduler'));
  cluster.settle();
  const nodeOf = (n: string) => cluster.store.get<Pod>('Pod', 'default', n)!.spec.nodeName;
  assert.equal(nodeOf('a'), 'n1');
  assert.equal(nodeOf('b'), 'n1');
  assert.equal(nodeOf('c'), undefined, 'a pod naming no profile stays pending');
  const scheduled = cluster.store
    .list<CoreEvent>('Event')
    .filter((e) => e.reason === 'Scheduled')
    .map((e) => `${e.involvedObject.name}:${e.source?.component ?? e.reportingComponent}`)
    .sort();
  assert.deepEqual(scheduled, ['a:default-scheduler', 'b:bin-packing']);
});
