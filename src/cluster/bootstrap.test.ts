import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node, Pod } from '../api/types.ts';
import { runKubectl } from '../kubectl/kubectl.ts';
import { UserError } from '../util/errors.ts';
import { buildLab, loadLab } from './bootstrap.ts';
import { LAB_DIR } from './lab.ts';

/** A lab folder with these files (name → text), removed after fn. */
function withLab(files: Record<string, string>, fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'lab-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NODE =
  'name: n1\n        ip: 10.0.0.1\n        capacity: {cpu: "4", memory: 8Gi, pods: "110"}\n        allocatable: {cpu: "4", memory: 8Gi, pods: "110"}';

test('labs: a lab folder is built phase by phase — nodes (with the kubelet labels), files on their nodes, objects — settled after each', () => {
  withLab(
    {
      'lab.yaml': `phases:\n  - nodes:\n      - ${NODE}\n        labels: {disk: ssd}\n    files:\n      - {node: n1, path: /etc/kubernetes/manifests/web.yaml, file: web.yaml}\n    objects: [apps.yaml]\n`,
      'web.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n',
      'apps.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
    },
    (dir) => {
      const c = buildLab(loadLab(dir), { seed: 1 });
      const n = c.store.get<Node>('Node', undefined, 'n1')!;
      assert.equal(n.metadata.labels?.disk, 'ssd');
      assert.equal(n.metadata.labels?.['kubernetes.io/hostname'], 'n1');
      assert.equal(n.status?.addresses?.[0].address, '10.0.0.1');
      assert.deepEqual(
        c.store.list<Pod>('Pod').map((p) => `${p.metadata.name} ${p.status?.phase}`),
        ['a Running', 'web-n1 Running'],
      );
      assert.ok(c.store.get('ConfigMap', 'default', 'b'));
    },
  );
});

test('labs: a malformed lab names the file, the field and what is wrong', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ 'lab.yaml': 'nodes: []\n' }, /lab\.yaml: phases: expected a list of phases$/],
    [
      { 'lab.yaml': 'phases:\n  - nodes:\n      - name: n1\n' },
      /lab\.yaml: phases\[0\]\.nodes\[0\]\.ip: expected a non-empty string$/,
    ],
    [
      { 'lab.yaml': 'phases:\n  - nodes:\n      - name: n1\n        ip: 10.0.0.1\n        capacity: {}\n' },
      /lab\.yaml: phases\[0\]\.nodes\[0\]\.allocatable: expected a map$/,
    ],
    [{ 'lab.yaml': 'phases:\n  - objects: apps.yaml\n' }, /lab\.yaml: phases\[0\]\.objects: expected a list$/],
    [
      { 'lab.yaml': 'phases:\n  - objects: [missing.yaml]\n' },
      /lab\.yaml: cannot read .*missing\.yaml: the lab names a file its folder does not have$/,
    ],
    [{ 'lab.yaml': 'phases:\n  - objects: [bad.yaml]\n', 'bad.yaml': 'kind: [\n' }, /bad\.yaml:\d+: YAML syntax error/],
  ];
  for (const [files, message] of cases)
    withLab(files, (dir) =>
      assert.throws(
        () => loadLab(dir),
        (e: Error) => e instanceof UserError && message.test(e.message),
      ),
    );
});

test("labs: the reference notes' lab is data in labs/kubeadm (the control plane's manifests as files on m-k8s)", () => {
  const lab = loadLab(LAB_DIR);
  assert.deepEqual(
    lab.phases.map((p) => p.nodes.map((n) => n.name)),
    [['m-k8s'], ['w1-k8s', 'w2-k8s', 'w3-k8s']],
  );
  const c = buildLab(lab);
  assert.equal(
    runKubectl(c, 'get pods -n kube-system etcd-m-k8s -o jsonpath={.spec.containers[0].image}').stdout,
    'registry.k8s.io/etcd:3.5.21-0',
  );
});
