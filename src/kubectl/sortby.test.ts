import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKubectl } from './kubectl.ts';
import { labWithPods } from './testing.ts';

// The lab cluster after `kubectl run webserver --image=nginx --port 80`, `kubectl run crasher
// --image=busybox -- false` and two minutes; GOLDEN is what kubectl 1.33.1 printed for these
// command lines reading that state (through a read-only stub API server serving its objects).
// Sorting many pods on a field most share (the node) checks Go's unstable sort order.
const GOLDEN: { args: string[]; stdout: string; stderr: string; exitCode: number }[] = [
  {
    args: [
      'get',
      'pods',
      '-A',
      '--sort-by=.spec.nodeName',
      '-o',
      'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image',
    ],
    stdout:
      'NAME                            NODE     IMAGES\netcd-m-k8s                      m-k8s    registry.k8s.io/etcd:3.5.21-0\nkube-apiserver-m-k8s            m-k8s    registry.k8s.io/kube-apiserver:v1.33.1\nkube-scheduler-m-k8s            m-k8s    registry.k8s.io/kube-scheduler:v1.33.1\nkube-proxy-zzjzr                m-k8s    registry.k8s.io/kube-proxy:v1.33.1\ncalico-node-t42k8               m-k8s    docker.io/calico/node:v3.29.3\nkube-controller-manager-m-k8s   m-k8s    registry.k8s.io/kube-controller-manager:v1.33.1\ncoredns-6569b988b9-lxkwg        m-k8s    registry.k8s.io/coredns/coredns:v1.12.0\ncoredns-6569b988b9-lnjkj        m-k8s    registry.k8s.io/coredns/coredns:v1.12.0\nkube-proxy-6gbbh                w1-k8s   registry.k8s.io/kube-proxy:v1.33.1\ncalico-node-bvgxb               w1-k8s   docker.io/calico/node:v3.29.3\ncrasher                         w2-k8s   busybox\ncalico-node-vnxgz               w2-k8s   docker.io/calico/node:v3.29.3\nkube-proxy-xlmnx                w2-k8s   registry.k8s.io/kube-proxy:v1.33.1\nwebserver                       w3-k8s   nginx\nkube-proxy-m2pqd                w3-k8s   registry.k8s.io/kube-proxy:v1.33.1\ncalico-node-nth57               w3-k8s   docker.io/calico/node:v3.29.3\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['get', 'pods', '-A', '--sort-by=.status.podIP', '-o', 'name'],
    stdout:
      'pod/webserver\npod/coredns-6569b988b9-lnjkj\npod/coredns-6569b988b9-lxkwg\npod/crasher\npod/etcd-m-k8s\npod/calico-node-t42k8\npod/kube-apiserver-m-k8s\npod/kube-controller-manager-m-k8s\npod/kube-proxy-zzjzr\npod/kube-scheduler-m-k8s\npod/calico-node-bvgxb\npod/kube-proxy-6gbbh\npod/calico-node-vnxgz\npod/kube-proxy-xlmnx\npod/calico-node-nth57\npod/kube-proxy-m2pqd\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['get', 'pods', '-A', '--sort-by={.metadata.creationTimestamp}', '-o', 'jsonpath={.items[*].metadata.name}'],
    stdout:
      'etcd-m-k8s kube-apiserver-m-k8s kube-scheduler-m-k8s kube-proxy-zzjzr calico-node-t42k8 kube-controller-manager-m-k8s coredns-6569b988b9-lxkwg coredns-6569b988b9-lnjkj calico-node-vnxgz kube-proxy-6gbbh kube-proxy-m2pqd kube-proxy-xlmnx calico-node-nth57 calico-node-bvgxb webserver crasher',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'get',
      'pods',
      '-A',
      '--sort-by=.status.containerStatuses[0].restartCount',
      '-o',
      'custom-columns=NAME:.metadata.name,RESTARTS:.status.containerStatuses[0].restartCount',
      '--no-headers',
    ],
    stdout:
      'etcd-m-k8s                      0\nkube-apiserver-m-k8s            0\ncalico-node-bvgxb               0\ncalico-node-nth57               0\ncalico-node-t42k8               0\ncalico-node-vnxgz               0\nwebserver                       0\ncoredns-6569b988b9-lnjkj        0\nkube-scheduler-m-k8s            0\ncoredns-6569b988b9-lxkwg        0\nkube-controller-manager-m-k8s   0\nkube-proxy-6gbbh                0\nkube-proxy-m2pqd                0\nkube-proxy-xlmnx                0\nkube-proxy-zzjzr                0\ncrasher                         2\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'get',
      'nodes',
      '-o',
      'custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,TAINTS:.spec.taints,ROLES:.metadata.labels.node-role\\.kubernetes\\.io/control-plane',
    ],
    stdout:
      'NAME     CPU   TAINTS                                                               ROLES\nm-k8s    2     [map[effect:NoSchedule key:node-role.kubernetes.io/control-plane]]   \nw1-k8s   2     <none>                                                               <none>\nw2-k8s   2     <none>                                                               <none>\nw3-k8s   2     <none>                                                               <none>\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: [
      'get',
      'pods',
      '-n',
      'kube-system',
      '-l',
      'k8s-app=kube-proxy',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}',
    ],
    stdout: 'kube-proxy-6gbbh\tw1-k8s\nkube-proxy-m2pqd\tw3-k8s\nkube-proxy-xlmnx\tw2-k8s\nkube-proxy-zzjzr\tm-k8s\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['get', 'pod', 'crasher', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].message}'],
    stdout: 'containers with unready status: [crasher]',
    stderr: '',
    exitCode: 0,
  },
  {
    args: ['get', 'pods', '--sort-by=.a[', '-o', 'name'],
    stdout: '',
    stderr: 'error: unterminated array\n',
    exitCode: 1,
  },
  {
    args: ['get', 'pods', '-o', 'custom-columns='],
    stdout: '',
    stderr: 'error: custom-columns format specified but no custom columns given\n',
    exitCode: 1,
  },
  {
    args: ['get', 'pods', '-o', 'custom-columns=NAME'],
    stdout: '',
    stderr: 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n',
    exitCode: 1,
  },
  {
    args: ['get', 'pods', '-o', 'jsonpath'],
    stdout: '',
    stderr: 'error: template format specified but no template given\n',
    exitCode: 1,
  },
  {
    args: ['get', 'pods', '-o', 'wide2'],
    stdout: '',
    stderr:
      'error: unable to match a printer suitable for the output format "wide2", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    exitCode: 1,
  },
];

test('--sort-by, -o custom-columns and -o jsonpath on a lab cluster: byte for byte what kubectl 1.33.1 printed', () => {
  const c = labWithPods(120);
  for (const g of GOLDEN) {
    assert.deepEqual(
      runKubectl(c, g.args),
      { stdout: g.stdout, stderr: g.stderr, exitCode: g.exitCode },
      `kubectl ${g.args.join(' ')}`,
    );
  }
});

// What kubectl 1.33.1 printed against `kube-scenarios serve --lab` after the same two `kubectl
// run`s: a server that answers `get` with Tables (as kube-apiserver does; the stub above answered
// with plain lists). One Table is not sorted by get.go's RuntimeSorter (it decodes it as
// unstructured); SortingPrinter sorts its rows when it has more than one, and when that fails
// (no row has the field, a bad path) Run drops the error: nothing is printed, "No resources found"
// follows, exit 0. Several Tables (`pods,nodes`, two named pods) are sorted as objects
// themselves: a field no Table has is an error (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go, sorter.go).
const SERVED: { args: string; stdout: string; stderr: string; exitCode: number }[] = [
  { args: 'get pods --sort-by=.nope', stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 },
  { args: 'get pods --sort-by=.a[', stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 },
  {
    args: 'get pods -l run=webserver --sort-by=.spec.priorityClassName',
    stdout: 'NAME        READY   STATUS    RESTARTS   AGE\nwebserver   1/1     Running   0          2m9s\n',
    stderr: '',
    exitCode: 0,
  },
  {
    args: 'get pod webserver crasher --sort-by=.metadata.name',
    stdout: '',
    stderr: 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n',
    exitCode: 1,
  },
  {
    args: 'get pods,nodes --sort-by=.metadata.name',
    stdout: '',
    stderr: 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n',
    exitCode: 1,
  },
];

test('--sort-by with table output: what kubectl 1.33.1 printed against a server answering with Tables', () => {
  const c = labWithPods(120);
  for (const g of SERVED)
    assert.deepEqual(
      runKubectl(c, g.args),
      { stdout: g.stdout, stderr: g.stderr, exitCode: g.exitCode },
      `kubectl ${g.args}`,
    );
});
