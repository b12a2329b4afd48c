import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Service } from '../api/types.ts';
import { createLabCluster } from '../cluster/lab.ts';
import { createEmptyCluster, addNode } from '../cluster/bootstrap.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { normalizeImage } from '../api/imageref.ts';
import { DEFAULT_STATIC_POD_PATH, KUBEADM_KUBELET_CONFIG, NodeFs, nodeFs } from './nodefs.ts';
import { parse as parseYaml } from 'yaml';
import { containerLogs } from './logs.ts';
import { runtimeContainers, runtimeSandboxes } from './cri.ts';
import { importBoundPod, readInventory } from '../inventory/inventory.ts';

type Spec = Partial<Pod['spec']>;
function bare(c: Cluster, name: string, o: Spec = {}, annotations?: Record<string, string>): Pod {
  return c.api.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { nodeName: 'n1', containers: [{ name: 'nginx', image: 'nginx:1.14' }], ...o },
  });
}
function cluster(): Cluster {
  const c = createEmptyCluster();
  addNode(c, {
    name: 'n1',
    images: [
      { names: ['docker.io/library/nginx:1.14'], sizeBytes: 44708492 },
      { names: ['docker.io/library/busybox:1.36'], sizeBytes: 2156859 },
    ],
  });
  c.settle();
  return c;
}
const get = (c: Cluster, name: string) => c.store.get<Pod>('Pod', 'default', name)!;
const events = (c: Cluster, name: string) =>
  c.events.for(get(c, name)).map((e) => `${e.reason} ${e.source?.component}/${e.source?.host}: ${e.message}`);
const state = (c: Cluster, name: string, i = 0) => {
  const s = get(c, name).status!.containerStatuses![i];
  const st = s.state.waiting
    ? `waiting:${s.state.waiting.reason}`
    : s.state.running
      ? 'running'
      : `terminated:${s.state.terminated!.reason}:${s.state.terminated!.exitCode}`;
  return `${st} restarts=${s.restartCount}`;
};
const busybox = (
  command: string[],
  restartPolicy: 'Always' | 'OnFailure' | 'Never' = 'Always',
  resources?: object,
): Spec => ({
  restartPolicy,
  containers: [{ name: 'app', image: 'busybox:1.36', command, ...(resources ? { resources } : {}) }],
});

test('kubelet: a bound pod shows ContainerCreating until its sandbox exists, then runs — phase, conditions in kubelet order, container status, hostIP', () => {
  const c = cluster();
  bare(c, 'web');
  c.settleNow();
  assert.equal(get(c, 'web').status?.phase, 'Pending');
  assert.equal(state(c, 'web'), 'waiting:ContainerCreating restarts=0');
  assert.deepEqual(
    get(c, 'web').status?.conditions?.map((x) => `${x.type}=${x.status}`),
    [
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False',
      'ContainersReady=False',
      'PodScheduled=True',
    ],
  );
  c.settle();
  const p = get(c, 'web');
  assert.equal(p.status?.phase, 'Running');
  assert.deepEqual(
    p.status?.conditions?.map((x) => `${x.type}=${x.status}`),
    ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
  );
  const cs = p.status!.containerStatuses![0];
  assert.equal(cs.ready, true);
  assert.equal(cs.started, true);
  assert.equal(cs.restartCount, 0);
  assert.equal(cs.state.running?.startedAt, '2026-01-01T00:00:01Z');
  assert.equal(cs.image, 'docker.io/library/nginx:1.14');
  assert.match(cs.containerID!, /^containerd:\/\/[0-9a-f]{64}$/);
  assert.equal(p.status?.qosClass, 'BestEffort');
  assert.equal(p.status?.hostIP, '192.168.1.101');
  assert.equal(p.status?.startTime, '2026-01-01T00:00:00Z');
  assert.deepEqual(events(c, 'web'), [
    'Pulled kubelet/n1: Container image "nginx:1.14" already present on machine',
    'Created kubelet/n1: Created container: nginx',
    'Started kubelet/n1: Started container nginx',
  ]);
});

test('kubelet: an image not on the node is pulled (Pulling, then "Successfully pulled image … Image size: N bytes."), taking virtual time', () => {
  const c = cluster();
  bare(c, 'web', { containers: [{ name: 'nginx', image: 'nginx' }] });
  c.settle();
  const ev = events(c, 'web');
  assert.equal(ev[0], 'Pulling kubelet/n1: Pulling image "nginx"');
  assert.match(
    ev[1],
    /^Pulled kubelet\/n1: Successfully pulled image "nginx" in (\d+ms|\d+(\.\d+)?s) \(\1 including waiting\)\. Image size: \d+ bytes\.$/,
  );
  assert.equal(get(c, 'web').status?.phase, 'Running');
  assert.ok(c.clock.now() > Date.parse('2026-01-01T00:00:01Z'));
});

test('kubelet: an image the registry does not have gives ErrImagePull, then ImagePullBackOff, retried after 10s, 20s … (Failed/BackOff events)', () => {
  const c = cluster();
  bare(c, 'bad', { containers: [{ name: 'app', image: 'nginxx' }] });
  c.settle();
  assert.equal(state(c, 'bad'), 'waiting:ImagePullBackOff restarts=0');
  assert.equal(get(c, 'bad').status?.phase, 'Pending');
  const ev = events(c, 'bad');
  assert.ok(ev.includes('Pulling kubelet/n1: Pulling image "nginxx"'));
  assert.ok(ev.some((e) => e.startsWith('Failed kubelet/n1: Failed to pull image "nginxx": ')));
  assert.ok(ev.includes('Failed kubelet/n1: Error: ErrImagePull'));
  assert.ok(ev.includes('BackOff kubelet/n1: Back-off pulling image "nginxx"'));
  assert.ok(ev.includes('Failed kubelet/n1: Error: ImagePullBackOff'));
  assert.match(
    get(c, 'bad').status!.containerStatuses![0].state.waiting!.message!,
    /^Back-off pulling image "nginxx": ErrImagePull: failed to pull and unpack image "docker\.io\/library\/nginxx:latest": /,
  );
  const pulls = () => c.events.for(get(c, 'bad')).find((e) => e.reason === 'Pulling')!.count;
  assert.equal(pulls(), 1);
  c.advance(9000);
  assert.equal(pulls(), 2);
  c.advance(19_000);
  assert.equal(pulls(), 2);
  c.advance(1000);
  assert.equal(pulls(), 3);
  assert.equal(state(c, 'bad'), 'waiting:ErrImagePull restarts=0');
});

test('kubelet: a crashing container (restartPolicy Always) restarts in place with the CrashLoopBackOff ladder 0s, 10s, 20s, 40s measured from finishedAt', () => {
  const c = cluster();
  bare(c, 'crash', busybox(['sh', '-c', 'exit 1']));
  c.settle();
  // started at 1s, exited, noticed at 2s, restarted at once, exited again, noticed at 3s → back-off 10s
  assert.equal(state(c, 'crash'), 'waiting:CrashLoopBackOff restarts=1');
  const s = get(c, 'crash').status!.containerStatuses![0];
  assert.equal(
    s.state.waiting!.message,
    `back-off 10s restarting failed container=app pod=crash_default(${get(c, 'crash').metadata.uid})`,
  );
  assert.equal(s.lastState?.terminated?.reason, 'Error');
  assert.equal(get(c, 'crash').status?.phase, 'Running');
  const restartsAt: number[] = [];
  const t0 = c.clock.now();
  let last = 1;
  for (let t = 0; t < 80; t++) {
    c.advance(1000);
    const n = get(c, 'crash').status!.containerStatuses![0].restartCount;
    if (n !== last) {
      restartsAt.push(Math.round((c.clock.now() - t0) / 1000));
      last = n;
    }
  }
  // exits at 2s (noticed at 3s = t0), restarts at 2+10 = 12s, exits at once, restarts at 12+20 = 32s, then 32+40 = 72s
  assert.deepEqual(restartsAt, [9, 29, 69]);
  assert.ok(
    events(c, 'crash').some(
      (e) =>
        e ===
        `BackOff kubelet/n1: Back-off restarting failed container app in pod crash_default(${get(c, 'crash').metadata.uid})`,
    ),
  );
});

test('kubelet: restartPolicy Never — exit 0 is Succeeded (Completed), exit 1 is Failed (Error); OnFailure restarts only failures', () => {
  const c = cluster();
  bare(c, 'ok', busybox(['sh', '-c', 'echo done'], 'Never'));
  bare(c, 'ko', busybox(['sh', '-c', 'exit 1'], 'Never'));
  bare(c, 'onf', busybox(['sh', '-c', 'exit 0'], 'OnFailure'));
  c.settle();
  assert.equal(get(c, 'ok').status?.phase, 'Succeeded');
  assert.equal(state(c, 'ok'), 'terminated:Completed:0 restarts=0');
  assert.equal(get(c, 'ko').status?.phase, 'Failed');
  assert.equal(state(c, 'ko'), 'terminated:Error:1 restarts=0');
  assert.equal(get(c, 'onf').status?.phase, 'Succeeded');
  assert.deepEqual(
    get(c, 'ok')
      .status?.conditions?.filter((x) => x.type === 'Ready')
      .map((x) => x.reason),
    ['PodCompleted'],
  );
  assert.deepEqual(
    containerLogs(c, 'default', 'ok', 'app').map((l) => l.line),
    ['done'],
  );
});

test('kubelet: memory use above the limit is OOMKilled (exit 137), restarted in place on the same node with the same IP, RESTARTS growing', () => {
  const c = cluster();
  bare(c, 'oom', busybox(['sleep', '3600'], 'Always', { limits: { memory: '100Mi' } }), {
    'kube-scenarios.io/memory': '0s=20Mi,5s=200Mi',
  });
  c.settle();
  const ip = get(c, 'oom').status?.podIP;
  assert.equal(state(c, 'oom'), 'running restarts=0');
  c.advance(5000);
  assert.equal(state(c, 'oom'), 'terminated:OOMKilled:137 restarts=0');
  c.advance(1000);
  assert.equal(state(c, 'oom'), 'running restarts=1');
  assert.equal(get(c, 'oom').status!.containerStatuses![0].lastState?.terminated?.reason, 'OOMKilled');
  c.advance(6000);
  assert.equal(state(c, 'oom'), 'waiting:CrashLoopBackOff restarts=1');
  assert.equal(get(c, 'oom').status?.podIP, ip);
  assert.equal(get(c, 'oom').spec.nodeName, 'n1');
});

test('kubelet: graceful termination — nginx exits on SIGTERM and the pod goes at once; a sleep PID 1 ignores it and is killed when the 30s grace period ends', () => {
  const c = cluster();
  bare(c, 'web');
  bare(c, 'sleeper', busybox(['sleep', '3600']));
  c.settle();
  c.api.delete('Pod', 'default', 'web');
  c.api.delete('Pod', 'default', 'sleeper');
  c.settle();
  assert.equal(c.store.get('Pod', 'default', 'web'), undefined);
  const s = get(c, 'sleeper');
  assert.ok(s.metadata.deletionTimestamp);
  assert.ok(c.events.for(s).some((e) => e.reason === 'Killing' && e.message === 'Stopping container app'));
  c.advance(29_000);
  assert.ok(c.store.get('Pod', 'default', 'sleeper'));
  c.advance(1000);
  assert.equal(c.store.get('Pod', 'default', 'sleeper'), undefined);
});

test("kubelet admission: a pod bound to a node without room fails with reason OutOfcpu and the kubelet's message", () => {
  const c = cluster();
  bare(c, 'huge', { containers: [{ name: 'c', image: 'nginx:1.14', resources: { requests: { cpu: '3' } } }] });
  c.settle();
  const p = get(c, 'huge');
  assert.equal(p.status?.phase, 'Failed');
  assert.equal(p.status?.reason, 'OutOfcpu');
  assert.equal(
    p.status?.message,
    "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000",
  );
  assert.deepEqual(events(c, 'huge'), [
    "OutOfcpu kubelet/n1: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000",
  ]);
});

test('kubelet: init containers run in order and wait for Services through cluster DNS (until nslookup loop), then the app starts', () => {
  const c = cluster();
  const loop = (svc: string) => [
    'sh',
    '-c',
    `until nslookup ${svc}.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for ${svc}; sleep 2; done`,
  ];
  bare(c, 'myapp', {
    initContainers: [
      { name: 'init-myservice', image: 'busybox:1.36', command: loop('myservice') },
      { name: 'init-mydb', image: 'busybox:1.36', command: loop('mydb') },
    ],
    containers: [
      { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] },
    ],
  });
  c.settle();
  const init = () => get(c, 'myapp').status!.initContainerStatuses!.map((s) => Object.keys(s.state)[0]);
  assert.deepEqual(init(), ['running', 'waiting']);
  assert.equal(get(c, 'myapp').status?.phase, 'Pending');
  c.advance(10_000);
  assert.deepEqual(init(), ['running', 'waiting']);
  assert.equal(get(c, 'myapp').status!.initContainerStatuses![0].restartCount, 0);
  assert.ok(
    containerLogs(c, 'default', 'myapp', 'init-myservice').filter((l) => l.line === 'waiting for myservice').length >=
      5,
  );
  const svc = (name: string) =>
    c.api.create<Service>({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 9376 }] },
    });
  svc('myservice');
  c.advance(2000);
  assert.deepEqual(init(), ['terminated', 'running']);
  svc('mydb');
  c.advance(2000);
  assert.deepEqual(init(), ['terminated', 'terminated']);
  assert.equal(get(c, 'myapp').status?.phase, 'Running');
  assert.deepEqual(
    containerLogs(c, 'default', 'myapp', 'app').map((l) => l.line),
    ['The app is running!'],
  );
});

test('kubelet: a command the model does not understand runs until stopped and is reported once as Warning NotModelled', () => {
  const c = cluster();
  bare(c, 'py', { containers: [{ name: 'app', image: 'python:3', command: ['python', 'app.py'] }] });
  c.settle();
  assert.equal(get(c, 'py').status?.phase, 'Running');
  assert.deepEqual(
    events(c, 'py').filter((e) => e.startsWith('NotModelled')),
    [
      'NotModelled kubelet/n1: Container app: the simulator does not model "python app.py"; it is treated as running until stopped',
    ],
  );
});

test('kubelet: native sidecars start in init order, keep running beside the app, count in READY; a Job-like pod succeeds when its app ends', () => {
  const c = cluster();
  bare(c, 'job', {
    restartPolicy: 'Never',
    initContainers: [{ name: 'log', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sleep', 'infinity'] }],
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] }],
  });
  c.settle();
  assert.equal(get(c, 'job').status?.phase, 'Running');
  assert.equal(get(c, 'job').status!.initContainerStatuses![0].started, true);
  c.advance(5000);
  assert.equal(get(c, 'job').status?.phase, 'Succeeded');
  assert.ok(events(c, 'job').includes('Killing kubelet/n1: Stopping container log'));
});

test('kubelet runtime view (crictl): one Ready pause sandbox per pod with its containers; removed with the pod; exited instances only with all', () => {
  const c = cluster();
  bare(c, 'a');
  bare(c, 'b', busybox(['sh', '-c', 'exit 1']));
  c.settle();
  assert.deepEqual(
    runtimeSandboxes(c, 'n1')
      .map((s) => `${s.name} ${s.state} ${s.runtime}`)
      .sort(),
    ['a Ready (default)', 'b Ready (default)'],
  );
  assert.deepEqual(
    runtimeContainers(c, 'n1').map((x) => `${x.podName}/${x.name} ${x.state} ${x.attempt}`),
    ['a/nginx Running 0'],
  );
  assert.deepEqual(
    runtimeContainers(c, 'n1', { all: true })
      .map((x) => `${x.podName}/${x.name} ${x.state} ${x.attempt}`)
      .sort(),
    ['a/nginx Running 0', 'b/app Exited 0', 'b/app Exited 1'],
  );
  c.api.delete('Pod', 'default', 'a');
  c.settle();
  assert.deepEqual(
    runtimeSandboxes(c, 'n1').map((s) => s.name),
    ['b'],
  );
});

test("kubelet: pod IPs come from the node's Calico /26 block in order, a released one only after the block's unused ones; hostNetwork pods get the node IP", () => {
  const c = cluster();
  const block = c.kubelets.ipam.block('n1')!.replace(/\.\d+\/26$/, '');
  const base = Number(c.kubelets.ipam.block('n1')!.split('/')[0].split('.')[3]);
  bare(c, 'a');
  bare(c, 'b');
  bare(c, 'host', { hostNetwork: true });
  c.settle();
  assert.equal(get(c, 'a').status?.podIP, `${block}.${base + 1}`);
  assert.equal(get(c, 'b').status?.podIP, `${block}.${base + 2}`);
  assert.equal(get(c, 'host').status?.podIP, '192.168.1.101');
  c.api.delete('Pod', 'default', 'a');
  c.settle();
  bare(c, 'a');
  c.settle();
  assert.equal(get(c, 'a').status?.podIP, `${block}.${base + 3}`);
});

test('kubelet: image names are normalized as containerd reports them', () => {
  assert.equal(normalizeImage('nginx'), 'docker.io/library/nginx:latest');
  assert.equal(normalizeImage('calico/node:v3.29.3'), 'docker.io/calico/node:v3.29.3');
});

test("kubelet config: kubeadm's KubeletConfiguration (every node's at start) sets staticPodPath /etc/kubernetes/manifests", () => {
  assert.equal((parseYaml(KUBEADM_KUBELET_CONFIG) as { staticPodPath: string }).staticPodPath, DEFAULT_STATIC_POD_PATH);
  assert.equal(DEFAULT_STATIC_POD_PATH, '/etc/kubernetes/manifests');
});

test('node files: paths with repeated or trailing slashes name the same file; relative paths are refused', () => {
  const fs = new NodeFs();
  fs.write('//etc//kubernetes/manifests/', 'a');
  assert.equal(fs.read('/etc/kubernetes/manifests'), 'a');
  assert.deepEqual(fs.list('/etc/kubernetes/'), ['/etc/kubernetes/manifests']);
  assert.deepEqual(fs.list('/'), []);
  fs.write('/x', 'b');
  assert.deepEqual(fs.list('///'), ['/x']);
  assert.throws(() => fs.read('etc/x'), /node file paths are absolute: "etc\/x"/);
});

test('kubelet static pods: a manifest written to staticPodPath gives a mirror pod <name>-<node>; deleting it through the API brings it back; removing the file removes it', () => {
  const c = cluster();
  const fs = nodeFs(c, 'n1');
  assert.match(fs.read('/var/lib/kubelet/config.yaml')!, /^staticPodPath: \/etc\/kubernetes\/manifests$/m);
  fs.write(
    '/etc/kubernetes/manifests/static-web.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\n  namespace: kube-system\nspec:\n  containers:\n  - name: web\n    image: nginx:1.14\n',
  );
  c.settle();
  const m = c.store.get<Pod>('Pod', 'kube-system', 'static-web-n1')!;
  const a = m.metadata.annotations!;
  assert.equal(a['kubernetes.io/config.mirror'], a['kubernetes.io/config.hash']);
  assert.equal(a['kubernetes.io/config.source'], 'file');
  assert.equal(m.metadata.ownerReferences?.[0].kind, 'Node');
  assert.equal(m.status?.phase, 'Running');
  c.api.delete('Pod', 'kube-system', 'static-web-n1');
  c.settle();
  const again = c.store.get<Pod>('Pod', 'kube-system', 'static-web-n1')!;
  assert.notEqual(again.metadata.uid, m.metadata.uid);
  assert.equal(again.status?.startTime, m.status?.startTime);
  assert.equal(again.status?.containerStatuses?.[0].restartCount, 0);
  assert.ok(fs.remove('/etc/kubernetes/manifests/static-web.yaml'));
  c.settle();
  assert.equal(c.store.get('Pod', 'kube-system', 'static-web-n1'), undefined);
});

test("kubelet static pods: the lab's control-plane pods are manifest files in /etc/kubernetes/manifests on m-k8s", () => {
  const c = createLabCluster();
  assert.deepEqual(
    nodeFs(c, 'm-k8s').list('/etc/kubernetes/manifests'),
    ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map(
      (n) => `/etc/kubernetes/manifests/${n}.yaml`,
    ),
  );
  assert.deepEqual(nodeFs(c, 'w1-k8s').list('/etc/kubernetes/manifests'), []);
  nodeFs(c, 'm-k8s').remove('/etc/kubernetes/manifests/kube-scheduler.yaml');
  c.settle();
  assert.equal(c.store.get('Pod', 'kube-system', 'kube-scheduler-m-k8s'), undefined);
});

test("kubelet logs: nginx 1.2x prints its entrypoint and worker start-up lines; --previous reads the last terminated instance; errors are the kubelet's", () => {
  const c = cluster();
  bare(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
  bare(c, 'crash', busybox(['sh', '-c', 'echo boom; exit 1']));
  c.settle();
  const lines = containerLogs(c, 'default', 'web', 'nginx').map((l) => l.line);
  assert.equal(
    lines[0],
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  );
  assert.match(lines.at(-1)!, /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process \d+$/);
  assert.deepEqual(
    containerLogs(c, 'default', 'crash', 'app', { previous: true }).map((l) => l.line),
    ['boom'],
  );
  assert.throws(
    () => containerLogs(c, 'default', 'web', 'nginx', { previous: true }),
    /previous terminated container "nginx" in pod "web" not found/,
  );
  assert.throws(() => containerLogs(c, 'default', 'web', 'nope'), /container nope is not valid for pod web/);
});

test('Kubelet: a running regular init container is not ready, so Initialized stays False and STATUS shows Init:1/2', () => {
  const c = cluster();
  bare(c, 'p', {
    initContainers: [
      { name: 'a', image: 'busybox:1.36', command: ['sh', '-c', 'true'] },
      { name: 'b', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 100'] },
    ],
    containers: [{ name: 'app', image: 'nginx:1.14' }],
  });
  c.settle();
  const p = get(c, 'p');
  assert.deepEqual(
    p.status!.initContainerStatuses!.map((s) => [s.name, s.ready, Object.keys(s.state)[0]]),
    [
      ['a', true, 'terminated'],
      ['b', false, 'running'],
    ],
  );
  const init = p.status!.conditions!.find((x) => x.type === 'Initialized')!;
  assert.equal(init.status, 'False');
  assert.equal(init.message, 'containers with incomplete status: [b]');
});

test('kubelet stop/start: a stopped kubelet neither starts pods nor reports; after the 50s grace (1.32+ default) the node is Unknown; start posts a healthy status with the start-up node events and the pod runs', () => {
  const c = cluster();
  c.kubelets.get('n1').stop();
  bare(c, 'late');
  c.settle();
  assert.equal(get(c, 'late').status?.containerStatuses, undefined, 'nobody reports on the pod');
  c.advance(50_000);
  const node = () => c.store.get<import('../api/types.ts').Node>('Node', undefined, 'n1')!;
  assert.equal(node().status!.conditions!.find((x) => x.type === 'Ready')!.status, 'Unknown');
  c.kubelets.get('n1').start();
  c.settle();
  assert.deepEqual(
    node().status!.conditions!.map((x) => `${x.type}=${x.status}/${x.reason}`),
    [
      'NetworkUnavailable=False/CalicoIsUp',
      'MemoryPressure=False/KubeletHasSufficientMemory',
      'DiskPressure=False/KubeletHasNoDiskPressure',
      'PIDPressure=False/KubeletHasSufficientPID',
      'Ready=True/KubeletReady',
    ],
  );
  assert.equal(node().spec?.taints, undefined, 'the unreachable taints are gone');
  assert.deepEqual(
    c.events
      .for(node())
      .filter((e) => e.source?.component === 'kubelet')
      .map((e) => `${e.reason}: ${e.message}`),
    [
      'Starting: Starting kubelet.',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeHasSufficientMemory: Node n1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node n1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node n1 status is now: NodeHasSufficientPID',
      'NodeReady: Node n1 status is now: NodeReady',
    ],
  );
  assert.equal(get(c, 'late').status?.phase, 'Running');
});

test('kubelet stop/start: a pod deleted while its kubelet is stopped stays Terminating; the restarted kubelet stops its containers and removes it', () => {
  const c = cluster();
  bare(c, 'web');
  c.settle();
  c.kubelets.get('n1').stop();
  c.api.delete('Pod', 'default', 'web');
  c.advance(600_000);
  assert.ok(get(c, 'web').metadata.deletionTimestamp, 'still there, Terminating');
  c.kubelets.get('n1').start();
  c.settle();
  assert.equal(c.store.get<Pod>('Pod', 'default', 'web'), undefined);
});

/** A pod as `kubectl get pods -o yaml` of a real cluster shows it, stored as the inventory importer does (status kept). */
function captured(
  c: Cluster,
  name: string,
  o: { podIP: string; startedAt: string; restartCount?: number; command?: string[]; image?: string },
): Pod {
  const pod = c.api.prepareCreate<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      nodeName: 'n1',
      containers: [{ name: 'app', image: o.image ?? 'nginx:1.14', ...(o.command ? { command: o.command } : {}) }],
    },
  });
  pod.status = {
    phase: 'Running',
    podIP: o.podIP,
    podIPs: [{ ip: o.podIP }],
    startTime: '2025-12-31T23:00:00Z',
    hostIP: '192.168.1.101',
    qosClass: 'BestEffort',
    conditions: [
      {
        type: 'PodReadyToStartContainers',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2025-12-31T23:00:02Z',
      },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-12-31T23:00:00Z' },
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-12-31T23:00:03Z' },
      { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-12-31T23:00:03Z' },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-12-31T23:00:00Z' },
    ],
    containerStatuses: [
      {
        name: 'app',
        ready: true,
        started: true,
        restartCount: o.restartCount ?? 0,
        image: 'docker.io/library/nginx:1.14',
        imageID: 'docker.io/library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        containerID: 'containerd://abc123',
        lastState: {},
        state: { running: { startedAt: o.startedAt } },
      },
    ],
  };
  return c.store.create(pod);
}

test('kubelet adoption: a pod that arrives bound and Running with container statuses (an imported capture) keeps its IP, start time, container IDs and restart count, with no start-up events', () => {
  const c = cluster();
  captured(c, 'imported', {
    podIP: '172.16.244.1',
    startedAt: '2025-12-31T23:00:02Z',
    restartCount: 2,
    image: 'nginx:1.27',
  });
  c.settle();
  const p = get(c, 'imported');
  assert.equal(p.status?.phase, 'Running');
  assert.equal(p.status?.podIP, '172.16.244.1');
  assert.equal(p.status?.startTime, '2025-12-31T23:00:00Z');
  const cs = p.status!.containerStatuses![0];
  assert.deepEqual(
    {
      id: cs.containerID,
      restarts: cs.restartCount,
      ready: cs.ready,
      started: cs.state.running?.startedAt,
      imageID: cs.imageID,
    },
    {
      id: 'containerd://abc123',
      restarts: 2,
      ready: true,
      started: '2025-12-31T23:00:02Z',
      imageID: 'docker.io/library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    },
  );
  assert.equal(
    p.status?.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime,
    '2025-12-31T23:00:03Z',
    'unchanged conditions keep their times',
  );
  assert.deepEqual(events(c, 'imported'), []);
  const logs = containerLogs(c, 'default', 'imported', 'app');
  assert.ok(logs.length > 0, 'the start-up lines are in its log');
  assert.equal(logs[0].time, '2025-12-31T23:00:02.000000000Z', 'logged when it started, not at the import');
  // the IP is reserved: a new pod on the node gets another one
  bare(c, 'fresh');
  c.settle();
  assert.notEqual(get(c, 'fresh').status?.podIP, '172.16.244.1');
});

test('kubelet adoption: an adopted container runs its behaviour since its startedAt — `sleep 3600` started 30 minutes ago exits 30 minutes later', () => {
  const c = cluster();
  captured(c, 'sleeper', {
    podIP: '172.16.244.9',
    startedAt: '2025-12-31T23:30:00Z',
    command: ['sleep', '3600'],
    image: 'busybox:1.36',
  });
  c.settle();
  assert.equal(state(c, 'sleeper'), 'running restarts=0');
  c.advance(29 * 60_000);
  assert.equal(state(c, 'sleeper'), 'running restarts=0');
  c.advance(2 * 60_000);
  assert.equal(
    get(c, 'sleeper').status!.containerStatuses![0].restartCount,
    1,
    'exited at 00:30 and restarted (restartPolicy Always)',
  );
});

test('kubelet adoption of imported mirror pods: kept as a mirror pod (and adopted) when the node has the static pod file, else imported as a regular pod without the mirror annotation', () => {
  const c = cluster();
  nodeFs(c, 'n1').write(
    '/etc/kubernetes/manifests/static-web.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\n  namespace: kube-system\nspec:\n  containers:\n  - name: web\n    image: nginx:1.14\n',
  );
  const capture = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: kube-system
  annotations:
    kubernetes.io/config.hash: 0f3c
    kubernetes.io/config.mirror: 0f3c
    kubernetes.io/config.source: file
spec:
  nodeName: n1
  containers:
  - name: web
    image: nginx:1.14
status:
  phase: Running
  podIP: 172.16.244.7
  startTime: "2025-12-31T23:00:00Z"
  containerStatuses:
  - name: web
    ready: true
    started: true
    restartCount: 0
    image: docker.io/library/nginx:1.14
    imageID: ""
    containerID: containerd://def456
    state:
      running:
        startedAt: "2025-12-31T23:00:01Z"
`;
  importBoundPod(c, readInventory(capture('static-web-n1'), 'pods.yaml').entries[0]);
  importBoundPod(c, readInventory(capture('orphan-n1'), 'pods.yaml').entries[0]);
  c.settle();
  const mirror = c.store.get<Pod>('Pod', 'kube-system', 'static-web-n1')!;
  assert.equal(
    mirror.metadata.annotations!['kubernetes.io/config.mirror'],
    c.kubelets.get('n1').staticPodUid('kube-system', 'static-web-n1'),
  );
  assert.equal(mirror.status?.podIP, '172.16.244.7');
  assert.equal(mirror.status?.containerStatuses?.[0].containerID, 'containerd://def456');
  assert.deepEqual(
    c.events.for(mirror).map((e) => e.reason),
    [],
    'adopted, not started',
  );
  const orphan = c.store.get<Pod>('Pod', 'kube-system', 'orphan-n1')!;
  assert.equal(orphan.metadata.annotations!['kubernetes.io/config.mirror'], undefined);
  assert.equal(orphan.status?.phase, 'Running');
});

test('kubelet: a running container whose image changes is killed ("definition changed, will be restarted") and started again from the new image (computePodActions / containerChanged)', () => {
  const c = cluster();
  bare(c, 'web');
  c.settle();
  c.advance(10_000);
  c.store.mutate<Pod>('Pod', 'default', 'web', (p) => {
    p.spec.containers[0].image = 'nginx:1.27';
  });
  c.settle();
  c.advance(30_000);
  const s = get(c, 'web').status!.containerStatuses![0];
  assert.equal(state(c, 'web'), 'running restarts=1');
  assert.equal(s.image, 'docker.io/library/nginx:1.27');
  assert.equal(s.lastState?.terminated?.reason, 'Completed');
  assert.equal(s.lastState?.terminated?.exitCode, 0);
  // Created and Started repeat the first ones: the recorder counts them (x2)
  assert.deepEqual(
    c.events
      .for(get(c, 'web'))
      .map((e) => `${e.reason} x${e.count}: ${e.message!.replace(/ in [\d.]+m?s \(.*$/, ' …')}`),
    [
      'Pulled x1: Container image "nginx:1.14" already present on machine',
      'Created x2: Created container: nginx',
      'Started x2: Started container nginx',
      'Killing x1: Container nginx definition changed, will be restarted',
      'Pulling x1: Pulling image "nginx:1.27"',
      'Pulled x1: Successfully pulled image "nginx:1.27" …',
    ],
  );
});

test('kubelet: a container that is not running starts at once from a changed image, whatever the back-off of the old definition', () => {
  const c = cluster();
  bare(c, 'app', busybox(['false']));
  c.settle();
  c.advance(60_000);
  assert.match(state(c, 'app'), /^waiting:CrashLoopBackOff/);
  const before = get(c, 'app').status!.containerStatuses![0].restartCount;
  c.store.mutate<Pod>('Pod', 'default', 'app', (p) => {
    p.spec.containers[0].image = 'busybox:1.37';
    p.spec.containers[0].command = ['sleep', '3600'];
  });
  c.settle();
  c.advance(10_000);
  assert.equal(state(c, 'app'), `running restarts=${before + 1}`);
  assert.ok(!events(c, 'app').some((e) => e.includes('definition changed')));
});

test('a second delete with a shorter grace period ends a terminating pod sooner (BeforeDelete may only shorten it; pod_workers calculateEffectiveGracePeriod)', () => {
  const c = cluster();
  bare(c, 'sleeper', busybox(['sleep', '3600']));
  c.settle();
  const start = c.clock.now();
  c.api.delete('Pod', 'default', 'sleeper'); // 30 s: sleep ignores SIGTERM as PID 1
  c.advance(5000);
  const first = get(c, 'sleeper').metadata;
  assert.equal(first.deletionGracePeriodSeconds, 30);
  c.api.delete('Pod', 'default', 'sleeper', { gracePeriodSeconds: 60 }); // longer: no change
  assert.equal(get(c, 'sleeper').metadata.deletionTimestamp, first.deletionTimestamp);
  c.api.delete('Pod', 'default', 'sleeper', { gracePeriodSeconds: 1 });
  const m = get(c, 'sleeper').metadata;
  assert.equal(m.deletionGracePeriodSeconds, 1);
  assert.equal(Date.parse(m.deletionTimestamp!), start + 1000, 'moved back by the 29 s taken off');
  c.settle();
  assert.equal(c.store.get<Pod>('Pod', 'default', 'sleeper'), undefined, 'killed at the new deadline (already past)');
  assert.ok(c.clock.now() < start + 30_000);
});
