import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../api/types.ts';
import { behaviourOf, parseDuration, type Yield } from './behaviour.ts';
import { imageInfo, nginxRelease } from './imagecatalogue.ts';

/** Runs a behaviour to its end (or first forever) with DNS answering for `names`, collecting a trace. */
function trace(
  c: Partial<Container>,
  annotations: Record<string, string> = {},
  names: string[] = [],
  resolveAfterMs = Infinity,
): { trace: string[]; notModelled?: string; sigterm: boolean } {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', annotations },
    spec: { containers: [{ name: 'c', ...c }] },
  };
  const b = behaviourOf(pod, pod.spec.containers[0]);
  const out: string[] = [];
  let t = 0;
  const gen = b.run({ log: (l) => out.push(`log ${l}`), resolves: (n) => names.includes(n) || t >= resolveAfterMs });
  for (let i = 0; i < 50; i++) {
    const r = gen.next();
    if (r.done) {
      out.push(`exit ${r.value}`);
      break;
    }
    const y: Yield = r.value;
    if ('forever' in y) {
      out.push('forever');
      break;
    }
    out.push(`sleep ${y.sleepMs}`);
    t += y.sleepMs;
  }
  return { trace: out, notModelled: b.notModelled, sigterm: b.ignoresSigterm };
}

const TABLE: [string, Partial<Container>, string[], boolean][] = [
  ['busybox with no command exits 0 at once', { image: 'busybox' }, ['exit 0'], false],
  ['centos:7 with no command exits 0 at once', { image: 'centos:7' }, ['exit 0'], false],
  ['nginx:1.14 runs until stopped and logs nothing at start', { image: 'nginx:1.14' }, ['forever'], false],
  [
    'sleep N as PID 1 sleeps then exits 0 and ignores SIGTERM',
    { image: 'busybox', command: ['sleep', '3600'] },
    ['sleep 3600000', 'exit 0'],
    true,
  ],
  ['args-only sleep on centos', { image: 'centos:7', args: ['sleep', '100000'] }, ['sleep 100000000', 'exit 0'], true],
  [
    'sh -c echo && exit N',
    { image: 'busybox', command: ['sh', '-c', 'echo hello world && exit 3'] },
    ['log hello world', 'exit 3'],
    true,
  ],
  [
    'sh -c with ; runs every command',
    { image: 'busybox', command: ['sh', '-c', 'echo a; false; echo b'] },
    ['log a', 'log b', 'exit 0'],
    true,
  ],
  ['&& stops at a failure', { image: 'busybox', command: ['sh', '-c', 'false && echo never'] }, ['exit 1'], true],
  ['sleep infinity runs until stopped', { image: 'busybox', command: ['sleep', 'infinity'] }, ['forever'], true],
  [
    'while true loop logs every iteration',
    { image: 'busybox', command: ['sh', '-c', 'while true; do echo tick; sleep 5; done'] },
    ['log tick', 'sleep 5000', 'log tick', 'sleep 5000'],
    true,
  ],
  // `sleep 0` takes no time: like a loop that never sleeps, each round costs a second of virtual time instead of spinning
  [
    'while true loop around sleep 0 still moves on',
    { image: 'busybox', command: ['sh', '-c', 'while true; do sleep 0; done'] },
    ['sleep 0', 'sleep 1000', 'sleep 0', 'sleep 1000'],
    true,
  ],
];

for (const [name, c, expected, sigterm] of TABLE) {
  test(`container behaviour model: ${name}`, () => {
    const r = trace(c);
    assert.deepEqual(r.trace.slice(0, expected.length), expected);
    assert.equal(r.notModelled, undefined);
    assert.equal(r.sigterm, sigterm);
  });
}

test('container behaviour model: the docs init pattern `until nslookup myservice.$(cat …namespace).svc.cluster.local` loops (echo + sleep 2) until the name resolves, then exits 0', () => {
  const script =
    'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done';
  const r = trace({ image: 'busybox:1.28', command: ['sh', '-c', script] }, {}, [], 4000);
  assert.deepEqual(r.trace, [
    'log waiting for myservice',
    'sleep 2000',
    'log waiting for myservice',
    'sleep 2000',
    'exit 0',
  ]);
  const ok = trace({ image: 'busybox:1.28', command: ['sh', '-c', script] }, {}, [
    'myservice.default.svc.cluster.local',
  ]);
  assert.deepEqual(ok.trace, ['exit 0']);
});

test('container behaviour model: anything not understood (pipes, unknown programs) runs until stopped and is reported as not modelled', () => {
  const r = trace({ image: 'python:3', command: ['python', 'app.py'] });
  assert.deepEqual(r.trace, ['forever']);
  assert.equal(r.notModelled, 'python app.py');
  assert.equal(
    trace({ image: 'busybox', command: ['sh', '-c', 'cat /etc/hosts | grep x'] }).notModelled,
    'sh -c cat /etc/hosts | grep x',
  );
  assert.equal(trace({ image: 'myorg/unknown' }).notModelled, 'image myorg/unknown with its default command');
});

test('container behaviour model: annotations override the command — exit-code, run-duration, readiness-delay, memory, per container', () => {
  const r = trace({ image: 'nginx' }, { 'kube-scenarios.io/exit-code': '2', 'kube-scenarios.io/run-duration': '30s' });
  assert.deepEqual(r.trace, ['sleep 30000', 'exit 2']);
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      annotations: { 'kube-scenarios.io/memory.app': '0s=50Mi,20s=300Mi', 'kube-scenarios.io/readiness-delay': '15s' },
    },
    spec: { containers: [{ name: 'app' }, { name: 'other' }] },
  };
  const b = behaviourOf(pod, pod.spec.containers[0]);
  assert.deepEqual(b.memory, [
    { atMs: 0, bytes: 50 * 2 ** 20 },
    { atMs: 20_000, bytes: 300 * 2 ** 20 },
  ]);
  assert.equal(b.readinessDelayMs, 15_000);
  assert.deepEqual(behaviourOf(pod, pod.spec.containers[1]).memory, []);
  assert.deepEqual(
    behaviourOf(
      { ...pod, metadata: {} },
      {
        name: 'x',
        image: 'polinux/stress',
        command: ['stress'],
        args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
      },
    ).memory,
    [{ atMs: 0, bytes: 250 * 2 ** 20 }],
  );
});

test('container behaviour model: durations parse like Go (1h2m3s, 1.5s, 500ms, bare seconds)', () => {
  assert.deepEqual(['1h2m3s', '1.5s', '500ms', '10'].map(parseDuration), [3_723_000, 1500, 500, 10_000]);
  assert.throws(() => parseDuration('soon'), /invalid duration "soon"/);
});

test("image catalogue: an nginx tag has that release's ENV (docker-nginx Dockerfile of the release), a release line its last release", () => {
  const env = (image: string) => imageInfo(image)!.env.map(([k, v]) => `${k}=${v}`);
  assert.deepEqual(env('nginx:1.25'), [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'NGINX_VERSION=1.25.5',
    'NJS_VERSION=0.8.4',
    'NJS_RELEASE=3~bookworm',
    'PKG_RELEASE=1~bookworm',
  ]);
  assert.deepEqual(env('nginx:1.25.3').slice(1), [
    'NGINX_VERSION=1.25.3',
    'NJS_VERSION=0.8.2',
    'PKG_RELEASE=1~bookworm',
  ]);
  assert.deepEqual(env('docker.io/library/nginx:1.27').slice(1), [
    'NGINX_VERSION=1.27.5',
    'NJS_VERSION=0.8.10',
    'NJS_RELEASE=1~bookworm',
    'PKG_RELEASE=1~bookworm',
    'DYNPKG_RELEASE=1~bookworm',
  ]);
  assert.deepEqual(env('nginx:1.14').slice(1), [
    'NGINX_VERSION=1.14.2-1~stretch',
    'NJS_VERSION=1.14.2.0.2.6-1~stretch',
  ]);
  assert.deepEqual(env('nginx:1.21.6-perl').slice(1), [
    'NGINX_VERSION=1.21.6',
    'NJS_VERSION=0.7.3',
    'PKG_RELEASE=1~bullseye',
  ]);
  assert.equal(nginxRelease('latest'), '1.27.5');
  assert.equal(nginxRelease('1.26'), '1.26.3');
  assert.equal(nginxRelease('1.25.5-bookworm-perl'), '1.25.5');
  // a start-up log names the release
  assert.ok(imageInfo('nginx:1.25')!.startup!.some((l) => l.endsWith('nginx/1.25.5')));
});

test("image catalogue: an nginx tag the catalogue does not know (a later release, an Alpine variant) has no nginx variables rather than another release's", () => {
  for (const image of ['nginx:1.29.1', 'nginx:1.27-alpine', 'nginx:stable']) {
    assert.deepEqual(
      imageInfo(image)!.env,
      [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
      image,
    );
  }
  assert.ok(imageInfo('nginx:1.29.1')!.startup!.some((l) => l.endsWith('nginx/1.29.1')));
});
