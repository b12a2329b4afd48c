import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProgram } from './command.ts';
import { buildServedCluster, serveCommand, startServed } from './serve.ts';
import { Command } from 'commander';

const runServe = (argv: string[]) =>
  runProgram((io) => new Command('kube-scenarios').addCommand(serveCommand(io, io)), ['serve', ...argv]);

test('serve builds the lab in the past and brings its clock to the wall clock (client-side ages are right)', () => {
  const before = Date.now();
  const cluster = buildServedCluster({ port: 0, speed: 1, seed: 1 });
  assert.ok(
    cluster.clock.now() >= before && cluster.clock.now() <= Date.now() + 1000,
    'the clock is at the wall clock',
  );
  const pods = cluster.store.list('Pod', 'kube-system');
  assert.equal(pods.length, 14);
  for (const p of pods)
    assert.ok(
      Date.parse(p.metadata.creationTimestamp!) <= cluster.clock.now(),
      `${p.metadata.name} was created before now`,
    );
});

test('serve -f builds the cluster of the files as simulate does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  try {
    const file = join(dir, 'cluster.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  capacity: {cpu: "2", memory: 2Gi}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n',
    );
    const cluster = buildServedCluster({ filename: [file], port: 0, speed: 1, seed: 1 });
    assert.equal(
      (cluster.store.get('Pod', 'default', 'p') as unknown as { spec: { nodeName: string } }).spec.nodeName,
      'n1',
    );
    assert.ok(cluster.clock.now() <= Date.now());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve prints the export line and writes a kubeconfig naming the server', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  let out = '',
    err = '';
  const cluster = buildServedCluster({ port: 0, speed: 0, seed: 1 });
  const server = await startServed(
    cluster,
    { port: 0, speed: 0, kubeconfig: join(dir, 'k', 'config') },
    {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
    },
  );
  try {
    assert.equal(out, `export KUBECONFIG=${join(dir, 'k', 'config')}\n`);
    assert.match(err, /^serving the lab cluster \(4 nodes, 14 pods\) on http:\/\/127\.0\.0\.1:\d+;/);
    assert.match(readFileSync(join(dir, 'k', 'config'), 'utf8'), new RegExp(`server: ${server.url}\n`));
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve: bad options are usage errors', () => {
  assert.deepEqual(runServe(['--port', '70000']), {
    stdout: '',
    stderr:
      "error: option '--port <n>' argument '70000' is invalid. must be a port number from 0 to 65535 (0 picks a free port).\n",
    exitCode: 2,
  });
  assert.equal(runServe(['--speed', '-1']).exitCode, 2);
  assert.deepEqual(runServe(['--lab', '-f', 'x.yaml']), {
    stdout: '',
    stderr:
      'error: --lab and -f cannot be used together: --lab serves the lab cluster, -f a cluster built from the files\n',
    exitCode: 1,
  });
});
