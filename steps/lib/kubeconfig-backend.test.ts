// The kubeconfig backend against `kube-scenarios serve` in this process, with the real kubectl: a
// scenario's namespace, kubectl in it, polled assertions, cleanup of node changes and of the
// namespace, and the refusals (destructive and streaming commands, a lab the cluster lacks). Without
// kubectl 1.33 the test says so loudly (and fails under CI=true), as the differential test does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Namespace, Node, Pod } from '../../src/api/types.ts';
import type { Cluster } from '../../src/cluster/cluster.ts';
import { startServer } from '../../src/apiserver/server.ts';
import { writeKubeconfig } from '../../src/apiserver/kubeconfig.ts';
import { createLabCluster } from '../../src/cluster/lab.ts';
import { RUN_LABEL } from '../../src/backends/namespace.ts';
import { findKubectl133, kubectlMissing } from '../../test/differential/kubectl133.ts';
import type { KubeWorld, KubeWorldParameters } from '../world.ts';
import { AssertionError } from './assertion.ts';
import {
  differencesSinceRunStart,
  KubeconfigBackend,
  usedConnection,
  useWorkerKubeconfig,
} from './kubeconfig-backend.ts';
import { ScenarioSkipped } from './portability.ts';

/** Runs `body` with serve (the lab, 20× the wall clock) in this process and KUBECONFIG pointing at it. */
async function withServe(body: (cluster: Cluster) => Promise<void>): Promise<void> {
  const cluster = createLabCluster();
  const server = await startServer(cluster, { speed: 20, tickMs: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-backend-'));
  const saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = writeKubeconfig(server.url, join(dir, 'kubeconfig'));
  try {
    await body(cluster);
  } finally {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function fakeWorld(parameters: KubeWorldParameters): KubeWorld {
  const files = new Map<string, string>();
  return {
    parameters,
    files,
    fixtureDirs: [],
    readFile: (path: string) => {
      throw new Error(`no file ${path}`);
    },
  } as unknown as KubeWorld;
}

test('kubeconfig backend against serve: a namespace per scenario, real kubectl in it, polled checks, everything undone', {
  timeout: 120_000,
}, async (t) => {
  if (!findKubectl133()) return t.skip(kubectlMissing('the kubeconfig backend test'));
  await withServe(async (cluster) => {
    const backend = new KubeconfigBackend(fakeWorld({ cluster: 'kubeconfig', timeoutSeconds: 3 }));
    await backend.start({ name: 'A scenario: with punctuation!', id: 'pickle-1' });
    const ns = backend.namespace;
    assert.match(ns, /^ks-a-scenario-with-punctuation-[0-9a-f]{6}$/);
    assert.ok(cluster.store.get('Namespace', undefined, ns)?.metadata.labels?.[RUN_LABEL], 'labelled with the run id');
    await backend.useLab();

    // kubectl runs in the scenario's namespace: `default` of the scenario text.
    const run = await backend.kubectl('run web --image=nginx');
    assert.deepEqual(run, { stdout: 'pod/web created\n', stderr: '', exitCode: 0 });
    assert.ok(cluster.store.get('Pod', ns, 'web'), 'the pod is in the scenario namespace');
    const dry = await backend.kubectl('run x --image=nginx --dry-run=client -o yaml');
    assert.doesNotMatch(dry.stdout, /namespace:/, 'no explicit --namespace: dry-run output names no namespace');

    // A check is polled until it holds, and reads the scenario's namespace as default.
    const phase = await backend.expect({ namespaces: ['default'] }, (v) => {
      const p = v.store.get<Pod>('Pod', 'default', 'web');
      if (p?.status?.phase !== 'Running') throw new AssertionError(`phase ${p?.status?.phase}`);
      return p.status.phase;
    });
    assert.equal(phase, 'Running');
    // The pod record (a watch of every pod since the scenario started): web created once, the lab's pods there before it.
    const history = await backend.expect({}, () => {
      const h = backend.podHistory('default/web', true);
      if (h.created !== 1) throw new AssertionError(`web created ${h.created} time(s) so far`);
      return h;
    });
    assert.deepEqual(history, { created: 1, deleted: 0 });
    assert.deepEqual(backend.podHistory('kube-system/etcd-m-k8s', true), { created: 1, deleted: 0 });
    // ... and fails at its timeout with the last state seen.
    await assert.rejects(
      backend.expect({ namespaces: ['default'] }, () => {
        throw new AssertionError('never');
      }),
      /never\n\(the last state seen, after polling the cluster for 3 s: world parameter timeoutSeconds\)/,
    );

    // Node changes are undone after the scenario.
    assert.equal((await backend.kubectl('label node w1-k8s disktype=ssd')).exitCode, 0);
    assert.equal((await backend.kubectl('cordon w2-k8s')).exitCode, 0);
    assert.equal((await backend.kubectl('taint nodes w3-k8s key01=value01:NoSchedule')).exitCode, 0);
    // Refused: what the cleanup cannot undo, and what never ends by itself.
    await assert.rejects(backend.kubectl('drain w3-k8s --ignore-daemonsets'), ScenarioSkipped);
    await assert.rejects(backend.kubectl('get pods -w'), ScenarioSkipped);

    const report = await backend.finish();
    assert.match(report ?? '', /undone: node w1-k8s: -disktype/);
    assert.match(report ?? '', /undone: node w2-k8s: taints \(none\), uncordon/); // the controller's unschedulable taint too
    assert.match(report ?? '', /undone: node w3-k8s: taints \(none\)/);
    assert.match(report ?? '', new RegExp(`undone: delete namespace ${ns}`));
    const node = (n: string) => cluster.store.get<Node>('Node', undefined, n)!;
    assert.equal(node('w1-k8s').metadata.labels?.disktype, undefined);
    assert.equal(node('w2-k8s').spec?.unschedulable, undefined);
    assert.deepEqual(node('w3-k8s').spec?.taints ?? [], []);
    // deleted: Terminating until the namespace controller has emptied it (5 s later), as on a real cluster
    const left = cluster.store.get<Namespace>('Namespace', undefined, ns);
    assert.ok(!left || left.status?.phase === 'Terminating', `namespace ${ns}: ${left?.status?.phase}`);
    assert.deepEqual(cluster.store.list('Pod', ns), [], "the namespace's pods are gone");

    // The end of the run: the cluster is as the run found it, or what differs is named.
    const conn = await usedConnection()!;
    assert.deepEqual(await differencesSinceRunStart(conn), []);
    cluster.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'left-behind' } });
    assert.deepEqual(await differencesSinceRunStart(conn), ['delete namespace left-behind']);
  });
});

test('kubeconfig backend: a cluster without the scenario nodes skips the scenario, naming them', {
  timeout: 60_000,
}, async () => {
  await withServe(async () => {
    const backend = new KubeconfigBackend(fakeWorld({ cluster: 'kubeconfig' }));
    await backend.start({ name: 'nodes', id: 'pickle-2' });
    await assert.rejects(
      backend.useNodes([{ spec: { name: 'n1' }, where: 'row 1' }]),
      (e: unknown) =>
        e instanceof ScenarioSkipped &&
        /needs a cluster of exactly its nodes \(n1\); this one also has m-k8s/.test(e.message),
    );
    await backend.finish();
  });
});

test('--parallel: each worker uses its own kubeconfig from the world parameter kubeconfigs; without one per worker it is refused', () => {
  const saved = process.env.KUBECONFIG;
  try {
    useWorkerKubeconfig(['/a/one', '/a/two'], '1');
    assert.equal(process.env.KUBECONFIG, '/a/two');
    useWorkerKubeconfig(undefined, undefined); // not under --parallel: KUBECONFIG as it is
    assert.equal(process.env.KUBECONFIG, '/a/two');
    assert.throws(() => useWorkerKubeconfig(undefined, '0'), /--parallel workers only against a cluster each/);
    assert.throws(() => useWorkerKubeconfig(['/a/one'], '1'), /worker 1 has no cluster: .* names 1 kubeconfig/);
  } finally {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  }
});
