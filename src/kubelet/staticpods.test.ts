import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from '../api/types.ts';
import { NodeFs } from './nodefs.ts';
import {
  CONFIG_HASH,
  CONFIG_MIRROR,
  CONFIG_SEEN,
  CONFIG_SOURCE,
  isMirror,
  mirrorPodOf,
  StaticPods,
} from './staticpods.ts';

const WEB =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\n  namespace: kube-system\nspec:\n  containers:\n  - name: web\n    image: nginx:1.14\n';
const AT = Date.UTC(2026, 0, 1, 0, 0, 1, 500);

test('static pods (pkg/kubelet/config/common.go applyDefaults): a manifest becomes <name>-<node> on the node, uid = the config hash, config annotations, a NoExecute toleration for everything', () => {
  const fs = NodeFs.forKubeadmNode();
  fs.write('/etc/kubernetes/manifests/static-web.yaml', WEB);
  const pods = new StaticPods('W1-K8S', fs);
  assert.equal(pods.path(), '/etc/kubernetes/manifests');
  assert.equal(
    pods.sync(AT, () => assert.fail('nothing to remove')),
    true,
  );
  assert.deepEqual(pods.names(), ['static-web-w1-k8s']);
  const pod = pods.get('static-web-w1-k8s')!.pod;
  assert.equal(pod.metadata.namespace, 'kube-system');
  assert.equal(pod.spec.nodeName, 'W1-K8S');
  assert.match(pod.metadata.uid!, /^[0-9a-f]{32}$/);
  assert.deepEqual(pod.metadata.annotations, {
    [CONFIG_HASH]: pod.metadata.uid,
    [CONFIG_SEEN]: '2026-01-01T00:00:01.5Z',
    [CONFIG_SOURCE]: 'file',
  });
  assert.deepEqual(pod.spec.tolerations, [{ operator: 'Exists', effect: 'NoExecute' }]);
  assert.deepEqual(pod.status, { phase: 'Pending', qosClass: 'BestEffort' });
  // the same file on another node, or at another path, is another pod
  const other = new StaticPods('w2-k8s', fs);
  other.sync(AT, () => {});
  assert.notEqual(other.get('static-web-w2-k8s')!.pod.metadata.uid, pod.metadata.uid);
});

test('static pods (pkg/kubelet/config/file.go): the folder is reread only after a file changed; a changed file replaces its pod, a removed one stops it, hidden files and other folders are ignored', () => {
  const fs = NodeFs.forKubeadmNode();
  const pods = new StaticPods('n1', fs);
  const removed: string[] = [];
  const sync = () => pods.sync(AT, (name) => removed.push(name));
  assert.equal(sync(), false); // an empty folder
  fs.write('/etc/kubernetes/manifests/.web.yaml.swp', WEB);
  fs.write('/etc/kubernetes/other/web.yaml', WEB);
  fs.write('/etc/kubernetes/manifests/bad.yaml', 'kind: Pod\n');
  assert.equal(sync(), false);
  assert.deepEqual(pods.names(), []);
  fs.write('/etc/kubernetes/manifests/web.yaml', WEB);
  assert.equal(sync(), true);
  const first = pods.get('static-web-n1')!.pod.metadata.uid;
  assert.equal(sync(), false); // nothing changed since
  fs.write('/etc/kubernetes/manifests/web.yaml', WEB.replace('nginx:1.14', 'nginx:1.27'));
  assert.equal(sync(), true);
  assert.deepEqual(removed, ['static-web-n1']);
  assert.notEqual(pods.get('static-web-n1')!.pod.metadata.uid, first);
  fs.remove('/etc/kubernetes/manifests/web.yaml');
  assert.equal(sync(), true);
  assert.deepEqual(removed, ['static-web-n1', 'static-web-n1']);
  assert.deepEqual(pods.names(), []);
});

test('static pods: staticPodPath comes from the kubelet config file; without one (or without the field) there are no static pods', () => {
  const fs = NodeFs.forKubeadmNode();
  fs.write('/srv/pods/web.yaml', WEB);
  const pods = new StaticPods('n1', fs);
  fs.write('/var/lib/kubelet/config.yaml', 'kind: KubeletConfiguration\nstaticPodPath: /srv/pods\n');
  pods.sync(AT, () => {});
  assert.deepEqual(pods.names(), ['static-web-n1']);
  fs.write('/var/lib/kubelet/config.yaml', 'kind: KubeletConfiguration\n');
  assert.equal(pods.path(), undefined);
  pods.sync(AT, () => {});
  assert.deepEqual(pods.names(), []);
});

test('mirror pods (pkg/kubelet/pod/mirror_client.go): the static pod without uid and status, the config hash as kubernetes.io/config.mirror, owned by its Node', () => {
  const fs = NodeFs.forKubeadmNode();
  fs.write('/etc/kubernetes/manifests/web.yaml', WEB);
  const pods = new StaticPods('n1', fs);
  pods.sync(AT, () => {});
  const sp = pods.get('static-web-n1')!.pod;
  const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'node-uid' } } as Node;
  const mirror: Pod = mirrorPodOf(sp, node);
  assert.equal(mirror.metadata.uid, undefined);
  assert.equal(mirror.status, undefined);
  assert.equal(mirror.metadata.annotations![CONFIG_MIRROR], sp.metadata.uid);
  assert.deepEqual(mirror.metadata.ownerReferences, [
    { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'node-uid', controller: true },
  ]);
  assert.ok(isMirror(mirror));
  assert.ok(!isMirror(sp));
  assert.ok(sp.status); // the static pod itself is untouched
});
