import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLabCluster } from '../cluster/lab.ts';
import { startServer } from './server.ts';
import { AGGREGATED_V2 } from './discovery.ts';
import { TABLE_MEDIA } from './tables.ts';

async function withServer(
  fn: (url: string, cluster: ReturnType<typeof createLabCluster>) => Promise<void>,
  speed = 0,
): Promise<void> {
  const cluster = createLabCluster();
  const s = await startServer(cluster, { speed });
  try {
    await fn(s.url, cluster);
  } finally {
    await s.close();
  }
}

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
};
const send = (url: string, method: string, body: unknown, type = 'application/json') =>
  fetch(url, {
    method,
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

test('/version says v1.33 (the kubectl dispatcher picks kubectl 1.33 by it)', async () =>
  withServer(async (url) => {
    const v = (await (await fetch(`${url}/version`)).json()) as { gitVersion: string; major: string; minor: string };
    assert.match(v.gitVersion, /^v1\.33\./);
    assert.deepEqual([v.major, v.minor], ['1', '33']);
  }));

test('discovery: aggregated v2 when asked for (content type apidiscovery.k8s.io v2), legacy lists otherwise', async () =>
  withServer(async (url) => {
    const r = await fetch(`${url}/apis`, { headers: { accept: `${AGGREGATED_V2},application/json` } });
    assert.equal(r.headers.get('content-type'), AGGREGATED_V2);
    const agg = (await r.json()) as {
      kind: string;
      items: {
        metadata: { name: string };
        versions: { resources: { resource: string; scope: string; subresources?: { subresource: string }[] }[] }[];
      }[];
    };
    assert.equal(agg.kind, 'APIGroupDiscoveryList');
    const apps = agg.items.find((i) => i.metadata.name === 'apps')!;
    const deployments = apps.versions[0].resources.find((x) => x.resource === 'deployments')!;
    assert.equal(deployments.scope, 'Namespaced');
    assert.deepEqual(
      deployments.subresources?.map((x) => x.subresource),
      ['scale', 'status'],
    );
    const legacy = (await (await fetch(`${url}/api`)).json()) as { kind: string; versions: string[] };
    assert.deepEqual([legacy.kind, legacy.versions], ['APIVersions', ['v1']]);
    const core = (await (await fetch(`${url}/api/v1`)).json()) as {
      resources: { name: string; shortNames?: string[] }[];
    };
    assert.deepEqual(core.resources.find((x) => x.name === 'pods')?.shortNames, ['po']);
    assert.ok(core.resources.some((x) => x.name === 'pods/eviction'));
  }));

test("errors are Status objects with kube-apiserver's reason, code, message and details", async () =>
  withServer(async (url) => {
    const nf = await fetch(`${url}/api/v1/namespaces/default/pods/nope`);
    assert.equal(nf.status, 404);
    assert.deepEqual(await nf.json(), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    assert.equal((await send(`${url}/api/v1/namespaces/default/pods`, 'POST', POD)).status, 201);
    const dup = (await (await send(`${url}/api/v1/namespaces/default/pods`, 'POST', POD)).json()) as {
      reason: string;
      code: number;
      message: string;
    };
    assert.deepEqual([dup.reason, dup.code, dup.message], ['AlreadyExists', 409, 'pods "web" already exists']);
    const bad = (await (
      await send(`${url}/api/v1/namespaces/default/pods`, 'POST', { ...POD, metadata: { name: 'Bad_Name' } })
    ).json()) as {
      reason: string;
      code: number;
      details: { kind: string; name: string; causes: { reason: string; field: string; message: string }[] };
    };
    assert.deepEqual([bad.reason, bad.code, bad.details.kind, bad.details.name], ['Invalid', 422, 'Pod', 'Bad_Name']);
    assert.deepEqual(bad.details.causes[0].reason, 'FieldValueInvalid');
    assert.equal(bad.details.causes[0].field, 'metadata.name');
    assert.match(bad.details.causes[0].message, /^Invalid value: "Bad_Name": /);
    const other = await fetch(`${url}/apis/apps/v1/nothing`);
    assert.equal(other.status, 404);
  }));

test('fieldValidation: Strict rejects an unknown field (BadRequest, strict decoding error), Warn stores and warns (299)', async () =>
  withServer(async (url) => {
    const body = { ...POD, spec: { containers: [{ name: 'nginx', image: 'nginx', imagePullPolcy: 'Always' }] } };
    const strict = await send(`${url}/api/v1/namespaces/default/pods?fieldValidation=Strict`, 'POST', body);
    assert.equal(strict.status, 400);
    assert.equal(
      ((await strict.json()) as { message: string }).message,
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"',
    );
    const warn = await send(`${url}/api/v1/namespaces/default/pods?fieldValidation=Warn`, 'POST', body);
    assert.equal(warn.status, 201);
    assert.equal(warn.headers.get('warning'), '299 - "unknown field \\"spec.containers[0].imagePullPolcy\\""');
  }));

test('dryRun=All admits without storing; PUT with a stale resourceVersion is a Conflict', async () =>
  withServer(async (url, cluster) => {
    const dry = await send(`${url}/api/v1/namespaces/default/pods?dryRun=All`, 'POST', POD);
    assert.equal(dry.status, 201);
    assert.equal(cluster.store.get('Pod', 'default', 'web'), undefined);
    const created = (await (await send(`${url}/api/v1/namespaces/default/pods`, 'POST', POD)).json()) as typeof POD & {
      metadata: { resourceVersion: string };
    };
    const ns = cluster.store.get('Namespace', undefined, 'default')!;
    const stale = { ...ns, metadata: { ...ns.metadata, resourceVersion: '1' } };
    const c = (await (await send(`${url}/api/v1/namespaces/default`, 'PUT', stale)).json()) as {
      reason: string;
      message: string;
    };
    assert.deepEqual(
      [c.reason, c.message],
      [
        'Conflict',
        'Operation cannot be fulfilled on namespaces "default": the object has been modified; please apply your changes to the latest version and try again',
      ],
    );
    assert.ok(created.metadata.resourceVersion);
  }));

test('deleting a mirror pod answers the deleted pod, not the mirror pod the kubelet creates again at once (kubectl delete waits for that uid to go)', async () =>
  withServer(async (url, cluster) => {
    const before = cluster.store.get('Pod', 'kube-system', 'kube-scheduler-m-k8s')!;
    const r = await send(`${url}/api/v1/namespaces/kube-system/pods/kube-scheduler-m-k8s`, 'DELETE', '');
    const body = (await r.json()) as { metadata: { uid: string } };
    assert.equal(r.status, 200);
    assert.equal(body.metadata.uid, before.metadata.uid);
    const again = cluster.store.get('Pod', 'kube-system', 'kube-scheduler-m-k8s')!;
    assert.notEqual(again.metadata.uid, before.metadata.uid, 'the kubelet creates the mirror pod again');
  }));

test("Table: the printers' columns, -o wide columns at priority 1, PartialObjectMetadata rows by default", async () =>
  withServer(async (url) => {
    const r = await fetch(`${url}/api/v1/nodes`, { headers: { accept: `${TABLE_MEDIA},application/json` } });
    const t = (await r.json()) as {
      kind: string;
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: string[]; object: { kind: string; metadata: { name: string } } }[];
    };
    assert.equal(t.kind, 'Table');
    assert.deepEqual(t.columnDefinitions.map((c) => `${c.name}:${c.priority}`).slice(0, 7), [
      'Name:0',
      'Status:0',
      'Roles:0',
      'Age:0',
      'Version:0',
      'Internal-IP:1',
      'External-IP:1',
    ]);
    assert.deepEqual(t.rows[0].cells.slice(0, 3), ['m-k8s', 'Ready', 'control-plane']);
    assert.equal(t.rows[0].object.kind, 'PartialObjectMetadata');
  }));

test("list: limit and continue page through in API order; the list carries the store's resourceVersion", async () =>
  withServer(async (url, cluster) => {
    const names: string[] = [];
    let cont = '';
    do {
      const page = (await (
        await fetch(`${url}/api/v1/namespaces/kube-system/pods?limit=5${cont ? `&continue=${cont}` : ''}`)
      ).json()) as {
        metadata: { continue?: string; resourceVersion: string };
        items: { metadata: { name: string } }[];
      };
      assert.ok(page.items.length <= 5);
      names.push(...page.items.map((p) => p.metadata.name));
      assert.equal(page.metadata.resourceVersion, cluster.store.resourceVersion());
      cont = page.metadata.continue ?? '';
    } while (cont);
    assert.deepEqual(
      names,
      cluster.store.list('Pod', 'kube-system').map((p) => p.metadata.name),
    );
  }));

test('patch: strategic merge of a label, JSON patch of replicas through /scale; binding and eviction subresources', async () =>
  withServer(async (url, cluster) => {
    const smp = await send(
      `${url}/api/v1/nodes/w1-k8s`,
      'PATCH',
      { metadata: { labels: { disk: 'ssd' } } },
      'application/strategic-merge-patch+json',
    );
    assert.equal(smp.status, 200);
    assert.equal(cluster.store.get('Node', undefined, 'w1-k8s')!.metadata.labels!.disk, 'ssd');
    const scale = (await (
      await send(
        `${url}/apis/apps/v1/namespaces/kube-system/deployments/coredns/scale`,
        'PATCH',
        [{ op: 'replace', path: '/spec/replicas', value: 3 }],
        'application/json-patch+json',
      )
    ).json()) as { kind: string; spec: { replicas: number } };
    assert.deepEqual([scale.kind, scale.spec.replicas], ['Scale', 3]);
    assert.equal(
      cluster.store.list('Pod', 'kube-system').filter((p) => p.metadata.name!.startsWith('coredns-')).length,
      3,
    );
    await send(`${url}/api/v1/namespaces/default/pods`, 'POST', {
      ...POD,
      spec: { ...POD.spec, schedulerName: 'none' },
    });
    assert.equal(
      (
        await send(`${url}/api/v1/namespaces/default/pods/web/binding`, 'POST', {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: 'web' },
          target: { kind: 'Node', name: 'w2-k8s' },
        })
      ).status,
      201,
    );
    assert.equal(
      (cluster.store.get('Pod', 'default', 'web') as unknown as { spec: { nodeName: string } }).spec.nodeName,
      'w2-k8s',
    );
    const again = (await (
      await send(`${url}/api/v1/namespaces/default/pods/web/binding`, 'POST', { target: { name: 'w3-k8s' } })
    ).json()) as { reason: string };
    assert.equal(again.reason, 'Conflict');
    assert.equal(
      (
        await send(`${url}/api/v1/namespaces/default/pods/web/eviction`, 'POST', {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: 'web' },
        })
      ).status,
      201,
    );
    const evicted = cluster.store.get('Pod', 'default', 'web');
    assert.ok(!evicted || evicted.metadata.deletionTimestamp, 'the evicted pod is gone or terminating');
  }));

test('a protobuf body (k8s\\0 + runtime.Unknown, as kubectl create secret sends it) creates the object', async () =>
  withServer(async (url, cluster) => {
    const body = Buffer.from('azhzAAoMCgJ2MRIGU2VjcmV0Eh4KEgoCczESABoAIgAqADIAOABCABIGCgFwEgF4GgAaACIA', 'base64');
    const r = await fetch(`${url}/api/v1/namespaces/default/secrets`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/json' },
    });
    assert.equal(r.status, 201);
    assert.deepEqual(cluster.store.get('Secret', 'default', 's1')?.data, { p: 'eA==' });
  }));

test('OpenAPI v3: the index names each served group version with its hash; a document has the schemas kubectl explain reads', async () =>
  withServer(async (url) => {
    const index = (await (await fetch(`${url}/openapi/v3`)).json()) as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    assert.deepEqual(Object.keys(index.paths).sort(), [
      'api/v1',
      'apis/apps/v1',
      'apis/batch/v1',
      'apis/policy/v1',
      'apis/scheduling.k8s.io/v1',
    ]);
    assert.match(index.paths['apis/apps/v1'].serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    const doc = (await (await fetch(`${url}${index.paths['apis/apps/v1'].serverRelativeURL}`)).json()) as {
      paths: Record<string, { patch?: { parameters: { name: string }[] } }>;
      components: { schemas: Record<string, { 'x-kubernetes-group-version-kind'?: unknown }> };
    };
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    assert.ok(patch?.parameters.some((p) => p.name === 'fieldValidation'));
    assert.deepEqual(doc.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
  }));

test('watch from a resourceVersion replays what happened since (the watch cache), so list-then-watch misses nothing (kubectl wait)', async () =>
  withServer(async (url, cluster) => {
    const seen = cluster.store.resourceVersion();
    await send(`${url}/api/v1/namespaces/default/pods`, 'POST', POD);
    await send(`${url}/api/v1/namespaces/default/pods/web?gracePeriodSeconds=0`, 'DELETE', '');
    const controller = new AbortController();
    const res = await fetch(
      `${url}/api/v1/namespaces/default/pods?watch=true&fieldSelector=metadata.name%3Dweb&resourceVersion=${seen}`,
      { signal: controller.signal },
    );
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('"DELETED"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    controller.abort();
    const types = text
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type);
    assert.equal(types[0], 'ADDED');
    assert.equal(types[types.length - 1], 'DELETED');
  }));

test("watch: ADDED for what exists without a resourceVersion, then the store's events; the clock follows the wall clock, so a pod goes Running", async () =>
  withServer(async (url, cluster) => {
    const controller = new AbortController();
    const res = await fetch(
      `${url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${cluster.store.resourceVersion()}`,
      { signal: controller.signal },
    );
    const events: string[] = [];
    const reader = res.body!.getReader();
    await send(`${url}/api/v1/namespaces/default/pods`, 'POST', POD);
    let buf = '';
    while (!events.some((e) => e.endsWith('Running'))) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += Buffer.from(value).toString('utf8');
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        const e = JSON.parse(l) as { type: string; object: { status: { phase: string } } };
        events.push(`${e.type} ${e.object.status.phase}`);
      }
    }
    controller.abort();
    assert.equal(events[0], 'ADDED Pending');
    assert.equal(events.at(-1), 'MODIFIED Running');
  }, 20));

test('pods/log?follow=true streams the lines the container writes as time passes and ends when it exits (kubectl logs -f)', async () =>
  withServer(async (url, cluster) => {
    await send(`${url}/api/v1/namespaces/default/pods`, 'POST', {
      ...POD,
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo a; sleep 2; echo b'] }],
      },
    });
    while (
      (cluster.store.get('Pod', 'default', 'web') as unknown as { status: { phase: string } }).status.phase ===
      'Pending'
    )
      await new Promise((r) => setTimeout(r, 20));
    const r = await fetch(`${url}/api/v1/namespaces/default/pods/web/log?follow=true`);
    assert.equal(await r.text(), 'a\nb\n');
  }, 20));

test('a dry-run patch answers the patched object with the stored identity and resourceVersion, and stores nothing (kubectl diff)', async () =>
  withServer(async (url, cluster) => {
    const before = cluster.store.get('Node', undefined, 'w1-k8s')!;
    const r = (await (
      await send(
        `${url}/api/v1/nodes/w1-k8s?dryRun=All`,
        'PATCH',
        { metadata: { labels: { disk: 'ssd' } } },
        'application/strategic-merge-patch+json',
      )
    ).json()) as { metadata: { labels: Record<string, string>; resourceVersion: string; uid: string } };
    assert.equal(r.metadata.labels.disk, 'ssd');
    assert.deepEqual(
      [r.metadata.resourceVersion, r.metadata.uid],
      [before.metadata.resourceVersion, before.metadata.uid],
    );
    assert.equal(cluster.store.get('Node', undefined, 'w1-k8s'), before);
  }));

test('exec over a v5.channel.k8s.io websocket: stdout on stream 1, then the Status on stream 3 (NonZeroExitCode with the ExitCode cause)', async () =>
  withServer(async (url, cluster) => {
    const { WebSocket } = await import('ws');
    const etcd = cluster.store.list('Pod', 'kube-system').find((p) => p.metadata.name?.startsWith('etcd-'))!;
    const run = (command: string[]) =>
      new Promise<{ protocol: string; frames: [number, string][] }>((resolve, reject) => {
        const q = command.map((c) => `command=${encodeURIComponent(c)}`).join('&');
        const ws = new WebSocket(
          `${url.replace('http', 'ws')}/api/v1/namespaces/kube-system/pods/${etcd.metadata.name}/exec?${q}&container=etcd&stdout=true&stderr=true`,
          ['v5.channel.k8s.io', 'v4.channel.k8s.io'],
        );
        const frames: [number, string][] = [];
        ws.on('message', (d: Buffer) => frames.push([d[0], d.subarray(1).toString('utf8')]));
        ws.on('close', () => resolve({ protocol: ws.protocol, frames }));
        ws.on('error', reject);
      });
    const ok = await run(['hostname']);
    assert.equal(ok.protocol, 'v5.channel.k8s.io');
    assert.deepEqual(ok.frames, [
      [1, 'm-k8s\n'],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
    const failed = await run(['printenv', 'NOPE']);
    const status = JSON.parse(failed.frames.at(-1)![1]);
    assert.equal(failed.frames.at(-1)![0], 3);
    assert.equal(status.reason, 'NonZeroExitCode');
    assert.deepEqual(status.details.causes, [{ reason: 'ExitCode', message: '1', field: '' }]);
  }));

test('exec -it over v5.channel.k8s.io: a shell on stream 0 with a terminal (echo, prompt, \\r\\n); the close signal [255, 0] ends stdin', async () =>
  withServer(async (url, cluster) => {
    const { WebSocket } = await import('ws');
    await send(`${url}/api/v1/namespaces/default/pods`, 'POST', {
      ...POD,
      spec: { containers: [{ name: 'bb', image: 'busybox', command: ['sleep', '100000'] }] },
    });
    cluster.advance(60_000);
    const session = (query: string, input: Buffer[]) =>
      new Promise<[number, string][]>((resolve, reject) => {
        const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/namespaces/default/pods/web/exec?${query}`, [
          'v5.channel.k8s.io',
        ]);
        const frames: [number, string][] = [];
        ws.on('open', () => {
          for (const b of input) ws.send(b);
        });
        ws.on('message', (d: Buffer) => {
          frames.push([d[0], d.subarray(1).toString('utf8')]);
          // as client-go's executor does: the Status on stream 3 ends the exec
          if (d[0] === 3) ws.close();
        });
        ws.on('close', () => resolve(frames));
        ws.on('error', reject);
      });
    const stdin = (s: string) => Buffer.concat([Buffer.from([0]), Buffer.from(s)]);
    const tty = await session('command=sh&stdin=true&stdout=true&tty=true', [
      Buffer.from([4, ...Buffer.from('{"Width":80,"Height":24}')]),
      stdin('hostname\r'),
      stdin('exit 2\r'),
    ]);
    assert.equal(
      tty
        .map(([, t]) => t)
        .slice(0, -1)
        .join(''),
      '/ # hostname\r\nweb\r\n/ # exit 2\r\n',
    );
    assert.equal(JSON.parse(tty.at(-1)![1]).details.causes[0].message, '2');
    const piped = await session('command=sh&stdin=true&stdout=true&stderr=true', [
      stdin('hostname\n'),
      Buffer.from([255, 0]),
    ]);
    assert.deepEqual(piped, [
      [1, 'web\n'],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
  }));

test('/openapi/v2: JSON by default, gnostic protobuf when asked for (kubectl explain --output=plaintext-openapiv2), 304 for its ETag', async () =>
  withServer(async (url) => {
    const json = await fetch(`${url}/openapi/v2`, { headers: { accept: 'application/json' } });
    assert.equal(json.headers.get('content-type'), 'application/json');
    const etag = json.headers.get('etag')!;
    assert.equal(((await json.json()) as { swagger: string }).swagger, '2.0');
    const pb = await fetch(`${url}/openapi/v2`, {
      headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
    });
    assert.equal(pb.headers.get('content-type'), 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    assert.equal(pb.headers.get('etag'), etag);
    // Document field 1 (swagger, a string): tag 0x0a, length 3, "2.0"
    assert.deepEqual([...new Uint8Array(await pb.arrayBuffer()).subarray(0, 5)], [0x0a, 3, 0x32, 0x2e, 0x30]);
    const again = await fetch(`${url}/openapi/v2`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal((await fetch(`${url}/openapi/v2`, { headers: { accept: 'text/html' } })).status, 406);
  }));

test("exec of a missing pod: kube-apiserver's Status instead of the upgrade", async () =>
  withServer(async (url) => {
    const { WebSocket } = await import('ws');
    const answer = await new Promise<{ code: number; body: string }>((resolve) => {
      const ws = new WebSocket(
        `${url.replace('http', 'ws')}/api/v1/namespaces/kube-system/pods/nope/exec?command=true`,
        ['v5.channel.k8s.io'],
      );
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString('utf8');
        });
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
      });
      ws.on('error', () => {});
    });
    assert.equal(answer.code, 404);
    assert.equal(JSON.parse(answer.body).message, 'pods "nope" not found');
  }));

test('watch from an older resourceVersion replays the events since; one before serve started is an ERROR event with 410 Expired', async () =>
  withServer(async (url, cluster) => {
    const start = cluster.store.resourceVersion();
    await send(`${url}/api/v1/namespaces/default/pods`, 'POST', POD);
    const read = async (rv: string) => {
      const res = await fetch(
        `${url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}&timeoutSeconds=1`,
      );
      return (await res.text())
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as { type: string; object: { metadata?: { name?: string }; code?: number; reason?: string } },
        );
    };
    const replayed = await read(start);
    assert.equal(replayed[0].type, 'ADDED');
    assert.equal(replayed[0].object.metadata?.name, 'web');
    const old = await read(String(Number(start) - 1));
    assert.deepEqual(
      old.map((e) => [e.type, e.object.code, e.object.reason]),
      [['ERROR', 410, 'Expired']],
    );
  }));

test('managedFields: a request writes as its fieldManager, else as its user agent up to the first "/"; status writes as subresource status (handlers/rest.go managerOrUserAgent)', async () =>
  withServer(async (url) => {
    const pods = `${url}/api/v1/namespaces/default/pods`;
    const created = await fetch(`${pods}?fieldManager=my-tool`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(POD),
    });
    assert.equal(created.status, 201);
    // the answer is the pod as written: Pending, only the writer's entry
    const body = (await created.json()) as { status: { phase: string }; metadata: { managedFields: unknown[] } };
    assert.equal(body.status.phase, 'Pending');
    const managers = async () =>
      (
        (await (await fetch(`${pods}/web`)).json()) as {
          metadata: { managedFields: { manager: string; operation: string; subresource?: string }[] };
        }
      ).metadata.managedFields.map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`);
    assert.deepEqual(body.metadata.managedFields.length, 1);
    const patch = await fetch(`${pods}/web`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json', 'user-agent': 'curl/8.5.0' },
      body: JSON.stringify({ metadata: { labels: { tier: 'web' } } }),
    });
    assert.equal(patch.status, 200);
    const status = await fetch(`${pods}/web/status?fieldManager=probe`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ status: { message: 'hello' } }),
    });
    assert.equal(status.status, 200);
    // (the answer is the pod as written: the kubelet's next status write drops the message, and with it probe's entry)
    const written = (await status.json()) as {
      metadata: { managedFields: { manager: string; subresource?: string; fieldsV1: unknown; time: string }[] };
    };
    assert.deepEqual(
      written.metadata.managedFields.filter((e) => e.manager === 'probe'),
      [
        {
          manager: 'probe',
          operation: 'Update',
          apiVersion: 'v1',
          time: written.metadata.managedFields.find((e) => e.manager === 'probe')!.time,
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:status': { 'f:message': {} } },
          subresource: 'status',
        },
      ],
    );
    const all = await managers();
    for (const m of ['my-tool/Update', 'curl/Update', 'kubelet/Update/status'])
      assert.ok(all.includes(m), `${m} in ${all.join(', ')}`);
  }));

test('managedFields: a server-side apply as kubectl keeps a client-side apply annotation in step (lastAppliedUpdater)', async () =>
  withServer(async (url) => {
    const cms = `${url}/api/v1/namespaces/default/configmaps`;
    const last = '{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"name":"cm"}}';
    await send(cms, 'POST', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': last } },
      data: { a: '1' },
    });
    const applied = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n  b: "2"\n';
    const r = await send(`${cms}/cm?fieldManager=kubectl`, 'PATCH', applied, 'application/apply-patch+yaml');
    assert.equal(r.status, 200);
    const cm = (await r.json()) as { metadata: { annotations: Record<string, string> } };
    assert.equal(
      cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'],
      '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"name":"cm"}}',
    );
  }));
