import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ControllerRevision, DaemonSet, Pod, StatefulSet } from '../api/types.ts';
import { addNode, createEmptyCluster } from '../cluster/bootstrap.ts';
import { fnv32 } from '../util/hash.ts';
import {
  byRevision,
  controllerRevisionName,
  hashControllerRevision,
  revisionRaw,
  revisionTemplate,
  templatePatch,
} from './history.ts';

// The data and name of a StatefulSet's ControllerRevision as a real cluster stored them
// (`kubectl get controllerrevision nginx-sts-6798d68dcd -o yaml`): the StatefulSet had one
// container `nginx` with image `nginx` and the label app=nginx-sts.
const REAL_RAW =
  '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"nginx-sts"}},"spec":{"containers":[{"image":"nginx","imagePullPolicy":"Always","name":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}}';

function cluster() {
  const c = createEmptyCluster();
  addNode(c, { name: 'n1' });
  c.settle();
  return c;
}

const sts = (image: string, extra: Partial<StatefulSet['spec']> = {}): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'nginx-sts' },
  spec: {
    replicas: 2,
    serviceName: 'nginx-sts',
    selector: { matchLabels: { app: 'nginx-sts' } },
    template: { metadata: { labels: { app: 'nginx-sts' } }, spec: { containers: [{ name: 'nginx', image }] } },
    ...extra,
  },
});

/** A cluster whose StatefulSet nginx-sts (image `image`) has run for a minute. */
function started(image: string, extra: Partial<StatefulSet['spec']> = {}) {
  const c = cluster();
  c.api.create(sts(image, extra));
  c.advance(60_000);
  c.settle();
  return c;
}

/** Changes nginx-sts's image (a new template), then lets `ms` pass; the StatefulSet as it was before. */
function setImage(c: ReturnType<typeof cluster>, image: string, ms: number): StatefulSet {
  const before = c.store.get<StatefulSet>('StatefulSet', 'default', 'nginx-sts')!;
  c.api.update({ ...before, spec: { ...before.spec, template: sts(image).spec.template } });
  c.advance(ms);
  c.settle();
  return before;
}

const revisions = (c: ReturnType<typeof cluster>) =>
  c.store
    .list<ControllerRevision>('ControllerRevision')
    .sort(byRevision)
    .map((r) => `${r.metadata.name} ${r.revision}`);

test('hash/fnv New32 (FNV-1): multiply, then xor', () => {
  assert.equal(fnv32(Buffer.from('')), 0x811c9dc5);
  assert.equal(fnv32(Buffer.from('a')), 0x050c5d7e);
  assert.equal(fnv32(Buffer.from('foobar')), 0x31f0b262);
});

test('HashControllerRevision: FNV-1 of Data.Raw, then the probe (collision count) in decimal, safe-encoded: a real cluster named this revision nginx-sts-6798d68dcd', () => {
  assert.equal(hashControllerRevision(REAL_RAW, 0), '6798d68dcd');
  assert.notEqual(hashControllerRevision(REAL_RAW, 1), '6798d68dcd');
  assert.equal(controllerRevisionName('nginx-sts', '6798d68dcd'), 'nginx-sts-6798d68dcd');
  // ControllerRevisionName cuts the prefix to 223 bytes
  assert.equal(controllerRevisionName('x'.repeat(300), 'h').length, 225);
});

test('getPatch (stateful_set_utils.go): the defaulted template as the Go struct marshals it, $patch: replace, keys sorted', () => {
  const c = cluster();
  c.api.create(sts('nginx'));
  const stored = c.store.get<StatefulSet>('StatefulSet', 'default', 'nginx-sts')!;
  const p = templatePatch(stored.spec.template);
  assert.equal(p.raw, REAL_RAW);
  assert.equal(templatePatch(stored.spec.template), p, 'kept per template object');
  // the data keeps the raw bytes' key order, so a served revision has the same bytes
  assert.equal(JSON.stringify(p.data), REAL_RAW);
});

test('StatefulSet controller: the revision of its template, named <sts>-<hash> with controller.kubernetes.io/hash, owned by the StatefulSet; pods and status name it', () => {
  const c = cluster();
  c.api.create({ ...sts('nginx'), metadata: { name: 'nginx-sts', annotations: { team: 'a' } } });
  c.settle();
  const r = c.store.get<ControllerRevision>('ControllerRevision', 'default', 'nginx-sts-6798d68dcd')!;
  assert.ok(r, 'the revision a real cluster creates');
  assert.equal(r.revision, 1);
  assert.deepEqual(r.metadata.labels, { app: 'nginx-sts', 'controller.kubernetes.io/hash': '6798d68dcd' });
  assert.deepEqual(r.metadata.annotations, { team: 'a' }, "newRevision copies the StatefulSet's annotations");
  assert.equal(r.metadata.ownerReferences?.[0].kind, 'StatefulSet');
  assert.equal(r.metadata.ownerReferences?.[0].controller, true);
  assert.equal(r.metadata.generation, undefined, 'the ControllerRevision strategy sets no generation');
  assert.equal(revisionRaw(r), REAL_RAW);
  const pod = c.store.get<Pod>('Pod', 'default', 'nginx-sts-0')!;
  assert.equal(pod.metadata.labels?.['controller-revision-hash'], 'nginx-sts-6798d68dcd');
  const status = c.store.get<StatefulSet>('StatefulSet', 'default', 'nginx-sts')!.status!;
  assert.equal(status.currentRevision, 'nginx-sts-6798d68dcd');
  assert.equal(status.updateRevision, 'nginx-sts-6798d68dcd');
  assert.equal(status.collisionCount, 0);
});

test('StatefulSet controller: a new template is a new revision and a rolling update from the highest ordinal; going back renumbers the old revision (getStatefulSetRevisions)', () => {
  const c = started('nginx:1.25');
  const first = setImage(c, 'nginx:1.26', 120_000);
  let s = c.store.get<StatefulSet>('StatefulSet', 'default', 'nginx-sts')!;
  const updated = s.status!.updateRevision!;
  assert.notEqual(updated, first.status?.updateRevision);
  const labels = () =>
    ['nginx-sts-0', 'nginx-sts-1'].map(
      (n) => c.store.get<Pod>('Pod', 'default', n)?.metadata.labels?.['controller-revision-hash'],
    );
  assert.deepEqual(labels(), [updated, updated]);
  // the highest ordinal went first, the next only once it was back
  const deletes = c.events
    .for(s)
    .filter((e) => e.reason === 'SuccessfulDelete')
    .map((e) => e.message);
  assert.deepEqual(deletes, [
    'delete Pod nginx-sts-1 in StatefulSet nginx-sts successful',
    'delete Pod nginx-sts-0 in StatefulSet nginx-sts successful',
  ]);
  s = c.store.get<StatefulSet>('StatefulSet', 'default', 'nginx-sts')!;
  assert.equal(s.status?.currentRevision, updated, 'completeRollingUpdate');
  assert.equal(s.status?.updatedReplicas, 2);
  assert.equal(revisions(c).length, 2);
  // back to the first template: its revision becomes revision 3, no new one
  setImage(c, 'nginx:1.25', 120_000);
  const [a, b] = revisions(c);
  assert.equal(a, `${updated} 2`);
  assert.match(b, /^nginx-sts-\w+ 3$/);
});

test('StatefulSet controller: pods below the partition keep the current revision; OnDelete replaces none', () => {
  const c = started('nginx:1.25', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } });
  const current = setImage(c, 'nginx:1.26', 120_000).status!.currentRevision!;
  const after = c.store.get<StatefulSet>('StatefulSet', 'default', 'nginx-sts')!;
  const rev = (n: string) => c.store.get<Pod>('Pod', 'default', n)?.metadata.labels?.['controller-revision-hash'];
  assert.equal(rev('nginx-sts-0'), current);
  assert.equal(rev('nginx-sts-1'), after.status?.updateRevision);
  assert.equal(after.status?.currentRevision, current, 'not every pod is updated');
  // a pod below the partition deleted by hand comes back from the current revision's template
  c.api.delete('Pod', 'default', 'nginx-sts-0', { gracePeriodSeconds: 0 });
  c.advance(60_000);
  c.settle();
  const p0 = c.store.get<Pod>('Pod', 'default', 'nginx-sts-0')!;
  assert.equal(p0.metadata.labels?.['controller-revision-hash'], current);
  assert.equal(p0.spec.containers[0].image, 'nginx:1.25');

  const d = started('nginx:1.25', { updateStrategy: { type: 'OnDelete' } });
  setImage(d, 'nginx:1.26', 60_000);
  assert.equal(d.store.get<Pod>('Pod', 'default', 'nginx-sts-1')?.spec.containers[0].image, 'nginx:1.25');
});

test('truncateHistory: revisions no pod uses beyond revisionHistoryLimit go, oldest first', () => {
  const c = started('nginx:1.20', { revisionHistoryLimit: 1 });
  for (const v of ['1.21', '1.22', '1.23']) setImage(c, `nginx:${v}`, 120_000);
  // live: the current (= update) revision 4; history: revision 3 only (the limit)
  assert.deepEqual(
    revisions(c).map((r) => r.split(' ')[1]),
    ['3', '4'],
  );
  const images = c.store
    .list<ControllerRevision>('ControllerRevision')
    .map((r) => revisionTemplate(r)?.spec.containers[0].image);
  assert.deepEqual(images.sort(), ['nginx:1.22', 'nginx:1.23']);
});

test("DaemonSet controller: constructHistory snapshots the template as <ds>-<hash> with controller-revision-hash = the pods' label; a changed template is revision 2; cleanupHistory keeps revisionHistoryLimit old ones", () => {
  const c = cluster();
  const ds: DaemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      revisionHistoryLimit: 1,
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'a', image: 'busybox:1.36' }] },
      },
    },
  };
  c.api.create(ds);
  c.advance(30_000);
  c.settle();
  const [r1] = c.store.list<ControllerRevision>('ControllerRevision');
  const hash = c.store.list<Pod>('Pod').find((p) => p.metadata.labels?.app === 'agent')!.metadata.labels![
    'controller-revision-hash'
  ];
  assert.equal(r1.metadata.name, `agent-${hash}`);
  assert.deepEqual(r1.metadata.labels, { app: 'agent', 'controller-revision-hash': hash });
  assert.equal(r1.revision, 1);
  assert.equal(
    revisionRaw(r1),
    templatePatch(c.store.get<DaemonSet>('DaemonSet', 'default', 'agent')!.spec.template).raw,
    'Match: the data is the template patch',
  );
  for (const v of ['1.37', '1.38']) {
    const cur = c.store.get<DaemonSet>('DaemonSet', 'default', 'agent')!;
    c.api.update({
      ...cur,
      spec: {
        ...cur.spec,
        template: { ...cur.spec.template, spec: { containers: [{ name: 'a', image: `busybox:${v}` }] } },
      },
    });
    c.advance(60_000);
    c.settle();
  }
  assert.deepEqual(
    c.store
      .list<ControllerRevision>('ControllerRevision')
      .sort(byRevision)
      .map((r) => [r.revision, revisionTemplate(r)?.spec.containers[0].image]),
    [
      [2, 'busybox:1.37'],
      [3, 'busybox:1.38'],
    ],
  );
});

test('StatefulSet status as the typed StatefulSetStatus writes it: at 0 replicas the omitempty counts are left out, replicas and availableReplicas stay', () => {
  const c = cluster();
  c.api.create(sts('nginx', { replicas: 0 }));
  c.settle();
  assert.deepEqual(c.store.get<StatefulSet>('StatefulSet', 'default', 'nginx-sts')!.status, {
    availableReplicas: 0,
    collisionCount: 0,
    currentRevision: 'nginx-sts-6798d68dcd',
    observedGeneration: 1,
    replicas: 0,
    updateRevision: 'nginx-sts-6798d68dcd',
  });
});
