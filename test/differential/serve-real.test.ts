// Real kubectl 1.33 against `kube-scenarios serve` for what the simulator's own kubectl does not
// do, so there is no pair to compare (test/differential/kubectl.test.ts): server-side apply's
// field ownership (managedFields, removal, conflicts), kubectl attach, port-forward, and a raw watch from an old
// resourceVersion. The expected outputs are kube-apiserver's and kubectl's texts. Without the
// kubectl 1.33 binary the test says so loudly; it then fails under CI=true.

import { type TestContext, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLabCluster } from '../../src/cluster/lab.ts';
import { startServer } from '../../src/apiserver/server.ts';
import { writeKubeconfig } from '../../src/apiserver/kubeconfig.ts';
import { findKubectl133 } from './kubectl133.ts';

const KUBECTL = findKubectl133();

function kubectl(
  env: NodeJS.ProcessEnv,
  args: string[],
  stdin = '',
): Promise<{ out: string; err: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(KUBECTL!, args, { env, timeout: 60_000 }, (e, out, err) =>
      resolve({
        out,
        err,
        code: e ? (typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : -1) : 0,
      }),
    );
    child.stdin?.end(stdin);
  });
}

/** Runs fn with the real kubectl's environment against a fresh lab cluster's serve (virtual time ×20); says loudly when kubectl 1.33 is missing. */
async function onServe(
  t: TestContext,
  fn: (env: NodeJS.ProcessEnv, cluster: ReturnType<typeof createLabCluster>) => Promise<void>,
): Promise<void> {
  if (!KUBECTL) {
    const msg = '!!!!!!!! kubectl 1.33 not found: serve-real test NOT run !!!!!!!!';
    process.stdout.write(`\n${msg}\n`);
    if (process.env.CI === 'true') assert.fail(msg);
    t.skip(msg);
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'kubectl-serve-real-'));
  const cluster = createLabCluster();
  const server = await startServer(cluster, { speed: 20 });
  const env = { PATH: process.env.PATH, HOME: home, TZ: 'UTC', KUBECACHEDIR: join(home, 'cache') } as NodeJS.ProcessEnv;
  env.KUBECONFIG = writeKubeconfig(server.url, join(home, 'kubeconfig'));
  try {
    await fn(env, cluster);
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

test('real kubectl 1.33 over serve: apply --server-side ownership, attach, port-forward, watch from an old resourceVersion', {
  timeout: 300_000,
}, async (t) => {
  const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${data}`;
  await onServe(t, async (env) => {
    assert.deepEqual(await kubectl(env, ['apply', '--server-side', '-f', '-'], cm('  a: "1"\n  b: "2"\n')), {
      out: 'configmap/x serverside-applied\n',
      err: '',
      code: 0,
    });
    const shown = await kubectl(env, [
      'get',
      'cm',
      'x',
      '--show-managed-fields',
      '-o',
      'jsonpath={.metadata.managedFields[*].manager} {.metadata.managedFields[*].operation} {.metadata.managedFields[*].fieldsV1}',
    ]);
    assert.equal(shown.out, 'kubectl Apply {"f:data":{"f:a":{},"f:b":{}}}');
    // b is no longer applied: it goes
    await kubectl(env, ['apply', '--server-side', '-f', '-'], cm('  a: "1"\n'));
    assert.equal((await kubectl(env, ['get', 'cm', 'x', '-o', 'jsonpath={.data}'])).out, '{"a":"1"}');
    // another manager with another value: a conflict, unless forced
    assert.deepEqual(
      await kubectl(env, ['apply', '--server-side', '--field-manager=other', '-f', '-'], cm('  a: "9"\n')),
      {
        out: '',
        err: `error: Apply failed with 1 conflict: conflict with "kubectl": .data.a\n${CONFLICT_HELP}`,
        code: 1,
      },
    );
    assert.equal(
      (
        await kubectl(
          env,
          ['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-'],
          cm('  a: "9"\n'),
        )
      ).code,
      0,
    );
    assert.equal((await kubectl(env, ['get', 'cm', 'x', '-o', 'jsonpath={.data.a}'])).out, '9');
    // every write records its manager: an apply conflicts with the create's Update entry
    assert.equal((await kubectl(env, ['create', 'configmap', 'cy', '--from-literal=a=1'])).code, 0);
    assert.deepEqual(
      await kubectl(env, ['apply', '--server-side', '-f', '-'], cm('  a: "2"\n').replace('name: x', 'name: cy')),
      {
        out: '',
        err: `error: Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a\n${CONFLICT_HELP}`,
        code: 1,
      },
    );
    // attach: what the container writes from then on, until it exits
    await kubectl(env, ['run', 'ender', '--image=busybox', '--', 'sh', '-c', 'sleep 200; echo bye']);
    assert.equal((await kubectl(env, ['wait', '--for=condition=Ready', 'pod/ender', '--timeout=30s'])).code, 0);
    assert.deepEqual(await kubectl(env, ['attach', 'ender']), {
      out: 'bye\n',
      err: "If you don't see a command prompt, try pressing enter.\n",
      code: 0,
    });
    // port-forward: kubectl listens on a random local port and tunnels to the pod; curl gets nginx's page
    await kubectl(env, ['run', 'web', '--image=nginx']);
    assert.equal((await kubectl(env, ['wait', '--for=condition=Ready', 'pod/web', '--timeout=30s'])).code, 0);
    const pf = spawn(KUBECTL!, ['port-forward', 'web', ':80'], { env });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        pf.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        pf.on('exit', () => reject(new Error(`kubectl port-forward exited: ${out}`)));
      });
      const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      assert.match(page, /<title>Welcome to nginx!<\/title>/);
    } finally {
      pf.kill();
    }
    // a watch from before serve started: the watch cache's 410 Expired, as one ERROR event
    const old = await kubectl(env, [
      'get',
      '--raw',
      '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1',
    ]);
    assert.match(
      old.out,
      /^\{"type":"ERROR","object":\{"kind":"Status","apiVersion":"v1","metadata":\{\},"status":"Failure","message":"too old resource version: 1 \(\d+\)","reason":"Expired","code":410\}\}\n$/,
    );
  });
});

/** Runs real kubectl on a terminal (util-linux `script` gives it a pty), typing each input once the output so far ends with its prompt. */
function onTerminal(
  env: NodeJS.ProcessEnv,
  args: string[],
  dialogue: [prompt: string, input: string][],
): Promise<{ out: string; code: number }> {
  return new Promise((resolve, reject) => {
    const quoted = [KUBECTL!, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('script', ['-qfec', quoted, '/dev/null'], { env });
    let out = '';
    let next = 0;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no answer on the terminal; so far: ${JSON.stringify(out)}`));
    }, 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (next < dialogue.length && out.endsWith(dialogue[next][0])) child.stdin.write(dialogue[next++][1]);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, code: code ?? -1 });
    });
  });
}

test('real kubectl 1.33 over serve: explain --output=plaintext-openapiv2 reads /openapi/v2 (protobuf); port-forward errors; exec -it is a terminal session', {
  timeout: 300_000,
}, async (t) => {
  await onServe(t, async (env, cluster) => {
    assert.deepEqual(
      await kubectl(env, ['explain', '--output=plaintext-openapiv2', 'pods.spec.containers.imagePullPolicy']),
      {
        out: `KIND:     Pod
VERSION:  v1

FIELD:    imagePullPolicy <string>

DESCRIPTION:
     Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always
     if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated.
     More info:
     https://kubernetes.io/docs/concepts/containers/images#updating-images

     Possible enum values:
     - \`"Always"\` means that kubelet always attempts to pull the latest image.
     Container will fail If the pull fails.
     - \`"IfNotPresent"\` means that kubelet pulls if the image isn't present on
     disk. Container will fail if the image isn't present and the pull fails.
     - \`"Never"\` means that kubelet never pulls an image, but only uses a local
     image. Container will fail if the image isn't present
`,
        err: '',
        code: 0,
      },
    );
    const deploy = await kubectl(env, ['explain', '--output=plaintext-openapiv2', 'deployments.spec.strategy']);
    assert.equal(deploy.code, 0);
    assert.match(deploy.out, /^KIND: {5}Deployment\nVERSION: {2}apps\/v1\n\nRESOURCE: strategy <Object>\n/);
    await kubectl(env, ['run', 'bb', '--image=busybox', '--', 'sleep', '100000']);
    await kubectl(env, ['run', 'web', '--image=nginx']);
    assert.equal((await kubectl(env, ['wait', '--for=condition=Ready', 'pod/bb', 'pod/web', '--timeout=30s'])).code, 0);
    // port-forward to a port nothing listens on (containerd's refusal), and to a server whose protocol
    // is not modelled (redis): the error on the stream, then kubectl stops
    await kubectl(env, ['run', 'rd', '--image=redis']);
    assert.equal((await kubectl(env, ['wait', '--for=condition=Ready', 'pod/rd', '--timeout=30s'])).code, 0);
    const forwardOnce = (pod: string, ports: string) =>
      new Promise<{ err: string; code: number }>((resolve, reject) => {
        const pf = spawn(KUBECTL!, ['port-forward', pod, ports], { env });
        let out = '';
        let err = '';
        pf.stderr.on('data', (c: Buffer) => {
          err += c.toString();
        });
        pf.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(out);
          if (m && !out.includes('Handling'))
            fetch(`http://127.0.0.1:${m[1]}/`).catch(() => {
              /* the connection is dropped: what kubectl says is the point */
            });
        });
        const timer = setTimeout(() => {
          pf.kill();
          reject(new Error(`port-forward did not stop: ${out}${err}`));
        }, 30_000);
        pf.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ err: err.replace(/^E\d{4} [\d:.]+ +\d+ /gm, 'E… '), code: code ?? -1 });
        });
      });
    const sandbox = (name: string) =>
      cluster.kubelets.runtimeFor(cluster.store.get('Pod', 'default', name)!)!.sandbox!.id;
    const refused = await forwardOnce('web', ':8080');
    assert.equal(refused.code, 1);
    assert.match(
      refused.err,
      new RegExp(
        `^E… portforward\\.go:\\d+\\] "Unhandled Error" err="an error occurred forwarding \\d+ -> 8080: error forwarding port 8080 to pod ${sandbox('web')}, uid : failed to execute portforward in network namespace \\\\"/var/run/netns/cni-[0-9a-f-]{36}\\\\": failed to connect to localhost:8080 inside namespace \\\\"${sandbox('web')}\\\\", IPv4: dial tcp4 127\\.0\\.0\\.1:8080: connect: connection refused IPv6 dial tcp6 \\[::1\\]:8080: connect: connection refused "\nerror: lost connection to pod\n$`,
      ),
    );
    const redis = await forwardOnce('rd', ':6379');
    assert.equal(redis.code, 1);
    assert.match(
      redis.err,
      /an error occurred forwarding \d+ -> 6379: not supported yet: what redis answers on port 6379 \(the simulator models HTTP servers' default pages only\)"\nerror: lost connection to pod\n$/,
    );
    if (!(await new Promise((resolve) => execFile('script', ['--version'], (e) => resolve(!e))))) {
      const msg = '!!!!!!!! util-linux script not found: exec -it on a terminal NOT tested !!!!!!!!';
      process.stdout.write(`\n${msg}\n`);
      if (process.env.CI === 'true') assert.fail(msg);
      return;
    }
    assert.deepEqual(
      await onTerminal(
        env,
        ['exec', '-it', 'bb', '--', 'sh'],
        [
          ['/ # ', 'hostnamx\x7fe\r'],
          ['bb\r\n/ # ', 'exit 3\r'],
        ],
      ),
      { out: '/ # hostnamx\b \be\r\nbb\r\n/ # exit 3\r\ncommand terminated with exit code 3\r\n', code: 3 },
    );
    const bash = await onTerminal(
      env,
      ['exec', '-it', 'web', '--', 'bash'],
      [
        ['root@web:/# ', 'printenv TERM\r'],
        ['root@web:/# ', '\x04'],
      ],
    );
    assert.deepEqual(bash, {
      out: '\x1b[?2004hroot@web:/# printenv TERM\r\n\x1b[?2004l\rxterm\r\n\x1b[?2004hroot@web:/# \x1b[?2004l\rexit\r\n',
      code: 0,
    });
  });
});
