import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, Pod, ReplicaSet } from '../api/types.ts';
import { DeploymentController, equalIgnoreHash, newReplicaSetAnnotations, resolveStrategy } from './deployment.ts';
import { ReplicaSetController } from './replicaset.ts';
import { templateHash, safeEncode } from './common.ts';
import { fnv32a } from '../util/hash.ts';
import { eventsOf, fakeKubelet, harness, ownedBy, settle, type Harness } from './testutil.ts';

function deploy(h: Harness, replicas: number, strategy?: unknown): Deployment {
  return h.api.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }] },
      },
      ...(strategy ? { strategy } : {}),
    },
  });
}
const get = (h: Harness) => h.store.get<Deployment>('Deployment', 'default', 'web')!;
const rss = (h: Harness) => h.store.list<ReplicaSet>('ReplicaSet', 'default');
const controllers = (h: Harness) => [
  new DeploymentController(h.api, h.events),
  new ReplicaSetController(h.api, h.events),
  fakeKubelet(h),
];

test('Deployment controller: pod-template-hash is FNV-32a of the template, its decimal value encoded with the safe alphabet', () => {
  assert.equal(fnv32a(Buffer.from('')), 0x811c9dc5);
  assert.equal(fnv32a(Buffer.from('a')), 0xe40c292c);
  assert.equal(safeEncode('0123456789'), '456789bcdf');
  const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
  const hash = templateHash(t);
  assert.match(hash, /^[456789bcdf]{9,10}$/);
  assert.equal(templateHash(structuredClone(t)), hash);
  assert.notEqual(templateHash({ ...t, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }] } }), hash);
  assert.notEqual(templateHash(t, 1), hash);
});

test('Deployment controller: creates ReplicaSet <deploy>-<hash> with pod-template-hash on its labels, selector and template, and a ScalingReplicaSet event', () => {
  const h = harness();
  const d = deploy(h, 3);
  settle(...controllers(h));
  const [rs] = rss(h);
  const hash = templateHash(get(h).spec.template);
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.metadata.labels, { app: 'web', 'pod-template-hash': hash });
  assert.deepEqual(rs.spec.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
  assert.deepEqual(rs.spec.template.metadata?.labels, { app: 'web', 'pod-template-hash': hash });
  assert.ok(ownedBy(d)(rs));
  assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  assert.equal(get(h).metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual(eventsOf(h, d), [
    `Normal ScalingReplicaSet deployment-controller: Scaled up replica set web-${hash} from 0 to 3`,
  ]);
  for (const p of h.store.list<Pod>('Pod', 'default'))
    assert.match(p.metadata.name!, new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
});

test('Deployment controller: status has replicas/updated/ready/available, observedGeneration and Available + Progressing conditions', () => {
  const h = harness();
  deploy(h, 2);
  settle(...controllers(h));
  const s = get(h).status as Record<string, unknown> & {
    conditions: { type: string; status: string; reason: string; message: string }[];
  };
  assert.equal(s.replicas, 2);
  assert.equal(s.updatedReplicas, 2);
  assert.equal(s.readyReplicas, 2);
  assert.equal(s.availableReplicas, 2);
  assert.equal(s.observedGeneration, 1);
  assert.equal(s.unavailableReplicas, undefined);
  const rsName = rss(h)[0].metadata.name;
  assert.deepEqual(
    s.conditions.map((c) => [c.type, c.status, c.reason, c.message]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
    ],
  );
});

test('Deployment controller: scaling down records "Scaled down replica set <rs> from 3 to 2"', () => {
  const h = harness();
  const d = deploy(h, 3);
  settle(...controllers(h));
  h.store.mutate<Deployment>('Deployment', 'default', 'web', (x) => {
    x.spec.replicas = 2;
  });
  settle(...controllers(h));
  const rs = rss(h)[0];
  assert.equal(rs.spec.replicas, 2);
  assert.equal(h.store.list<Pod>('Pod', 'default').length, 2);
  assert.equal(
    eventsOf(h, d).at(-1),
    `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${rs.metadata.name} from 3 to 2`,
  );
});

test('Deployment controller: a template change rolls out a new ReplicaSet (revision 2) and scales the old one to 0 within maxSurge/maxUnavailable', () => {
  const h = harness();
  const d = deploy(h, 4);
  settle(...controllers(h));
  const oldName = rss(h)[0].metadata.name!;
  h.store.mutate<Deployment>('Deployment', 'default', 'web', (x) => {
    x.spec.template.spec.containers[0].image = 'nginx:1.15';
  });
  settle(...controllers(h));
  const newRS = rss(h).find((r) => r.metadata.name !== oldName)!;
  const oldRS = rss(h).find((r) => r.metadata.name === oldName)!;
  assert.equal(newRS.spec.replicas, 4);
  assert.equal(oldRS.spec.replicas, 0);
  assert.equal(newRS.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  assert.equal(get(h).metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  assert.ok(
    h.store
      .list<Pod>('Pod', 'default')
      .every((p) => p.metadata.labels?.['pod-template-hash'] === newRS.metadata.labels?.['pod-template-hash']),
  );
  // 25% of 4: maxSurge 1, maxUnavailable 1 → first step scales the new RS to 1 only.
  assert.equal(
    eventsOf(h, d)[1],
    `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${newRS.metadata.name} from 0 to 1`,
  );
  assert.deepEqual(resolveStrategy(get(h)), { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 1 });
});

test('Deployment controller: Recreate scales the old ReplicaSet to 0 and creates the new one only when no old pod is left', () => {
  const h = harness();
  const d = deploy(h, 2, { type: 'Recreate' });
  const [dc, rc] = [new DeploymentController(h.api, h.events), new ReplicaSetController(h.api, h.events)];
  settle(dc, rc, fakeKubelet(h));
  const oldName = rss(h)[0].metadata.name!;
  h.store.mutate<Deployment>('Deployment', 'default', 'web', (x) => {
    x.spec.template.spec.containers[0].image = 'nginx:1.15';
  });
  dc.sync();
  rc.sync(); // old pods now terminating (deletionTimestamp), not yet gone
  dc.sync();
  assert.deepEqual(
    rss(h).map((r) => r.metadata.name),
    [oldName],
  );
  settle(dc, rc, fakeKubelet(h));
  const newRS = rss(h).find((r) => r.metadata.name !== oldName)!;
  assert.equal(newRS.spec.replicas, 2);
  assert.deepEqual(eventsOf(h, d).slice(1), [
    `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${oldName} from 2 to 0`,
    `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${newRS.metadata.name} from 0 to 2`,
  ]);
});

test('Deployment controller: a rollback reuses the old ReplicaSet with the next revision and remembers the replaced one in revision-history; change-cause follows the Deployment (deployment_util.go SetNewReplicaSetAnnotations)', () => {
  const h = harness();
  deploy(h, 2);
  settle(...controllers(h));
  const first = rss(h)[0].metadata.name!;
  const setImage = (image: string, cause: string) =>
    h.store.mutate<Deployment>('Deployment', 'default', 'web', (x) => {
      x.spec.template.spec.containers[0].image = image;
      x.metadata.annotations = { ...x.metadata.annotations, 'kubernetes.io/change-cause': cause };
    });
  setImage('nginx:1.15', 'to 1.15');
  settle(...controllers(h));
  setImage('nginx:1.14', 'back to 1.14');
  settle(...controllers(h));
  const reused = h.store.get<ReplicaSet>('ReplicaSet', 'default', first)!;
  assert.equal(reused.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  assert.equal(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(reused.metadata.annotations?.['kubernetes.io/change-cause'], 'back to 1.14');
  assert.equal(get(h).metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  // an annotation added later without a template change reaches the current ReplicaSet too
  h.store.mutate<Deployment>('Deployment', 'default', 'web', (x) => {
    x.metadata.annotations = { ...x.metadata.annotations, 'kubernetes.io/change-cause': 'annotated later' };
  });
  settle(...controllers(h));
  assert.equal(
    h.store.get<ReplicaSet>('ReplicaSet', 'default', first)!.metadata.annotations?.['kubernetes.io/change-cause'],
    'annotated later',
  );
});

test('newReplicaSetAnnotations: revision-history keeps at most 2000 characters, dropping the oldest', () => {
  const d = { metadata: { name: 'web', annotations: {} } } as unknown as Deployment;
  const long = Array.from({ length: 500 }, (_, i) => String(1000 + i)).join(','); // 2499 characters
  const rs = {
    metadata: {
      annotations: { 'deployment.kubernetes.io/revision': '7', 'deployment.kubernetes.io/revision-history': long },
    },
  } as unknown as ReplicaSet;
  const out = newReplicaSetAnnotations(d, rs, 9)!;
  assert.equal(out['deployment.kubernetes.io/revision'], '9');
  const history = out['deployment.kubernetes.io/revision-history'];
  assert.ok(history.length <= 2000);
  assert.ok(history.endsWith(',1499,7'));
  assert.equal(
    newReplicaSetAnnotations(
      d,
      { metadata: { annotations: { 'deployment.kubernetes.io/revision': '9' } } } as unknown as ReplicaSet,
      9,
    ),
    undefined,
  );
});

test("EqualIgnoreHash compares as Semantic.DeepEqual: a template with `creationTimestamp: null` (kubectl rollout undo's patch) is the ReplicaSet's template, so the rollback reuses it", () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
  };
  const fromUndo = {
    metadata: { creationTimestamp: null, labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [] }] },
  };
  const rsTemplate = structuredClone(template) as typeof template & { metadata: { labels: Record<string, string> } };
  rsTemplate.metadata.labels['pod-template-hash'] = '6cf59bd4d9';
  assert.ok(equalIgnoreHash(fromUndo as never, rsTemplate as never));
  assert.ok(
    !equalIgnoreHash(
      { ...fromUndo, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } as never,
      rsTemplate as never,
    ),
  );
});
