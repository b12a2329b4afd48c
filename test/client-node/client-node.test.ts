// The official JavaScript client (@kubernetes/client-node) against `kube-scenarios serve`: it
// lists pods, watches them and creates one through the served API, with a kubeconfig as serve
// writes it. The watch must report the created pod ADDED and then see it go Running as the virtual
// clock follows the wall clock (sped up here: × 20).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLabCluster } from '../../src/cluster/lab.ts';
import { startServer } from '../../src/apiserver/server.ts';
import { writeKubeconfig } from '../../src/apiserver/kubeconfig.ts';

test('@kubernetes/client-node lists, watches and creates pods through serve', { timeout: 60_000 }, async () => {
  const k8s = await import('@kubernetes/client-node');
  const cluster = createLabCluster();
  const server = await startServer(cluster, { speed: 20, tickMs: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'client-node-'));
  try {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(writeKubeconfig(server.url, join(dir, 'kubeconfig')));
    const core = kc.makeApiClient(k8s.CoreV1Api);

    const list = await core.listNamespacedPod({ namespace: 'kube-system' });
    assert.deepEqual(
      list.items.map((p) => p.metadata?.name),
      cluster.store.list('Pod', 'kube-system').map((p) => p.metadata.name),
    );
    assert.equal(list.metadata?.resourceVersion, cluster.store.resourceVersion());

    const seen: string[] = [];
    let running!: () => void;
    const isRunning = new Promise<void>((resolve) => {
      running = resolve;
    });
    const watch = new k8s.Watch(kc);
    const req = await watch.watch(
      '/api/v1/namespaces/default/pods',
      { resourceVersion: list.metadata?.resourceVersion },
      (type: string, pod: { metadata?: { name?: string }; status?: { phase?: string } }) => {
        seen.push(`${type} ${pod.metadata?.name} ${pod.status?.phase}`);
        if (pod.status?.phase === 'Running') running();
      },
      () => {},
    );

    const created = await core.createNamespacedPod({
      namespace: 'default',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'from-client' },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    });
    assert.equal(created.metadata?.name, 'from-client');
    assert.ok(created.metadata?.uid, 'the created pod has a uid');

    await isRunning;
    req.abort();
    assert.equal(seen[0], 'ADDED from-client Pending');
    assert.ok(seen.includes('MODIFIED from-client Running'), seen.join('\n'));

    await assert.rejects(
      core.readNamespacedPod({ namespace: 'default', name: 'nope' }),
      (e: { code?: number; body?: string }) => {
        assert.equal(e.code, 404);
        assert.equal(JSON.parse(e.body!).message, 'pods "nope" not found');
        return true;
      },
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
