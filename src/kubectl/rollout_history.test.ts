import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { k } from './testing.ts';

// Outputs printed by kubectl 1.33.1 against `kube-scenarios serve` (rollout_history.go,
// rollout_undo.go, polymorphichelpers/history.go and rollback.go).

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`;

function cluster() {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: WEB });
  k(c, 'set image deploy/web nginx=nginx:1.26');
  k(c, 'annotate deploy/web kubernetes.io/change-cause=to-1.26');
  return c;
}

test('kubectl rollout history: one row per ReplicaSet revision with its change-cause; the name line keeps its space', () => {
  const c = cluster();
  assert.deepEqual(k(c, 'rollout history deploy/web'), {
    stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         to-1.26\n\n',
    stderr: '',
    exitCode: 0,
  });
  const names = k(c, 'rollout history deployment web -o name').stdout.split('\n');
  assert.equal(names.length, 3);
  assert.match(names[0], /^replicaset\.apps\/web-[a-z0-9]+$/);
  // -o json of the typed ReplicaSets: kind before apiVersion
  assert.match(
    k(c, 'rollout history deploy/web --revision=2 -o json').stdout,
    /^\{\n {4}"kind": "ReplicaSet",\n {4}"apiVersion": "apps\/v1",/,
  );
  assert.equal(
    k(c, 'rollout history deploy/web --revision=9 -o yaml').stderr,
    'error: unable to find the specified revision\n',
  );
  assert.equal(
    k(c, 'rollout history deploy/web --revision=-1').stderr,
    'error: revision must be a positive integer: -1\n',
  );
  assert.equal(
    k(c, 'rollout history svc/kubernetes').stderr,
    'error: error retrieving history for "Service", no visitor method exists for { Service}\n',
  );
  assert.equal(k(c, 'rollout history').stderr, 'error: required resource not specified\n');
});

test('kubectl rollout undo: back to the previous revision, which becomes the next one; a matching template is skipped', () => {
  const c = cluster();
  assert.equal(
    k(c, 'rollout undo deploy/web --dry-run=server').stdout,
    'deployment.apps/web rolled back (server dry run)\n',
  );
  assert.equal(
    c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.template.spec.containers[0].image,
    'nginx:1.26',
  );
  assert.equal(k(c, 'rollout undo deploy/web').stdout, 'deployment.apps/web rolled back\n');
  const d = c.store.get<Deployment>('Deployment', 'default', 'web')!;
  assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.25');
  assert.equal(d.spec.template.metadata?.labels?.['pod-template-hash'], undefined);
  // the revision's annotations replace the Deployment's: revision 1 had no change-cause
  assert.equal(d.metadata.annotations?.['kubernetes.io/change-cause'], undefined);
  assert.equal(
    k(c, 'rollout history deploy/web').stdout,
    'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         to-1.26\n3         <none>\n\n',
  );
  assert.equal(
    k(c, 'rollout undo deploy/web --to-revision=3').stdout,
    'deployment.apps/web skipped rollback (current template already matches revision 3)\n',
  );
  assert.equal(
    k(c, 'rollout undo deploy/web --to-revision=7').stderr,
    'error: unable to find specified revision 7 in history\n',
  );
  assert.equal(
    k(c, 'rollout undo svc/kubernetes').stderr,
    'error: error retrieving rollbacker for "Service", no visitor method exists for { Service}\n',
  );
});

test('kubectl rollout undo of a Deployment with one revision: no rollout history found', () => {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: WEB });
  assert.equal(k(c, 'rollout undo deploy/web').stderr, 'error: no rollout history found for deployment "web"\n');
});

test("kubectl rollout history --revision=N: the name, `with revision #N`, then the revision's pod template as DescribePodTemplate writes it into a plain buffer (printTemplate: tabs not aligned), with the change-cause among its annotations", () => {
  const c = cluster();
  const hash = (rev: string) =>
    c.store
      .list<ReplicaSet>('ReplicaSet', 'default')
      .find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev)!.metadata.labels![
      'pod-template-hash'
    ];
  const template = (image: string, rev: string, annotations = '') =>
    `Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash=${hash(rev)}\n${annotations}  Containers:\n   nginx:\n    Image:\t${image}\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n`;
  assert.deepEqual(k(c, 'rollout history deploy/web --revision=2'), {
    stdout: `deployment.apps/web with revision #2\n${template('nginx:1.26', '2', '  Annotations:\tkubernetes.io/change-cause: to-1.26\n')}\n`,
    stderr: '',
    exitCode: 0,
  });
  assert.equal(
    k(c, 'rollout history deploy/web --revision=1').stdout,
    `deployment.apps/web with revision #1\n${template('nginx:1.25', '1')}\n`,
  );
  assert.equal(
    k(c, 'rollout history deploy/web --revision=3').stderr,
    'error: unable to find the specified revision\n',
  );
  // undo --dry-run=client (rollback.go): the target revision's template as the operation, then " (dry run)"; nothing changes
  assert.equal(
    k(c, 'rollout undo deploy/web --dry-run=client').stdout,
    `deployment.apps/web ${template('nginx:1.25', '1')} (dry run)\n`,
  );
  assert.equal(k(c, 'rollout undo deploy/web --dry-run=client -o name').stdout, 'deployment.apps/web\n');
  assert.equal(
    c.store.get<Deployment>('Deployment', 'default', 'web')!.spec.template.spec.containers[0].image,
    'nginx:1.26',
  );
});

const DB = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: postgres
        image: postgres:16
`;

const TEMPLATE_16 =
  'Pod Template:\n  Labels:\tapp=db\n  Containers:\n   postgres:\n    Image:\tpostgres:16\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n';

test('kubectl rollout history|undo of a StatefulSet: its ControllerRevisions (StatefulSetHistoryViewer, StatefulSetRollbacker)', () => {
  const c = createLabCluster();
  k(c, 'apply -f -', { stdin: DB });
  c.advance(60_000);
  c.settle();
  assert.equal(k(c, 'rollout undo sts/db').stderr, 'error: no last revision to roll back to\n');
  k(c, 'set image sts/db postgres=postgres:17');
  c.advance(120_000);
  c.settle();
  assert.equal(
    k(c, 'rollout history sts/db').stdout,
    'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
  );
  assert.equal(
    k(c, 'rollout history sts/db --revision=1').stdout,
    `statefulset.apps/db with revision #1\n${TEMPLATE_16}\n`,
  );
  assert.equal(k(c, 'rollout history sts/db --revision=3').stderr, 'error: unable to find the specified revision\n');
  // -o: the StatefulSet with that revision's template, as the typed client has it
  assert.equal(
    k(c, 'rollout history sts/db --revision=1 -o jsonpath={.spec.template.spec.containers[0].image}').stdout,
    'postgres:16',
  );
  assert.equal(
    k(c, 'rollout undo sts/db --dry-run=client').stdout,
    `statefulset.apps/db will roll back to ${TEMPLATE_16} (dry run)\n`,
  );
  assert.equal(
    k(c, 'rollout undo sts/db --to-revision=5').stderr,
    'error: unable to find specified revision 5 in history\n',
  );
  assert.equal(
    k(c, 'rollout undo sts/db --to-revision=2').stdout,
    'statefulset.apps/db skipped rollback (current template already matches revision 2)\n',
  );
  assert.equal(k(c, 'rollout undo sts/db').stdout, 'statefulset.apps/db rolled back\n');
  c.advance(120_000);
  c.settle();
  // revision 1's template is the newest again: renumbered 3
  assert.equal(
    k(c, 'rollout history sts/db').stdout,
    'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
  );
  assert.equal(
    k(c, 'get pods -l app=db -o jsonpath={.items[*].spec.containers[0].image}').stdout,
    'postgres:16 postgres:16',
  );
});
