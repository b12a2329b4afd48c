import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Service } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { runKubectl } from '../kubectl/kubectl.ts';
import { computedObjects, endpointSlices } from './computed.ts';
import { startServer } from './server.ts';

// biome-ignore lint/suspicious/noExplicitAny: EndpointSlices are read as plain JSON
type Slice = any;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports: [{name: http, containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {team: a}}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8080, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: nobody}
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: manual}
spec:
  ports: [{port: 80}]
`;

function cluster() {
  const c = createLabCluster();
  assert.equal(runKubectl(c, 'apply -f -', { stdin: WEB }).exitCode, 0);
  c.advance(60_000);
  return c;
}

const svc = (c: ReturnType<typeof cluster>, name: string, ns = 'default') => c.store.get<Service>('Service', ns, name)!;

test('EndpointSlice of a Service (EndpointSlice controller, staging/src/k8s.io/endpointslice utils.go newEndpointSlice, podToEndpoint, getEndpointPorts): <service>-<5 chars>, the Service labels with service-name and managed-by, owned by the Service, IPv4, the pods with ready/serving/terminating, nodeName, targetRef, named targetPort resolved', () => {
  const c = cluster();
  const [s, ...more] = endpointSlices(c, svc(c, 'web')) as Slice[];
  assert.equal(more.length, 0);
  assert.match(s.metadata.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(s.metadata.generateName, 'web-');
  assert.deepEqual(s.metadata.labels, {
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    'kubernetes.io/service-name': 'web',
    team: 'a',
  });
  assert.deepEqual(s.metadata.ownerReferences, [
    {
      apiVersion: 'v1',
      kind: 'Service',
      name: 'web',
      uid: svc(c, 'web').metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  assert.equal(s.addressType, 'IPv4');
  assert.deepEqual(s.ports, [{ name: 'http', protocol: 'TCP', port: 80 }]);
  const pods = c.store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web');
  assert.equal(s.endpoints.length, 2);
  assert.deepEqual(
    s.endpoints,
    pods.map((p) => ({
      addresses: [p.status!.podIP],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'default', name: p.metadata.name, uid: p.metadata.uid },
      nodeName: p.spec.nodeName,
    })),
  );
  // the same slice on every request: name and uid are stable
  assert.deepEqual(endpointSlices(c, svc(c, 'web')), [s]);
});

test('EndpointSlice: a placeholder slice (no ports, no endpoints: null) when no pod is selected; none for a Service without a selector (the controller skips it)', () => {
  const c = cluster();
  const [p, ...more] = endpointSlices(c, svc(c, 'nobody')) as Slice[];
  assert.equal(more.length, 0);
  assert.equal(p.endpoints, null);
  assert.equal(p.ports, null);
  assert.deepEqual(endpointSlices(c, svc(c, 'manual')), []);
});

test('EndpointSlice conditions: a terminating pod is serving but not ready (podToEndpoint: ready = serving && !terminating); a finished pod is left out (ShouldPodBeInEndpoints)', () => {
  const c = cluster();
  const [a, b] = c.store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web');
  c.store.update({ ...a, metadata: { ...a.metadata, deletionTimestamp: c.clock.iso() } } as Pod);
  c.store.update({
    ...b,
    spec: { ...b.spec, restartPolicy: 'Never' },
    status: { ...b.status, phase: 'Succeeded' },
  } as Pod);
  const [s] = endpointSlices(c, svc(c, 'web')) as Slice[];
  assert.deepEqual(
    s.endpoints.map((e: Slice) => [e.targetRef.name, e.conditions]),
    [[a.metadata.name, { ready: false, serving: true, terminating: true }]],
  );
});

test('serve: EndpointSlices listed by the service-name label (what kubectl describe service asks for), got by name, watched; writes refused with 405 and not supported yet', async () => {
  const c = cluster();
  const s = await startServer(c, { speed: 0 });
  try {
    const base = `${s.url}/apis/discovery.k8s.io/v1/namespaces/default/endpointslices`;
    const list = (await (await fetch(`${base}?labelSelector=kubernetes.io%2Fservice-name%3Dweb`)).json()) as Slice;
    assert.equal(list.kind, 'EndpointSliceList');
    assert.equal(list.items.length, 1);
    const name = list.items[0].metadata.name;
    const one = (await (await fetch(`${base}/${name}`)).json()) as Slice;
    assert.deepEqual(one, list.items[0]);
    const missing = await fetch(`${base}/web-nope1`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as Slice).message, 'endpointslices.discovery.k8s.io "web-nope1" not found');
    const create = await fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...one, metadata: { name: 'x' } }),
    });
    assert.equal(create.status, 405);
    const status = (await create.json()) as Slice;
    assert.equal(status.reason, 'MethodNotAllowed');
    assert.match(status.message, /^not supported yet: writing endpointslices\.discovery\.k8s\.io \(/);
    // watch: the current slices, then a change when a selected pod goes
    const res = await fetch(`${base}?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3D${name}`);
    const pod = c.store.list<Pod>('Pod', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    runKubectl(c, `delete pod ${pod.metadata.name} --wait=false`);
    const events = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: Slice })
      .map((e) => `${e.type} ${e.object.endpoints.map((x: Slice) => x.conditions.ready).join(',')}`);
    // the pod terminates (ready false), then goes and its replacement comes: the first two events
    assert.deepEqual(events.slice(0, 2), ['ADDED true,true', 'MODIFIED false,true']);
  } finally {
    await s.close();
  }
});

test('serve: ResourceQuotas and LimitRanges are served and always empty (so kubectl describe namespace prints "No resource quota." and "No LimitRange resource."); creating one is 405 not supported yet', async () => {
  const c = createLabCluster();
  const s = await startServer(c, { speed: 0 });
  try {
    for (const [plural, kind] of [
      ['resourcequotas', 'ResourceQuotaList'],
      ['limitranges', 'LimitRangeList'],
    ]) {
      const list = (await (await fetch(`${s.url}/api/v1/namespaces/default/${plural}?limit=500`)).json()) as Slice;
      assert.equal(list.kind, kind);
      assert.deepEqual(list.items, []);
      const r = await fetch(`${s.url}/api/v1/namespaces/default/${plural}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(r.status, 405);
      assert.match(((await r.json()) as Slice).message, new RegExp(`^not supported yet: writing ${plural} \\(`));
    }
    const apis = (await (await fetch(`${s.url}/api/v1`)).json()) as { resources: { name: string }[] };
    assert.ok(apis.resources.some((r) => r.name === 'resourcequotas'));
    assert.ok(apis.resources.some((r) => r.name === 'limitranges'));
  } finally {
    await s.close();
  }
});

test("the kubernetes Service's EndpointSlice is kube-apiserver's own (endpointsadapter.go endpointSliceFromEndpoints): named kubernetes, the service-name label only, the --advertise-address ready on --secure-port, port https; kubectl describe service prints it", () => {
  const c = cluster();
  assert.deepEqual(
    endpointSlices(c, svc(c, 'kubernetes')).map((s: Slice) => [
      s.metadata.name,
      s.metadata.labels,
      s.endpoints,
      s.ports,
    ]),
    [
      [
        'kubernetes',
        { 'kubernetes.io/service-name': 'kubernetes' },
        [{ addresses: ['192.168.1.10'], conditions: { ready: true } }],
        [{ name: 'https', protocol: 'TCP', port: 6443 }],
      ],
    ],
  );
  assert.match(runKubectl(c, 'describe svc kubernetes').stdout, /\nEndpoints: +192\.168\.1\.10:6443\n/);
});

test('the simulated kubectl refuses get|describe of the kinds only serve has (not supported yet), where api-resources lists them', () => {
  const c = createLabCluster();
  for (const [cmd, plural] of [
    ['get endpointslices', 'endpointslices'],
    ['get quota -A', 'resourcequotas'],
    ['describe limits', 'limitranges'],
  ]) {
    const r = runKubectl(c, cmd);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, new RegExp(`^error: not supported yet: ${plural} in the simulated kubectl`));
  }
  assert.match(
    runKubectl(c, 'api-resources').stdout,
    /\nendpointslices +discovery\.k8s\.io\/v1 +true +EndpointSlice\n/,
  );
});

test("computedObjects: a service-name label selector computes only that Service's slices (describe service's list); other selectors compute every Service's, sorted by namespace and name", () => {
  const c = cluster();
  const names = (sel: string | null, ns?: string) =>
    computedObjects(c, 'EndpointSlice', ns, sel).map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
  assert.deepEqual(names('kubernetes.io/service-name=web', 'default').length, 1);
  assert.match(names('app=x,kubernetes.io/service-name==web')[0], /^default\/web-/);
  const all = names('kubernetes.io/service-name!=web');
  assert.deepEqual(all, [...all].sort());
  assert.ok(all.some((n) => n.startsWith('kube-system/kube-dns-')) && all.some((n) => n.startsWith('default/web-')));
  assert.deepEqual(computedObjects(c, 'ResourceQuota', 'default'), []);
});
