import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types.ts';
import { describeFixture, describePair } from './testing.ts';
import { runKubectl } from '../kubectl.ts';

test('kubectl describe service: headless without a selector — IP None, named ports, Endpoints <none> (describeService; golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe svc headless');
  assert.equal(sim, real);
});

test('kubectl describe service: ExternalName — External Name, no ports (golden of real kubectl 1.33)', () => {
  const { sim, real } = describePair('describe svc upstream');
  assert.equal(sim, real);
});

test("kubectl describe service formatEndpointSlices: a selector's ready pods as ip:targetPort (a named targetPort resolved per pod), at most 3 then `+ N more...`", () => {
  const { cluster } = describeFixture();
  const ready = cluster.store
    .list<Pod>('Pod', 'default')
    .filter((p) => p.metadata.labels?.app === 'web')
    .map((p) => `${p.status!.podIP}:80`);
  assert.equal(ready.length, 3);
  const out = runKubectl(cluster, 'describe svc web').stdout;
  assert.match(out, new RegExp(`\\nEndpoints:\\s+${ready.join(',').replaceAll('.', '\\.')}\\n`));
  const dns = runKubectl(cluster, 'describe svc -n kube-system kube-dns').stdout;
  assert.equal((dns.match(/\nEndpoints: +172\.16\.\d+\.\d+:53,172\.16\.\d+\.\d+:53\n/g) ?? []).length, 2);
});
